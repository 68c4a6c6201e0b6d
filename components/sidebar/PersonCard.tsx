import type { PersonView } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/send';
import { probableMatchQuestion } from '../../lib/domain/recognition';
import { ErrorText, useAction } from '../useAction';
import { DetailsSection } from './DetailsSection';
import { InteractionsSection } from './InteractionsSection';
import { ResourcesSection } from './ResourcesSection';
import { CheckIn, TalkingPoints } from './CheckIn';
import { Fold } from './Fold';
import { PhoneList } from '../PhoneList';
import { useOfferUndo } from '../UndoNotice';

/**
 * A known client in the open conversation: who they are and what the user
 * remembers. What matters while replying comes first (check-in, talking points,
 * resources to share), so it fits the first screen; each section folds.
 */
export function PersonCard({ person }: { person: PersonView }) {
  const client = person.client!;
  const probable = person.match === 'probable';
  const confirm = useAction(() =>
    person.email
      ? send('addClientAddress', { clientId: client.id, email: person.email })
      : send('confirmClientName', { clientId: client.id, name: person.name }),
  );
  const offerUndo = useOfferUndo();
  const reject = useAction(async () => {
    const reply = await send('rejectClientName', { clientId: client.id, name: person.name });
    offerUndo(`Noted: this “${person.name}” is someone else.`, reply.undo);
  });
  const subtitle = [client.role, client.company].filter(Boolean).join(', ');
  const checkIn = !probable && person.checkIn && person.checkIn.state !== 'none' ? person.checkIn : null;
  return (
    <article className={`card${person.isSender ? ' sender' : ''}`} aria-label={client.name}>
      <header>
        <h1 className="client-name">
          {client.name}
          {probable && (
            <span className="probably" title="Matched by name only">
              probably
            </span>
          )}
        </h1>
        {subtitle && <p className="subtitle">{subtitle}</p>}
        <p className="address">{person.email ?? (probable ? `shown as “${person.name}”` : client.emails[0])}</p>
        <PhoneList phones={person.phones ?? []} />
        {!probable && person.project && (
          <p className="muted current-project">
            Project: {person.project.title} · {person.project.status}
          </p>
        )}
      </header>
      {probable && (
        <div className="notice" role="group" aria-label="Is this them?">
          <p>{probableMatchQuestion(client)}</p>
          <div className="actions">
            <button type="button" onClick={confirm.run} disabled={confirm.busy || reject.busy}>
              Yes
            </button>
            <button type="button" onClick={reject.run} disabled={confirm.busy || reject.busy}>
              Not them
            </button>
          </div>
          <ErrorText error={confirm.error ?? reject.error} />
        </div>
      )}
      {checkIn && (
        <Fold name="check-in" title="Check-in" summary={checkIn.text}>
          <CheckIn clientId={client.id} checkIn={checkIn} />
        </Fold>
      )}
      {!probable && person.upcoming.length > 0 && (
        <Fold name="talking-points" title="Talking points">
          <TalkingPoints upcoming={person.upcoming} clientName={client.name} />
        </Fold>
      )}
      <Fold name="resources" title="Resources">
        <ResourcesSection clientId={client.id} clientName={client.name} />
      </Fold>
      <Fold name="details" title="Details">
        <DetailsSection clientId={client.id} clientName={client.name} details={person.details} />
      </Fold>
      <Fold name="interactions" title="Interactions">
        <InteractionsSection clientId={client.id} clientName={client.name} interactions={person.interactions} />
      </Fold>
    </article>
  );
}
