/**
 * Delete client, end to end (issue 16): asked first, naming what goes; then the
 * client list with Undo, and Undo brings the client back (badge included). Deleted
 * for good, the client's Gmail conversation shows them as a stranger again.
 */
import { badgeText, expect, openExtensionPage, test } from './harness';
import { openAdasOldThread } from './threads';
import { ADA } from '../fixtures/people';

test('Delete client: asked first, undone from the notice, and once deleted the sidebar no longer knows them', async ({ context, page, extensionId, serviceWorker }) => {
  const frame = await openAdasOldThread(context, page);
  const answer = frame.getByRole('button', { name: "Yes, that's me" });
  if (await answer.isVisible().catch(() => false)) await answer.click();
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card).toBeVisible();
  // 40 days since her email: overdue, on the badge.
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');

  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#clients');
  const clientList = dashboard.getByRole('list', { name: 'Clients' });
  await clientList.getByRole('link', { name: ADA.name }).click();
  const deleteButton = dashboard.getByRole('button', { name: 'Delete client' });

  // Cancel keeps her.
  await deleteButton.click();
  const confirm = dashboard.getByRole('group', { name: 'Delete client' });
  await expect(confirm).toContainText(`Delete ${ADA.name} and their 1 interaction?`);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  // Delete: the client list, with Undo; the badge empties.
  await deleteButton.click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dashboard).toHaveURL(/#clients$/);
  await expect(clientList.getByRole('link', { name: ADA.name })).toHaveCount(0);
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
  const deleted = dashboard.getByRole('status').filter({ hasText: `Deleted ${ADA.name}.` });
  await deleted.getByRole('button', { name: 'Undo' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Undone.' })).toBeVisible();
  await expect(clientList.getByRole('link', { name: ADA.name })).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('1');
  // Her history came back with her.
  await clientList.getByRole('link', { name: ADA.name }).click();
  await expect(dashboard.getByRole('region', { name: 'Interactions' }).getByText('1 interaction')).toBeVisible();

  // Deleted again, for good: her conversation shows her as someone to add.
  await deleteButton.click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dashboard).toHaveURL(/#clients$/);
  await dashboard.getByRole('status').filter({ hasText: `Deleted ${ADA.name}.` }).getByRole('button', { name: 'Dismiss' }).click();
  await page.bringToFront();
  await expect(card).toHaveCount(0);
  await expect(frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' })).toBeVisible();
  await expect.poll(() => badgeText(serviceWorker)).toBe('');
});
