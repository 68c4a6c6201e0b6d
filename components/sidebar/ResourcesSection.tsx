/**
 * What was saved for this client and not yet shared (newest first), with
 * "Insert into reply"; what was inserted into a reply and waits to be sent; and
 * what was shared already, which can be shared again on purpose. Loads on its own
 * so the card does not wait for it.
 *
 * Issue 15: "Insert into reply" first shows exactly what goes into the email (the
 * title, the link and an optional message typed there), never the private note,
 * which is shown here as the user's own. Inserting is not sharing: the resource
 * waits to be sent until Tend sees the sent reply, or the user says "Mark as shared".
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { SafeLink } from '../SafeLink';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { clientTopic } from '../../lib/messaging/topics';
import { MAX_INSERT_MESSAGE_CHARS, type ResourceSummary } from '../../lib/messaging/protocol-resources';
import { copyText } from '../../lib/ui/clipboard';
import { useOfferUndo } from '../UndoNotice';

type Standing = 'to-share' | 'waiting-to-be-sent' | 'shared';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The preview of what "Insert" puts into the reply: title and link as they will
 * read, and a message the user may type. Escape or Cancel closes it unchanged.
 */
function InsertPreview({ resource, busy, onInsert, onCancel }: { resource: ResourceSummary; busy: boolean; onInsert: (message: string) => void; onCancel: () => void }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onCancel();
  };
  return (
    <div role="dialog" aria-label="Insert into reply" aria-describedby={`${id}-what`} className="card-form insert-preview" onKeyDown={onKeyDown}>
      <p id={`${id}-what`} className="muted">
        This goes into your reply:
      </p>
      <blockquote className="insert-preview-text">
        <strong>{resource.title || resource.url}</strong>
        <br />
        <span className="insert-preview-url">{resource.url}</span>
      </blockquote>
      <label htmlFor={`${id}-message`}>Message (optional)</label>
      <textarea
        id={`${id}-message`}
        ref={field}
        rows={2}
        maxLength={MAX_INSERT_MESSAGE_CHARS}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
      />
      <p className="muted">Your private note stays in Tend.</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => onInsert(message)} disabled={busy}>
          Insert
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function ResourceItem({ resource, clientId, standing }: { resource: ResourceSummary; clientId: string; standing: Standing }) {
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  /** The text to copy by hand, when the browser would not let Tend copy it. */
  const [manual, setManual] = useState<string | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const reader = browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(resource.id)}` as '/reader.html');
  const again = standing === 'shared';

  const closePreview = () => {
    setPreviewing(false);
    opener.current?.focus();
  };

  async function insert(message: string) {
    setBusy(true);
    setStatus(null);
    setManual(null);
    try {
      const result = await send('insertIntoReply', { resourceId: resource.id, clientId, message });
      setPreviewing(false);
      if (result.inserted) {
        setStatus('Inserted into your reply. It counts as shared once Tend sees the reply sent.');
      } else {
        const copy = await copyText(result.text);
        const ok = copy !== 'failed';
        if (!ok) setManual(result.text);
        setStatus(
          ok
            ? 'No reply is open: the link is copied to the clipboard.'
            : 'No reply is open, and the browser did not let Tend copy the link. Copy it from the box below, or open a reply and try again.',
        );
      }
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setBusy(false);
    }
  }

  const offerUndo = useOfferUndo();
  const markShared = async () => {
    await send('markResourceShared', { resourceId: resource.id, clientId }).then(
      (reply) => offerUndo(`Marked “${resource.title}” as shared.`, reply.undo),
      (error: unknown) => setStatus(errorText(error)),
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
      {standing === 'waiting-to-be-sent' && resource.waitingToBeSentSince !== null && (
        <p className="muted">
          Waiting to be sent: inserted into a reply {new Date(resource.waitingToBeSentSince).toLocaleString()}. It counts as shared once Tend sees the
          reply sent.
        </p>
      )}
      {resource.note && (
        <p className="muted resource-note">
          <span className="resource-note-label">Private note: </span>
          {resource.note}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          ref={opener}
          onClick={() => setPreviewing(true)}
          disabled={busy}
          aria-label={again ? 'Insert into reply again' : 'Insert into reply'}
          aria-expanded={previewing}
        >
          {again ? 'Share again' : 'Insert into reply'}
        </button>
        {standing !== 'shared' && (
          <button type="button" className="link" onClick={() => void markShared()}>
            Mark as shared
          </button>
        )}
      </div>
      {previewing && <InsertPreview resource={resource} busy={busy} onInsert={(message) => void insert(message)} onCancel={closePreview} />}
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
      {manual && <textarea readOnly aria-label="Link to copy" value={manual} rows={3} onFocus={(event) => event.currentTarget.select()} />}
    </li>
  );
}

export function ResourcesSection({ clientId, clientName }: { clientId: string; clientName: string }) {
  const fetcher = useCallback(() => send('listClientResources', { clientId }), [clientId]);
  const resources = useLiveQuery(fetcher, [clientTopic(clientId)]);
  if (!('value' in resources) || !resources.value) return null;
  const { waiting, waitingToBeSent, shared } = resources.value;
  if (waiting.length === 0 && waitingToBeSent.length === 0 && shared.length === 0) return null;
  return (
    <>
      {waiting.length > 0 && (
        <section aria-label={`Resources to share with ${clientName}`}>
          <h2 className="section-title">Resources to share</h2>
          <ul className="plain">
            {waiting.map((resource) => (
              <ResourceItem key={resource.id} resource={resource} clientId={clientId} standing="to-share" />
            ))}
          </ul>
        </section>
      )}
      {waitingToBeSent.length > 0 && (
        <section aria-label={`Waiting to be sent to ${clientName}`}>
          <h2 className="section-title">Waiting to be sent</h2>
          <ul className="plain">
            {waitingToBeSent.map((resource) => (
              <ResourceItem key={resource.id} resource={resource} clientId={clientId} standing="waiting-to-be-sent" />
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
                <ResourceItem key={resource.id} resource={resource} clientId={clientId} standing="shared" />
              ))}
            </ul>
          </section>
        </details>
      )}
    </>
  );
}
