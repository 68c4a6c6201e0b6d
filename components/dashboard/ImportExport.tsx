/**
 * Import & backup (#backup): contacts from Google / Outlook CSV or vCard, full
 * backups as one JSON file, restore (merge or replace), clients as CSV, the backup
 * reminder, storage use, and deleting all data. Files are read and checked here, in
 * the page (in chunks, yielding to the UI); every write is the background's, in one
 * transaction.
 */
import { useCallback, useEffect, useId, useState, type ChangeEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import type { Settings, Tier } from '../../lib/model';
import type { ImportSummary, RestoreSummary } from '../../lib/messaging/protocol-backup';
import { decodeText, MAX_BACKUP_BYTES, tooLargeMessage, type DecodedText } from '../../lib/backup/decode';
import { createPreparer, SKIP_LABELS, type Prepared } from '../../lib/backup/contacts';
import { looksLikeBackup, readContactsFile, SOURCE_LABELS, type ContactsFile } from '../../lib/backup/import-file';
import { TABLES, type BackupReport, type TableName } from '../../lib/backup/format';
import { exportBackup, stageBackup, type Call } from '../../lib/backup/transfer';
import { clientsCsv } from '../../lib/backup/clients-csv';
import { downloadText, formatBytes, storageEstimate } from '../../lib/backup/storage';
import { DELETE_ALL_CONFIRMATION } from '../../lib/messaging/protocol-backup';
import { downloadFullBackup } from '../../lib/backup/download-backup';
import { backupOverdue } from '../../lib/domain/backup-reminder';
import './ImportExport.css';

const call = send as Call;
const CHUNK = 500;
const SKIPS_SHOWN = 100;
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const n = (count: number) => count.toLocaleString('en');
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const TABLE_LABELS: Record<TableName, string> = {
  clients: 'clients',
  details: 'details',
  interactions: 'interactions',
  resources: 'saved articles',
  referrals: 'referrals',
  followUps: 'follow-ups',
  settings: 'settings',
};

async function readFile(file: File, limit?: number): Promise<DecodedText> {
  const tooLarge = tooLargeMessage(file.size, limit);
  if (tooLarge) throw new Error(tooLarge);
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}

export function ImportExport() {
  const settings = useLiveQuery(useCallback(() => send('getSettings', {}), []));
  const value = 'value' in settings ? settings.value : undefined;
  return (
    <div className="import-export">
      <BackupSection settings={value} />
      <ImportSection />
      <RestoreSection />
      <StorageSection />
      <DeleteAllSection />
    </div>
  );
}

function Progress({ label, done, total, unit = '' }: { label: string; done: number; total: number; unit?: string }) {
  return (
    <div className="progress-line">
      <progress value={done} max={Math.max(total, 1)} aria-label={label} />
      <span>
        {label}: {n(done)} of {n(total)}
        {unit}
      </span>
    </div>
  );
}

// ---------------------------------------------------------------------------------
// Backup, CSV export and the reminder
// ---------------------------------------------------------------------------------

function BackupSection({ settings }: { settings: Settings | undefined }) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (failure) {
      setError(message(failure));
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };
  const backUp = () =>
    run('backup', async () => {
      const saved = await downloadFullBackup(call, (done, total) => setProgress({ done, total }));
      return `Backup saved: ${n(saved.clients)} clients, ${n(saved.interactions)} interactions.`;
    });
  const exportCsv = () =>
    run('csv', async () => {
      const { tables } = await exportBackup(call, { tables: ['clients'] });
      downloadText(clientsCsv(tables.clients), 'tend-clients.csv', 'text/csv;charset=utf-8');
      return `Exported ${n(tables.clients.length)} clients as CSV.`;
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
      {progress && <Progress label="Reading your data" {...progress} />}
      {status && <p role="status">{status}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {settings && <ReminderDays days={settings.backupReminderDays} />}
    </section>
  );
}

function ReminderDays({ days }: { days: number }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const options = [...new Set([7, 14, 30, 60, 90, days])].sort((a, b) => a - b);
  const change = (event: ChangeEvent<HTMLSelectElement>) => {
    setError(null);
    send('setBackupReminder', { days: Number(event.target.value) }).catch((failure) => setError(message(failure)));
  };
  return (
    <div className="check">
      <label htmlFor={id}>Remind me to back up every</label>
      <select id={id} value={days} onChange={change}>
        {options.map((d) => (
          <option key={d} value={d}>
            {d} days
          </option>
        ))}
      </select>
      {error && <span className="error" role="alert">{error}</span>}
    </div>
  );
}

// ---------------------------------------------------------------------------------
// Import contacts
// ---------------------------------------------------------------------------------

type ImportState =
  | { step: 'idle' }
  | { step: 'reading'; done: number; total: number }
  | { step: 'preview'; file: ContactsFile; prepared: Prepared; summary: ImportSummary; encoding: string; fileName: string }
  | { step: 'importing'; count: number }
  | { step: 'done'; summary: ImportSummary }
  | { step: 'error'; error: string };

const TIER_OPTIONS: { tier: Tier; label: string }[] = [
  { tier: 'none', label: 'None (no check-ins)' },
  { tier: 'occasional', label: 'Occasional' },
  { tier: 'active', label: 'Active' },
  { tier: 'key', label: 'Key' },
];

function ImportSection() {
  const id = useId();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const [tier, setTier] = useState<Tier>('none');
  const [inputKey, setInputKey] = useState(0);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      setState({ step: 'reading', done: 0, total: 0 });
      const decoded = await readFile(file);
      if (looksLikeBackup(decoded.text)) throw new Error('This is a JSON file, perhaps a Tend backup: restore it under “Restore a backup” below.');
      const contacts = readContactsFile(decoded.text);
      const preparer = createPreparer(new Date());
      for (let i = 0; i < contacts.drafts.length; i += CHUNK) {
        for (const draft of contacts.drafts.slice(i, i + CHUNK)) preparer.add(draft);
        setState({ step: 'reading', done: Math.min(i + CHUNK, contacts.drafts.length), total: contacts.drafts.length });
        await yieldToUi();
      }
      const prepared = preparer.result();
      const summary = await send('importContacts', { rows: prepared.rows, tier: 'none', dryRun: true });
      setState({ step: 'preview', file: contacts, prepared, summary, encoding: decoded.encoding, fileName: file.name });
    } catch (failure) {
      setState({ step: 'error', error: message(failure) });
    }
  };
  const confirm = async () => {
    if (state.step !== 'preview') return;
    const rows = state.prepared.rows;
    setState({ step: 'importing', count: rows.length });
    try {
      const summary = await send('importContacts', { rows, tier, dryRun: false });
      setState({ step: 'done', summary });
      setInputKey((k) => k + 1);
    } catch (failure) {
      setState({ step: 'error', error: `${message(failure)} Nothing was imported.` });
    }
  };
  const cancel = () => {
    setState({ step: 'idle' });
    setInputKey((k) => k + 1);
  };

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import contacts</h2>
      <p>From Google Contacts (Export, “Google CSV”), Outlook (Export contacts, CSV) or any vCard (.vcf) file. You see what will happen before anything is saved.</p>
      <label className="file-pick">
        <span>Contacts file (CSV or vCard)</span>
        <input key={inputKey} type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard" onChange={choose} disabled={state.step === 'reading' || state.step === 'importing'} />
      </label>
      {state.step === 'reading' && <Progress label="Reading contacts" done={state.done} total={state.total} />}
      {state.step === 'error' && <p className="error" role="alert">{state.error}</p>}
      {state.step === 'preview' && (
        <ImportPreview state={state} tier={tier} setTier={setTier} onConfirm={confirm} onCancel={cancel} />
      )}
      {state.step === 'importing' && <p role="status">Importing {n(state.count)} contacts…</p>}
      {state.step === 'done' && (
        <p role="status" className="import-done">
          Imported: {n(state.summary.created)} new clients, {n(state.summary.updated)} updated
          {state.summary.skipped.length ? `, ${n(state.summary.skipped.length)} skipped` : ''}.
        </p>
      )}
    </section>
  );
}

function ImportPreview({
  state,
  tier,
  setTier,
  onConfirm,
  onCancel,
}: {
  state: Extract<ImportState, { step: 'preview' }>;
  tier: Tier;
  setTier: (tier: Tier) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { summary, prepared, file } = state;
  const skips = [
    ...prepared.skipped.map((s) => ({ row: s.row, name: s.name, detail: `${s.detail} (${SKIP_LABELS[s.reason]})` })),
    ...summary.skipped,
  ].sort((a, b) => a.row - b.row);
  const writes = summary.created + summary.updated;
  return (
    <div className="preview" role="region" aria-label="Import preview">
      <p>
        {state.fileName}: {SOURCE_LABELS[file.source]}, {n(file.drafts.length)} contacts
        {state.encoding === 'windows-1252' ? ' (read as Windows-1252 / Latin-1 text)' : ''}.
      </p>
      <ul className="preview-counts">
        <li>
          <strong>{n(summary.created)}</strong> new clients
        </li>
        <li>
          <strong>{n(summary.updated)}</strong> existing clients updated (matched by address)
        </li>
        {summary.unchanged > 0 && (
          <li>
            <strong>{n(summary.unchanged)}</strong> already up to date
          </li>
        )}
        <li>
          <strong>{n(skips.length)}</strong> skipped
        </li>
        {(summary.birthdays > 0 || summary.notes > 0) && (
          <li>
            {n(summary.birthdays)} birthdays (as yearly details) and {n(summary.notes)} notes (as private notes in the timeline)
          </li>
        )}
      </ul>
      {skips.length > 0 && (
        <details open={skips.length <= 10}>
          <summary>Why rows are skipped</summary>
          <ul className="skips">
            {skips.slice(0, SKIPS_SHOWN).map((s) => (
              <li key={`${s.row}-${s.detail}`}>
                Row {s.row} ({s.name}): {s.detail}
              </li>
            ))}
            {skips.length > SKIPS_SHOWN && <li>…and {n(skips.length - SKIPS_SHOWN)} more</li>}
          </ul>
        </details>
      )}
      {(prepared.warnings.length > 0 || file.ignoredColumns.length > 0) && (
        <details>
          <summary>Notes on this file</summary>
          <ul className="skips">
            {prepared.warnings.slice(0, SKIPS_SHOWN).map((w) => (
              <li key={w}>{w}</li>
            ))}
            {file.ignoredColumns.length > 0 && <li>Columns not imported: {file.ignoredColumns.join(', ')}</li>}
          </ul>
        </details>
      )}
      <div className="check">
        <label htmlFor={id}>Tier for new clients</label>
        <select id={id} value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
          {TIER_OPTIONS.map((option) => (
            <option key={option.tier} value={option.tier}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" className="primary" onClick={onConfirm} disabled={writes === 0}>
          {writes === 0 ? 'Nothing to import' : `Import ${n(writes)} contacts`}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------

type RestoreState =
  | { step: 'idle' }
  | { step: 'reading'; done: number; total: number }
  | { step: 'preview'; session: string; report: BackupReport; exportedAt: string; fileName: string; summary: RestoreSummary | null; error: string | null }
  | { step: 'restoring' }
  | { step: 'done'; summary: RestoreSummary }
  | { step: 'error'; error: string };

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

function RestoreSection() {
  const id = useId();
  const [state, setState] = useState<RestoreState>({ step: 'idle' });
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const [inputKey, setInputKey] = useState(0);
  const session = state.step === 'preview' ? state.session : null;

  useEffect(() => {
    if (!session) return;
    let live = true;
    send('restoreBackup', { session, mode, dryRun: true }).then(
      (summary) => live && setState((s) => (s.step === 'preview' ? { ...s, summary, error: null } : s)),
      (failure) => live && setState((s) => (s.step === 'preview' ? { ...s, summary: null, error: message(failure) } : s)),
    );
    return () => {
      live = false;
    };
  }, [session, mode]);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      setState({ step: 'reading', done: 0, total: 0 });
      const decoded = await readFile(file, MAX_BACKUP_BYTES);
      await yieldToUi();
      // The background reads and validates the file, where it is written.
      const mb = (chars: number) => Math.ceil(chars / 1_000_000);
      const { session, report, exportedAt } = await stageBackup(call, decoded.text, (done, total) => setState({ step: 'reading', done: mb(done), total: mb(total) }));
      setState({ step: 'preview', session, report, exportedAt, fileName: file.name, summary: null, error: null });
    } catch (failure) {
      setState({ step: 'error', error: message(failure) });
    }
  };
  const confirm = async () => {
    if (state.step !== 'preview') return;
    const { session } = state;
    setState({ step: 'restoring' });
    try {
      const summary = await send('restoreBackup', { session, mode, dryRun: false });
      setState({ step: 'done', summary });
      setInputKey((k) => k + 1);
    } catch (failure) {
      setState({ step: 'error', error: `${message(failure)} Nothing was restored.` });
    }
  };

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Restore a backup</h2>
      <p>Merge adds what is missing and keeps the newer version of anything edited in both places. Replace deletes everything here first, then restores the backup as it was.</p>
      <label className="file-pick">
        <span>Backup file (.json)</span>
        <input key={inputKey} type="file" accept=".json,application/json" onChange={choose} disabled={state.step === 'reading' || state.step === 'restoring'} />
      </label>
      {state.step === 'reading' && <Progress label="Checking the backup" done={state.done} total={state.total} unit=" MB" />}
      {state.step === 'error' && <p className="error" role="alert">{state.error}</p>}
      {state.step === 'preview' && (
        <div className="preview" role="region" aria-label="Restore preview">
          <p>
            {state.fileName}
            {state.exportedAt ? `, made ${new Date(state.exportedAt).toLocaleString()}` : ''}:{' '}
            {TABLES.filter((t) => t !== 'settings').map((t) => `${n(state.report.counts[t])} ${TABLE_LABELS[t]}`).join(', ')}.
          </p>
          {(state.report.unknownFields.length > 0 || state.report.droppedKeys > 0 || state.report.droppedSettings.length > 0 || state.report.droppedUrls.length > 0) && (
            <ul className="skips">
              {state.report.unknownFields.length > 0 && <li>Fields Tend does not know, left out: {state.report.unknownFields.join(', ')}</li>}
              {state.report.droppedKeys > 0 && <li>{n(state.report.droppedKeys)} unsafe keys (__proto__, constructor) left out</li>}
              {state.report.droppedSettings.length > 0 && <li>Settings left out: {state.report.droppedSettings.join(', ')}</li>}
              {state.report.droppedUrls.map((line) => (
                <li key={line}>Unsafe addresses: {line}</li>
              ))}
            </ul>
          )}
          <fieldset className="mode">
            <legend>How to restore</legend>
            <label className="check">
              <input type="radio" name={`${id}-mode`} checked={mode === 'merge'} onChange={() => setMode('merge')} /> Merge with what is here
            </label>
            <label className="check">
              <input type="radio" name={`${id}-mode`} checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace everything here
            </label>
          </fieldset>
          {state.error && <p className="error" role="alert">{state.error}</p>}
          {state.summary && state.summary.mode === mode ? (
            <ul className="preview-counts" aria-label="What the restore will do">
              {describeRestore(state.summary).map((line) => (
                <li key={line}>{line}</li>
              ))}
              {state.summary.skipped.map((line) => (
                <li key={line}>Skipped: {line}</li>
              ))}
            </ul>
          ) : (
            !state.error && <p>Working out what will change…</p>
          )}
          <div className="actions">
            <button type="button" className={mode === 'replace' ? 'danger' : 'primary'} onClick={confirm} disabled={!state.summary || state.summary.mode !== mode}>
              {mode === 'replace' ? 'Replace everything with this backup' : 'Restore (merge)'}
            </button>
            <button type="button" onClick={() => (setState({ step: 'idle' }), setInputKey((k) => k + 1))}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {state.step === 'restoring' && <p role="status">Restoring…</p>}
      {state.step === 'done' && (
        <p role="status" className="restore-done">
          Restored: {n(state.summary.tables.clients.create + state.summary.tables.clients.update)} clients and{' '}
          {n(state.summary.tables.interactions.create + state.summary.tables.interactions.update)} interactions written.
        </p>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------
// Storage and deleting everything
// ---------------------------------------------------------------------------------

function StorageSection() {
  const id = useId();
  const [estimate, setEstimate] = useState<Awaited<ReturnType<typeof storageEstimate>> | undefined>(undefined);
  useEffect(() => {
    void storageEstimate().then(setEstimate);
  }, []);
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Storage</h2>
      {estimate === undefined && <p>Measuring…</p>}
      {estimate === null && <p>This browser does not say how much space Tend uses.</p>}
      {estimate && (
        <p>
          Tend uses {formatBytes(estimate.usage)} on this computer
          {estimate.quota ? ` (of ${formatBytes(estimate.quota)} the browser allows)` : ''}.{' '}
          {estimate.persisted
            ? 'The browser keeps it even when disk space runs low.'
            : 'The browser has not promised to keep it when disk space runs low: make backups.'}
        </p>
      )}
    </section>
  );
}

function DeleteAllSection() {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await send('deleteAllData', { confirm: DELETE_ALL_CONFIRMATION });
      setStatus('All of Tend’s data on this computer is deleted.');
      setAsking(false);
    } catch (failure) {
      setError(message(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="settings-section danger-zone" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Delete all data</h2>
      <p>Deletes every client, detail, interaction, saved article, referral and setting from this browser. It cannot be undone; download a backup first.</p>
      {!asking ? (
        <div className="actions">
          <button type="button" className="danger" onClick={() => (setAsking(true), setStatus(null))}>
            Delete all data…
          </button>
        </div>
      ) : (
        <div className="actions confirm" role="group" aria-label="Confirm deleting all data">
          <span>Delete everything Tend keeps in this browser?</span>
          <button type="button" className="danger" onClick={remove} disabled={busy}>
            {busy ? 'Deleting…' : 'Yes, delete everything'}
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            Keep my data
          </button>
        </div>
      )}
      {status && <p role="status">{status}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
