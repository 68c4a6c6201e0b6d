// @vitest-environment happy-dom
/**
 * Live updates by topic (issue 12): a write tells only the pages showing what it
 * changed. The hub's and the pages' filters, the topics of the handlers' writes,
 * and the re-fetch figure the bench prints (scripts/bench/live-refetch.ts).
 */
import 'fake-indexeddb/auto';
import { act, render, waitFor } from '@testing-library/react';
import { useCallback } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../lib/background/handlers';
import { TendDatabase } from '../../lib/db/schema';
import { EVERYTHING, concerns, topicsForPage, type Topic } from '../../lib/messaging/topics';
import { useLiveQuery } from '../../lib/ui/live';
import { measureRefetches } from '../../scripts/bench/live-refetch';

const liveListeners = new Set<(message: unknown) => void>();
function push(message: unknown) {
  act(() => {
    for (const listener of liveListeners) listener(message);
  });
}

beforeAll(() => {
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: (listener: (message: unknown) => void) => liveListeners.add(listener) },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
});

describe('the filters', () => {
  it('hands a tab its own conversation as "thread" and no other tab’s', () => {
    expect(topicsForPage(['thread:3', 'client:a'], 3)).toEqual(['thread', 'client:a']);
    expect(topicsForPage(['thread:3', 'client:a'], 4)).toEqual(['client:a']);
    expect(topicsForPage(['thread:3'], undefined)).toEqual([]);
    expect(topicsForPage([EVERYTHING], 4)).toEqual([EVERYTHING]);
  });

  it('matches a page by any shared topic, and everything by EVERYTHING', () => {
    expect(concerns(['client:a', 'people'], ['client:b'])).toBe(false);
    expect(concerns(['client:a', 'people'], ['client:b', 'people'])).toBe(true);
    expect(concerns(['today'], [EVERYTHING])).toBe(true);
    expect(concerns([EVERYTHING], ['client:b'])).toBe(true);
    expect(concerns(['today'], [])).toBe(false);
  });
});

describe('what a write tells', () => {
  async function withHandlers(run: (handlers: ReturnType<typeof createHandlers>, told: (readonly Topic[])[]) => Promise<void>) {
    const told: (readonly Topic[])[] = [];
    const db = new TendDatabase(`live-topics-${crypto.randomUUID()}`);
    const handlers = createHandlers({ db, threads: { get: async () => null, set: async () => {} }, now: () => new Date(2026, 10, 23, 12), notify: (topics) => void told.push(topics) });
    try {
      await run(handlers, told);
    } finally {
      db.close();
    }
  }

  it('names the client a detail belongs to, and Today only for a dated one', async () => {
    await withHandlers(async (handlers, told) => {
      const { clientId } = await handlers.createClient({ name: 'Ada', email: 'ada@a.example', company: '', role: '' }, { tabId: null });
      told.length = 0;
      const { id } = await handlers.addDetail({ clientId, kind: 'hobby', text: 'Rowing', date: null, yearly: false });
      expect(told).toEqual([[`client:${clientId}`]]);
      told.length = 0;
      await handlers.updateDetail({ id, kind: 'hobby', text: 'Rowing', date: '2026-12-01', yearly: false });
      expect(told).toEqual([[`client:${clientId}`, 'today']]);
    });
  });

  it('tells sidebars (people) when someone becomes a client, and every page after an import', async () => {
    await withHandlers(async (handlers, told) => {
      const { clientId } = await handlers.createClient({ name: 'Ada', email: 'ada@a.example', company: '', role: '' }, { tabId: null });
      expect(told.at(-1)).toEqual(expect.arrayContaining([`client:${clientId}`, 'people', 'clients', 'today']));
      await handlers.importContacts({ rows: [{ row: 1, name: 'Bob', emails: ['bob@b.example'], company: '', role: '', birthday: null, notes: '', tags: [] }], tier: 'none', dryRun: false });
      expect(told.at(-1)).toEqual([EVERYTHING]);
    });
  });

  it('tells a mail tab’s pages about its own conversation only', async () => {
    const tabs = new Map();
    const told: (readonly Topic[])[] = [];
    const db = new TendDatabase(`live-topics-${crypto.randomUUID()}`);
    const handlers = createHandlers({
      db,
      threads: { get: async (tab) => tabs.get(tab) ?? null, set: async (tab, value) => void tabs.set(tab, value) },
      now: () => new Date(),
      notify: (topics) => void told.push(topics),
    });
    await handlers.threadChanged({ snapshot: null, frameToken: 'frame-token-0123456789' }, { tabId: 5 });
    await handlers.threadChanged({ snapshot: null, frameToken: 'frame-token-0123456789' }, { tabId: 5 });
    // The first mail page seen is noted once (the dashboard's first run shows it).
    expect(told).toEqual([['thread:5', 'settings'], ['thread:5']]);
    db.close();
  });
});

describe('a live query', () => {
  function Probe({ fetcher, shows, first }: { fetcher: () => Promise<string[]>; shows: (value: string[] | undefined) => Topic[]; first?: { value: string[] } }) {
    const state = useLiveQuery(useCallback(fetcher, [fetcher]), shows, first);
    return <p>{state.status === 'ready' ? state.value.join(',') : state.status}</p>;
  }

  it('shows an answer it was handed at once, then fetches again (a change in between is not lost)', async () => {
    let release: () => void = () => {};
    const fetcher = vi.fn(() => new Promise<string[]>((resolve) => (release = () => resolve(['a', 'b']))));
    const view = render(<Probe fetcher={fetcher} shows={() => ['thread']} first={{ value: ['a'] }} />);
    expect(view.container.textContent).toBe('a');
    expect(fetcher).toHaveBeenCalledTimes(1);
    await act(async () => release());
    await waitFor(() => expect(view.container.textContent).toBe('a,b'));
  });

  it('fetches again for its own topics only, and for a change heard while its answer was on the way', async () => {
    let release: () => void = () => {};
    const fetcher = vi.fn(
      () =>
        new Promise<string[]>((resolve) => {
          release = () => resolve(['a']);
        }),
    );
    // The clients it shows follow from the answer, as in a sidebar.
    const shows = (value: string[] | undefined): Topic[] => ['thread', ...(value ?? []).map((id): Topic => `client:${id}`)];
    const view = render(<Probe fetcher={fetcher} shows={shows} />);
    expect(fetcher).toHaveBeenCalledTimes(1);
    // Before the answer says it shows client a, a change of client a is heard...
    push({ type: 'changed', topics: ['client:a'] });
    expect(fetcher).toHaveBeenCalledTimes(1);
    await act(async () => release());
    // ...and fetched again once the answer shows client a.
    await waitFor(() => expect(fetcher).toHaveBeenCalledTimes(2));
    await act(async () => release());
    await waitFor(() => expect(view.container.textContent).toBe('a'));

    push({ type: 'changed', topics: ['client:b', 'today'] });
    expect(fetcher).toHaveBeenCalledTimes(2);
    push({ type: 'changed', topics: ['client:a'] });
    expect(fetcher).toHaveBeenCalledTimes(3);
    await act(async () => release());
    // No topics (an older background, a reconnect): everything.
    push({ type: 'changed' });
    expect(fetcher).toHaveBeenCalledTimes(4);
    await act(async () => release());
    view.unmount();
  });
});

describe('the bench figure', () => {
  it('refetches only sidebar A when a detail is added to its client, with a dashboard and sidebar B open', async () => {
    const figures = await measureRefetches();
    const detail = figures[0]!;
    expect(detail.before).toBe(3);
    expect(detail.after).toBe(1);
    expect(detail.pages).toEqual(['sidebar A (Ada)']);
    // A new client may be anyone in any conversation: every page looks again.
    expect(figures.at(-1)!.after).toBe(3);
  });
});
