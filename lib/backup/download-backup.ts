/**
 * "Back up now": every table read from the background in chunks, saved as one
 * JSON file through the browser's downloads. Used by the Import & backup view and
 * by Today's reminder.
 */
import { backupText } from './format';
import { backupFileName, exportBackup, type Call, type Progress } from './transfer';
import { downloadText } from './storage';

export async function downloadFullBackup(call: Call, onProgress?: Progress): Promise<{ clients: number; interactions: number }> {
  const backup = await exportBackup(call, { onProgress });
  downloadText(backupText(backup), backupFileName(new Date()), 'application/json');
  return { clients: backup.tables.clients.length, interactions: backup.tables.interactions.length };
}
