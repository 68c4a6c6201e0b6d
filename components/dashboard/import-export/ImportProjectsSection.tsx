/**
 * Import projects from a CSV file (issue 16), previewed like contacts: the page reads
 * the file into rows of cells; the background reads each row, matches its client and
 * answers a dry run, which the preview shows (the first rows exactly as they will be
 * saved, with the client each goes to, and every skipped row with its reason). The
 * import on confirm is the same reading, written in one transaction.
 */
import { useId } from 'react';
import { send } from '../../../lib/messaging/send';
import { MAX_IMPORT_ROWS, type ProjectImportPreviewRow, type ProjectImportSummary } from '../../../lib/messaging/protocol-backup';
import { dateOrderOfLocale, type DateOrder } from '../../../lib/backup/contacts';
import { looksLikeBackup } from '../../../lib/backup/import-file';
import { parseProjectsCsv, projectsNeedDateOrder, type ParsedProjectsCsv } from '../../../lib/backup/projects-csv';
import type { ProjectStatus } from '../../../lib/model';
import { committedSummary, ImportFlowView, PreviewFrame, useImportFlow, type ReadFile } from './import-flow';
import { counted, n, readFile } from './shared';
import { browserLocale, DateOrderQuestion, showDay, SLASH_OR_DOT_DATE, useDateOrderReread } from './dates';

const SKIPS_SHOWN = 100;

interface ProjectsPreview {
  file: ParsedProjectsCsv;
  summary: ProjectImportSummary;
  fileName: string;
  encoding: string;
  /** The order slash and dot dates are read in; null when the file has none (nothing to ask). */
  dateOrder: DateOrder | null;
}

const STATUS_LABELS: Record<ProjectStatus, string> = { proposed: 'Proposed', active: 'Active', done: 'Done', lost: 'Lost' };
const CHANGE_LABELS: Record<ProjectImportPreviewRow['change'], string> = {
  new: 'New project',
  update: 'Updates a project',
  unchanged: 'Already up to date',
  skipped: 'Skipped',
};

function showValue(value: number | null, currency: string | null): string {
  if (value === null) return '';
  if (!currency) return n(value);
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${n(value)} ${currency}`;
  }
}

const dryRun = (file: ParsedProjectsCsv, dateOrder: DateOrder | null) =>
  // Without slash dates the order reads nothing: any value will do.
  send('importProjects', { rows: file.drafts, dateOrder: dateOrder ?? 'month-first', dryRun: true });

const readProjects: ReadFile<ProjectsPreview> = async (picked) => {
  const decoded = await readFile(picked);
  if (looksLikeBackup(decoded.text)) throw new Error('This is a JSON file, perhaps a Tend backup: restore it under “Restore a backup” below.');
  const file = parseProjectsCsv(decoded.text);
  if (file.drafts.length === 0) throw new Error('This file has column names but no projects.');
  if (file.drafts.length > MAX_IMPORT_ROWS) throw new Error(`This file has ${n(file.drafts.length)} rows; Tend imports up to ${n(MAX_IMPORT_ROWS)} projects at a time.`);
  // Asked, never guessed: the preview shows this default and lets the user change it.
  const dateOrder = projectsNeedDateOrder(file.drafts) ? dateOrderOfLocale(browserLocale()) : null;
  const summary = await dryRun(file, dateOrder);
  return { file, summary, fileName: picked.name, encoding: decoded.encoding, dateOrder };
};

export function ImportProjectsSection() {
  const id = useId();
  const flow = useImportFlow<ProjectsPreview, ProjectImportSummary>(readProjects, 'Nothing was imported.', committedSummary<ProjectImportSummary>);
  const confirm = () =>
    flow.confirm(({ file, dateOrder }, op) => send('importProjects', { rows: file.drafts, dateOrder: dateOrder ?? 'month-first', dryRun: false, op }));
  // The dates read again in the order picked: a new dry run.
  const { chooseDateOrder, rereading, rereadError } = useDateOrderReread(flow, async (preview: ProjectsPreview, dateOrder) => ({ summary: await dryRun(preview.file, dateOrder) }));

  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Import projects</h2>
      <p>
        A CSV file with a row per project: the client (an address or the name as in Tend), title, start, end, value and currency; status and note if you have
        them. You see what will happen before anything is saved; a project already here (same client, title and start day) is updated, not added twice.
      </p>
      <ImportFlowView
        flow={flow}
        fileLabel="Import projects (CSV)"
        accept=".csv,text/csv"
        progressLabel="Reading projects"
        preview={(preview) => (
          <ProjectsPreviewView
            preview={preview}
            onDateOrder={(order) => void chooseDateOrder(preview, order)}
            rereading={rereading}
            rereadError={rereadError}
            onConfirm={confirm}
            onCancel={flow.cancel}
          />
        )}
        writing={(preview) => <>Importing {counted(preview.summary.created + preview.summary.updated, 'project')}…</>}
        reportClass="import-done"
        report={(summary) => (
          <>
            Imported projects: {n(summary.created)} new, {n(summary.updated)} updated
            {summary.unchanged ? `, ${n(summary.unchanged)} already up to date` : ''}
            {summary.skippedRows ? `, ${n(summary.skippedRows)} skipped` : ''}.
          </>
        )}
      />
    </section>
  );
}

function ProjectsPreviewView({
  preview,
  onDateOrder,
  rereading,
  rereadError,
  onConfirm,
  onCancel,
}: {
  preview: ProjectsPreview;
  onDateOrder: (order: DateOrder) => void;
  rereading: boolean;
  rereadError: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { summary, file } = preview;
  const writes = summary.created + summary.updated;
  const total = file.drafts.length;
  return (
    <PreviewFrame
      label="Projects import preview"
      confirmText={writes === 0 ? 'Nothing to import' : `Import ${counted(writes, 'project')}`}
      confirmDisabled={writes === 0 || rereading}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>
        {preview.fileName}: {counted(total, 'row')}
        {preview.encoding === 'windows-1252' ? ' (read as Windows-1252 / Latin-1 text)' : ''}.
      </p>
      {preview.dateOrder && (
        <DateOrderQuestion
          dates="Dates"
          example={file.drafts.flatMap((d) => [d.start.trim(), d.end.trim()]).find((day) => SLASH_OR_DOT_DATE.test(day))}
          year={2026}
          order={preview.dateOrder}
          onChange={onDateOrder}
        />
      )}
      {rereading && <p role="status">Reading the dates again…</p>}
      {rereadError && (
        <p className="error" role="alert">
          {rereadError}
        </p>
      )}
      <ul className="preview-counts" aria-label="What the import will do">
        <li>
          <strong>{n(summary.created)}</strong> {summary.created === 1 ? 'new project' : 'new projects'}
        </li>
        <li>
          <strong>{n(summary.updated)}</strong> existing {summary.updated === 1 ? 'project' : 'projects'} updated (same client, title and start day)
        </li>
        {summary.unchanged > 0 && (
          <li>
            <strong>{n(summary.unchanged)}</strong> already up to date
          </li>
        )}
        <li>
          <strong>{n(summary.skippedRows)}</strong> skipped
        </li>
      </ul>
      {summary.preview && summary.preview.length > 0 && <PreviewTable rows={summary.preview} total={total} />}
      {summary.skipped.length > 0 && (
        <details open={summary.skipped.length <= 10}>
          <summary>Why rows are skipped</summary>
          <ul className="skips">
            {summary.skipped.slice(0, SKIPS_SHOWN).map((skip, i) => (
              <li key={`${skip.row}-${i}`}>
                Row {skip.row} ({skip.name}): {skip.detail}
              </li>
            ))}
            {summary.skipped.length > SKIPS_SHOWN && <li>…and {n(summary.skipped.length - SKIPS_SHOWN)} more</li>}
          </ul>
        </details>
      )}
      <details>
        <summary>Columns read</summary>
        <ul className="skips">
          {Object.entries(file.columns)
            .filter(([, headers]) => headers.length > 0)
            .map(([field, headers]) => (
              <li key={field}>
                {field}: {headers.join(', ')}
              </li>
            ))}
          {file.ignoredColumns.length > 0 && <li>Columns not imported: {file.ignoredColumns.join(', ')}</li>}
        </ul>
      </details>
    </PreviewFrame>
  );
}

function PreviewTable({ rows, total }: { rows: readonly ProjectImportPreviewRow[]; total: number }) {
  const caption = rows.length < total ? `The first ${counted(rows.length, 'row')} as they will be saved` : total === 1 ? 'The project as it will be saved' : `The ${n(total)} rows as they will be saved`;
  return (
    <div className="preview-table">
      <table aria-label={caption}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Client</th>
            <th scope="col">Start</th>
            <th scope="col">End</th>
            <th scope="col">Status</th>
            <th scope="col">Value</th>
            <th scope="col">Note</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row}>
              <th scope="row">{row.title || `Row ${row.row}`}</th>
              <td>{row.client}</td>
              <td>{showDay(row.startDay)}</td>
              <td>{showDay(row.endDay)}</td>
              <td>{row.status ? STATUS_LABELS[row.status] : ''}</td>
              <td>{showValue(row.value, row.currency)}</td>
              <td>{row.note}</td>
              <td>{row.change === 'skipped' ? `Skipped: ${row.detail ?? ''}` : CHANGE_LABELS[row.change]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
