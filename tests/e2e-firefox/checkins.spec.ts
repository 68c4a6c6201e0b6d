/**
 * Check-ins in Firefox: the toolbar badge counts overdue clients (text, colour,
 * tooltip), is still right after Firefox unloads Tend's event page and it wakes
 * again, and Today lists the same client.
 */
import {
  addClientFromSidebar,
  badge,
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
