/**
 * The client page's resources: what was saved for this client, to share, waiting
 * to be sent (inserted into a reply Tend has not seen sent) or shared. Each can be
 * read (the saved copy, or the original), its private note for this client edited
 * (each client's note is its own and never goes into an email), marked shared or
 * back to "to share", and removed from this client: kept for the other clients it
 * is saved for, deleted (after a confirmation) when it is nobody else's.
 */
import { useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/send';
import type { ClientPageView } from '../../lib/messaging/protocol-clients';
import { safeLink } from '../../lib/ui/safe-link';
import { SafeLink } from '../SafeLink';
import { ErrorText, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

type Item = ClientPageView['resources'][number];

const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function others(count: number): string {
  return count === 1 ? '1 other client' : `${count.toLocaleString()} other clients`;
}

export function ClientResources({ clientId, clientName, resources }: { clientId: string; clientName: string; resources: Item[] }) {
  const [notice, setNotice] = useState('');
  return (
    <section aria-label="Resources">
      <h3>Resources</h3>
      <p className="page-notice" role="status">
        {notice}
      </p>
      {resources.length === 0 ? (
        <p className="muted">No articles saved for this client yet.</p>
      ) : (
        <ul className="plain client-resources" aria-label={`Resources for ${clientName}`}>
          {resources.map((resource) => (
            <ResourceRow key={resource.id} resource={resource} clientId={clientId} clientName={clientName} onDone={setNotice} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ResourceRow({ resource, clientId, clientName, onDone }: { resource: Item; clientId: string; clientName: string; onDone: (text: string) => void }) {
  const id = useId();
  const title = resource.title || resource.url;
  const original = safeLink(resource.url, 'web');
  const reader = browser.runtime.getURL(`/reader.html?id=${encodeURIComponent(resource.id)}` as '/reader.html');
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState(resource.note);
  const [confirming, setConfirming] = useState(false);

  const saveNote = useAction(async () => {
    await send('setResourceNote', { resourceId: resource.id, clientId, note });
    setEditing(false);
    onDone(`Private note saved for “${title}”.`);
  });
  // Waiting to be sent, or never shared: the user can say it went. Shared: back to "to share".
  const canMarkShared = resource.sharedAt === null || resource.waitingToBeSentSince !== null;
  const offerUndo = useOfferUndo();
  const shared = useAction(async () => {
    if (canMarkShared) {
      const reply = await send('markResourceShared', { resourceId: resource.id, clientId });
      const text = `“${title}” is marked as shared with ${clientName}.`;
      if (!offerUndo(text, reply.undo)) onDone(text);
    } else {
      await send('markResourceUnshared', { resourceId: resource.id, clientId });
      onDone(`“${title}” is back among the resources to share with ${clientName}.`);
    }
  });
  const remove = useAction(async () => {
    const result = await send('removeResourceFromClient', { resourceId: resource.id, clientId });
    onDone(
      result.deleted
        ? `“${title}” is deleted.`
        : `“${title}” is removed from ${clientName}; it stays saved for ${others(result.clientsLeft)}.`,
    );
  });

  const startEditing = () => {
    setNote(resource.note);
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!saveNote.busy) saveNote.run();
  };
  const askRemove = () => {
    // Kept for other clients: nothing is lost, so no confirmation.
    if (resource.otherClients > 0) remove.run();
    else setConfirming(true);
  };

  return (
    <li className="client-resource">
      <div>
        {resource.hasArticle ? (
          <SafeLink url={reader} kind="tend">
            {title}
          </SafeLink>
        ) : original ? (
          <a {...original}>{title}</a>
        ) : (
          <span>{title}</span>
        )}
        <span className="muted">
          {resource.site && ` · ${resource.site}`} · saved {dateOnly.format(resource.savedAt)} ·{' '}
          {resource.waitingToBeSentSince !== null
            ? `waiting to be sent (inserted into a reply ${dateOnly.format(resource.waitingToBeSentSince)})`
            : resource.sharedAt === null
              ? 'not shared yet'
              : `shared ${dateOnly.format(resource.sharedAt)}`}
          {resource.otherClients > 0 && ` · also for ${others(resource.otherClients)}`}
        </span>
      </div>
      {editing ? (
        <form className="card-form" aria-label={`Note for ${title}`} onSubmit={submit}>
          <label htmlFor={`${id}-note`}>Private note</label>
          <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} aria-describedby={`${id}-private`} />
          <p className="muted" id={`${id}-private`}>
            Only you see it, and only for {clientName}: it is never put into an email.
          </p>
          <ErrorText error={saveNote.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={saveNote.busy}>
              Save note
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        resource.note && (
          <p className="resource-note">
            <span className="muted">Private note: </span>
            {resource.note}
          </p>
        )
      )}
      {confirming ? (
        <div className="actions" role="group" aria-label={`Delete ${title}?`}>
          <span>It is saved for nobody else: delete it?</span>
          <button type="button" className="danger" onClick={remove.run} disabled={remove.busy}>
            Delete<span className="visually-hidden"> {title}</span>
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="actions">
          {resource.hasArticle && original && (
            <a {...original} className="button-link">
              Original<span className="visually-hidden"> of {title}</span>
            </a>
          )}
          {!editing && (
            <button type="button" className="link" onClick={startEditing}>
              {resource.note ? 'Edit note' : 'Add note'}
              <span className="visually-hidden"> for {title}</span>
            </button>
          )}
          <button type="button" className="link" onClick={shared.run} disabled={shared.busy}>
            {canMarkShared ? 'Mark as shared' : 'Mark as not shared'}
            <span className="visually-hidden"> {title}</span>
          </button>
          <button type="button" className="link" onClick={askRemove} disabled={remove.busy}>
            Remove<span className="visually-hidden"> {title} from {clientName}</span>
          </button>
        </div>
      )}
      <ErrorText error={shared.error ?? remove.error} />
    </li>
  );
}
