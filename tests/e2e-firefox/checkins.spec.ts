/**
 * Check-ins in Firefox: the toolbar badge counts overdue clients (text, colour,
 * tooltip), is still right after Firefox unloads Tend's event page and it wakes
 * again, and Today lists the same client.
 */
import {
  badge,
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
import { gmailThreadPage } from '../fixtures/gmail';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };

/** A date as Gmail's `span.g3[title]` shows it, `days` ago at 9:00. */
function gmailDateDaysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  date.setHours(9, 0, 0, 0);
  const weekday = date.toLocaleDateString('en-US', { weekday: 'short' });
  const month = date.toLocaleDateString('en-US', { month: 'short' });
  return `${weekday}, ${month} ${date.getDate()}, ${date.getFullYear()}, 9:00 AM`;
}

test('a due day passed: the badge counts 1, survives the event page unloading, Today lists her; a call clears it', async ({ firefox, tab: page, web, chrome }) => {
  expect((await badge(firefox)).text).toBe('');
  // Her last email is 45 days old: with the Active rhythm (30 days) her check-in fell due 15 days ago.
  serveGmail(web, gmailThreadPage({
    account: ME,
    subject: 'Catching up',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(45), messageId: '18c2f0a1b2c3d4e5' }],
  }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXCatchingUp', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await clickByRole(frame, { role: 'button', name: 'Add client', within: { role: 'region', name: 'Not yet clients' } });
  await clickByRole(frame, { role: 'button', name: 'Save client', within: { role: 'form', name: 'New client' } });
  const card = { role: 'article', name: ADA.name };
  await getByRole(frame, card);
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
