/** Delete all data: asks once more, then the background deletes everything. */
import { useId, useState } from 'react';
import { send } from '../../../lib/messaging/send';
import { DELETE_ALL_CONFIRMATION } from '../../../lib/messaging/protocol-backup';
import { message } from './shared';

export function DeleteAllSection() {
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
