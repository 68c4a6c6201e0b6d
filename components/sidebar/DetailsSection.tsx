import { useId, useState } from 'react';
import { DETAIL_KINDS, type Detail } from '../../lib/model';
import { send } from '../../lib/messaging/send';
import { ErrorText, FormActions, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

const KIND_LABELS: Record<Detail['kind'], string> = {
  family: 'Family',
  hobby: 'Hobbies',
  travel: 'Travel',
  milestone: 'Milestones',
  preference: 'Preferences',
  work: 'Work',
  other: 'Other',
};

interface Props {
  clientId: string;
  clientName: string;
  details: Detail[];
}

/** Personal details, grouped by kind, with add, edit and delete (with Undo: components/UndoNotice.tsx). */
export function DetailsSection({ clientId, clientName, details }: Props) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const offerUndo = useOfferUndo();
  const groups = DETAIL_KINDS.map((kind) => ({ kind, items: details.filter((detail) => detail.kind === kind) })).filter(
    (group) => group.items.length > 0,
  );

  const report = (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure));
  const deleteDetail = (id: string) => {
    setError(null);
    send('deleteDetail', { id }).then(({ detail, undo }) => offerUndo(`Deleted “${detail?.text ?? 'the detail'}”.`, undo), report);
  };

  return (
    <section aria-label={`Personal details of ${clientName}`}>
      <h2 className="section-title">Personal details</h2>
      {groups.length === 0 && !adding && <p className="muted">Nothing noted yet.</p>}
      {groups.map((group) => (
        <div key={group.kind} className="group">
          <h3>{KIND_LABELS[group.kind]}</h3>
          <ul className="plain">
            {group.items.map((detail) =>
              editing === detail.id ? (
                <li key={detail.id}>
                  <DetailForm clientId={clientId} existing={detail} onDone={() => setEditing(null)} />
                </li>
              ) : (
                <li key={detail.id} className="detail">
                  <span className="detail-text">{detail.text}</span>
                  {detail.date && (
                    <span className="muted">
                      {' '}
                      · <DayText day={detail.date} />
                      {detail.yearly ? ' (yearly)' : ''}
                    </span>
                  )}
                  <span className="row-actions">
                    <button type="button" className="link" onClick={() => setEditing(detail.id)} aria-label={`Edit “${detail.text}”`}>
                      Edit
                    </button>
                    <button
                      type="button"
                      className="link"
                      onClick={() => deleteDetail(detail.id)}
                      aria-label={`Delete “${detail.text}”`}
                    >
                      Delete
                    </button>
                  </span>
                </li>
              ),
            )}
          </ul>
        </div>
      ))}
      <ErrorText error={error} />
      {adding ? (
        <DetailForm clientId={clientId} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          Add detail
        </button>
      )}
    </section>
  );
}

/**
 * A calendar day in few characters, on one line: "3 Dec", with the year only when
 * it is not this one ("3 Dec 2025"); the full date in the tooltip.
 */
function DayText({ day }: { day: string }) {
  const [year, month, date] = day.split('-').map(Number);
  const at = new Date(year!, month! - 1, date!);
  if (Number.isNaN(at.getTime())) return <>{day}</>;
  const thisYear = year === new Date().getFullYear();
  const short = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', ...(thisYear ? {} : { year: 'numeric' }) }).format(at);
  return (
    <time dateTime={day} title={at.toLocaleDateString(undefined, { dateStyle: 'full' })}>
      {short}
    </time>
  );
}

function DetailForm({ clientId, existing, onDone }: { clientId: string; existing?: Detail; onDone: () => void }) {
  const id = useId();
  const [text, setText] = useState(existing?.text ?? '');
  const [kind, setKind] = useState<Detail['kind']>(existing?.kind ?? 'family');
  const [date, setDate] = useState(existing?.date ?? '');
  const [yearly, setYearly] = useState(existing?.yearly ?? false);
  const save = useAction(async () => {
    const fields = { text, kind, date: date || null, yearly: Boolean(date) && yearly };
    if (existing) await send('updateDetail', { id: existing.id, ...fields });
    else await send('addDetail', { clientId, ...fields });
    onDone();
  });
  return (
    <form className="card-form" onSubmit={save.submit} aria-label={existing ? 'Edit detail' : 'New detail'}>
      <label htmlFor={`${id}-text`}>Detail</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} rows={2} autoFocus />
      <label htmlFor={`${id}-kind`}>Kind</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Detail['kind'])}>
        {DETAIL_KINDS.map((value) => (
          <option key={value} value={value}>
            {KIND_LABELS[value]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-date`}>Date (optional)</label>
      <input id={`${id}-date`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      {date && (
        <label className="check">
          <input type="checkbox" checked={yearly} onChange={(e) => setYearly(e.target.checked)} /> Repeats every year
        </label>
      )}
      <FormActions action={save} onCancel={onDone}>
        {existing ? 'Save detail' : 'Add'}
      </FormActions>
    </form>
  );
}
