/**
 * Everyone in the conversation who is not a known client (strangers, and
 * colleagues of a client: "Add to Acme?"). A few are listed as they are, each with
 * its one-click "Add client"; more are folded into one "N other people" button,
 * so a 200-person cc list does not bury the clients under 200 buttons. Expanded,
 * a long list gets a filter box.
 */
import { useId, useState } from 'react';
import type { PersonView } from '../../lib/messaging/protocol';
import { UnknownPerson } from './UnknownPerson';

/** Up to this many others are listed directly (the ordinary email with one stranger). */
export const OTHERS_LISTED_DIRECTLY = 3;
/** An expanded list longer than this gets a filter box. */
export const FILTER_ABOVE = 10;

interface Props {
  others: PersonView[];
  /** Others the background counted but did not send (past its bound). */
  more: number;
  anyKnown: boolean;
}

const keyOf = (person: PersonView) => person.email ?? `name:${person.name}`;

function PeopleList({ people }: { people: PersonView[] }) {
  return (
    <ul className="plain">
      {people.map((person) => (
        <li key={keyOf(person)}>
          <UnknownPerson person={person} />
        </li>
      ))}
    </ul>
  );
}

export function OtherPeople({ others, more, anyKnown }: Props) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const listId = useId();
  const total = others.length + more;
  const title = anyKnown ? 'Also in this conversation' : 'In this conversation';

  if (total <= OTHERS_LISTED_DIRECTLY) {
    return (
      <section aria-label="Not yet clients" className="others">
        <h2 className="section-title">{title}</h2>
        <PeopleList people={others} />
      </section>
    );
  }

  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? others.filter((person) => person.name.toLowerCase().includes(needle) || (person.email ?? '').includes(needle))
    : others;
  return (
    <section aria-label="Not yet clients" className="others">
      <h2 className="section-title">{title}</h2>
      <button type="button" className="others-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
        {total} other {total === 1 ? 'person' : 'people'}
      </button>
      {open && (
        <div id={listId} className="others-list">
          {total > FILTER_ABOVE && (
            <input
              type="search"
              aria-label="Filter people"
              placeholder="Filter by name or address"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
          )}
          <PeopleList people={shown} />
          {needle && shown.length === 0 && <p className="muted">Nobody here matches “{filter.trim()}”.</p>}
          {more > 0 && <p className="muted">The first {others.length} are listed; {more} more are in this conversation.</p>}
        </div>
      )}
    </section>
  );
}
