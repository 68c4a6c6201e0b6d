/**
 * Saving an article in Firefox, both ways a person does it: the toolbar button and
 * the page context menu "Save to Tend for…". Both are Firefox's own, pressed in the
 * browser's window: the grant of `activeTab` is Firefox's, not simulated.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'puppeteer-core';
import { callTend, expect, inExtensionPage, readTable, seedClient, servePage, test, type PopupPanel } from './harness';

const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const ARTICLE_HTML = readFileSync(new URL('../fixtures/articles/running-marathon-training.html', import.meta.url), 'utf8');
const ARTICLE_TITLE = 'How to train for your first marathon without getting hurt';
const CANONICAL = 'https://www.strideweekly.example/training/first-marathon-plan';
const ARTICLE_URL = `${CANONICAL}?utm_source=newsletter&utm_medium=email&mc_cid=abc123`;

interface StoredResource {
  canonicalUrl: string;
  title: string;
  contentHtml: string;
  /** The popup's note is the private note of each client picked (issue 15). */
  notes: Record<string, string>;
  clientIds: string[];
}

async function createAda(firefox: Browser): Promise<string> {
  const clientId = await seedClient(firefox, { ...ADA, company: 'Analytical Engines' });
  await callTend(firefox, 'addDetail', { clientId, kind: 'hobby', text: 'Training for the Berlin marathon in September' });
  return clientId;
}

/** The popup read the page: title, site, reading time; Ada is suggested; pick her, save. */
async function saveForAda(popup: PopupPanel, note: string): Promise<void> {
  const preview = { role: 'region', name: 'Page to save' };
  await popup.waitFor({ role: 'heading', name: ARTICLE_TITLE, within: preview });
  const shown = await popup.text(preview);
  expect(shown).toContain('Stride Weekly');
  expect(shown).toContain('min read');
  await popup.click({ role: 'checkbox', name: /Ada Lovelace/, within: { role: 'group', name: 'Clients' } });
  await popup.fill({ role: 'textbox', name: /Private note/ }, note);
  await popup.click({ role: 'button', name: /^Save/ });
  await popup.waitFor({ role: 'status', name: /Saved for Ada Lovelace/ });
}

test('the toolbar button reads the article and saves it for a client', async ({ firefox, tab: page, web, chrome }) => {
  const ada = await createAda(firefox);
  servePage(web, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  await page.bringToFront();

  const popup = await chrome.pressToolbarButton();
  await saveForAda(popup, 'For your Berlin training block');
  // The popup closes itself after confirming.
  await expect.poll(() => chrome.popupIsOpen(), { timeout: 5_000 }).toBe(false);

  const stored = await readTable<StoredResource>(firefox, 'resources');
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ canonicalUrl: CANONICAL, title: ARTICLE_TITLE, clientIds: [ada], notes: { [ada]: 'For your Berlin training block' } });
  expect(stored[0]!.contentHtml).toContain('The long run is the heart of the plan');
  expect(stored[0]!.contentHtml).not.toMatch(/<script|onerror|javascript:/i);
});

test('"Save to Tend for…" in the page context menu saves the page, as the toolbar button does', async ({ firefox, tab: page, web, chrome }) => {
  const ada = await createAda(firefox);
  servePage(web, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  await page.bringToFront();

  // No toolbar press first: the menu click alone grants activeTab in Firefox.
  await chrome.chooseFromContextMenu(page, 'h1', 'Save to Tend for…');
  const popup = await chrome.waitForPopup();
  await saveForAda(popup, 'Read before Sunday');

  const stored = await readTable<StoredResource>(firefox, 'resources');
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ canonicalUrl: CANONICAL, title: ARTICLE_TITLE, clientIds: [ada], notes: { [ada]: 'Read before Sunday' } });
  expect(stored[0]!.contentHtml).toContain('The long run is the heart of the plan');
});

test('Alt+Shift+S opens the popup for the page, as the toolbar button does', async ({ firefox, tab: page, web, chrome }) => {
  const ada = await createAda(firefox);
  servePage(web, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  await page.bringToFront();

  const commands = await inExtensionPage(
    firefox,
    () => (globalThis as unknown as { browser: { commands: { getAll(): Promise<{ name: string; shortcut: string }[]> } } }).browser.commands.getAll(),
    null,
  );
  expect(commands.map(({ name, shortcut }) => ({ name, shortcut }))).toContainEqual({ name: '_execute_action', shortcut: 'Alt+Shift+S' });

  await chrome.pressShortcut('Alt+Shift+S');
  const popup = await chrome.waitForPopup();
  await saveForAda(popup, 'From the keyboard');
  const stored = await readTable<StoredResource>(firefox, 'resources');
  expect(stored[0]).toMatchObject({ canonicalUrl: CANONICAL, clientIds: [ada], notes: { [ada]: 'From the keyboard' } });
});

test('the popup works from the keyboard alone: find, pick, Ctrl+Enter saves', async ({ firefox, tab: page, web, chrome }) => {
  const ada = await createAda(firefox);
  const grace = await seedClient(firefox, { name: 'Grace Hopper', email: 'grace@navy.example', company: 'US Navy' });
  servePage(web, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  await page.bringToFront();

  const popup = await chrome.pressToolbarButton();
  const search = { role: 'searchbox', name: 'Find a client' };
  const clients = { role: 'group', name: 'Clients' };
  await popup.waitFor({ role: 'checkbox', name: /Grace Hopper/, within: clients });
  // Focus starts in "Find a client".
  await expect.poll(() => popup.isFocused(search)).toBe(true);

  // Saving with nobody picked says so; picking someone ends it at once.
  await popup.press('Control+Enter');
  expect(await popup.text({ role: 'alert' })).toBe('Pick at least one client.');
  await popup.type('navy');
  await popup.press('Enter');
  expect(await popup.count({ role: 'alert' })).toBe(0);
  expect(await popup.text({ role: 'list', name: 'Chosen clients' })).toContain('Grace Hopper');

  // Down into the matches; Space picks Ada (Firefox's own checkbox behaviour).
  await popup.press('ArrowDown');
  expect(await popup.isFocused({ role: 'checkbox', name: /Ada Lovelace/, within: clients })).toBe(true);
  await popup.press(' ');
  expect(await popup.text({ role: 'list', name: 'Chosen clients' })).toContain('Ada Lovelace');

  // Tab from the search reaches Save in at most 8 stops.
  await popup.press('ArrowUp');
  expect(await popup.isFocused(search)).toBe(true);
  const save = { role: 'button', name: /^Save/ };
  let stops = 0;
  while (!(await popup.isFocused(save)) && stops < 20) {
    await popup.press('Tab');
    stops += 1;
  }
  expect(stops).toBeLessThanOrEqual(8);

  await popup.press('Control+Enter');
  await popup.waitFor({ role: 'status', name: /Saved for Grace Hopper, Ada Lovelace/ });
  const stored = await readTable<StoredResource>(firefox, 'resources');
  expect(stored).toHaveLength(1);
  expect([...stored[0]!.clientIds].sort()).toEqual([ada, grace].sort());
});
