/**
 * The context menu "Save to Tend for…" (page) and "Save link to Tend for…" (link),
 * end to end with the production manifest.
 *
 * No automation can click a native context menu: the DevTools protocol has no
 * command for it (Extensions.* can press the toolbar button, nothing more) and
 * Playwright's right-click only fires the page's `contextmenu` event (puppeteer
 * #5001, webdriverio #15064). So these tests do the two halves a menu click joins:
 * 1. what is registered: the items exist in Chromium (`contextMenus.update` on
 *    their ids succeeds, and fails on an unknown id), the function the background
 *    runs at install creates them with these contexts without an error, and the
 *    listener Chromium will call on a click is `tendSaveMenus.onClicked`
 *    (`contextMenus.onClicked.hasListener`);
 * 2. what a click does: that very listener is called from the service worker with
 *    the OnClickData and tab Chromium passes for such a click, and the user's save
 *    flow is followed through the popup to the database.
 * A real menu click also grants `activeTab` for the tab; the only other way to get
 * that grant is pressing the toolbar button (Extensions.triggerAction), so the page
 * test presses it first and closes that popup, then chooses the menu item.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, pressToolbarButton, servePage, test, waitForSavePopup, type Chrome } from './harness';
import { readTable, seedClient } from './data';

declare const chrome: Chrome;

const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const ARTICLE_HTML = readFileSync(new URL('../fixtures/articles/running-marathon-training.html', import.meta.url), 'utf8');
const ARTICLE_TITLE = 'How to train for your first marathon without getting hurt';
const ARTICLE_URL = 'https://www.strideweekly.example/training/first-marathon-plan';
const LINKED = 'https://www.strideweekly.example/training/pacing-long-runs';
/** A page with a link on it, as a user would right-click. */
const PAGE_WITH_LINK = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reading list</title></head>
<body><h1>Reading list</h1><p>Next week: <a id="pacing" href="${LINKED}?utm_source=list&amp;utm_medium=web">Pacing your long runs</a>.</p></body></html>`;
const LIST_URL = 'https://www.strideweekly.example/reading-list';

interface StoredResource {
  url: string;
  canonicalUrl: string;
  title: string;
  contentHtml: string;
  clientIds: string[];
}

/** OnClickData as Chromium builds it for a click on a menu item. */
interface ClickData {
  menuItemId: string;
  pageUrl: string;
  frameId: number;
  editable: boolean;
  linkUrl?: string;
  selectionText?: string;
}

/** Ada as a client (seeded from the dashboard: only the sidebar creates clients one by one). */
function createAda(context: BrowserContext, extensionId: string): Promise<string> {
  return seedClient(context, extensionId, { ...ADA, company: 'Analytical Engines' });
}

/**
 * Chooses a menu item on the active tab (the test's page, showing `pageUrl`): runs
 * the registered listener with what Chromium passes. The tab is queried as the
 * active one: without the `tabs` permission or a grant, Tend cannot look tabs up
 * by address (Chromium passes the clicked tab itself).
 */
async function chooseMenuItem(worker: Worker, pageUrl: string, click: Omit<ClickData, 'frameId' | 'editable' | 'pageUrl'>): Promise<void> {
  await worker.evaluate(
    async ({ pageUrl, click }) => {
      const tabs = await chrome.tabs.query({ active: true });
      if (tabs.length !== 1) throw new Error(`expected one active tab, found ${tabs.length}`);
      const tab = tabs[0]!;
      const menus = (globalThis as unknown as { tendSaveMenus: { onClicked: (info: unknown, tab: unknown) => Promise<void> } }).tendSaveMenus;
      // The function handed to contextMenus.onClicked.addListener, nothing else.
      if (!chrome.contextMenus.onClicked.hasListener(menus.onClicked as never)) throw new Error('not the registered listener');
      await menus.onClicked({ frameId: 0, editable: false, pageUrl, ...click }, tab);
    },
    { pageUrl, click },
  );
}

async function saveForAda(popup: Page): Promise<void> {
  await popup.getByRole('group', { name: 'Clients' }).getByRole('checkbox', { name: /Ada Lovelace/ }).check();
  await popup.getByRole('button', { name: /^Save/ }).click();
  await expect(popup.getByRole('status')).toContainText('Saved for Ada Lovelace');
}

test('the menu items are registered for pages and for links, with one listener', async ({ serviceWorker }) => {
  const registered = await serviceWorker.evaluate(async () => {
    const exists = (id: string) => chrome.contextMenus.update(id, {}).then(() => true, () => false);
    // Created by runtime.onInstalled when the extension was loaded, which may still be
    // running when the test starts: wait for it (up to 5 s), never create them here.
    for (let waited = 0; waited < 5_000 && !((await exists('tend-save-page')) && (await exists('tend-save-link'))); waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const atInstall = { page: await exists('tend-save-page'), link: await exists('tend-save-link'), other: await exists('not-a-tend-item') };
    // Run the install-time function again, recording what it asks Chromium for and
    // whether Chromium accepted it (an invalid context or pattern sets lastError).
    const menus = (globalThis as unknown as { tendSaveMenus: { create: () => void; onClicked: unknown } }).tendSaveMenus;
    const realCreate = chrome.contextMenus.create.bind(chrome.contextMenus);
    const created: Array<{ properties: unknown; error: string | null }> = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${created.length} items created`)), 5_000);
      (chrome.contextMenus as { create: unknown }).create = (properties: Parameters<typeof realCreate>[0]) =>
        realCreate(properties, () => {
          created.push({ properties, error: chrome.runtime.lastError?.message ?? null });
          if (created.length === 2) {
            clearTimeout(timer);
            resolve();
          }
        });
      menus.create();
    }).finally(() => {
      (chrome.contextMenus as { create: unknown }).create = realCreate;
    });
    return {
      atInstall,
      created,
      afterAgain: { page: await exists('tend-save-page'), link: await exists('tend-save-link') },
      listener: chrome.contextMenus.onClicked.hasListener(menus.onClicked as never),
    };
  });
  expect(registered.atInstall).toEqual({ page: true, link: true, other: false });
  expect(registered.created).toEqual([
    { properties: { id: 'tend-save-page', title: 'Save to Tend for…', contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] }, error: null },
    { properties: { id: 'tend-save-link', title: 'Save link to Tend for…', contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] }, error: null },
  ]);
  expect(registered.afterAgain).toEqual({ page: true, link: true });
  expect(registered.listener).toBe(true);
});

test('"Save link to Tend for…" opens the save popup about that link, and saves the link', async ({ context, page, cdp, extensionId, serviceWorker }) => {
  const ada = await createAda(context, extensionId);
  servePage(context, LIST_URL, PAGE_WITH_LINK);
  await page.goto(LIST_URL);
  // The user selected the link's text before right-clicking it, so Chromium sends it along.
  const link = await page.locator('#pacing').evaluate((a: HTMLAnchorElement) => {
    getSelection()!.selectAllChildren(a);
    return { href: a.href, selection: getSelection()!.toString() };
  });
  await chooseMenuItem(serviceWorker, LIST_URL, { menuItemId: 'tend-save-link', linkUrl: link.href, selectionText: link.selection });

  const popup = await waitForSavePopup(cdp, extensionId);
  expect(new URL(popup.url()).searchParams.get('link')).toBe(link.href);
  const preview = popup.getByRole('region', { name: 'Page to save' });
  await expect(preview.getByRole('heading', { name: 'Pacing your long runs' })).toBeVisible();
  await expect(preview).toContainText('strideweekly.example');
  await saveForAda(popup);

  const [stored] = await readTable<StoredResource>(context, extensionId, 'resources');
  // The link, not the page it was on; tracking parameters gone.
  expect(stored).toMatchObject({ canonicalUrl: LINKED, title: 'Pacing your long runs', contentHtml: '', clientIds: [ada] });
});

test('"Save to Tend for…" on a page opens the save popup for that page, and saves the article', async ({ context, page, cdp, extensionId, serviceWorker }) => {
  const ada = await createAda(context, extensionId);
  servePage(context, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  // The activeTab grant a menu click gives (see the top of this file), then the popup closed.
  const granting = await pressToolbarButton(cdp, extensionId, ARTICLE_URL);
  await expect(granting.getByRole('region', { name: 'Page to save' })).toBeVisible();
  await granting.close();

  await chooseMenuItem(serviceWorker, ARTICLE_URL, { menuItemId: 'tend-save-page' });
  const popup = await waitForSavePopup(cdp, extensionId);
  const preview = popup.getByRole('region', { name: 'Page to save' });
  // Read from that tab: Readability's title, the site, the reading time.
  await expect(preview.getByRole('heading', { name: ARTICLE_TITLE })).toBeVisible();
  await expect(preview).toContainText('Stride Weekly');
  await expect(preview).toContainText('min read');
  await saveForAda(popup);

  const [stored] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(stored).toMatchObject({ canonicalUrl: ARTICLE_URL, title: ARTICLE_TITLE, clientIds: [ada] });
  expect(stored!.contentHtml).toContain('The long run is the heart of the plan');
});
