/**
 * Today's backup reminder in Chromium with the built extension: none in an empty
 * profile; once there is a client and no backup, Today offers one; "Back up now"
 * without a save picker only starts a download (the reminder stays); with one it
 * writes the same file as Import & backup, and the reminder goes (and stays gone
 * after a reload); Import & backup then shows the date of the last backup.
 */
import { expect, openExtensionPage, test } from './harness';
import { seedClient } from './data';
import { opfsFiles, pickSaveFileInOpfs, readOpfsFile, withoutSavePicker } from './save-picker';

test('Today reminds to back up once there is data, and Back up now saves it (recorded only once written)', async ({ context, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#today');
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Backup' })).toHaveCount(0);

  // A client (imported: only the sidebar makes clients one by one).
  await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines' });

  const reminder = dashboard.getByRole('region', { name: 'Backup' });
  await expect(reminder).toContainText('You have not backed up Tend yet.');
  await expect(dashboard.getByText('A backup to make', { exact: true })).toBeVisible();
  await expect(reminder.getByRole('link', { name: 'Backup settings' })).toHaveAttribute('href', '#backup');

  // First a browser without the save picker: the download starts, and the reminder
  // stays, for Tend cannot see whether the file was saved.
  await withoutSavePicker(dashboard);
  const [download] = await Promise.all([dashboard.waitForEvent('download'), reminder.getByRole('button', { name: 'Back up now' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(reminder.getByRole('status')).toContainText('Download started — Tend cannot see whether it was saved.');
  await expect(reminder.getByRole('button', { name: 'I have the file' })).toBeVisible();
  await expect(reminder).toContainText('You have not backed up Tend yet.');

  // Then with the save picker: the file is written, and only then the reminder goes.
  await pickSaveFileInOpfs(dashboard);
  await reminder.getByRole('button', { name: 'Back up now' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Backup saved' })).toHaveText('Backup saved: 1 client, 0 interactions. Keep the file somewhere safe.');
  const [name] = await opfsFiles(dashboard);
  expect(name).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(await readOpfsFile(dashboard, name!));
  expect(backup).toMatchObject({ format: 'tend-backup', version: 3 });
  expect(backup.tables.clients.map((c: { name: string }) => c.name)).toEqual(['Ada Lovelace']);
  await expect(reminder).toHaveCount(0);
  await dashboard.reload();
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Backup' })).toHaveCount(0);

  await dashboard.getByRole('link', { name: 'Import & backup' }).click();
  await expect(dashboard.getByText(/^Last backup: /)).toBeVisible();
});
