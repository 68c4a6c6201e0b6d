import { useEffect, useState, type ReactNode } from 'react';
import { send } from '../../lib/messaging/send';
import { NOT_ALLOWED } from '../../lib/messaging/names';
import { useLiveQuery } from '../../lib/ui/live';
import type { SidebarView } from '../../lib/messaging/protocol';
import { sidebarTopics } from '../../lib/ui/topics';
import { PersonCard } from './PersonCard';
import { Unreadable } from './Unreadable';
import { OwnAddresses } from './OwnAddresses';
import { UndoProvider } from '../UndoNotice';
import { OwnAddressQuestion } from '../OwnAddressQuestion';
import { frameToken } from '../../lib/ui/frame-token';
import { browser } from 'wxt/browser';
import { SearchBox } from '../dashboard/SearchBox';
import { loadFolds } from './Fold';
import { OtherPeople } from './OtherPeople';

const fetchView = async () => send('getSidebarView', { frameToken: await frameToken() });

/** A fast lookup never flashes a loading state; a slow one says so after this long. */
const LOADING_DELAY_MS = 300;

/**
 * Where the frame stands with its content script: waiting for the token, refused
 * (a frame the mail page made itself, or sidebar.html opened on its own), or
 * accepted by the background.
 */
type Trust = { state: 'waiting' } | { state: 'refused' } | { state: 'failed'; error: string } | { state: 'accepted'; first: SidebarView };

/**
 * Nothing is asked of the background before the content script handed the frame
 * its token, and nothing more once the background refused the token: such a frame
 * shows a neutral empty state, without search or settings.
 */
function useTrust(): Trust {
  const [trust, setTrust] = useState<Trust>({ state: 'waiting' });
  useEffect(() => {
    let live = true;
    // The first request proves the token; only then does the sidebar show anything.
    // The remembered folds are read meanwhile, so no section flashes open.
    Promise.all([fetchView(), loadFolds()]).then(
      // That first answer is shown at once: the sidebar's first paint waits for one round trip, not two.
      ([first]) => live && setTrust({ state: 'accepted', first }),
      (failure: unknown) => {
        const error = failure instanceof Error ? failure.message : String(failure);
        if (live) setTrust(error === NOT_ALLOWED ? { state: 'refused' } : { state: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return trust;
}

export function SidebarApp() {
  const trust = useTrust();
  return (
    <main className="sidebar" aria-label="Tend">
      {(trust.state === 'waiting' || trust.state === 'refused') && (
        <Delayed>
          <Neutral />
        </Delayed>
      )}
      {trust.state === 'failed' && <Failure error={trust.error} />}
      {trust.state === 'accepted' && <TrustedSidebar first={trust.first} />}
    </main>
  );
}

/** What a frame without its token shows: the name, and nothing of the user's. */
function Neutral() {
  return (
    <section className="empty" aria-label="Nothing to show">
      <h1>Tend</h1>
      <p className="muted">Nothing to show here.</p>
    </section>
  );
}

function Failure({ error }: { error: string }) {
  return (
    <div className="notice error" role="alert">
      <p>{error}</p>
      <p>If this keeps happening, reload the mail page.</p>
    </div>
  );
}

function TrustedSidebar({ first }: { first: SidebarView }) {
  const view = useLiveQuery(fetchView, sidebarTopics, { value: first });
  // Another conversation opened: the last one's Undo notice goes (it names its client).
  const shown = 'value' in view && view.value ? view.value : null;
  const conversation = shown?.state === 'conversation' ? `conversation:${shown.subject}` : (shown?.state ?? '');
  return (
    <UndoProvider scope={conversation}>
      {view.status === 'loading' && (
        <Delayed>
          <p className="muted" role="status">Looking up this conversation…</p>
        </Delayed>
      )}
      {view.status === 'error' && <Failure error={view.error} />}
      {'value' in view && view.value && <Conversation view={view.value} />}
      <OwnAddresses />
    </UndoProvider>
  );
}

function Delayed({ children, ms = LOADING_DELAY_MS }: { children: ReactNode; ms?: number }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return visible ? children : null;
}
/** A page still rendering reads as nobody for a moment: "can't read" shows only if it lasts. */
const UNREADABLE_DELAY_MS = 1500;

function Conversation({ view }: { view: SidebarView }) {
  if (view.state === 'unreadable') {
    return (
      <Delayed ms={UNREADABLE_DELAY_MS}>
        <Unreadable host={view.host} diagnostics={view.diagnostics} />
      </Delayed>
    );
  }
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
      {view.ownAddressQuestion && <OwnAddressQuestion address={view.ownAddressQuestion} />}
      {view.people.length === 0 && (
        <section className="empty">
          <p>Only you are in this conversation.</p>
        </section>
      )}
      {known.map((person) => (
        <PersonCard key={person.client!.id + (person.email ?? person.name)} person={person} />
      ))}
      {others.length + view.more > 0 && <OtherPeople others={others} more={view.more} anyKnown={known.length > 0} />}
    </>
  );
}
