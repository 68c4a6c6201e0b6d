import type { PersonView } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/send';
import { ErrorText, useAction } from '../useAction';
import { DetailsSection } from './DetailsSection';
import { InteractionsSection } from './InteractionsSection';
import { ResourcesSection } from './ResourcesSection';
import { CheckIn, TalkingPoints } from './CheckIn';

/** A known client in the open conversation: who they are and what the user remembers. */
export function PersonCard({ person }: { person: PersonView }) {
  const client = person.client!;
  const probable = person.match === 'probable';
  const confirm = useAction(() =>
    person.email
      ? send('addClientAddress', { clientId: client.id, email: person.email })
      : send('confirmClientName', { clientId: client.id, name: person.name }),
  );
  const subtitle = [client.role, client.company].filter(Boolean).join(', ');
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
        {person.checkIn && !probable && <CheckIn clientId={client.id} checkIn={person.checkIn} />}
      </header>
      {probable && (
        <div className="notice">
          <p>
            Is {person.email ?? `“${person.name}”`} {client.name}?
          </p>
          <button type="button" onClick={confirm.run} disabled={confirm.busy}>
            {person.email ? `Yes, add this address` : 'Yes, this is them'}
          </button>
          <ErrorText error={confirm.error} />
        </div>
      )}
      {!probable && <TalkingPoints upcoming={person.upcoming} clientName={client.name} />}
      <DetailsSection clientId={client.id} clientName={client.name} details={person.details} />
      <ResourcesSection clientId={client.id} clientName={client.name} />
      <InteractionsSection clientId={client.id} clientName={client.name} interactions={person.interactions} />
    </article>
  );
}
