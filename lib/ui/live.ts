/**
 * Extension pages keep one port open to the background and refresh what they
 * show when it says that changed: each live query names the topics it shows
 * (lib/messaging/topics.ts) and refreshes only for those. When the worker restarts
 * the port breaks; the page reconnects (which wakes the worker) and refreshes
 * everything once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { LiveEvent } from '../messaging/protocol';
import { LIVE_PORT } from '../messaging/names';
import { EVERYTHING, concerns, type Topic } from '../messaging/topics';

/** Called with the topics that changed. */
type Listener = (changed: readonly string[]) => void;
const listeners = new Set<Listener>();
let connected = false;

function tell(changed: readonly string[]): void {
  for (const listener of [...listeners]) listener(changed);
}

function connect(): void {
  connected = true;
  const port = browser.runtime.connect({ name: LIVE_PORT });
  port.onMessage.addListener((message: unknown) => {
    const event = LiveEvent.safeParse(message);
    if (event.success) tell(event.data.topics ?? [EVERYTHING]);
  });
  port.onDisconnect.addListener(() => {
    setTimeout(() => {
      connect();
      // Changes made while the worker was away were told to nobody.
      tell([EVERYTHING]);
    }, 250);
  });
}

/** Calls `listener` after each change of one of `topics` (EVERYTHING: any change). */
export function onDataChanged(topics: readonly Topic[], listener: () => void): () => void {
  if (!connected) connect();
  const filtered: Listener = (changed) => {
    if (concerns(topics, changed)) listener();
  };
  listeners.add(filtered);
  return () => listeners.delete(filtered);
}

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: string; value?: T };

/**
 * What a live query shows: fixed topics, or topics that follow from the value
 * (the clients a sidebar's conversation turned out to have). Without: everything.
 */
export type Shows<T> = readonly Topic[] | ((value: T | undefined) => readonly Topic[]);

/**
 * Loads `fetcher` now and after every change of what it shows. Answers arriving
 * out of order are dropped, so a slow old answer never replaces a newer one (a
 * thread switch must never show the previous conversation's people). A change
 * heard while a load runs is checked again against the topics of its answer: a
 * sidebar learns which clients it shows only from that answer.
 *
 * `first`: an answer the page already has (the sidebar's first request, which proved
 * its token): shown at once, and fetched again after the first paint, so a change
 * made in between is not missed.
 */
export function useLiveQuery<T>(fetcher: () => Promise<T>, shows: Shows<T> = [EVERYTHING], first?: { value: T }): Loadable<T> {
  const [state, setState] = useState<Loadable<T>>(first ? { status: 'ready', value: first.value } : { status: 'loading' });
  const latest = useRef(0);
  const showsRef = useRef(shows);
  showsRef.current = shows;
  const valueRef = useRef<T | undefined>(first?.value);
  /** Changes heard while the latest load was running. */
  const heard = useRef<(readonly string[])[]>([]);
  const running = useRef(false);
  const load = useCallback(() => {
    const ticket = ++latest.current;
    running.current = true;
    heard.current = [];
    fetcher().then(
      (value) => {
        if (ticket !== latest.current) return;
        running.current = false;
        valueRef.current = value;
        setState({ status: 'ready', value });
        const topics = topicsFrom(showsRef.current, value);
        if (heard.current.some((changed) => concerns(topics, changed))) load();
      },
      (error: unknown) => {
        if (ticket !== latest.current) return;
        running.current = false;
        const message = error instanceof Error ? error.message : String(error);
        setState((previous) => ({
          status: 'error',
          error: message,
          value: previous.status === 'loading' ? undefined : previous.value,
        }));
        if (heard.current.some((changed) => concerns(topicsFrom(showsRef.current, valueRef.current), changed))) load();
      },
    );
  }, [fetcher]);
  useEffect(() => {
    load();
    return subscribe((changed) => {
      if (running.current) heard.current.push(changed);
      if (concerns(topicsFrom(showsRef.current, valueRef.current), changed)) load();
    });
  }, [load]);
  return state;
}

function topicsFrom<T>(shows: Shows<T>, value: T | undefined): readonly Topic[] {
  return typeof shows === 'function' ? shows(value) : shows;
}

/** Every change, unfiltered: for live queries, whose topics may follow from their answer. */
function subscribe(listener: Listener): () => void {
  if (!connected) connect();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
