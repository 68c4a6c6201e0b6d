import { useEffect, useId, useState } from 'react';
import { DETAIL_KINDS, type Detail } from '../../lib/model';
import { send } from '../../lib/messaging/send';
import { ErrorText, FormActions, useAction } from '../useAction';

const KIND_LABELS: Record<Detail['kind'], string> = {
  family: 'Family',
  hobby: 'Hobbies',
  travel: 'Travel',
  milestone: 'Milestones',
  preference: 'Preferences',
  work: 'Work',
  other: 'Other',
};

const UNDO_MS = 8000;

interface Props {
  clientId: string;
  clientName: string;
  details: Detail[];
}

/** Personal details, grouped by kind, with add, edit and delete (with undo). */
export function DetailsSection({ clientId, clientName, details }: Props) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const groups = DETAIL_KINDS.map((kind) => ({ kind, items: details.filter((detail) => detail.kind === kind) })).filter(
    (group) => group.items.length > 0,
  );

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  const report = (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure));
  const deleteDetail = (id: string) => {
    setError(null);
    send('deleteDetail', { id }).then(({ detail }) => setDeleted(detail), report);
  };
  const undo = () => {
    if (!deleted) return;
    setError(null);
    send('restoreDetail', { detail: deleted }).then(() => setDeleted(null), report);
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
                      · {detail.date}
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
      {deleted && (
        <p className="notice" role="status">
          Deleted “{deleted.text}”.{' '}
          <button type="button" className="link" onClick={undo}>
            Undo
          </button>
        </p>
      )}
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
