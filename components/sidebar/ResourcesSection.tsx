/**
 * What was saved for this client and not yet shared (newest first), with
 * "Insert into reply"; and what was shared already, which can be shared again on
 * purpose. Loads on its own so the card does not wait for it.
 */
import { useCallback, useState } from 'react';
import { SafeLink } from '../SafeLink';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { clientTopic } from '../../lib/messaging/topics';
import type { ResourceSummary } from '../../lib/messaging/protocol-resources';
import { copyText } from '../../lib/ui/clipboard';

function ResourceItem({ resource, clientId, again }: { resource: ResourceSummary; clientId: string; again: boolean }) {
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  /** The text to copy by hand, when the browser would not let Tend copy it. */
  const [manual, setManual] = useState<string | null>(null);
  const reader = browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(resource.id)}` as '/reader.html');

  async function insert() {
    setBusy(true);
    setStatus(null);
    setManual(null);
    try {
      const result = await send('insertIntoReply', { resourceId: resource.id, clientId });
      if (result.inserted) {
        setStatus('Inserted into your reply.');
      } else {
        const copy = await copyText(result.text);
        const ok = copy !== 'failed';
        setCopied(ok);
        if (!ok) setManual(result.text);
        setStatus(
          ok
            ? 'No reply is open: the link is copied to the clipboard.'
            : 'No reply is open, and the browser did not let Tend copy the link. Copy it from the box below, or open a reply and try again.',
        );
      }
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  const markShared = async () => {
    await send('markResourceShared', { resourceId: resource.id, clientId }).catch((error: unknown) =>
      setStatus(error instanceof Error ? error.message : String(error)),
    );
  };

  return (
    <li className="resource">
      <SafeLink url={resource.hasArticle ? reader : resource.url} kind={resource.hasArticle ? 'tend' : 'web'} className="resource-title">
        {resource.title}
      </SafeLink>
      <span className="kind">
        {' '}
        {resource.site}
        {again && resource.sharedAt !== null && ` · shared ${new Date(resource.sharedAt).toLocaleDateString()}`}
      </span>
      {resource.note && <p className="muted">{resource.note}</p>}
      <div className="actions">
        <button type="button" onClick={() => void insert()} disabled={busy} aria-label={again ? 'Insert into reply again' : 'Insert into reply'}>
          {again ? 'Share again' : 'Insert into reply'}
        </button>
        {copied && !again && (
          <button type="button" className="link" onClick={() => void markShared()}>
            Mark as shared
          </button>
        )}
      </div>
      {status && <p role="status" className="muted">{status}</p>}
      {manual && (
        <textarea
          readOnly
          aria-label="Link to copy"
          value={manual}
          rows={3}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </li>
  );
}

export function ResourcesSection({ clientId, clientName }: { clientId: string; clientName: string }) {
  const fetcher = useCallback(() => send('listClientResources', { clientId }), [clientId]);
  const resources = useLiveQuery(fetcher, [clientTopic(clientId)]);
  if (!('value' in resources) || !resources.value) return null;
  const { waiting, shared } = resources.value;
  if (waiting.length === 0 && shared.length === 0) return null;
  return (
    <>
      {waiting.length > 0 && (
        <section aria-label={`Resources to share with ${clientName}`}>
          <h2 className="section-title">Resources to share</h2>
          <ul className="plain">
            {waiting.map((resource) => (
              <ResourceItem key={resource.id} resource={resource} clientId={clientId} again={false} />
            ))}
          </ul>
        </section>
      )}
      {shared.length > 0 && (
        <details>
          <summary className="section-title">Shared ({shared.length})</summary>
          <section aria-label={`Shared with ${clientName}`}>
            <ul className="plain">
              {shared.map((resource) => (
                <ResourceItem key={resource.id} resource={resource} clientId={clientId} again />
              ))}
            </ul>
          </section>
        </details>
      )}
    </>
  );
}
