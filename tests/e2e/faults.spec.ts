/**
 * Faults leave old or new, never half: the background worker is stopped for real (the
 * DevTools protocol closes it, as Chrome does to an idle or crashed worker) in the
 * middle of an import, a merge restore and a replace restore. Afterwards the database
 * is exactly as it was or exactly as the write makes it, the page says which, and
 * trying again works. Each write is one IndexedDB transaction that also notes its
 * outcome; a page whose answer never came asks a fresh worker (writeOutcome).
 */
import { writeFile } from 'node:fs/promises';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openExtensionPage, stopServiceWorker, test } from './harness';
import { readTable } from './data';

const TABLES = ['clients', 'details', 'interactions', 'resources', 'referrals', 'followUps', 'projects', 'feedback', 'settings'];
const CLIENTS = 3_000;
const PER_CLIENT = 30;

/** Every table, sorted, as the database holds it. */
async function snapshot(context: BrowserContext, extensionId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await readTable<Record<string, unknown>>(context, extensionId, table);
    out[table] = rows.sort((a, b) => String(a.id ?? a.key).localeCompare(String(b.id ?? b.key)));
  }
  return out;
}

async function createClient(page: Page, name: string, email: string): Promise<void> {
  const reply = await page.evaluate(
    (data) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ tend: 1, name: 'importContacts', data }),
    { rows: [{ row: 1, name, emails: [email], company: '' }], tier: 'active', dryRun: false },
  );
  expect(reply).toMatchObject({ ok: true });
}

/** A backup large enough that writing it takes a while: 3,000 clients, 90,000 interactions, a project and a score each. */
function bigBackup(): string {
  const at = Date.UTC(2026, 9, 1);
  const clients = [];
  const interactions = [];
  const projects = [];
  const feedback = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    clients.push({ id: `c-${i}`, name: `Client ${i}`, emails: [`client${i}@example.org`], nameKeys: [`client ${i}`], tier: 'active', createdAt: at, updatedAt: at });
    projects.push({ id: `p-${i}`, clientId: `c-${i}`, title: `Project ${i}`, startDay: '2026-01-05', endDay: '2026-06-30', status: 'done', value: 1000 + i, currency: 'EUR', createdAt: at, updatedAt: at });
    feedback.push({ id: `f-${i}`, clientId: `c-${i}`, projectId: `p-${i}`, day: '2026-07-10', score: i % 11, source: 'survey', createdAt: at });
    for (let j = 0; j < PER_CLIENT; j += 1) {
      interactions.push({ id: `i-${i}-${j}`, clientId: `c-${i}`, kind: 'email', direction: 'in', subject: `Re: the plan, part ${j}`, at: at - j * 86_400_000, host: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox/x', dedupeKey: `c-${i}|gmail|m${j}`, createdAt: at });
    }
  }
  return JSON.stringify({ format: 'tend-backup', version: 3, exportedAt: new Date(at).toISOString(), schemaVersion: 5, tables: { clients, details: [], interactions, resources: [], referrals: [], followUps: [], projects, feedback, settings: [] } });
}

/**
 * Presses `confirm`, stops the worker at once, and returns what the page then said:
 * 'written' (its report) or 'not written' (an alert, the preview kept to try again).
 */
async function confirmThenStopWorker(dashboard: Page, cdp: Parameters<typeof stopServiceWorker>[0], extensionId: string, confirm: string, report: RegExp) {
  await dashboard.getByRole('button', { name: confirm }).click();
  await stopServiceWorker(cdp, extensionId);
  const written = dashboard.getByRole('status').filter({ hasText: report });
  const notWritten = dashboard.getByRole('alert').filter({ hasText: 'Tend’s background stopped before it finished.' });
  await expect(written.or(notWritten)).toBeVisible({ timeout: 60_000 });
  const said = (await notWritten.count()) > 0 ? 'not written' : 'written';
  test.info().annotations.push({ type: 'worker stopped', description: said === 'written' ? 'after the commit' : 'before the commit' });
  return said;
}

test('a worker stopped in the middle of an import leaves the old data or the new, says which, and trying again works', async ({ context, cdp, extensionId }, testInfo) => {
  test.setTimeout(180_000);
  const rows = ['Name,E-mail 1 - Value,Notes'];
  for (let i = 0; i < 10_000; i += 1) rows.push(`Person ${i},person${i}@example.org,Met at event ${i}`);
  const csv = testInfo.outputPath('many.csv');
  await writeFile(csv, rows.join('\n'));

  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await createClient(dashboard, 'Charles Babbage', 'charles@engine.example');
  await dashboard.getByLabel('Contacts file (CSV or vCard)').setInputFiles(csv);
  const preview = dashboard.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByRole('button', { name: 'Import 10,000 contacts' })).toBeEnabled({ timeout: 60_000 });
  const before = await snapshot(context, extensionId);

  const said = await confirmThenStopWorker(dashboard, cdp, extensionId, 'Import 10,000 contacts', /^Imported: 10,000 new clients/);
  const after = await snapshot(context, extensionId);
  if (said === 'not written') {
    expect(after).toEqual(before);
    await dashboard.getByRole('button', { name: 'Import 10,000 contacts' }).click();
    await expect(dashboard.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 10,000 new clients, 0 updated.', { timeout: 60_000 });
  }
  const final = said === 'not written' ? await snapshot(context, extensionId) : after;
  // Exactly the new data: every contact once, with its note, and Charles as he was.
  expect(final.clients!).toHaveLength(10_001);
  expect(final.interactions).toHaveLength(10_000);
  expect(final.clients!.filter((c) => (c as { name: string }).name === 'Charles Babbage')).toEqual(before.clients);
});

for (const mode of ['merge', 'replace'] as const) {
  test(`a worker stopped in the middle of a ${mode} restore leaves the old data or the new, says which, and trying again works`, async ({ context, cdp, extensionId }, testInfo) => {
    test.setTimeout(180_000);
    const file = testInfo.outputPath('big-backup.json');
    await writeFile(file, bigBackup());
    const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
    await createClient(dashboard, 'Charles Babbage', 'charles@engine.example');
    await dashboard.getByLabel('Backup file (.json)').setInputFiles(file);
    const restore = dashboard.getByRole('region', { name: 'Restore preview' });
    if (mode === 'replace') await restore.getByLabel('Replace everything here').check();
    const confirm = mode === 'replace' ? 'Replace everything with this backup' : 'Restore (merge)';
    await expect(restore.getByRole('list', { name: 'What the restore will do' })).toContainText(`clients: 3,000 added`, { timeout: 60_000 });
    await expect(restore.getByRole('button', { name: confirm })).toBeEnabled();
    const before = await snapshot(context, extensionId);

    const said = await confirmThenStopWorker(dashboard, cdp, extensionId, confirm, /^Restored: 3,000 clients/);
    const after = await snapshot(context, extensionId);
    if (said === 'not written') {
      expect(after).toEqual(before);
      // The staged file outlived the worker: the same preview is confirmed again.
      await expect(restore.getByRole('button', { name: confirm })).toBeEnabled({ timeout: 60_000 });
      await restore.getByRole('button', { name: confirm }).click();
      await expect(dashboard.getByRole('status').filter({ hasText: 'Restored' })).toContainText('3,000 clients and 90,000 interactions written', { timeout: 60_000 });
    }
    const final = said === 'not written' ? await snapshot(context, extensionId) : after;
    expect(final.clients!).toHaveLength(mode === 'merge' ? CLIENTS + 1 : CLIENTS);
    expect(final.interactions).toHaveLength(CLIENTS * PER_CLIENT);
    const charles = final.clients!.filter((c) => (c as { name: string }).name === 'Charles Babbage');
    expect(charles).toEqual(mode === 'merge' ? before.clients : []);
  });
}
