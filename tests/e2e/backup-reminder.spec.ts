/**
 * Today's backup reminder in Chromium with the built extension: none in an empty
 * profile; once there is a client and no backup, Today offers one; "Back up now"
 * downloads the same file as Import & backup, and the reminder goes (and stays gone
 * after a reload); Import & backup then shows the date of the last backup.
 */
import { readFile } from 'node:fs/promises';
import { expect, openExtensionPage, test } from './harness';
import { seedClient } from './data';

test('Today reminds to back up once there is data, and Back up now downloads it', async ({ context, extensionId }, testInfo) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#today');
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Backup' })).toHaveCount(0);

  // A client (imported: only the sidebar makes clients one by one).
  await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines' });

  const reminder = dashboard.getByRole('region', { name: 'Backup' });
  await expect(reminder).toContainText('You have not backed up Tend yet.');
  await expect(dashboard.getByText('A backup to make', { exact: true })).toBeVisible();
  await expect(reminder.getByRole('link', { name: 'Backup settings' })).toHaveAttribute('href', '#backup');

  const [download] = await Promise.all([dashboard.waitForEvent('download'), reminder.getByRole('button', { name: 'Back up now' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('backup.json');
  await download.saveAs(file);
  const backup = JSON.parse(await readFile(file, 'utf8'));
  expect(backup).toMatchObject({ format: 'tend-backup', version: 1 });
  expect(backup.tables.clients.map((c: { name: string }) => c.name)).toEqual(['Ada Lovelace']);

  await expect(dashboard.getByRole('status').filter({ hasText: 'Backup saved' })).toHaveText('Backup saved: 1 client, 0 interactions. Keep the file somewhere safe.');
  await expect(reminder).toHaveCount(0);
  await dashboard.reload();
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Backup' })).toHaveCount(0);

  await dashboard.getByRole('link', { name: 'Import & backup' }).click();
  await expect(dashboard.getByText(/^Last backup: /)).toBeVisible();
});
