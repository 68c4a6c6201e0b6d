/**
 * The dashboard, the reader and the sidebar's exposure in Firefox: import with a
 * preview, search as you type, restore a backup, read a saved article offline, and
 * only the mail sites may frame the sidebar.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElementHandle } from 'puppeteer-core';
import {
  EXTENSION_ORIGIN,
  callTend,
  seedClient,
  clickByRole,
  expect,
  getByRole,
  openExtensionPage,
  readTable,
  servePage,
  test,
  textOf,
  typeByRole,
  waitForText,
} from './harness';

const GOOGLE_CSV = fileURLToPath(new URL('../fixtures/imports/google-contacts.csv', import.meta.url));
const BACKUP_V1 = fileURLToPath(new URL('../fixtures/backups/v1.json', import.meta.url));

/** The file input labelled `label`, given a file as a person picks one. */
async function pickFile(page: Parameters<typeof getByRole>[0], label: string, path: string): Promise<void> {
  const input = (await page.waitForSelector(`xpath///label[normalize-space()=${JSON.stringify(label)}]//input[@type="file"] | //input[@type="file"][@aria-label=${JSON.stringify(label)}]`)) as ElementHandle<HTMLInputElement> | null;
  if (!input) throw new Error(`no file input labelled ${label}`);
  await input.uploadFile(path);
}

test('import contacts with a preview, find one by search, then restore a backup over them', async ({ firefox }) => {
  const dashboard = await openExtensionPage(firefox, 'dashboard.html#backup');
  await pickFile(dashboard, 'Contacts file (CSV or vCard)', GOOGLE_CSV);
  const preview = { role: 'region', name: 'Import preview' };
  await getByRole(dashboard, preview);
  await expect.poll(() => textOf(dashboard, preview)).toContain('Google Contacts CSV, 7 contacts');
  expect(await textOf(dashboard, preview)).toContain('Row 6 (Ada Lovelace): Duplicate of row 1 (duplicate row in the file)');
  // Nothing is written before the user confirms.
  expect(await readTable(firefox, 'clients')).toHaveLength(0);
  await clickByRole(dashboard, { role: 'button', name: 'Import 4 contacts', within: preview });
  await waitForText(dashboard, 'Imported: 4 new clients, 0 updated.');
  const names = (await readTable<{ name: string }>(firefox, 'clients')).map((c) => c.name).sort();
  expect(names).toEqual(['Ada Lovelace', 'Grace Brewster Hopper', 'José Müller', 'noname@somewhere.example']);
  // Her phone (Phone 1 - Value) came along in E.164, and her page links it with tel:.
  const ada = (await readTable<{ id: string; name: string; phones: string[] }>(firefox, 'clients')).find((c) => c.name === 'Ada Lovelace')!;
  expect(ada.phones).toEqual(['+442079460000']);
  const clientPage = await openExtensionPage(firefox, `dashboard.html#client/${encodeURIComponent(ada.id)}`);
  const phone = await getByRole(clientPage, { role: 'link', name: /20 7946 0000/, within: { role: 'region', name: 'Phone numbers' } });
  expect(await phone.evaluate((link) => link.getAttribute('href'))).toBe('tel:+442079460000');
  await clientPage.close();

  // Search as you type, accents and case aside.
  await typeByRole(dashboard, { role: 'searchbox', name: 'Search clients and resources' }, 'jose');
  await getByRole(dashboard, { role: 'link', name: /José Müller/, within: { role: 'region', name: 'Search results' } });

  // Restore a backup in place of everything, previewed first.
  await pickFile(dashboard, 'Backup file (.json)', BACKUP_V1);
  const restore = { role: 'region', name: 'Restore preview' };
  await getByRole(dashboard, restore);
  await expect.poll(() => textOf(dashboard, restore)).toContain('2 clients');
  await clickByRole(dashboard, { role: 'radio', name: 'Replace everything here', within: restore });
  await clickByRole(dashboard, { role: 'button', name: 'Replace everything with this backup', within: restore });
  await waitForText(dashboard, /Restored.*2 clients/);
  expect((await readTable<{ name: string }>(firefox, 'clients')).map((c) => c.name).sort()).toEqual(['Ada Lovelace', 'Grace Hopper']);
});

test('the reader shows a saved article from its clean copy', async ({ firefox }) => {
  const clientId = await seedClient(firefox, { name: 'Ada Lovelace', email: 'ada@analytical.example' });
  const { resourceId } = await callTend<{ resourceId: string }>(firefox, 'saveResource', {
    clientIds: [clientId],
    url: 'https://www.strideweekly.example/training/first-marathon-plan',
    canonicalUrl: 'https://www.strideweekly.example/training/first-marathon-plan',
    title: 'How to train for your first marathon',
    site: 'Stride Weekly',
    byline: 'Lena Hartmann',
    excerpt: 'The long run is the heart of the plan.',
    // As an older version or an edited backup might hold it: the reader cleans it again.
    contentHtml: '<p>The long run is the heart of the plan.</p><img src="http://insecure.example/a.png"><p><a href="javascript:alert(1)">x</a></p>',
  }, 'popup.html');
  const reader = await openExtensionPage(firefox, `reader.html?id=${resourceId}`);
  await getByRole(reader, { role: 'heading', name: 'How to train for your first marathon' });
  await waitForText(reader, 'The long run is the heart of the plan.');
  const article = await reader.evaluate(() => document.querySelector('article')?.innerHTML ?? '');
  expect(article).toContain('The long run is the heart of the plan.');
  expect(article).not.toMatch(/<img|javascript:/);
});

test('a web page that is not a mail site cannot frame the sidebar', async ({ tab: page, web }) => {
  const url = servePage(web, 'https://evil.example/', `<!doctype html><title>x</title><iframe id="f" src="${EXTENSION_ORIGIN}/sidebar.html"></iframe>`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  // web_accessible_resources lists the mail origins only: Firefox refuses the load,
  // so nothing of Tend's runs in that frame.
  await page.waitForSelector('#f');
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const frames = await Promise.all(page.frames().filter((f) => f !== page.mainFrame()).map((f) => f.evaluate(() => location.href).catch(() => 'unreadable')));
  expect(frames.some((href) => href.startsWith(EXTENSION_ORIGIN))).toBe(false);
});

test('Download backup: the file lands in Downloads, and counts as a backup only once the user says they have it', async ({ firefox, downloads }) => {
  await seedClient(firefox, { name: 'Ada Lovelace', email: 'ada@analytical.example' });
  const dashboard = await openExtensionPage(firefox, 'dashboard.html#backup');
  // Firefox has no save picker: Tend cannot see whether the download was kept.
  await clickByRole(dashboard, { role: 'button', name: 'Download backup' });
  await waitForText(dashboard, 'Download started — Tend cannot see whether it was saved.');
  await expect.poll(async () => (await readdir(downloads).catch(() => [])).filter((name) => name.endsWith('.json')), { timeout: 10_000 }).toHaveLength(1);
  const [file] = (await readdir(downloads)).filter((name) => name.endsWith('.json'));
  expect(file).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = JSON.parse(await readFile(join(downloads, file!), 'utf8'));
  expect(backup).toMatchObject({ format: 'tend-backup' });
  expect(backup.tables.clients.map((c: { name: string }) => c.name)).toEqual(['Ada Lovelace']);
  const lastBackup = async () => (await readTable<{ key: string; value: unknown }>(firefox, 'settings')).find((s) => s.key === 'lastBackupAt')?.value ?? null;
  expect(await lastBackup()).toBeNull();

  await clickByRole(dashboard, { role: 'button', name: 'I have the file' });
  await waitForText(dashboard, /Last backup: /);
  expect(typeof (await lastBackup())).toBe('number');
});
