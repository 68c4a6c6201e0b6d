/**
 * The first run (issue 15, item 12), end to end in a fresh profile: the dashboard
 * shows three steps; saying which address is yours, adding a client and opening a
 * Gmail page each mark theirs done; Dismiss hides the guide across reloads.
 */
import { expect, openExtensionPage, serveGmail, test } from './harness';
import { seedClient } from './data';
import { gmailInboxPage } from '../fixtures/gmail';

const ME = 'me@consulting.example';

test('a fresh profile is guided through three steps, each marked done as it happens, and Dismiss is remembered', async ({ context, page, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html');
  const guide = dashboard.getByRole('region', { name: 'Get started with Tend' });
  const step = (title: string) => guide.getByRole('listitem').filter({ hasText: title });
  await expect(guide).toBeVisible();
  await expect(guide.getByRole('listitem')).toHaveCount(3);
  await expect(guide).toContainText('0 of 3 steps done');
  for (const title of ['Your addresses', 'Import contacts (or add one)', 'Open Gmail or Outlook']) await expect(step(title)).toContainText('To do');

  // 1. Your addresses: the step's link goes to Settings, where the user types theirs in.
  await step('Your addresses').getByRole('link', { name: 'Add them in Settings' }).click();
  const addresses = dashboard.getByRole('region', { name: 'Your addresses' });
  await addresses.getByRole('textbox').fill(ME);
  await addresses.getByRole('button', { name: /^Save/ }).click();
  await expect(step('Your addresses')).toContainText('Done');
  await expect(guide).toContainText('1 of 3 steps done');

  // 2. A Gmail page opened (the step links to Gmail and Outlook).
  await expect(step('Open Gmail or Outlook').getByRole('link', { name: 'Gmail' })).toHaveAttribute('href', 'https://mail.google.com/mail/');
  serveGmail(context, gmailInboxPage({ account: ME }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  await dashboard.bringToFront();
  await expect(step('Open Gmail or Outlook')).toContainText('Done');
  await expect(guide).toContainText('2 of 3 steps done');

  // 3. A client (imported, as the step's Import link does): all done, the guide goes by itself.
  await expect(step('Import contacts (or add one)').getByRole('link', { name: 'Import contacts' })).toHaveAttribute('href', '#backup');
  await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example' });
  await expect(guide).toHaveCount(0);
});

test('Dismiss hides the guide across reloads, whatever is left to do', async ({ context, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html');
  const guide = dashboard.getByRole('region', { name: 'Get started with Tend' });
  await expect(guide).toBeVisible();
  await guide.getByRole('button', { name: 'Dismiss' }).click();
  await expect(guide).toHaveCount(0);
  await dashboard.reload();
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(guide).toHaveCount(0);
});
