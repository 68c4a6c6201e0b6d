import { useId, useState, type FormEvent } from 'react';
import type { PersonView } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/send';
import { ErrorText, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

/** "Check-in overdue by 12 days", with Checked in and Snooze. */
export function CheckIn({ clientId, checkIn }: { clientId: string; checkIn: NonNullable<PersonView['checkIn']> }) {
  const id = useId();
  const [choosing, setChoosing] = useState(false);
  const [until, setUntil] = useState('');
  const offerUndo = useOfferUndo();
  const checked = useAction(async () => offerUndo('Checked in.', (await send('checkedIn', { clientId })).undo));
  const snoozeWeek = useAction(async () => {
    await send('snooze', { clientId, weeks: 1 });
    setChoosing(false);
  });
  const snoozeUntil = useAction(async () => {
    await send('snooze', { clientId, until });
    setChoosing(false);
  });
  if (checkIn.state === 'none') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    snoozeUntil.run();
  };
  return (
    <div className={`checkin ${checkIn.state}`}>
      <p className="checkin-text">{checkIn.text}</p>
      <div className="actions">
        <button type="button" onClick={checked.run} disabled={checked.busy}>
          Checked in
        </button>
        <button type="button" onClick={() => setChoosing(!choosing)} aria-expanded={choosing}>
          Snooze
        </button>
      </div>
      {choosing && (
        <div className="card-form">
          <button type="button" onClick={snoozeWeek.run} disabled={snoozeWeek.busy}>
            By a week
          </button>
          <form onSubmit={submit} className="inline-form">
            <label htmlFor={`${id}-until`}>Until</label>
            <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} required />
            <button type="submit" disabled={snoozeUntil.busy}>
              Snooze until then
            </button>
          </form>
        </div>
      )}
      <ErrorText error={checked.error ?? snoozeWeek.error ?? snoozeUntil.error} />
    </div>
  );
}

function when(daysUntil: number): string {
  if (daysUntil === 0) return 'today';
  if (daysUntil === 1) return 'tomorrow';
  return `in ${daysUntil} days`;
}

/** Dated details coming up: the few things worth bringing up now. */
export function TalkingPoints({ upcoming, clientName }: { upcoming: PersonView['upcoming']; clientName: string }) {
  if (upcoming.length === 0) return null;
  return (
    <section aria-label={`Talking points for ${clientName}`}>
      <h2 className="section-title">Talking points</h2>
      <ul className="plain">
        {upcoming.map((date) => (
          <li key={date.detailId}>
            {date.text} <span className="muted">— {when(date.daysUntil)}{date.years ? ` (${date.years} years)` : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
