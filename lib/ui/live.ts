/**
 * Extension pages keep one port open to the background and refresh what they
 * show when it says data changed. When the worker restarts the port breaks; the
 * page reconnects (which wakes the worker) and refreshes once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { LiveEvent } from '../messaging/protocol';
import { LIVE_PORT } from '../messaging/names';

type Listener = () => void;
const listeners = new Set<Listener>();
let connected = false;

function connect(): void {
  connected = true;
  const port = browser.runtime.connect({ name: LIVE_PORT });
  port.onMessage.addListener((message: unknown) => {
    if (LiveEvent.safeParse(message).success) for (const listener of listeners) listener();
  });
  port.onDisconnect.addListener(() => {
    setTimeout(() => {
      connect();
      for (const listener of listeners) listener();
    }, 250);
  });
}

export function onDataChanged(listener: Listener): () => void {
  if (!connected) connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: string; value?: T };

/**
 * Loads `fetcher` now and after every change. Answers arriving out of order are
 * dropped, so a slow old answer never replaces a newer one (a thread switch must
 * never show the previous conversation's people).
 */
export function useLiveQuery<T>(fetcher: () => Promise<T>): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const latest = useRef(0);
  const load = useCallback(() => {
    const ticket = ++latest.current;
    fetcher().then(
      (value) => {
        if (ticket === latest.current) setState({ status: 'ready', value });
      },
      (error: unknown) => {
        if (ticket !== latest.current) return;
        const message = error instanceof Error ? error.message : String(error);
        setState((previous) => ({
          status: 'error',
          error: message,
          value: previous.status === 'loading' ? undefined : previous.value,
        }));
      },
    );
  }, [fetcher]);
  useEffect(() => {
    load();
    return onDataChanged(load);
  }, [load]);
  return state;
}
