/**
 * Check-ins in Firefox: the toolbar badge counts overdue clients (text, colour,
 * tooltip), is still right after Firefox unloads Tend's event page and it wakes
 * again, and Today lists the same client.
 */
import {
  addClientFromSidebar,
  badge,
  bidi,
  callTend,
  clickByRole,
  expect,
  getByRole,
  openExtensionPage,
  serveGmail,
  sidebarFrame,
  test,
  textOf,
  typeByRole,
  waitForText,
} from './harness';
import type { Frame, Page } from 'puppeteer-core';
import type { OfflineWeb } from './firefox';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { ADA, ME } from '../fixtures/people';

/** Ada's conversation whose one email is `days` old, opened in Gmail; she is added as a client there. */
async function addAdaLastSeen(page: Page, web: OfflineWeb, days: number): Promise<Frame> {
  serveGmail(web, gmailThreadPage({
    account: ME,
    subject: 'Catching up',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(days), messageId: '18c2f0a1b2c3d4e5' }],
  }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXCatchingUp', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await addClientFromSidebar(frame, ADA.name);
  return frame;
}


test('a due day passed: the badge counts 1, survives the event page unloading, Today lists her; a call clears it', async ({ firefox, tab: page, web, chrome }) => {
  expect((await badge(firefox)).text).toBe('');
  // Her last email is 45 days old: with the Active rhythm (30 days) her check-in fell due 15 days ago.
  const frame = await addAdaLastSeen(page, web, 45);
  const card = { role: 'article', name: ADA.name };
  await waitForText(frame, 'Check-in overdue by 15 days');
  await expect.poll(async () => (await badge(firefox)).text).toBe('1');
  // Orange: the worst is 7–29 days overdue (lib/domain/badge-colors.ts).
  expect(await badge(firefox)).toEqual({ text: '1', color: [0xe8, 0x71, 0x0a, 255], title: 'Tend: 1 check-in overdue — Ada Lovelace (15 days)' });

  // Firefox unloads an idle event page; nothing it held in memory matters.
  await chrome.unloadBackground();
  expect(await chrome.backgroundState()).toBe('stopped');
  expect((await badge(firefox)).text).toBe('1');

  // Today, opened now, wakes the background, which reads the same from the database.
  const today = await openExtensionPage(firefox, 'dashboard.html');
  const overdue = { role: 'region', name: /overdue/i };
  await getByRole(today, { role: 'button', name: ADA.name, within: overdue });
  expect(await textOf(today, overdue)).toContain('Check-in overdue by 15 days');
  expect(await chrome.backgroundState()).toBe('running');
  await expect.poll(async () => (await badge(firefox)).text).toBe('1');

  // Logging a call in the sidebar clears it, with a background woken from nothing.
  await chrome.unloadBackground();
  await page.bringToFront();
  await clickByRole(frame, { role: 'button', name: 'Add note', within: card });
  await (await getByRole(frame, { role: 'combobox', name: 'What', within: card })).select('call');
  await typeByRole(frame, { role: 'textbox', name: 'Notes', within: card }, 'Caught up on the Berlin project');
  await clickByRole(frame, { role: 'button', name: 'Save', within: { role: 'form', name: 'New note' } });
  await waitForText(frame, 'Next check-in in 30 days');
  await expect.poll(async () => (await badge(firefox)).text).toBe('');
  expect((await badge(firefox)).title).toBe('Tend: no check-ins overdue');
  await today.bringToFront();
  await expect.poll(() => today.evaluate(() => document.body.innerText.includes('No check-ins overdue'))).toBe(true);
});

test("the daily summary: its alarm wakes the unloaded event page, which shows Firefox's notification", async ({ firefox, tab: page, web, chrome }) => {
  // Her last email is 50 days old: her check-in fell due 20 days ago.
  const frame = await addAdaLastSeen(page, web, 50);
  await waitForText(frame, 'Check-in overdue by 20 days');
  await callTend(firefox, 'saveSettings', { dailySummary: true });

  // Headless Firefox has no notification area: a notification is closed as soon as it
  // is shown. An extension page hears that (notifications.onClosed reaches every page
  // of the extension), which tells the background did create it.
  type Api = { notifications: { onClosed: { addListener(f: (id: string) => void): void } }; alarms: { create(name: string, info: { when: number }): Promise<void> } };
  const listener = await openExtensionPage(firefox, 'reader.html');
  await listener.evaluate(() => {
    const closed: string[] = [];
    Object.assign(window, { closedNotifications: closed });
    (globalThis as unknown as { browser: Api }).browser.notifications.onClosed.addListener((id) => closed.push(id));
  });
  await chrome.unloadBackground();
  // The summary's own alarm, due now instead of at 9:00 (lib/background/rhythm.ts).
  await listener.evaluate(() => (globalThis as unknown as { browser: Api }).browser.alarms.create('tend-daily-summary', { when: Date.now() + 200 }));
  await expect.poll(() => listener.evaluate(() => (window as unknown as { closedNotifications: string[] }).closedNotifications), { timeout: 10_000 }).toEqual(['tend-today']);
  expect(await chrome.backgroundState()).toBe('running');
});

type Located = { result: { nodes: { sharedId: string; value?: { shadowRoot?: { sharedId: string } | null } }[] } };

/**
 * The folded tab's button of this accessible name, found by Firefox's accessibility
 * locator (BiDi) in the panel's shadow root, which is closed to page scripts but
 * handed to BiDi; null when there is none. `dot`: whether its overdue dot is drawn.
 */
async function foldedTab(page: Page, name: string): Promise<{ dot: boolean } | null> {
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const host = (await bidi(page.browser()).send('browsingContext.locateNodes', { context, locator: { type: 'css', value: 'tend-sidebar' } })) as Located;
  const root = host.result.nodes[0]?.value?.shadowRoot;
  if (!root) throw new Error('foldedTab: no sidebar panel in the page');
  const found = (await bidi(page.browser()).send('browsingContext.locateNodes', {
    context,
    locator: { type: 'accessibility', value: { role: 'button', name } },
    startNodes: [{ sharedId: root.sharedId }],
  })) as Located;
  const button = found.result.nodes[0];
  if (!button) return null;
  const drawn = (await bidi(page.browser()).send('script.callFunction', {
    functionDeclaration: '(button) => { const dot = button.querySelector(".dot"); return !!dot && dot.getBoundingClientRect().width > 0; }',
    target: { context },
    arguments: [{ sharedId: button.sharedId }],
    awaitPromise: false,
  })) as { result: { result: { value: boolean } } };
  return { dot: drawn.result.result.value };
}

/** Folds or opens the sidebar with a real click where its tab is (the page cannot reach the button). */
async function clickTab(page: Page, folded: boolean): Promise<void> {
  // The panel is fixed to the viewport's right edge (the root's width leaves out a scrollbar).
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  await page.mouse.click(folded ? width - 14 : width - 320 + 14, 20);
}

test('the folded sidebar still warns: "Tend: check-in overdue" with a dot, and not once checked in', async ({ tab: page, web }) => {
  const frame = await addAdaLastSeen(page, web, 45);
  await waitForText(frame, 'Check-in overdue by 15 days');
  expect(await foldedTab(page, 'Collapse the Tend sidebar')).toEqual({ dot: false });

  await clickTab(page, false);
  await expect.poll(() => foldedTab(page, 'Tend: check-in overdue')).toEqual({ dot: true });
  expect(await foldedTab(page, 'Open the Tend sidebar')).toBeNull();

  // Opened again, Checked in, folded: nothing to warn of.
  await clickTab(page, true);
  await expect.poll(() => foldedTab(page, 'Collapse the Tend sidebar')).toEqual({ dot: false });
  await clickByRole(frame, { role: 'button', name: 'Checked in', within: { role: 'article', name: ADA.name } });
  await waitForText(frame, 'Next check-in in 30 days');
  await clickTab(page, false);
  await expect.poll(() => foldedTab(page, 'Open the Tend sidebar')).toEqual({ dot: false });
  expect(await foldedTab(page, 'Tend: check-in overdue')).toBeNull();
});
