/**
 * Undo in Firefox (issue 15, item 3): "Checked in" in the sidebar, undone from its
 * notice, puts the overdue check-in and the toolbar badge back as they were, even
 * after Firefox unloaded the event page in between (the undo is kept in the database).
 */
import {
  addClientFromSidebar,
  badge,
  callTend,
  clickByRole,
  countByRole,
  expect,
  getByRole,
  openExtensionPage,
  readTable,
  seedClient,
  serveGmail,
  sidebarFrame,
  test,
  textOf,
  waitForText,
} from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { ADA, ME } from '../fixtures/people';

test('Checked in, undone from the notice after the event page unloaded: overdue again, badge again', async ({ firefox, tab: page, web, chrome }) => {
  serveGmail(
    web,
    gmailThreadPage({
      account: ME,
      subject: 'Old thread',
      threadId: '18c2f0a1b2c3d4e6',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(40), messageId: '18c2f0a1b2c3d4e6' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXOld', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await addClientFromSidebar(frame, ADA.name);
  const card = { role: 'article', name: ADA.name };
  await waitForText(frame, 'Check-in overdue by 10 days');
  await expect.poll(async () => (await badge(firefox)).text).toBe('1');

  await clickByRole(frame, { role: 'button', name: 'Checked in', within: card });
  await waitForText(frame, 'Next check-in in 30 days');
  await expect.poll(async () => (await badge(firefox)).text).toBe('');
  // The notice says what was done, with Undo (role status).
  expect(await textOf(frame, { role: 'status' })).toContain('Checked in.');

  await chrome.unloadBackground();
  await clickByRole(frame, { role: 'button', name: 'Undo' });
  await waitForText(frame, 'Undone.');
  await waitForText(frame, 'Check-in overdue by 10 days');
  await expect.poll(async () => (await badge(firefox)).text).toBe('1');
  await getByRole(frame, { role: 'article', name: ADA.name });
});

test('Today’s “Thanked” for a referrer, undone from the notice after the event page unloaded', async ({ firefox, chrome }) => {
  const grace = await seedClient(firefox, { name: 'Grace Hopper', email: 'grace@navy.example' });
  const ada = await seedClient(firefox, { name: ADA.name, email: ADA.email });
  await callTend(firefox, 'addReferral', { referrerId: grace, referredId: ada, said: 'Knows engines' });

  const today = await openExtensionPage(firefox, 'dashboard.html');
  const section = { role: 'region', name: /^Thank your referrers/ };
  expect(await textOf(today, section)).toContain(`Referred ${ADA.name}`);
  await clickByRole(today, { role: 'button', name: `Thanked Grace Hopper for referring ${ADA.name}`, within: section });
  await waitForText(today, `Grace Hopper is marked thanked for referring ${ADA.name}.`);
  await expect.poll(() => countByRole(today, section)).toBe(0);
  expect((await readTable<{ thankedAt: number | null }>(firefox, 'referrals'))[0]!.thankedAt).not.toBeNull();

  // The undo is kept in the database: an unloaded event page does not lose it.
  await chrome.unloadBackground();
  await today.bringToFront();
  await clickByRole(today, { role: 'button', name: 'Undo', within: { role: 'status', name: /marked thanked/ } });
  await waitForText(today, 'Undone.');
  await getByRole(today, { role: 'button', name: `Thanked Grace Hopper for referring ${ADA.name}`, within: section });
  expect((await readTable<{ thankedAt: number | null }>(firefox, 'referrals'))[0]!.thankedAt).toBeNull();
});
