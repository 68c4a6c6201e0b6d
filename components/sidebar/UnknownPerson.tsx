import { useState } from 'react';
import { send } from '../../lib/messaging/send';
import type { PersonView } from '../../lib/messaging/protocol';
import { ClientForm } from './ClientForm';
import { ErrorText, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

/** Someone in the thread who is not a client yet: one click to add them. */
export function UnknownPerson({ person }: { person: PersonView }) {
  const [adding, setAdding] = useState(false);
  const colleagueOf = person.match === 'colleague' ? person.client : null;
  const offerUndo = useOfferUndo();
  const addToCompany = useAction(async () => {
    const name = person.name || person.email || 'Unnamed';
    const company = colleagueOf?.company || colleagueOf?.name || '';
    const created = await send('createClient', { name, email: person.email, company, role: '' });
    offerUndo(`Added ${name} as a client at ${company}.`, created.undo);
  });
  const label = person.name || person.email || 'Unknown';
  return (
    <div className="person unknown">
      <div className="who">
        <span className="name">{label}</span>
        {person.email && person.name && <span className="address">{person.email}</span>}
      </div>
      {!adding && (
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAdding(true)} aria-label="Add client" title={`Add ${label} as a client`}>
            Add client
          </button>
          {colleagueOf && (
            <button type="button" onClick={addToCompany.run} disabled={addToCompany.busy}>
              Add to {colleagueOf.company || colleagueOf.name}?
            </button>
          )}
        </div>
      )}
      <ErrorText error={addToCompany.error} />
      {adding && (
        <ClientForm
          initial={{ name: person.name, email: person.email ?? '', company: colleagueOf?.company ?? '' }}
          seenName={person.email ? undefined : person.name}
          onDone={() => setAdding(false)}
        />
      )}
    </div>
  );
}
