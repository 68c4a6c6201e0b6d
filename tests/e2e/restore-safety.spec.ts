/**
 * Restores that never lie, end to end in Chromium with the built extension and a
 * real worker stop (the DevTools protocol closes the service worker, as Chrome's idle
 * timeout does):
 * - a staged restore survives the worker stopping between preview and confirm;
 * - a "replace everything" restore keeps a copy of what was here, offered as "Undo
 *   restore" and "Download the data as it was" until the next restore.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openExtensionPage, stopServiceWorker, test } from './harness';
import { readTable } from './data';
import { opfsFiles, pickSaveFileInOpfs, readOpfsFile } from './save-picker';

const V1_BACKUP = fileURLToPath(new URL('../fixtures/backups/v1.json', import.meta.url));

/** A client made from the dashboard, as importing one contact makes it (only the sidebar adds clients one by one). */
async function createClient(page: Page, name: string, email: string): Promise<void> {
  const reply = await page.evaluate(
    (data) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime.sendMessage({
        tend: 1,
        name: 'importContacts',
        data,
      }),
    { rows: [{ row: 1, name, emails: [email], company: '' }], tier: 'active', dryRun: false },
  );
  expect(reply).toMatchObject({ ok: true });
}

const clientNames = async (context: Parameters<typeof readTable>[0], extensionId: string) =>
  (await readTable<{ name: string }>(context, extensionId, 'clients')).map((c) => c.name).sort();

test('a restore previewed, then the worker stopped, still restores on confirm', async ({ context, cdp, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await dashboard.getByLabel('Backup file (.json)').setInputFiles(V1_BACKUP);
  const restore = dashboard.getByRole('region', { name: 'Restore preview' });
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('clients: 2 added');

  // The worker goes idle between preview and confirm; its memory is gone.
  await stopServiceWorker(cdp, extensionId);
  // Changing the mode asks a fresh worker for a new dry run, from the staged file.
  await restore.getByLabel('Replace everything here').check();
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('clients: 2 added, 0 now here removed');
  await stopServiceWorker(cdp, extensionId);
  await restore.getByRole('button', { name: 'Replace everything with this backup' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Restored' })).toContainText('2 clients');
  expect(await clientNames(context, extensionId)).toEqual(['Ada Lovelace', 'Grace Hopper']);
});

test('replace keeps a copy first: “Download the data as it was” saves it, “Undo restore” puts it back', async ({ context, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await createClient(dashboard, 'Charles Babbage', 'charles@engine.example');
  await expect(dashboard.getByRole('region', { name: 'Before the last restore' })).toHaveCount(0);

  await dashboard.getByLabel('Backup file (.json)').setInputFiles(V1_BACKUP);
  const restore = dashboard.getByRole('region', { name: 'Restore preview' });
  await restore.getByLabel('Replace everything here').check();
  await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText('clients: 2 added, 1 now here removed');
  await restore.getByRole('button', { name: 'Replace everything with this backup' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Restored' })).toContainText('2 clients');
  expect(await clientNames(context, extensionId)).toEqual(['Ada Lovelace', 'Grace Hopper']);

  // The report offers both, and they survive a reload (the copy is in the database).
  await dashboard.reload();
  const safety = dashboard.getByRole('region', { name: 'Before the last restore' });
  await expect(safety).toContainText('1 client,');
  await pickSaveFileInOpfs(dashboard);
  await safety.getByRole('button', { name: 'Download the data as it was' }).click();
  await expect(safety.getByRole('status')).toContainText('The data as it was is saved in tend-before-restore-');
  const [name] = await opfsFiles(dashboard);
  const asItWas = JSON.parse(await readOpfsFile(dashboard, name!));
  expect(asItWas).toMatchObject({ format: 'tend-backup', version: 3 });
  expect(asItWas.tables.clients.map((c: { name: string }) => c.name)).toEqual(['Charles Babbage']);
  // Saving that copy is not a backup of the data now.
  await expect(dashboard.getByText('You have not made a backup yet.')).toBeVisible();

  await safety.getByRole('button', { name: 'Undo restore' }).click();
  await expect(safety.getByRole('status')).toHaveText('Restore undone: 1 client and 0 interactions are back as they were before it.');
  expect(await clientNames(context, extensionId)).toEqual(['Charles Babbage']);
  await expect(safety.getByRole('button', { name: 'Undo restore' })).toHaveCount(0);
});
