/**
 * After a "replace everything" restore: the copy of what was here before, kept by the
 * background in the restore's own transaction, offered until the next restore as
 * "Undo restore" (put it back) and "Download the data as it was" (a backup file of it).
 */
import { useCallback } from 'react';
import { send } from '../../../lib/messaging/send';
import { useLiveQuery } from '../../../lib/ui/live';
import { DOWNLOAD_STARTED, saveBackupText } from '../../../lib/backup/download-backup';
import { counted } from './shared';
import { useRun } from './use-run';

const pad = (value: number) => String(value).padStart(2, '0');
const fileName = (at: number) => {
  const day = new Date(at);
  return `tend-before-restore-${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}.json`;
};

export function SafetyCopy() {
  const copy = useLiveQuery(useCallback(() => send('restoreSafetyCopy', {}), []));
  const { busy, status, error, run } = useRun<'undo' | 'download'>();
  const value = 'value' in copy ? copy.value : null;

  const undo = () =>
    run('undo', async () => {
      const summary = await send('undoRestore', {});
      return `Restore undone: ${counted(summary.tables.clients.create, 'client')} and ${counted(summary.tables.interactions.create, 'interaction')} are back as they were before it.`;
    });
  const download = (at: number, parts: number) =>
    run('download', async () => {
      const saved = await saveBackupText(async () => {
        const pieces: string[] = [];
        for (let index = 0; index < parts; index += 1) pieces.push((await send('restoreSafetyCopyPart', { index })).text);
        return pieces.join('');
      }, fileName(at));
      if (!saved) return 'Nothing was saved: the save dialog was closed.';
      return saved.written ? `The data as it was is saved in ${saved.fileName}.` : DOWNLOAD_STARTED;
    });

  if (!value && !status && !error) return null;
  return (
    <div className="safety-copy" role="region" aria-label="Before the last restore">
      {value && (
        <>
          <p>
            Before the last restore ({new Date(value.at).toLocaleString()}), Tend kept a copy of what was here: {counted(value.counts.clients, 'client')},{' '}
            {counted(value.counts.interactions, 'interaction')}. It is kept until the next restore. Undo restore puts it back (anything changed since the restore is
            replaced too).
          </p>
          <div className="actions">
            <button type="button" onClick={undo} disabled={busy !== null}>
              {busy === 'undo' ? 'Undoing…' : 'Undo restore'}
            </button>
            <button type="button" onClick={() => download(value.at, value.parts)} disabled={busy !== null}>
              {busy === 'download' ? 'Preparing…' : 'Download the data as it was'}
            </button>
          </div>
        </>
      )}
      {status && <p role="status">{status}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
