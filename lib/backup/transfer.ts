/**
 * The page's half of export and restore: a backup travels to and from the
 * background in chunks (see lib/messaging/protocol-backup.ts). `call` is `send` in
 * the dashboard and the handlers themselves in unit tests.
 */
import type { MessageInput, MessageName, MessageReply } from '../messaging/protocol';
import { BACKUP_CHUNK_ROWS, BACKUP_TEXT_CHUNK } from '../messaging/protocol-backup';
import { BACKUP_FORMAT, BACKUP_VERSION, TABLES, emptyTables, type Backup, type TableName } from './format';

export type Call = <K extends MessageName>(name: K, data: MessageInput<K>) => Promise<MessageReply<K>>;
export type Progress = (done: number, total: number) => void;

/**
 * Reads the tables (all, or those named) chunk by chunk. Nothing is recorded here: a
 * backup counts once its file exists (lib/backup/download-backup.ts).
 */
export async function exportBackup(call: Call, options: { tables?: TableName[]; onProgress?: Progress } = {}): Promise<Backup> {
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
  await call('backupExportFinish', { token: start.token, recordBackup: false });
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: start.exportedAt, schemaVersion: start.schemaVersion, tables };
}

/**
 * Sends a backup file's text to the background, which reads and validates it.
 * Returns the session to preview or restore, and what the preview shows of the file.
 */
export async function stageBackup(call: Call, text: string, onProgress?: Progress): Promise<{ session: string } & MessageReply<'restoreRead'>> {
  const session = crypto.randomUUID();
  let index = 0;
  // An empty text is still sent: the background then says what is wrong with it.
  for (let offset = 0; offset === 0 || offset < text.length; offset += BACKUP_TEXT_CHUNK) {
    await call('restoreUpload', { session, index, text: text.slice(offset, offset + BACKUP_TEXT_CHUNK) });
    index += 1;
    onProgress?.(Math.min(offset + BACKUP_TEXT_CHUNK, text.length), text.length);
  }
  return { session, ...(await call('restoreRead', { session })) };
}

export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `tend-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
