/**
 * Today you can act on (issue 15, item 9), end to end: a user whose mail is the
 * second Gmail account (/u/1/) adds two long-quiet clients from the sidebar; on
 * Today, "Write to them" opens a new message to the client in that same account,
 * "Checked in" takes a row away and "Snooze" moves the other one out of Overdue.
 */
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const GRACE = { name: 'Grace Hopper', email: 'grace+tend@navy.example' };

test('Write to them opens Gmail compose in the user’s account; Checked in and Snooze take rows off Overdue', async ({ context, page, extensionId }) => {
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      accountIndex: 1,
      subject: 'Catching up',
      threadId: '18c2f0a1b2c3d4e5',
      messages: [
        { from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(45), messageId: '18c2f0a1b2c3d4e5' },
        { from: GRACE, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(44), messageId: '18c2f0a1b2c3d4e6' },
      ],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/1/#inbox/FMfcgzQXCatchingUp');
  const frame = await sidebarFrame(page);
  for (const person of [ADA, GRACE]) {
    await frame.locator('.person', { hasText: person.name }).getByRole('button', { name: 'Add client' }).click();
    await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
    await expect(frame.getByRole('article', { name: person.name })).toBeVisible();
  }

  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html');
  const overdue = dashboard.getByRole('region', { name: 'Overdue check-ins' });
  const rowOf = (name: string) => overdue.getByRole('listitem').filter({ hasText: name });
  await expect(rowOf(ADA.name)).toBeVisible();
  await expect(rowOf(GRACE.name)).toBeVisible();

  // Write to them: a new message in the Gmail account the user reads (/u/1/), the + escaped.
  const write = rowOf(GRACE.name).getByRole('link', { name: 'Write to them' });
  const compose = 'https://mail.google.com/mail/u/1/?view=cm&fs=1&to=grace%2Btend%40navy.example';
  await expect(write).toHaveAttribute('href', compose);
  const [opened] = await Promise.all([context.waitForEvent('page'), write.click()]);
  await expect.poll(() => opened.url()).toBe(compose);
  await opened.close();
  await expect(rowOf(ADA.name).getByRole('link', { name: 'Write to them' })).toHaveAttribute(
    'href',
    'https://mail.google.com/mail/u/1/?view=cm&fs=1&to=ada%40analytical.example',
  );

  // Checked in: Ada's row goes.
  await dashboard.bringToFront();
  await rowOf(ADA.name).getByRole('button', { name: /^Checked in/ }).click();
  await expect(rowOf(ADA.name)).toHaveCount(0);

  // Snooze, from the keyboard: Grace's check-in moves two weeks on, out of Overdue.
  await rowOf(GRACE.name).getByRole('button', { name: /^Snooze/ }).focus();
  await dashboard.keyboard.press('Enter');
  const choices = dashboard.getByRole('group', { name: `Snooze the check-in with ${GRACE.name}` });
  await expect(choices.getByRole('button', { name: '2 weeks' })).toBeVisible();
  await dashboard.keyboard.press('Tab');
  await dashboard.keyboard.press('Tab');
  await expect(choices.getByRole('button', { name: '2 weeks' })).toBeFocused();
  await dashboard.keyboard.press('Enter');
  await expect(rowOf(GRACE.name)).toHaveCount(0);
  await expect(overdue.getByText('No check-ins overdue')).toBeVisible();

  // The snooze is kept: the client's page says when the check-in comes now.
  await dashboard.reload();
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' }).getByText('No check-ins overdue')).toBeVisible();
});
