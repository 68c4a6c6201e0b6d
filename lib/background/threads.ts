/**
 * The conversation open in each tab, kept in `storage.session`: it survives the
 * service worker being stopped (Chrome does so after ~30 s idle), is gone when the
 * browser closes, and is readable by extension contexts only, never by content scripts.
 */
import { browser } from 'wxt/browser';
import { z } from '../zod';
import { ThreadSnapshot } from '../hosts/thread';

const keyOf = (tabId: number) => `thread:${tabId}`;

/**
 * What a tab's content script last reported: its conversation, and the token it
 * handed its own sidebar frame. Only a frame holding that token is shown the
 * conversation, so a frame the mail page makes of sidebar.html itself sees nothing.
 */
export const TabThread = z.object({ snapshot: ThreadSnapshot.nullable(), frameToken: z.string().min(16).max(100) });
export type TabThread = z.infer<typeof TabThread>;

export interface ThreadStore {
  get(tabId: number): Promise<TabThread | null>;
  set(tabId: number, value: TabThread | null): Promise<void>;
}

export const sessionThreadStore: ThreadStore = {
  async get(tabId) {
    const key = keyOf(tabId);
    const stored = (await browser.storage.session.get(key))[key];
    // Re-validated on the way out: storage is ours, but a shape from an older
    // version of the extension must not crash the sidebar.
    const parsed = TabThread.safeParse(stored);
    return parsed.success ? parsed.data : null;
  },
  async set(tabId, value) {
    const key = keyOf(tabId);
    if (value) await browser.storage.session.set({ [key]: value });
    else await browser.storage.session.remove(key);
  },
};
