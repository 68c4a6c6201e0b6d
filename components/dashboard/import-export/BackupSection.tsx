/** Back up: the full backup download, clients as CSV, and the backup reminder. */
import { useId, useState } from 'react';
import type { Settings } from '../../../lib/model';
import { exportBackup } from '../../../lib/backup/transfer';
import { clientsCsv } from '../../../lib/backup/clients-csv';
import { downloadText } from '../../../lib/backup/storage';
import { confirmBackupSaved, DOWNLOAD_STARTED, saveFullBackup } from '../../../lib/backup/download-backup';
import { backupOverdue } from '../../../lib/domain/backup-reminder';
import { Progress } from './Progress';
import { ReminderDays } from './ReminderDays';
import { call, counted } from './shared';
import { useRun } from './use-run';

export function BackupSection({ settings }: { settings: Settings | undefined }) {
  const id = useId();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const { busy, status, error, run } = useRun<'backup' | 'confirm' | 'csv'>(() => setProgress(null));
  /** A download Tend cannot follow: its data's time, until the user says they have the file. */
  const [unconfirmed, setUnconfirmed] = useState<string | null>(null);

  const backUp = () =>
    run('backup', async () => {
      setUnconfirmed(null);
      const saved = await saveFullBackup(call, (done, total) => setProgress({ done, total }));
      if (!saved) return 'No backup was made: the save dialog was closed.';
      if (!saved.written) {
        setUnconfirmed(saved.exportedAt);
        return `${DOWNLOAD_STARTED} When ${saved.fileName} is in your downloads, press “I have the file”.`;
      }
      return `Backup saved: ${counted(saved.clients, 'client')}, ${counted(saved.interactions, 'interaction')}, in ${saved.fileName}.`;
    });
  const confirmSaved = (exportedAt: string) =>
    run('confirm', async () => {
      await confirmBackupSaved(call, exportedAt);
      setUnconfirmed(null);
      return 'Noted: your last backup is the file you downloaded.';
    });
  const exportCsv = () =>
    run('csv', async () => {
      const { tables } = await exportBackup(call, { tables: ['clients'] });
      downloadText(clientsCsv(tables.clients), 'tend-clients.csv', 'text/csv;charset=utf-8');
      return `Exported ${counted(tables.clients.length, 'client')} as CSV.`;
    });

  const due = settings ? backupOverdue(settings, Date.now()) : false;
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Back up</h2>
      <p>A backup is one file with everything Tend keeps: clients, details, interactions, saved articles, referrals and settings. Keep it somewhere safe; you can restore it here, in this or another browser.</p>
      {settings && (
        <p className={due ? 'backup-reminder due' : 'backup-reminder'} role={due ? 'status' : undefined}>
          {settings.lastBackupAt === null
            ? 'You have not made a backup yet.'
            : `Last backup: ${new Date(settings.lastBackupAt).toLocaleDateString()}${due ? ` (more than ${settings.backupReminderDays} days ago)` : ''}.`}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={backUp} aria-disabled={busy !== null} disabled={busy !== null}>
          {busy === 'backup' ? 'Preparing backup…' : 'Download backup'}
        </button>
        <button type="button" onClick={exportCsv} disabled={busy !== null}>
          {busy === 'csv' ? 'Exporting…' : 'Export clients as CSV'}
        </button>
      </div>
      {unconfirmed && (
        <div className="actions">
          <button type="button" onClick={() => confirmSaved(unconfirmed)} disabled={busy !== null}>
            I have the file
          </button>
        </div>
      )}
      {progress && <Progress label="Reading your data" {...progress} />}
      {status && <p role="status">{status}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {settings && <ReminderDays days={settings.backupReminderDays} />}
    </section>
  );
}
