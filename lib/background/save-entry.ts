/**
 * The ways into "save this page for a client" besides the toolbar button (and its
 * keyboard shortcut, the manifest's `_execute_action` command): the page and link
 * context menu "Save to Tend for…". A click on a menu item grants `activeTab` for
 * that tab, like the button does.
 */
import { browser } from 'wxt/browser';

const MENU_PAGE = 'tend-save-page';
const MENU_LINK = 'tend-save-link';

/** Creates the menu items (call from runtime.onInstalled: they persist). */
export function createSaveMenus(): void {
  browser.contextMenus.removeAll(() => {
    browser.contextMenus.create({ id: MENU_PAGE, title: 'Save to Tend for…', contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] });
    browser.contextMenus.create({ id: MENU_LINK, title: 'Save link to Tend for…', contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] });
  });
}

/** The popup page as a small window, for a link (or when the popup cannot open). */
async function openPopupWindow(query: Record<string, string>): Promise<void> {
  const url = browser.runtime.getURL(`/popup.html?${new URLSearchParams(query).toString()}` as '/popup.html');
  await browser.windows.create({ url, type: 'popup', width: 420, height: 640 });
}

export function listenToSaveMenus(): void {
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_LINK && info.linkUrl) {
      void openPopupWindow({ link: info.linkUrl, title: (info.selectionText ?? '').slice(0, 500) });
      return;
    }
    if (info.menuItemId === MENU_PAGE && tab?.id !== undefined) {
      const tabId = tab.id;
      // The real popup where the browser allows it from a menu click; else a window for that tab.
      const open = (browser.action as { openPopup?: () => Promise<void> }).openPopup;
      const fallback = () => openPopupWindow({ tab: String(tabId) });
      if (open) open().catch(fallback);
      else void fallback();
    }
  });
}
