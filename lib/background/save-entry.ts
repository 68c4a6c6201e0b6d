/**
 * The ways into "save this page for a client" besides the toolbar button (and its
 * keyboard shortcut, the manifest's `_execute_action` command): the page and link
 * context menu "Save to Tend for…". A click on a menu item grants `activeTab` for
 * that tab, like the button does.
 */
import { browser } from 'wxt/browser';

export const MENU_PAGE = 'tend-save-page';
export const MENU_LINK = 'tend-save-link';

const WEB_PAGES = ['http://*/*', 'https://*/*'];

/** The menu items, as handed to `contextMenus.create`. */
export const SAVE_MENUS = [
  // "selection" too: with text selected Chrome shows only selection items, and the
  // page is still what the user wants to save.
  { id: MENU_PAGE, title: 'Save to Tend for…', contexts: ['page', 'selection'], documentUrlPatterns: WEB_PAGES },
  { id: MENU_LINK, title: 'Save link to Tend for…', contexts: ['link'], targetUrlPatterns: WEB_PAGES },
] as const;

/** What a menu click carries that matters here (a subset of contextMenus.OnClickData). */
export interface SaveMenuClick {
  menuItemId: string | number;
  linkUrl?: string;
  selectionText?: string;
}

/**
 * What choosing a menu item opens: for a link, the save popup as a small window
 * about that link (`?link=`); for a page, the toolbar popup for that tab, or the
 * same popup as a window for that tab (`?tab=`) where the browser cannot open the
 * real one. Nothing for anything else.
 */
export type SaveMenuTarget =
  | { kind: 'link'; query: { link: string; title: string } }
  | { kind: 'page'; tabId: number; query: { tab: string } }
  | null;

export function saveMenuTarget(info: SaveMenuClick, tab: { id?: number } | undefined): SaveMenuTarget {
  if (info.menuItemId === MENU_LINK && info.linkUrl) {
    return { kind: 'link', query: { link: info.linkUrl, title: (info.selectionText ?? '').trim().slice(0, 500) } };
  }
  // A tab id of -1 (TAB_ID_NONE) is a click outside any tab, such as a devtools page.
  if (info.menuItemId === MENU_PAGE && tab?.id !== undefined && tab.id >= 0) {
    return { kind: 'page', tabId: tab.id, query: { tab: String(tab.id) } };
  }
  return null;
}

/** Creates the menu items (call from runtime.onInstalled: they persist). */
export function createSaveMenus(): void {
  browser.contextMenus.removeAll(() => {
    for (const menu of SAVE_MENUS) {
      browser.contextMenus.create({ ...menu, contexts: [...menu.contexts] } as Parameters<typeof browser.contextMenus.create>[0]);
    }
  });
}

export interface SaveMenuDeps {
  /** The toolbar popup for the current window (`action.openPopup`), where it exists. */
  openPopup?: () => Promise<void>;
  /** Opens an extension page as a small popup window. */
  openWindow: (path: string) => Promise<unknown>;
}

const browserDeps = (): SaveMenuDeps => ({
  openPopup: (browser.action as { openPopup?: () => Promise<void> }).openPopup?.bind(browser.action),
  openWindow: (path) => browser.windows.create({ url: browser.runtime.getURL(path as '/popup.html'), type: 'popup', width: 420, height: 640 }),
});

/** The contextMenus.onClicked listener: opens the save flow for the page or the link. */
export async function onSaveMenuClicked(info: SaveMenuClick, tab: { id?: number } | undefined, deps: SaveMenuDeps = browserDeps()): Promise<void> {
  const target = saveMenuTarget(info, tab);
  if (!target) return;
  const windowPath = `/popup.html?${new URLSearchParams(target.query).toString()}`;
  if (target.kind === 'page' && deps.openPopup) {
    // The real popup where the browser allows it from a menu click (it opens for the
    // active tab, which is the one clicked); else a window for that tab.
    try {
      await deps.openPopup();
      return;
    } catch {
      // fall through to the window
    }
  }
  await deps.openWindow(windowPath);
}

/** Registers the click listener and returns it (the very function Chrome calls). */
export function listenToSaveMenus(): (info: SaveMenuClick, tab?: { id?: number }) => Promise<void> {
  const listener = (info: SaveMenuClick, tab?: { id?: number }) => onSaveMenuClicked(info, tab);
  browser.contextMenus.onClicked.addListener(listener);
  return listener;
}
