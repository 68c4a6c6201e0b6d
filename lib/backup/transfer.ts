/**
 * The page's half of export and restore: a backup travels to and from the
 * background in chunks (see lib/messaging/protocol-backup.ts). `call` is `send` in
 * the dashboard and the handlers themselves in unit tests.
 */
import type { MessageInput, MessageName } from '../messaging/protocol';
import type { Outputs } from '../background/handlers';
import { BACKUP_CHUNK_ROWS } from '../messaging/protocol-backup';
import { BACKUP_FORMAT, BACKUP_VERSION, TABLES, emptyTables, type Backup, type BackupTables, type TableName } from './format';

export type Call = <K extends MessageName>(name: K, data: MessageInput<K>) => Promise<Outputs[K]>;
export type Progress = (done: number, total: number) => void;

/** Reads the tables (all: a full backup, recorded for the reminder) chunk by chunk. */
export async function exportBackup(call: Call, options: { tables?: TableName[]; onProgress?: Progress } = {}): Promise<Backup> {
  const full = !options.tables;
  const start = await call('backupExportStart', { tables: options.tables });
  const tables = emptyTables();
  const total = Object.values(start.counts).reduce((a, b) => a + (b ?? 0), 0);
  let done = 0;
  try {
    for (const table of options.tables ?? TABLES) {
      const count = start.counts[table] ?? 0;
      for (let offset = 0; offset < count; offset += BACKUP_CHUNK_ROWS) {
        const { rows } = await call('backupExportChunk', { token: start.token, table, offset, limit: BACKUP_CHUNK_ROWS });
        (tables[table] as unknown[]).push(...rows);
        done += rows.length;
        options.onProgress?.(done, total);
      }
    }
  } catch (error) {
    await call('backupExportFinish', { token: start.token, recordBackup: false }).catch(() => {});
    throw error;
  }
  // Recorded once the page holds every row; the download itself follows at once.
  await call('backupExportFinish', { token: start.token, recordBackup: full });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: start.exportedAt, schemaVersion: start.schemaVersion, tables };
}

/** Sends a validated backup's rows to the background; returns the session to preview or restore. */
export async function stageBackup(call: Call, tables: BackupTables, onProgress?: Progress): Promise<string> {
  const session = crypto.randomUUID();
  const total = TABLES.reduce((sum, t) => sum + tables[t].length, 0);
  let done = 0;
  // An empty backup still opens a session (a replace with it empties the profile).
  await call('restoreStage', { session, table: 'settings', rows: [] });
  for (const table of TABLES) {
    const rows = tables[table] as unknown[];
    for (let offset = 0; offset < rows.length; offset += BACKUP_CHUNK_ROWS) {
      const chunk = rows.slice(offset, offset + BACKUP_CHUNK_ROWS);
      await call('restoreStage', { session, table, rows: chunk } as MessageInput<'restoreStage'>);
      done += chunk.length;
      onProgress?.(done, total);
    }
  }
  return session;
}

export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tend-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
