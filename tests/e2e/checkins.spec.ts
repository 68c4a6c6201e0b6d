/**
 * Check-ins end to end: the badge counts overdue clients from what the user's
 * opened conversations show, clears when a call is logged, survives the worker
 * being stopped, and Today lists the same client.
 */
import {
  actionTitle,
  badgeText,
  currentWorker,
  expect,
  openExtensionPage,
  serveGmail,
  sidebarFrame,
  stopServiceWorker,
  test,
} from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { openAdasOldThread } from './threads';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };

test('a 45-day-old conversation makes the badge count 1; a call clears it; a restart keeps it right', async ({ context, page, cdp, extensionId, serviceWorker }) => {
  expect(await badgeText(serviceWorker)).toBe('');
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'Catching up',
      threadId: '18c2f0a1b2c3d4e5',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(45), messageId: '18c2f0a1b2c3d4e5' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXCatchingUp');
  const frame = await sidebarFrame(page);
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  // Active by default: every 30 days, so 15 days overdue.
  await expect(card.getByText('Check-in overdue by 15 days')).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  expect(await actionTitle(serviceWorker)).toBe('Tend: 1 check-in overdue — Ada Lovelace (15 days)');

  // The worker is stopped (Chrome does so when idle): the badge lives on in the browser…
  await stopServiceWorker(cdp, extensionId);
  const sidebarAfterRestart = frame;
  // …and Today, opened now, starts a fresh worker that reads the same from the database.
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html');
  const overdue = dashboard.getByRole('region', { name: /overdue/i });
  await expect(overdue.getByRole('button', { name: ADA.name, exact: true })).toBeVisible();
  await expect(overdue.getByText('Check-in overdue by 15 days')).toBeVisible();
  const worker = await currentWorker(context, extensionId);
  await expect.poll(() => badgeText(worker)).toBe('1');

  // Logging a call in the sidebar (worker restarted, nothing kept in memory) clears it.
  await page.bringToFront();
  const restartedCard = sidebarAfterRestart.getByRole('article', { name: ADA.name });
  await restartedCard.getByRole('button', { name: 'Add note' }).click();
  await restartedCard.getByRole('combobox', { name: 'What' }).selectOption('call');
  await restartedCard.getByRole('textbox', { name: 'Notes' }).fill('Caught up on the Berlin project');
  await restartedCard.getByRole('form', { name: 'New note' }).getByRole('button', { name: 'Save' }).click();
  await expect(restartedCard.getByText('Next check-in in 30 days')).toBeVisible();
  await expect.poll(() => badgeText(worker)).toBe('');
  await expect(overdue.getByRole('button', { name: ADA.name, exact: true })).toHaveCount(0);
});

test('Checked in and Snooze in the sidebar move the check-in', async ({ context, page, serviceWorker }) => {
  const frame = await openAdasOldThread(context, page);
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card.getByText('Check-in overdue by 10 days')).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');

  await card.getByRole('button', { name: 'Snooze' }).click();
  await card.getByRole('button', { name: 'By a week' }).click();
  await expect(card.getByText('Next check-in in 7 days')).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('');

  await card.getByRole('button', { name: 'Checked in' }).click();
  await expect(card.getByText('Next check-in in 30 days')).toBeVisible();
  await expect(card.getByRole('listitem').first()).toContainText('Check-in');
});
