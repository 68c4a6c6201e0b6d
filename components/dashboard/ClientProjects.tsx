import { useId, useMemo, useState, type FormEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { PROJECT_STATUSES, type Project, type ProjectStatus } from '../../lib/model';
import { ErrorText, FormActions, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

export const STATUS_LABELS: Record<ProjectStatus, string> = { proposed: 'Proposed', active: 'Active', done: 'Done', lost: 'Lost' };

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "1 Sep 2026" for a `YYYY-MM-DD` day, in the user's locale (read as UTC, so no zone moves it). */
export function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? dayFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : day;
}

/** Today's calendar day in local time, as `YYYY-MM-DD` (what a date field holds). */
export function localToday(): string {
  const date = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A project's value in its currency's own style ("€12,000.00"), never added to another currency's. */
export function formatValue(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toLocaleString()} ${currency}`;
  }
}

interface Props {
  clientId: string;
  clientName: string;
  /** Newest first, as the client page's message answers them. */
  projects: Project[];
  /** The currency of the latest project with a value: the form's default. */
  lastCurrency: string | null;
}

/** The client's projects (issue 16): add, edit, delete with Undo. Marking one done asks for feedback on Today a few days later. */
export function ClientProjects({ clientId, clientName, projects, lastCurrency }: Props) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offerUndo = useOfferUndo();
  const remove = (project: Project) => {
    setError(null);
    send('deleteProject', { id: project.id }).then(
      ({ undo }) => offerUndo(`Deleted the project “${project.title}”.`, undo),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <section aria-label="Projects">
      <h3>Projects</h3>
      {projects.length === 0 && !adding && <p className="muted">No projects with {clientName} recorded yet.</p>}
      {projects.length > 0 && (
        <ul className="plain timeline" aria-label="Projects, newest first">
          {projects.map((project) =>
            editing === project.id ? (
              <li key={project.id} className="editing">
                <ProjectForm clientId={clientId} existing={project} defaultCurrency={lastCurrency} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={project.id}>
                <span>
                  <strong>{project.title}</strong> <span className={`status status-${project.status}`}>{STATUS_LABELS[project.status]}</span>
                  <span className="muted">
                    {' '}
                    · {formatDay(project.startDay)} – {project.endDay ? formatDay(project.endDay) : 'ongoing'}
                  </span>
                  {project.value !== null && project.currency && <span> · {formatValue(project.value, project.currency)}</span>}
                  {project.note && <span className="entry-note"> · {project.note}</span>}
                </span>
                <span className="entry-actions">
                  <button type="button" className="link" onClick={() => setEditing(project.id)} aria-label={`Edit project “${project.title}”`}>
                    Edit
                  </button>{' '}
                  <button type="button" className="link" onClick={() => remove(project)} aria-label={`Delete project “${project.title}”`}>
                    Delete
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      <ErrorText error={error} />
      {adding ? (
        <ProjectForm clientId={clientId} defaultCurrency={lastCurrency} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          Add project
        </button>
      )}
    </section>
  );
}

function ProjectForm({ clientId, existing, defaultCurrency, onDone }: { clientId: string; existing?: Project; defaultCurrency: string | null; onDone: () => void }) {
  const id = useId();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [startDay, setStartDay] = useState(existing?.startDay ?? localToday());
  const [endDay, setEndDay] = useState(existing?.endDay ?? '');
  const [status, setStatus] = useState<ProjectStatus>(existing?.status ?? 'active');
  const [value, setValue] = useState(existing?.value === null || existing?.value === undefined ? '' : String(existing.value));
  const [valueUnreadable, setValueUnreadable] = useState(false);
  const [currency, setCurrency] = useState(existing?.currency ?? defaultCurrency ?? '');
  const [note, setNote] = useState(existing?.note ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);
  const currencies = useMemo(() => Intl.supportedValuesOf('currency'), []);
  const save = useAction(async () => {
    const fields = {
      title,
      startDay,
      endDay: endDay || null,
      status,
      value: value.trim() === '' ? null : Number(value),
      currency: currency.trim() === '' ? null : currency.trim().toUpperCase(),
      note,
    };
    if (existing) await send('updateProject', { id: existing.id, ...fields });
    else await send('addProject', { clientId, ...fields });
    onDone();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked here as well as by the background: a NaN sent over Chrome's messaging arrives as null (no value), so it must never be sent.
    if (valueUnreadable || (value.trim() !== '' && !Number.isFinite(Number(value)))) return setInvalid('Value: is not a number');
    if (!startDay) return setInvalid('Start day: choose the day it began (or will begin)');
    setInvalid(null);
    if (!save.busy) save.run();
  };
  const invalidField = invalid?.split(':')[0];
  return (
    <form className="card-form" onSubmit={submit} aria-label={existing ? `Edit project “${existing.title}”` : 'New project'} noValidate>
      <div className="fields">
        <label htmlFor={`${id}-title`}>Title</label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} required autoFocus />
        <label htmlFor={`${id}-start`}>Start day</label>
        <input id={`${id}-start`} type="date" value={startDay} onChange={(e) => setStartDay(e.target.value)} required aria-invalid={invalidField === 'Start day' || undefined} />
        <label htmlFor={`${id}-end`}>End day</label>
        {/* One grid cell: the form lays out label and control in pairs (clients.css). */}
        <div>
          <input id={`${id}-end`} type="date" value={endDay} onChange={(e) => setEndDay(e.target.value)} aria-describedby={`${id}-end-hint`} />
          <div id={`${id}-end-hint`} className="muted">
            Empty while it is ongoing.
          </div>
        </div>
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ProjectStatus)}>
          {PROJECT_STATUSES.map((option) => (
            <option key={option} value={option}>
              {STATUS_LABELS[option]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-value`}>Value (optional)</label>
        <input
          id={`${id}-value`}
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            // A number field reports text it cannot read as empty, with badInput set.
            setValueUnreadable(e.target.validity?.badInput ?? false);
          }}
          aria-invalid={invalidField === 'Value' || undefined}
        />
        <label htmlFor={`${id}-currency`}>Currency</label>
        <div>
          <input
            id={`${id}-currency`}
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
            list={`${id}-currencies`}
            maxLength={3}
            placeholder="EUR"
            autoCapitalize="characters"
            aria-describedby={`${id}-currency-hint`}
          />
          <datalist id={`${id}-currencies`}>
            {currencies.map((code) => (
              <option key={code} value={code} />
            ))}
          </datalist>
          <div id={`${id}-currency-hint`} className="muted">
            Three letters, such as EUR, USD or GBP; needed with a value.
          </div>
        </div>
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </div>
      {invalid && (
        <p className="error" role="alert">
          {invalid}
        </p>
      )}
      <FormActions action={save} onCancel={onDone}>
        Save project
      </FormActions>
    </form>
  );
}
