/**
 * Import & backup, end to end in Chromium with the built extension: a Google
 * Contacts CSV through the dashboard's file picker, recognised in Gmail; a backup
 * saved, every piece of data deleted, and the backup restored.
 */
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { callTend, readTable } from './data';
import { gmailThreadPage } from '../fixtures/gmail';
import { cancelSavePicker, opfsFiles, pickSaveFileInOpfs, readOpfsFile, withoutSavePicker } from './save-picker';

/** The database's schema version, as a backup states it. */
const SCHEMA_VERSION = 5;

const GOOGLE_CSV = fileURLToPath(new URL('../fixtures/imports/google-contacts.csv', import.meta.url));
const TABLES = ['clients', 'details', 'interactions', 'resources', 'referrals', 'followUps', 'projects', 'feedback', 'settings'];
const byId = <T extends Record<string, unknown>>(rows: T[]) => [...rows].sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));

test('import a Google Contacts CSV, recognise a contact in Gmail, back up, delete everything, restore', async ({ context, page, extensionId }, testInfo) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await expect(dashboard.getByRole('link', { name: 'Import & backup' })).toHaveAttribute('aria-current', 'page');

  // Import: the preview says what will happen and why rows are skipped; nothing is written yet.
  await dashboard.getByLabel('Contacts file (CSV or vCard)').setInputFiles(GOOGLE_CSV);
  const preview = dashboard.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Google Contacts CSV, 7 contacts');
  await expect(preview.getByRole('listitem').filter({ hasText: 'new clients' })).toHaveText('4 new clients');
  await expect(preview.getByRole('listitem').filter({ hasText: /^\d+ skipped$/ })).toHaveText('3 skipped');
  await expect(preview).toContainText('Row 6 (Ada Lovelace): Duplicate of row 1 (duplicate row in the file)');
  await expect(preview).toContainText('Row 5 (Bad Address): Invalid address “not-an-address” (invalid address)');
  expect(await readTable(context, extensionId, 'clients')).toHaveLength(0);
  await preview.getByRole('button', { name: 'Import 4 contacts' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 4 new clients, 0 updated.');

  const clients = await readTable<{ id: string; name: string; emails: string[]; tier: string; nameKeys: string[] }>(context, extensionId, 'clients');
  expect(clients.map((c) => c.name).sort()).toEqual(['Ada Lovelace', 'Grace Brewster Hopper', 'José Müller', 'noname@somewhere.example']);
  const ada = clients.find((c) => c.name === 'Ada Lovelace')!;
  expect(ada).toMatchObject({ tier: 'none', emails: ['ada@analytical.example', 'ada.home@example.org'], nameKeys: ['ada lovelace'] });
  const details = await readTable<{ text: string; date: string }>(context, extensionId, 'details');
  expect(details.map((d) => [d.text, d.date])).toContainEqual(['Birthday', '1815-12-10']);
  // A project (done: it also leaves "Ask for feedback") and feedback on it: the backup carries them (format 3).
  const { id: projectId } = await callTend<{ id: string }>(context, extensionId, 'addProject', {
    clientId: ada.id, title: 'Pricing workshop', startDay: '2026-09-01', endDay: '2026-10-15', status: 'done', value: 12500, currency: 'EUR',
  });
  await callTend(context, extensionId, 'recordFeedback', { clientId: ada.id, projectId, day: '2026-10-20', score: 9, source: 'call' });

  // The sidebar recognises her in a Gmail conversation.
  serveGmail(context, gmailThreadPage({
    account: 'me@consulting.example',
    subject: 'Pricing workshop',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [{ from: { name: 'Ada Lovelace', email: 'Ada@Analytical.example' }, to: [{ name: 'me', email: 'me@consulting.example' }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5' }],
  }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
  const frame = await sidebarFrame(page);
  await expect(frame.getByRole('article', { name: 'Ada Lovelace' })).toBeVisible();

  // Back up: one JSON file, written through the save picker; only then is it the last backup.
  const before: Record<string, Record<string, unknown>[]> = {};
  for (const table of TABLES) before[table] = byId(await readTable(context, extensionId, table));
  expect(before.interactions!.length).toBeGreaterThan(1); // the imported note and the email just seen
  await dashboard.bringToFront();
  await expect(dashboard.getByText('You have not made a backup yet.')).toBeVisible();
  await pickSaveFileInOpfs(dashboard);
  await dashboard.getByRole('button', { name: 'Download backup' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Backup saved' })).toContainText('Backup saved: 4 clients');
  const [name] = await opfsFiles(dashboard);
  expect(name).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = testInfo.outputPath('backup.json');
  await writeFile(file, await readOpfsFile(dashboard, name!));
  const backup = JSON.parse(await readFile(file, 'utf8'));
  expect(backup).toMatchObject({ format: 'tend-backup', version: 3, schemaVersion: SCHEMA_VERSION });
  expect(Object.keys(backup.tables).sort()).toEqual([...TABLES].sort());
  expect(backup.tables.clients).toHaveLength(4);
  expect(backup.tables.projects).toMatchObject([{ id: projectId, title: 'Pricing workshop', value: 12500, currency: 'EUR' }]);
  expect(backup.tables.feedback).toMatchObject([{ projectId, score: 9 }]);
  await expect(dashboard.getByText(/^Last backup: /)).toBeVisible();

  // Delete all data (confirmed).
  await dashboard.getByRole('button', { name: 'Delete all data…' }).click();
  await dashboard.getByRole('group', { name: 'Confirm deleting all data' }).getByRole('button', { name: 'Yes, delete everything' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'deleted' })).toBeVisible();
  for (const table of TABLES) expect(await readTable(context, extensionId, table), table).toHaveLength(0);

  // Restore, previewed first: everything is back as it was.
  await dashboard.getByLabel('Backup file (.json)').setInputFiles(file);
  const restore = dashboard.getByRole('region', { name: 'Restore preview' });
  await expect(restore).toContainText('4 clients');
  await restore.getByLabel('Replace everything here').check();
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('clients: 4 added, 0 now here removed');
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('projects: 1 added, 0 now here removed');
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('feedback records: 1 added, 0 now here removed');
  await restore.getByRole('button', { name: 'Replace everything with this backup' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Restored' })).toContainText('4 clients');
  for (const table of TABLES) expect(byId(await readTable(context, extensionId, table)), table).toEqual(before[table]);

  // And the sidebar knows her again.
  await page.reload();
  await expect((await sidebarFrame(page)).getByRole('article', { name: 'Ada Lovelace' })).toBeVisible();
});

test('refuses a backup from a newer Tend, and files over the size limits, with clear messages', async ({ context, extensionId }, testInfo) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  const newer = testInfo.outputPath('newer.json');
  await writeFile(newer, JSON.stringify({ format: 'tend-backup', version: 99, exportedAt: '', schemaVersion: 9, tables: {} }));
  await dashboard.getByLabel('Backup file (.json)').setInputFiles(newer);
  await expect(dashboard.getByRole('alert')).toContainText('made by a newer version of Tend (backup format 99; this Tend reads up to 3). Update Tend');
  // A sparse 51 MB file: refused from its size, before it is read.
  const huge = testInfo.outputPath('huge.csv');
  await writeFile(huge, '');
  await truncate(huge, 51 * 1024 * 1024);
  await dashboard.getByLabel('Contacts file (CSV or vCard)').setInputFiles(huge);
  await expect(dashboard.getByRole('alert').filter({ hasText: 'That file is 51 MB; Tend imports files up to 50 MB.' })).toBeVisible();
  // A backup above what one string can hold: refused from its size too, naming the limit.
  const hugeBackup = testInfo.outputPath('huge.json');
  await writeFile(hugeBackup, '');
  await truncate(hugeBackup, 257 * 1024 * 1024);
  await dashboard.getByLabel('Backup file (.json)').setInputFiles(hugeBackup);
  await expect(dashboard.getByRole('alert').filter({ hasText: 'That file is 257 MB; Tend restores backups up to 256 MB' })).toBeVisible();
});

test('a backup that only started downloading is not recorded until the user says they have the file', async ({ context, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await expect(dashboard.getByText('You have not made a backup yet.')).toBeVisible();

  // The save dialog closed without a file: nothing read, nothing recorded.
  await cancelSavePicker(dashboard);
  await dashboard.getByRole('button', { name: 'Download backup' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: /^(No backup|Noted)/ })).toHaveText('No backup was made: the save dialog was closed.');
  await expect(dashboard.getByText('You have not made a backup yet.')).toBeVisible();

  // A browser without the save picker: a download Tend cannot follow.
  await withoutSavePicker(dashboard);
  const [download] = await Promise.all([dashboard.waitForEvent('download'), dashboard.getByRole('button', { name: 'Download backup' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(dashboard.getByRole('status').filter({ hasText: 'Download started' })).toContainText('Download started — Tend cannot see whether it was saved.');
  expect((await readTable<{ key: string }>(context, extensionId, 'settings')).map((row) => row.key)).not.toContain('lastBackupAt');
  await expect(dashboard.getByText('You have not made a backup yet.')).toBeVisible();

  await dashboard.getByRole('button', { name: 'I have the file' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: /^(No backup|Noted)/ })).toHaveText('Noted: your last backup is the file you downloaded.');
  await expect(dashboard.getByText(/^Last backup: /)).toBeVisible();
  await expect(dashboard.getByRole('button', { name: 'I have the file' })).toHaveCount(0);
});
