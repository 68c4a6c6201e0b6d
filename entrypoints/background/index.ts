import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { db } from '../../lib/db';
import { createHandlers } from '../../lib/background/handlers';
import { createLiveHub } from '../../lib/background/live';
import { isEnvelope, route } from '../../lib/background/router';
import { sessionThreadStore } from '../../lib/background/threads';
import { createRhythm } from '../../lib/background/rhythm';
import { readSettings } from '../../lib/background/settings';
import { rememberingLastThread } from '../../lib/background/last-thread';
import { createSaveMenus, listenToSaveMenus } from '../../lib/background/save-entry';

export default defineBackground(() => {
  const extensionOrigin = browser.runtime.getURL('/');
  const live = createLiveHub(extensionOrigin);
  const rhythm = createRhythm(db(), () => readSettings(db()));
  const handlers = createHandlers({
    db: db(),
    // Also remembers the last conversation opened: the save popup suggests its clients.
    threads: rememberingLastThread(sessionThreadStore),
    now: () => new Date(),
    notify: () => {
      live.notify();
      rhythm.scheduleBadge();
    },
  });

  // sendResponse + `return true` rather than a returned promise: that works in every
  // Chromium and Firefox version Tend supports.
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (!isEnvelope(message)) return false;
    void route(handlers, message, sender, browser.runtime.id, extensionOrigin).then(sendResponse);
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
});
