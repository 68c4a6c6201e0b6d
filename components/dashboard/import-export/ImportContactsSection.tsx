/**
 * Import contacts: a Google or Outlook CSV or a vCard file, read and prepared here in
 * chunks, previewed by a dry run in the background, imported on confirm.
 *
 * The preview shows the first contacts exactly as they will be saved (the dry run
 * merges them as the write will), asks the date order when the file writes birthdays
 * as `05/06/1980` (no file says which is the day), and sets the tier for all.
 */
import { useId, useState } from 'react';
import { send } from '../../../lib/messaging/send';
import { TIERS, type Tier } from '../../../lib/model';
import type { ImportPreviewRow, ImportSummary } from '../../../lib/messaging/protocol-backup';
import { createPreparer, dateOrderOfLocale, needsDateOrder, SKIP_LABELS, type ContactDraft, type DateOrder, type Prepared } from '../../../lib/backup/contacts';
import { looksLikeBackup, readContactsFile, SOURCE_LABELS, type ContactsFile } from '../../../lib/backup/import-file';
import { countryOfLocale, type CountryCode } from '../../../lib/domain/phones';
import { Phones } from '../../Phones';
import { TIER_LABELS } from '../Today';
import { committedSummary, ImportFlowView, PreviewFrame, useImportFlow, type ReadFile } from './import-flow';
import { counted, n, readFile, yieldToUi } from './shared';
import { browserLocale, DateOrderQuestion, showDay, SLASH_OR_DOT_DATE, useDateOrderReread } from './dates';

const CHUNK = 500;
const SKIPS_SHOWN = 100;

interface ContactsPreview {
  file: ContactsFile;
  prepared: Prepared;
  summary: ImportSummary;
  encoding: string;
  fileName: string;
  /** The order slash and dot dates are read in; null when the file has none (nothing to ask). */
  dateOrder: DateOrder | null;
  /** Numbers without a country code are read as this country's. */
  country: CountryCode | undefined;
}


/** Prepares every draft in chunks, yielding to the page between them. */
async function prepareAll(drafts: readonly ContactDraft[], dateOrder: DateOrder | null, country: CountryCode | undefined, progress?: (done: number, total: number) => void): Promise<Prepared> {
  const preparer = createPreparer(new Date(), { dateOrder: dateOrder ?? undefined, defaultCountry: country });
  for (let i = 0; i < drafts.length; i += CHUNK) {
    for (const draft of drafts.slice(i, i + CHUNK)) preparer.add(draft);
    progress?.(Math.min(i + CHUNK, drafts.length), drafts.length);
    await yieldToUi();
  }
  return preparer.result();
}

const dryRun = (prepared: Prepared) => send('importContacts', { rows: prepared.rows, tier: 'none', dryRun: true });

const readContacts: ReadFile<ContactsPreview> = async (file, progress) => {
  const decoded = await readFile(file);
  if (looksLikeBackup(decoded.text)) throw new Error('This is a JSON file, perhaps a Tend backup: restore it under “Restore a backup” below.');
  const contacts = readContactsFile(decoded.text);
  // Asked, never guessed: the preview shows this default and lets the user change it.
  const dateOrder = needsDateOrder(contacts.drafts) ? dateOrderOfLocale(browserLocale()) : null;
  const country = countryOfLocale(browserLocale());
  const prepared = await prepareAll(contacts.drafts, dateOrder, country, progress);
  const summary = await dryRun(prepared);
  return { file: contacts, prepared, summary, encoding: decoded.encoding, fileName: file.name, dateOrder, country };
};

export function ImportContactsSection() {
  const id = useId();
  const flow = useImportFlow<ContactsPreview, ImportSummary>(readContacts, 'Nothing was imported.', committedSummary<ImportSummary>);
  const [tier, setTier] = useState<Tier>('none');
  const [tierForExisting, setTierForExisting] = useState(false);
  const confirm = () => flow.confirm(({ prepared }, op) => send('importContacts', { rows: prepared.rows, tier, tierForExisting, dryRun: false, op }));
  // The birthdays read again in the order picked, and a new dry run of what they make.
  const { chooseDateOrder, rereading, rereadError } = useDateOrderReread(flow, async (preview: ContactsPreview, dateOrder) => {
    const prepared = await prepareAll(preview.file.drafts, dateOrder, preview.country);
    return { prepared, summary: await dryRun(prepared) };
  });

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import contacts</h2>
      <p>From Google Contacts (Export, “Google CSV”), Outlook (Export contacts, CSV) or any vCard (.vcf) file. You see what will happen before anything is saved.</p>
      <ImportFlowView
        flow={flow}
        fileLabel="Contacts file (CSV or vCard)"
        accept=".csv,.vcf,.vcard,text/csv,text/vcard,text/x-vcard"
        progressLabel="Reading contacts"
        preview={(preview) => (
          <ContactsPreviewView
            preview={preview}
            tier={tier}
            setTier={setTier}
            tierForExisting={tierForExisting}
            setTierForExisting={setTierForExisting}
            onDateOrder={(order) => void chooseDateOrder(preview, order)}
            rereading={rereading}
            rereadError={rereadError}
            onConfirm={confirm}
            onCancel={flow.cancel}
          />
        )}
        writing={(preview) => <>Importing {counted(preview.prepared.rows.length, 'contact')}…</>}
        reportClass="import-done"
        report={(summary) => (
          <>
            Imported: {counted(summary.created, 'new client')}, {n(summary.updated)} updated
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
  tierForExisting,
  setTierForExisting,
  onDateOrder,
  rereading,
  rereadError,
  onConfirm,
  onCancel,
}: {
  preview: ContactsPreview;
  tier: Tier;
  setTier: (tier: Tier) => void;
  tierForExisting: boolean;
  setTierForExisting: (all: boolean) => void;
  onDateOrder: (order: DateOrder) => void;
  rereading: boolean;
  rereadError: string | null;
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
  // The tier each previewed contact ends with: what the write does with `tier`.
  const tierOf = (row: ImportPreviewRow): Tier | null =>
    row.status === 'skipped' ? null : row.status === 'new' || tierForExisting ? tier : row.tier;
  const existing = summary.updated + summary.unchanged;
  return (
    <PreviewFrame
      label="Import preview"
      confirmText={writes === 0 ? 'Nothing to import' : `Import ${counted(writes, 'contact')}`}
      confirmDisabled={writes === 0 || rereading}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {preview.fileName}: {SOURCE_LABELS[file.source]}, {counted(file.drafts.length, 'contact')}
        {preview.encoding === 'windows-1252' ? ' (read as Windows-1252 / Latin-1 text)' : ''}.
      </p>
      {preview.dateOrder && (
        <DateOrderQuestion dates="Birthdays" example={file.drafts.map((d) => d.birthday.trim()).find((b) => SLASH_OR_DOT_DATE.test(b))} year={1980} order={preview.dateOrder} onChange={onDateOrder} />
      )}
      {rereading && <p role="status">Reading the birthdays again…</p>}
      {rereadError && (
        <p className="error" role="alert">
          {rereadError}
        </p>
      )}
      <ul className="preview-counts">
        <li>
          <strong>{n(summary.created)}</strong> {summary.created === 1 ? 'new client' : 'new clients'}
        </li>
        <li>
          <strong>{n(summary.updated)}</strong> existing {summary.updated === 1 ? 'client' : 'clients'} updated (matched by address)
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
            {counted(summary.birthdays, 'birthday')} (as yearly details) and {counted(summary.notes, 'note')} (as private notes in the timeline)
          </li>
        )}
      </ul>
      <div className="check">
        <label htmlFor={`${id}-tier`}>Tier for all</label>
        <select id={`${id}-tier`} value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
          {TIERS.map((value) => (
            <option key={value} value={value}>
              {value === 'none' ? 'None (no check-ins)' : TIER_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {existing > 0 && (
        <label className="check">
          <input type="checkbox" checked={tierForExisting} onChange={(e) => setTierForExisting(e.target.checked)} /> Also give this tier to the{' '}
          {existing === 1 ? 'client' : `${n(existing)} clients`} already in Tend (otherwise they keep theirs)
        </label>
      )}
      {preview.country && (
        <p className="muted">Phone numbers written without a country code are read as numbers of {regionName(preview.country)} (your browser’s language).</p>
      )}
      {summary.preview && summary.preview.length > 0 && <PreviewTable rows={summary.preview} total={file.drafts.length} tierOf={tierOf} country={preview.country} />}
      {prepared.skippedFields.length > 0 && (
        <details open={prepared.skippedFields.length <= 10}>
          <summary>{counted(prepared.skippedFields.length, 'field')} left out</summary>
          <ul className="skips">
            {prepared.skippedFields.slice(0, SKIPS_SHOWN).map((f) => (
              <li key={`${f.row}-${f.field}-${f.value}`}>
                Row {f.row} ({f.name}): {f.detail}
              </li>
            ))}
            {prepared.skippedFields.length > SKIPS_SHOWN && <li>…and {n(prepared.skippedFields.length - SKIPS_SHOWN)} more</li>}
          </ul>
        </details>
      )}
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
    </PreviewFrame>
  );
}

function regionName(country: CountryCode): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

function PreviewTable({
  rows,
  total,
  tierOf,
  country,
}: {
  rows: readonly ImportPreviewRow[];
  total: number;
  tierOf: (row: ImportPreviewRow) => Tier | null;
  country: CountryCode | undefined;
}) {
  const caption = rows.length < total ? `The first ${counted(rows.length, 'contact')} as they will be saved` : total === 1 ? 'The contact as it will be saved' : `The ${n(total)} contacts as they will be saved`;
  return (
    <div className="preview-table">
      <table aria-label={caption}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Addresses</th>
            <th scope="col">Company</th>
            <th scope="col">Phone</th>
            <th scope="col">Birthday</th>
            <th scope="col">Tier</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const rowTier = tierOf(row);
            return (
              <tr key={row.row}>
                <th scope="row">{row.name}</th>
                <td>{row.emails.join(', ')}</td>
                <td>{row.company}</td>
                <td>
                  <Phones phones={row.phones} country={country} links={false} />
                </td>
                <td>{row.birthday ? showDay(row.birthday) : ''}</td>
                <td>{rowTier ? TIER_LABELS[rowTier] : ''}</td>
                <td>{STATUS_LABELS[row.status]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const STATUS_LABELS: Record<ImportPreviewRow['status'], string> = {
  new: 'New client',
  update: 'Updates a client',
  unchanged: 'Already up to date',
  skipped: 'Skipped',
};
