/**
 * The background worker's start: everything the entrypoint
 * (entrypoints/background/index.ts) runs, kept here so the entrypoint only wires.
 */
import { browser } from 'wxt/browser';
import { db } from '../db';
import { createHandlers } from './handlers';
import { createLiveHub } from './live';
import { isEnvelope, route } from './router';
import { sessionThreadStore } from './threads';
import { createRhythm } from './rhythm';
import { readSettings } from './settings';
import { rememberingLastThread } from './last-thread';
import { createSaveMenus, listenToSaveMenus } from './save-entry';
import { createSearchIndex } from './search/index';

/**
 * A search arriving while the note texts are still being read (just after the
 * worker started) does not wait for them: it answers over clients' own fields at
 * once, and the pages are told when the index is whole (lib/background/features/search.ts).
 */
const SEARCH_WAIT_MS = 0;
/**
 * The index build waits for this much quiet after a page connects, so the page's
 * own first requests (Today, the sidebar's conversation) are answered first.
 */
const WARM_AFTER_QUIET_MS = 200;

/** Wires the background worker: database, search index, live hub, badge, messages, menus. */
export function startBackground(): void {
  const extensionOrigin = browser.runtime.getURL('/');
  // The search index lives in the worker's memory and is gone after a restart: it is
  // rebuilt in the background as soon as a dashboard or sidebar connects.
  const corpus = createSearchIndex(db());
  let warmTimer: ReturnType<typeof setTimeout> | undefined;
  const warmSoon = () => {
    clearTimeout(warmTimer);
    warmTimer = setTimeout(() => {
      warmTimer = undefined;
      void corpus.warm();
    }, WARM_AFTER_QUIET_MS);
  };
  const live = createLiveHub(extensionOrigin, { onConnect: warmSoon });
  const rhythm = createRhythm(db(), () => readSettings(db()));
  const handlers = createHandlers({
    db: db(),
    // Also remembers the last conversation opened: the save popup suggests its clients.
    threads: rememberingLastThread(sessionThreadStore),
    now: () => new Date(),
    corpus,
    searchWaitMs: SEARCH_WAIT_MS,
    notify: (topics) => {
      live.notify(topics);
      rhythm.scheduleBadge();
    },
  });

  // The token each mail tab's content script registered for its own sidebar frame.
  const frameTokenOf = async (tabId: number) => (await sessionThreadStore.get(tabId))?.frameToken ?? null;

  // sendResponse + `return true` rather than a returned promise: that works in every
  // Chromium and Firefox version Tend supports.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isEnvelope(message)) return false;
    // Still busy answering the page that just connected: build the index after.
    if (warmTimer !== undefined) warmSoon();
    void route(handlers, message, sender, browser.runtime.id, extensionOrigin, frameTokenOf).then(sendResponse);
    return true;
  });

  // A closed tab's conversation is forgotten.
  browser.tabs.onRemoved.addListener((tabId) => void sessionThreadStore.set(tabId, null));

  // Context menu "Save to Tend for…" (the toolbar button and its shortcut open the popup).
  browser.runtime.onInstalled.addListener(createSaveMenus);
  const onSaveMenuClicked = listenToSaveMenus();
  // No browser automation can click a native context menu (puppeteer #5001), so the
  // end-to-end suite runs the registered listener itself from the worker, after
  // checking `contextMenus.onClicked.hasListener` of this very function
  // (tests/e2e/context-menu.spec.ts). Only extension code can reach this global.
  Object.assign(globalThis, { tendSaveMenus: { create: createSaveMenus, onClicked: onSaveMenuClicked } });

  void rhythm.start();
}
