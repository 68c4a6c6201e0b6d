import { useId, useState } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { SETTINGS_TOPICS } from '../../lib/ui/topics';
import { ErrorText, useAction } from '../useAction';

const fetchSettings = () => send('getSettings', {});

/** The user's own addresses: never treated as correspondents. Those a page showed, still unconfirmed, are listed too. */
export function OwnAddresses() {
  const settings = useLiveQuery(fetchSettings, SETTINGS_TOPICS);
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const current = settings.status === 'ready' ? settings.value : null;
  const save = useAction(async () => {
    const addresses = (draft ?? '')
      .split(/[\s,;]+/)
      .map((address) => address.trim())
      .filter(Boolean);
    await send('saveOwnAddresses', { addresses });
    setDraft(null);
  });
  return (
    <details className="settings">
      <summary>Your addresses</summary>
      {current && current.detectedOwnAddresses.length > 0 && (
        <p className="muted">Seen on your mail pages, not yet confirmed: {current.detectedOwnAddresses.join(', ')}</p>
      )}
      <form onSubmit={save.submit} aria-label="Your addresses">
        <label htmlFor={`${id}-own`}>Other addresses of yours (one per line)</label>
        <textarea
          id={`${id}-own`}
          rows={3}
          value={draft ?? current?.ownAddresses.join('\n') ?? ''}
          onChange={(e) => setDraft(e.target.value)}
        />
        <ErrorText error={save.error} />
        <button type="submit" disabled={save.busy || draft === null}>
          Save addresses
        </button>
      </form>
    </details>
  );
}
