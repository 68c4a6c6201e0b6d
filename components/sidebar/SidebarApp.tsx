import { useEffect, useState } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import type { SidebarView } from '../../lib/messaging/protocol';
import { sidebarTopics } from '../../lib/ui/topics';
import { PersonCard } from './PersonCard';
import { UnknownPerson } from './UnknownPerson';
import { OwnAddresses } from './OwnAddresses';
import { frameToken } from '../../lib/ui/frame-token';
import { browser } from 'wxt/browser';
import { SearchBox } from '../dashboard/SearchBox';

const fetchView = async () => send('getSidebarView', { frameToken: await frameToken() });

/** A fast lookup never flashes a loading state; a slow one says so after this long. */
const LOADING_DELAY_MS = 300;

export function SidebarApp() {
  const view = useLiveQuery(fetchView, sidebarTopics);
  return (
    <main className="sidebar" aria-label="Tend">
      {view.status === 'loading' && <DelayedLoading />}
      {view.status === 'error' && (
        <div className="notice error" role="alert">
          <p>{view.error}</p>
          <p>If this keeps happening, reload the mail page.</p>
        </div>
      )}
      {'value' in view && view.value && <Conversation view={view.value} />}
      <OwnAddresses />
    </main>
  );
}

function DelayedLoading() {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return visible ? <p className="muted" role="status">Looking up this conversation…</p> : null;
}

function Conversation({ view }: { view: SidebarView }) {
  if (view.state === 'no-conversation') {
    return (
      <section className="empty" aria-label="No conversation open">
        <h1>Tend</h1>
        <p>Open a conversation to see who it is with and what you remember about them.</p>
        <SearchBox hrefFor={(id) => `${browser.runtime.getURL('/dashboard.html')}#client/${encodeURIComponent(id)}`} newTab />
      </section>
    );
  }
  const known = view.people.filter((person) => person.match === 'client' || person.match === 'probable');
  const others = view.people.filter((person) => person.match === 'unknown' || person.match === 'colleague');
  return (
    <>
      {view.people.length === 0 && (
        <section className="empty">
          <p>Only you are in this conversation.</p>
        </section>
      )}
      {known.map((person) => (
        <PersonCard key={person.client!.id + (person.email ?? person.name)} person={person} />
      ))}
      {others.length > 0 && (
        <section aria-label="Not yet clients" className="others">
          <h2 className="section-title">{known.length ? 'Also in this conversation' : 'In this conversation'}</h2>
          <ul className="plain">
            {others.map((person) => (
              <li key={person.email ?? `name:${person.name}`}>
                <UnknownPerson person={person} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.more > 0 && <p className="muted">and {view.more} more people</p>}
    </>
  );
}
