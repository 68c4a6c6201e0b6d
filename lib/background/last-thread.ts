/**
 * The conversation the user opened most recently, in any mail tab, kept in
 * `storage.session` (it survives the worker stopping, not the browser closing).
 * The save popup suggests that conversation's clients first: the article the
 * user reads next is often for the person they were just writing to.
 */
import { browser } from 'wxt/browser';
import { ThreadSnapshot } from '../hosts/thread';
import type { ThreadStore } from './threads';

const KEY = 'lastThread';

/** A thread store that also remembers the last conversation reported open. */
export function rememberingLastThread(store: ThreadStore): ThreadStore {
  return {
    get: (tabId) => store.get(tabId),
    async set(tabId, value) {
      await store.set(tabId, value);
      if (value?.snapshot) await browser.storage.session.set({ [KEY]: value.snapshot });
    },
  };
}

export async function readLastThread(): Promise<ThreadSnapshot | null> {
  const stored = (await browser.storage.session.get(KEY))[KEY];
  const parsed = ThreadSnapshot.safeParse(stored);
  return parsed.success ? parsed.data : null;
}
