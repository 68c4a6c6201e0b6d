/** How often the backup reminder comes round, part of the Back up section. */
import { useId, useState, type ChangeEvent } from 'react';
import { send } from '../../../lib/messaging/send';
import { message } from './shared';

export function ReminderDays({ days }: { days: number }) {
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
