/**
 * Restore a backup: the file is staged and checked by the background, a dry run in the
 * chosen mode (merge or replace) says what will change, the restore is written on confirm.
 */
import { useEffect, useId, useState } from 'react';
import { send } from '../../../lib/messaging/send';
import type { RestoreSummary } from '../../../lib/messaging/protocol-backup';
import { MAX_BACKUP_BYTES } from '../../../lib/backup/decode';
import { TABLES, type BackupReport } from '../../../lib/backup/format';
import { stageBackup } from '../../../lib/backup/transfer';
import { committedSummary, ImportFlowView, PreviewFrame, useImportFlow, type ReadFile } from './import-flow';
import { SafetyCopy } from './SafetyCopy';
import { call, counted, message, n, readFile, TABLE_LABELS, yieldToUi } from './shared';

type Mode = 'merge' | 'replace';

interface BackupPreview {
  session: string;
  report: BackupReport;
  exportedAt: string;
  fileName: string;
  /** The dry run in the chosen mode, null until it is back. */
  summary: RestoreSummary | null;
  error: string | null;
}

const readBackup: ReadFile<BackupPreview> = async (file, progress) => {
  const decoded = await readFile(file, MAX_BACKUP_BYTES);
  await yieldToUi();
  // The background reads and validates the file, where it is written.
  const mb = (chars: number) => Math.ceil(chars / 1_000_000);
  const { session, report, exportedAt } = await stageBackup(call, decoded.text, (done, total) => progress(mb(done), mb(total)));
  return { session, report, exportedAt, fileName: file.name, summary: null, error: null };
};

function describeRestore(summary: RestoreSummary): string[] {
  return TABLES.filter((t) => t !== 'settings').map((table) => {
    const c = summary.tables[table];
    const parts = [`${n(c.create)} added`];
    if (summary.mode === 'merge') parts.push(`${n(c.update)} updated`, `${n(c.keep)} kept as they are here`);
    if (c.skip) parts.push(`${n(c.skip)} skipped`);
    if (summary.mode === 'replace') parts.push(`${n(c.remove)} now here removed`);
    return `${TABLE_LABELS[table]}: ${parts.join(', ')}`;
  });
}

export function RestoreSection() {
  const id = useId();
  const flow = useImportFlow<BackupPreview, RestoreSummary>(readBackup, 'Nothing was restored.', committedSummary<RestoreSummary>);
  const [mode, setMode] = useState<Mode>('merge');
  const session = flow.state.step === 'preview' ? flow.state.preview.session : null;
  const { updatePreview } = flow;

  useEffect(() => {
    if (!session) return;
    let live = true;
    send('restoreBackup', { session, mode, dryRun: true }).then(
      (summary) => live && updatePreview((p) => ({ ...p, summary, error: null })),
      (failure) => live && updatePreview((p) => ({ ...p, summary: null, error: message(failure) })),
    );
    return () => {
      live = false;
    };
  }, [session, mode, updatePreview]);

  const confirm = () => flow.confirm((preview, op) => send('restoreBackup', { session: preview.session, mode, dryRun: false, op }));

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Restore a backup</h2>
      <p>Merge adds what is missing and keeps the newer version of anything edited in both places. Replace deletes everything here first (keeping a copy you can put back with Undo restore until the next restore), then restores the backup as it was.</p>
      <ImportFlowView
        flow={flow}
        fileLabel="Backup file (.json)"
        accept=".json,application/json"
        progressLabel="Checking the backup"
        progressUnit=" MB"
        preview={(preview) => (
          <BackupPreviewView preview={preview} mode={mode} setMode={setMode} radioName={`${id}-mode`} onConfirm={confirm} onCancel={flow.cancel} />
        )}
        writing={() => 'Restoring…'}
        reportClass="restore-done"
        report={(summary) => (
          <>
            Restored: {counted(summary.tables.clients.create + summary.tables.clients.update, 'client')} and{' '}
            {counted(summary.tables.interactions.create + summary.tables.interactions.update, 'interaction')} written.
          </>
        )}
      />
      <SafetyCopy />
    </section>
  );
}

function BackupPreviewView({
  preview,
  mode,
  setMode,
  radioName,
  onConfirm,
  onCancel,
}: {
  preview: BackupPreview;
  mode: Mode;
  setMode: (mode: Mode) => void;
  radioName: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { report, summary, error } = preview;
  const ready = summary !== null && summary.mode === mode;
  return (
    <PreviewFrame
      label="Restore preview"
      confirmText={mode === 'replace' ? 'Replace everything with this backup' : 'Restore (merge)'}
      confirmClass={mode === 'replace' ? 'danger' : 'primary'}
      confirmDisabled={!ready}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {preview.fileName}
        {preview.exportedAt ? `, made ${new Date(preview.exportedAt).toLocaleString()}` : ''}:{' '}
        {TABLES.filter((t) => t !== 'settings').map((t) => `${n(report.counts[t])} ${TABLE_LABELS[t]}`).join(', ')}.
      </p>
      {(report.unknownFields.length > 0 || report.droppedKeys > 0 || report.droppedSettings.length > 0 || report.droppedUrls.length > 0) && (
        <ul className="skips">
          {report.unknownFields.length > 0 && <li>Fields Tend does not know, left out: {report.unknownFields.join(', ')}</li>}
          {report.droppedKeys > 0 && <li>{n(report.droppedKeys)} unsafe keys (__proto__, constructor) left out</li>}
          {report.droppedSettings.length > 0 && <li>Settings left out: {report.droppedSettings.join(', ')}</li>}
          {report.droppedUrls.map((line) => (
            <li key={line}>Unsafe addresses: {line}</li>
          ))}
        </ul>
      )}
      <fieldset className="mode">
        <legend>How to restore</legend>
        <label className="check">
          <input type="radio" name={radioName} checked={mode === 'merge'} onChange={() => setMode('merge')} /> Merge with what is here
        </label>
        <label className="check">
          <input type="radio" name={radioName} checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace everything here
        </label>
      </fieldset>
      {error && <p className="error" role="alert">{error}</p>}
      {ready ? (
        <ul className="preview-counts" aria-label="What the restore will do">
          {describeRestore(summary).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {summary.skipped.map((line) => (
            <li key={line}>Skipped: {line}</li>
          ))}
        </ul>
      ) : (
        !error && <p>Working out what will change…</p>
      )}
    </PreviewFrame>
  );
}
