/**
 * The conversation open in each tab, kept in `storage.session`: it survives the
 * service worker being stopped (Chrome does so after ~30 s idle), is gone when the
 * browser closes, and is readable by extension contexts only, never by content scripts.
 */
import { browser } from 'wxt/browser';
import { ThreadSnapshot } from '../hosts/thread';

const keyOf = (tabId: number) => `thread:${tabId}`;

export interface ThreadStore {
  get(tabId: number): Promise<ThreadSnapshot | null>;
  set(tabId: number, snapshot: ThreadSnapshot | null): Promise<void>;
}

export const sessionThreadStore: ThreadStore = {
  async get(tabId) {
    const key = keyOf(tabId);
    const stored = (await browser.storage.session.get(key))[key];
    // Re-validated on the way out: storage is ours, but a shape from an older
    // version of the extension must not crash the sidebar.
    const parsed = ThreadSnapshot.safeParse(stored);
    return parsed.success ? parsed.data : null;
  },
  async set(tabId, snapshot) {
    const key = keyOf(tabId);
    if (snapshot) await browser.storage.session.set({ [key]: snapshot });
    else await browser.storage.session.remove(key);
  },
};
