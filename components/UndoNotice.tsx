/**
 * "Undo" after a one-click write (issue 15): a notice with role `status` saying what
 * was done, and an "Undo" button, for at least UNDO_SHOWN_MS (longer while the
 * pointer or the keyboard focus is on it, so nobody loses it while reaching for it).
 * Undo sends the token the write answered (lib/background/undo.ts puts back exactly
 * what it changed). One notice at a time: a newer write's notice replaces the older.
 *
 * Pages wrap their content in <UndoProvider>; a control calls `useOfferUndo()` with
 * the write's reply: `offer('Checked in with Ada', reply.undo)`.
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { send } from '../lib/messaging/send';

/** How long the notice stays at least. The issue asks for 8 seconds or more. */
export const UNDO_SHOWN_MS = 10_000;
/** How long "Undone." stays. */
const DONE_SHOWN_MS = 4_000;

/** Answers whether a notice is shown (the page may announce the message itself when not). */
type Offer = (message: string, token: string | null | undefined) => boolean;

const UndoContext = createContext<Offer | null>(null);

const offerNothing: Offer = () => false;

/**
 * Offers Undo for a write: its reply's token, and what to say ("Checked in with Ada").
 * Every page's root (SidebarApp, DashboardApp) holds the provider; a part rendered on
 * its own (a component test) offers nothing rather than failing.
 */
export function useOfferUndo(): Offer {
  return useContext(UndoContext) ?? offerNothing;
}

type Notice =
  | { state: 'offered'; message: string; token: string; key: number }
  | { state: 'undoing'; message: string; token: string; key: number }
  | { state: 'undone'; message: string; key: number }
  | { state: 'failed'; message: string; key: number };

/**
 * `scope`: what the page shows (the sidebar's open conversation). When it changes the
 * notice goes: "Added Ada as a client" must not linger beside another client's email.
 */
export function UndoProvider({ children, scope = '' }: { children: ReactNode; scope?: string }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const counter = useRef(0);
  useEffect(() => setNotice(null), [scope]);
  const offer = useCallback<Offer>((message, token) => {
    // A write that changed nothing has nothing to undo: no notice.
    if (!token) return false;
    counter.current += 1;
    setNotice({ state: 'offered', message, token, key: counter.current });
    return true;
  }, []);
  return (
    <UndoContext.Provider value={offer}>
      {children}
      {notice && <UndoBar notice={notice} setNotice={setNotice} />}
    </UndoContext.Provider>
  );
}

function UndoBar({ notice, setNotice }: { notice: Notice; setNotice: (notice: Notice | null) => void }) {
  const [held, setHeld] = useState(false);
  const { key, state } = notice;

  useEffect(() => {
    if (held || state === 'undoing') return;
    const timer = setTimeout(() => setNotice(null), state === 'offered' ? UNDO_SHOWN_MS : DONE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [key, state, held, setNotice]);

  // Ctrl+Z (⌘Z) outside a text field undoes too: the notice need not be tabbed to.
  useEffect(() => {
    if (state !== 'offered') return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
      event.preventDefault();
      void undo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  async function undo() {
    if (notice.state !== 'offered') return;
    setNotice({ ...notice, state: 'undoing' });
    try {
      await send('undo', { token: notice.token });
      setNotice({ state: 'undone', message: 'Undone.', key });
    } catch (error) {
      setNotice({ state: 'failed', message: error instanceof Error ? error.message : String(error), key });
    }
  }

  return (
    <div
      className={`undo-notice${state === 'failed' ? ' error' : ''}`}
      role={state === 'failed' ? 'alert' : 'status'}
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setNotice(null);
      }}
    >
      <span>{notice.message}</span>
      {(state === 'offered' || state === 'undoing') && (
        <button type="button" className="undo" onClick={() => void undo()} disabled={state === 'undoing'} aria-keyshortcuts="Control+Z">
          Undo
        </button>
      )}
      <button type="button" className="link dismiss" aria-label="Dismiss" onClick={() => setNotice(null)}>
        ×
      </button>
    </div>
  );
}
