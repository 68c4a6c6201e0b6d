/**
 * "Back up now": every table read from the background in chunks, saved as one JSON
 * file. Used by the Import & backup view and by Today's reminder.
 *
 * "Last backup" means a file exists. Where the browser has the File System Access
 * save picker (Chromium), the user picks the file first (the picker needs the click's
 * activation, so before anything is read), Tend writes it, and only once the write has
 * closed is the backup recorded. Elsewhere (Firefox) the file goes out through
 * `<a download>`, which says nothing about whether it was saved: nothing is recorded
 * until the user says they have the file (`confirmBackupSaved`).
 */
import type { MessageReply } from '../messaging/protocol';
import { backupText } from './format';
import { backupFileName, exportBackup, type Call, type Progress } from './transfer';
import { downloadText } from './storage';

export interface SavedBackup {
  clients: number;
  interactions: number;
  /** When the data in the file was read (the backup's exportedAt). */
  exportedAt: string;
  fileName: string;
  /** True: written through the save picker, and recorded. False: a download was started; nothing recorded. */
  written: boolean;
}

/** The part of the File System Access API Tend uses (not in TypeScript's DOM types yet). */
export interface SaveFileHandle {
  name: string;
  createWritable(): Promise<{ write(data: Blob | string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }>;
}
type SaveFilePicker = (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<SaveFileHandle>;

/** The save picker where the browser has one. */
function savePicker(): SaveFilePicker | null {
  const picker = (globalThis as { showSaveFilePicker?: SaveFilePicker }).showSaveFilePicker;
  return typeof picker === 'function' ? picker.bind(globalThis) : null;
}

/** Where a file goes: a file the user picked, or (null) a download. */
type Target = { handle: SaveFileHandle | null };

/** Asks where to save where the browser can; null when the user closed the dialog. Call it first, at the click. */
async function chooseTarget(suggestedName: string): Promise<Target | null> {
  const picker = savePicker();
  if (!picker) return { handle: null };
  try {
    return { handle: await picker({ suggestedName, types: [{ description: 'Tend backup', accept: { 'application/json': ['.json'] } }] }) };
  } catch (error) {
    if ((error as { name?: unknown })?.name === 'AbortError') return null;
    // Refused for another reason (no user activation, a policy): the download still works.
    return { handle: null };
  }
}

/** Writes the text to the target; `written` only once the file is closed (a download is only started). */
async function writeTarget(target: Target, text: string, suggestedName: string): Promise<{ fileName: string; written: boolean }> {
  const { handle } = target;
  if (!handle) {
    downloadText(text, suggestedName, 'application/json');
    return { fileName: suggestedName, written: false };
  }
  const writable = await handle.createWritable();
  try {
    await writable.write(new Blob([text], { type: 'application/json' }));
    // The file exists once close resolves (the browser moves the written data into place).
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => {});
    throw error;
  }
  return { fileName: handle.name, written: true };
}

/**
 * Asks where to save (where the browser can), reads every table, and saves the file.
 * Null when the user cancelled the picker: nothing was read or saved.
 */
export async function saveFullBackup(call: Call, onProgress?: Progress): Promise<SavedBackup | null> {
  const suggestedName = backupFileName(new Date());
  const target = await chooseTarget(suggestedName);
  if (!target) return null;
  const backup = await exportBackup(call, { onProgress });
  const file = await writeTarget(target, backupText(backup), suggestedName);
  if (file.written) await confirmBackupSaved(call, backup.exportedAt);
  return { clients: backup.tables.clients.length, interactions: backup.tables.interactions.length, exportedAt: backup.exportedAt, ...file };
}

/**
 * Saves a backup file's text that `read` fetches (after the picker, which needs the
 * click), the same way as a full backup, but records nothing: e.g. the data as it was
 * before a restore. Null when the user cancelled.
 */
export async function saveBackupText(read: () => Promise<string>, suggestedName: string): Promise<{ fileName: string; written: boolean } | null> {
  const target = await chooseTarget(suggestedName);
  if (!target) return null;
  return writeTarget(target, await read(), suggestedName);
}

/** Records a backup whose file exists (written, or the user says they have it) for the reminder. */
export function confirmBackupSaved(call: Call, exportedAt: string): Promise<MessageReply<'backupSaved'>> {
  return call('backupSaved', { exportedAt });
}

/** What the page says after a download it cannot follow. */
export const DOWNLOAD_STARTED = 'Download started — Tend cannot see whether it was saved.';
