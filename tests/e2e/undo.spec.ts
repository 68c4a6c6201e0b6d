/**
 * Undo after a one-click write, end to end (issue 15, item 3): the notice (role
 * status) with "Undo", and Undo putting back exactly what was there: the person is
 * unknown again, the check-in is overdue again (badge included), the detail is back.
 */
import { badgeText, expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { openAdasOldThread } from './threads';
import { ADA, ME } from '../fixtures/people';

test('Add client, Checked in and deleting a detail are each undone from the notice', async ({ context, page, extensionId, serviceWorker }) => {
  const frame = await openAdasOldThread(context, page);
  const answer = frame.getByRole('button', { name: "Yes, that's me" });
  if (await answer.isVisible().catch(() => false)) await answer.click();

  // Add client, then Undo: Ada is a stranger again, with nothing remembered.
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card).toBeVisible();
  const notice = frame.getByRole('status').filter({ hasText: `Added ${ADA.name} as a client.` });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(frame.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  await expect(card).toHaveCount(0);
  await expect(frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' })).toBeVisible();

  // Added again: 10 days overdue. Checked in, then Undo from the keyboard: overdue again, badge too.
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  await expect(card.getByText('Check-in overdue by 10 days').first()).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  await card.getByRole('button', { name: 'Checked in' }).click();
  await expect(card.getByText('Next check-in in 30 days').first()).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
  const checked = frame.getByRole('status').filter({ hasText: 'Checked in.' });
  await expect(checked).toBeVisible();
  // The notice stays at least 8 seconds.
  await page.waitForTimeout(8_000);
  await expect(checked.getByRole('button', { name: 'Undo' })).toBeVisible();
  await checked.getByRole('button', { name: 'Undo' }).focus();
  await page.keyboard.press('Enter');
  await expect(card.getByText('Check-in overdue by 10 days').first()).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  await expect(card.getByRole('listitem').filter({ hasText: 'Check-in' })).toHaveCount(0);

  // On the client page: a detail deleted, and back with Undo.
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#clients');
  await dashboard.getByRole('link', { name: ADA.name }).first().click();
  await dashboard.getByRole('button', { name: 'Add detail' }).click();
  const form = dashboard.getByRole('form', { name: 'New detail' });
  await form.getByRole('textbox', { name: 'Detail' }).fill('Training for the Berlin marathon');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dashboard.getByText('Training for the Berlin marathon')).toBeVisible();
  await dashboard.getByRole('button', { name: 'Delete “Training for the Berlin marathon”' }).click();
  await expect(dashboard.getByText('Training for the Berlin marathon', { exact: true })).toHaveCount(0);
  const deleted = dashboard.getByRole('status').filter({ hasText: 'Deleted “Training for the Berlin marathon”.' });
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(dashboard.getByText('Training for the Berlin marathon', { exact: true })).toBeVisible();
});

test('Today’s “Thank your referrers”: Thanked takes the row off, and Undo puts it back', async ({ context, page, extensionId }) => {
  const GRACE = { name: 'Grace Hopper', email: 'grace@navy.example' };
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'An introduction',
      threadId: '18c2f0a1b2c3d4e7',
      messages: [
        { from: GRACE, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(3), messageId: '18c2f0a1b2c3d4e7' },
        { from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(2), messageId: '18c2f0a1b2c3d4e8' },
      ],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXIntro');
  const frame = await sidebarFrame(page);
  const answer = frame.getByRole('button', { name: "Yes, that's me" });
  if (await answer.isVisible().catch(() => false)) await answer.click();
  for (const person of [GRACE, ADA]) {
    await frame.locator('.person', { hasText: person.name }).getByRole('button', { name: 'Add client' }).click();
    await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
    await expect(frame.getByRole('article', { name: person.name })).toBeVisible();
  }

  // On Ada's page: Grace referred her.
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#clients');
  await dashboard.getByRole('list', { name: 'Clients' }).getByRole('link', { name: ADA.name }).click();
  await dashboard.getByRole('searchbox', { name: 'Who referred them?' }).fill('Grace');
  await dashboard.getByRole('group', { name: 'Who referred them?: matches' }).getByRole('button', { name: GRACE.name }).click();
  await dashboard.getByRole('button', { name: 'Add referral' }).click();
  await expect(dashboard.getByRole('list', { name: 'Referred by' }).getByRole('link', { name: GRACE.name })).toBeVisible();

  // Today: Grace waits to be thanked; Thanked, then Undo.
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html`);
  const section = dashboard.getByRole('region', { name: /^Thank your referrers/ });
  const row = section.getByRole('listitem').filter({ hasText: GRACE.name });
  await expect(row).toContainText(`Referred ${ADA.name}`);
  await row.getByRole('button', { name: `Thanked ${GRACE.name} for referring ${ADA.name}` }).click();
  await expect(section).toHaveCount(0);
  const thanked = dashboard.getByRole('status').filter({ hasText: `${GRACE.name} is marked thanked for referring ${ADA.name}.` });
  await thanked.getByRole('button', { name: 'Undo' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  await expect(row).toBeVisible();
  // Kept: a reload still lists her.
  await dashboard.reload();
  await expect(dashboard.getByRole('region', { name: /^Thank your referrers/ }).getByRole('listitem').filter({ hasText: GRACE.name })).toBeVisible();
});
