/**
 * Import contacts: a Google or Outlook CSV or a vCard file, read and prepared here in
 * chunks, previewed by a dry run in the background, imported on confirm.
 */
import { useId, useState } from 'react';
import { send } from '../../../lib/messaging/send';
import type { Tier } from '../../../lib/model';
import type { ImportSummary } from '../../../lib/messaging/protocol-backup';
import { createPreparer, SKIP_LABELS, type Prepared } from '../../../lib/backup/contacts';
import { looksLikeBackup, readContactsFile, SOURCE_LABELS, type ContactsFile } from '../../../lib/backup/import-file';
import { committedSummary, ImportFlowView, PreviewFrame, useImportFlow, type ReadFile } from './import-flow';
import { n, readFile, yieldToUi } from './shared';

const CHUNK = 500;
const SKIPS_SHOWN = 100;

interface ContactsPreview {
  file: ContactsFile;
  prepared: Prepared;
  summary: ImportSummary;
  encoding: string;
  fileName: string;
}

const TIER_OPTIONS: { tier: Tier; label: string }[] = [
  { tier: 'none', label: 'None (no check-ins)' },
  { tier: 'occasional', label: 'Occasional' },
  { tier: 'active', label: 'Active' },
  { tier: 'key', label: 'Key' },
];

const readContacts: ReadFile<ContactsPreview> = async (file, progress) => {
  const decoded = await readFile(file);
  if (looksLikeBackup(decoded.text)) throw new Error('This is a JSON file, perhaps a Tend backup: restore it under “Restore a backup” below.');
  const contacts = readContactsFile(decoded.text);
  const preparer = createPreparer(new Date());
  for (let i = 0; i < contacts.drafts.length; i += CHUNK) {
    for (const draft of contacts.drafts.slice(i, i + CHUNK)) preparer.add(draft);
    progress(Math.min(i + CHUNK, contacts.drafts.length), contacts.drafts.length);
    await yieldToUi();
  }
  const prepared = preparer.result();
  const summary = await send('importContacts', { rows: prepared.rows, tier: 'none', dryRun: true });
  return { file: contacts, prepared, summary, encoding: decoded.encoding, fileName: file.name };
};

export function ImportContactsSection() {
  const id = useId();
  const flow = useImportFlow<ContactsPreview, ImportSummary>(readContacts, 'Nothing was imported.', committedSummary<ImportSummary>);
  const [tier, setTier] = useState<Tier>('none');
  const confirm = () => flow.confirm(({ prepared }, op) => send('importContacts', { rows: prepared.rows, tier, dryRun: false, op }));

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import contacts</h2>
      <p>From Google Contacts (Export, “Google CSV”), Outlook (Export contacts, CSV) or any vCard (.vcf) file. You see what will happen before anything is saved.</p>
      <ImportFlowView
        flow={flow}
        fileLabel="Contacts file (CSV or vCard)"
        accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
        progressLabel="Reading contacts"
        preview={(preview) => <ContactsPreviewView preview={preview} tier={tier} setTier={setTier} onConfirm={confirm} onCancel={flow.cancel} />}
        writing={(preview) => <>Importing {n(preview.prepared.rows.length)} contacts…</>}
        reportClass="import-done"
        report={(summary) => (
          <>
            Imported: {n(summary.created)} new clients, {n(summary.updated)} updated
            {summary.skipped.length ? `, ${n(summary.skipped.length)} skipped` : ''}.
          </>
        )}
      />
    </section>
  );
}

function ContactsPreviewView({
  preview,
  tier,
  setTier,
  onConfirm,
  onCancel,
}: {
  preview: ContactsPreview;
  tier: Tier;
  setTier: (tier: Tier) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const { summary, prepared, file } = preview;
  const skips = [
    ...prepared.skipped.map((s) => ({ row: s.row, name: s.name, detail: `${s.detail} (${SKIP_LABELS[s.reason]})` })),
    ...summary.skipped,
  ].sort((a, b) => a.row - b.row);
  const writes = summary.created + summary.updated;
  return (
    <PreviewFrame
      label="Import preview"
      confirmText={writes === 0 ? 'Nothing to import' : `Import ${n(writes)} contacts`}
      confirmDisabled={writes === 0}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {preview.fileName}: {SOURCE_LABELS[file.source]}, {n(file.drafts.length)} contacts
        {preview.encoding === 'windows-1252' ? ' (read as Windows-1252 / Latin-1 text)' : ''}.
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
    </PreviewFrame>
  );
}
