/**
 * Importing projects from a CSV file, end to end in Chromium with the built
 * extension: the file picked on Import & backup, previewed (date order asked, each
 * row with its client, skipped rows with their reasons), imported, and the projects
 * seen on the client's page; the same file again adds nothing.
 */
import { fileURLToPath } from 'node:url';
import { expect, openExtensionPage, test } from './harness';
import { readTable, seedClient } from './data';

const PROJECTS_CSV = fileURLToPath(new URL('../fixtures/imports/projects.csv', import.meta.url));

test('import projects from CSV: preview, import, see them on the client page; a second import adds nothing', async ({ context, extensionId }) => {
  await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example' });
  await seedClient(context, extensionId, { name: 'Grace Hopper', email: 'grace@navy.example' });
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');

  await dashboard.getByLabel('Import projects (CSV)').setInputFiles(PROJECTS_CSV);
  const preview = dashboard.getByRole('region', { name: 'Projects import preview' });
  await expect(preview).toContainText('projects.csv: 5 rows.');
  // Slash dates: the order is asked; day first reads 05/11/2026 as 5 November.
  await preview.getByRole('radio', { name: 'Day first (24/12/2026)' }).check();
  const table = preview.getByRole('table', { name: 'The 5 rows as they will be saved' });
  const audit = table.getByRole('row').filter({ has: dashboard.getByRole('rowheader', { name: 'Compiler audit' }) });
  await expect(audit.getByRole('cell').nth(0)).toHaveText('Grace Hopper');
  await expect(audit.getByRole('cell').nth(1)).toHaveText(/5 Nov 2026|Nov 5, 2026/);
  await expect(preview.getByRole('list', { name: 'What the import will do' })).toContainText('3 new projects');
  await expect(preview).toContainText('Row 4 (Nobody Known): no client is named “Nobody Known”');
  await expect(preview).toContainText('Row 5 (Grace Hopper): value “TBD”: it is not a number');
  expect(await readTable(context, extensionId, 'projects')).toHaveLength(0);

  await preview.getByRole('button', { name: 'Import 3 projects' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Imported projects' })).toHaveText('Imported projects: 3 new, 0 updated, 2 skipped.');
  const stored = await readTable<{ title: string; status: string; value: number | null; currency: string | null; startDay: string }>(context, extensionId, 'projects');
  expect(stored.map((p) => [p.title, p.startDay, p.status, p.value, p.currency]).sort()).toEqual([
    ['Advisory retainer', '2026-11-01', 'active', null, null],
    ['Compiler audit', '2026-11-05', 'active', 8000, 'EUR'],
    ['Pricing workshop', '2026-09-01', 'done', 12500, 'EUR'],
  ]);

  // On Ada's page, under "Projects".
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#clients`);
  await dashboard.getByRole('link', { name: 'Ada Lovelace' }).click();
  const projects = dashboard.getByRole('region', { name: 'Projects' });
  await expect(projects.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await expect(projects).toContainText('Pricing workshop');
  await expect(projects).toContainText('Advisory retainer');
  await expect(projects).not.toContainText('Compiler audit');

  // The same file again: nothing to import, everything already up to date.
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#backup`);
  await dashboard.getByLabel('Import projects (CSV)').setInputFiles(PROJECTS_CSV);
  const again = dashboard.getByRole('region', { name: 'Projects import preview' });
  await again.getByRole('radio', { name: 'Day first (24/12/2026)' }).check();
  await expect(again.getByRole('list', { name: 'What the import will do' })).toContainText('3 already up to date');
  await expect(again.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
  expect(await readTable(context, extensionId, 'projects')).toHaveLength(3);
});
