/**
 * The dashboard's Insights view (issue 16) over data recorded through the dashboard's
 * own messages: the figures, a chart drawn and its table, the CSV download, "Make Key"
 * with Undo, and an axe check in light and dark.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, openExtensionPage, test } from './harness';
import { callTend, readTable, seedClient } from './data';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; help: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A calendar day `days` from today in local time, `YYYY-MM-DD`. */
function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const PEOPLE = [
  { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical', projects: [10000, 5000], score: 10 },
  { name: 'Bob Stone', email: 'bob@stone.example', company: '', projects: [4000], score: 10 },
  { name: 'Cy Young', email: 'cy@pitch.example', company: 'Pitch', projects: [3000], score: 9 },
  { name: 'Dee Wolfe', email: 'dee@wolfe.example', company: '', projects: [2000], score: 7 },
  { name: 'Eve Adams', email: 'eve@adams.example', company: '', projects: [1000], score: 3 },
];

/**
 * Five clients with projects in EUR, Ada two and Eve one more in USD (repeat business 2
 * of 5), one score each (promoters 3, detractors 1 of 5: NPS +40) and calls this month.
 */
async function seed(context: BrowserContext, extensionId: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const person of PEOPLE) {
    const id = await seedClient(context, extensionId, person);
    ids[person.name] = id;
    for (const [index, value] of person.projects.entries()) {
      await callTend(context, extensionId, 'addProject', {
        clientId: id,
        title: `Engagement ${index + 1}`,
        startDay: dayFromToday(-120 + index * 30),
        endDay: dayFromToday(-40 + index * 30),
        status: 'done',
        value,
        currency: 'EUR',
      });
    }
    await callTend(context, extensionId, 'recordFeedback', { clientId: id, day: dayFromToday(-20), score: person.score, source: 'email' });
    await callTend(context, extensionId, 'logInteraction', { clientId: id, kind: 'call', text: 'Catch-up', at: Date.now() - 3_600_000 });
  }
  await callTend(context, extensionId, 'addProject', {
    clientId: ids['Eve Adams'],
    title: 'US work',
    startDay: dayFromToday(-60),
    endDay: null,
    status: 'active',
    value: 1000,
    currency: 'USD',
  });
  return ids;
}

function figure(page: Page, name: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).getByRole('cell');
}

test('Insights shows the figures, a chart with its table, the CSV, and "Make Key" with Undo', async ({ context, extensionId }) => {
  const ids = await seed(context, extensionId);
  const page = await openExtensionPage(context, extensionId, 'dashboard.html#today');
  await page.getByRole('navigation', { name: 'Dashboard' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page).toHaveURL(/#insights$/);
  const root = page.locator('[data-insights]');
  await expect(root).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('last-12-months');

  // The figures, as the issue defines them, over the seeded records.
  await expect(figure(page, 'Repeat business rate')).toContainText('40%');
  await expect(figure(page, 'Repeat business rate')).toContainText('2 of 5 clients');
  await expect(figure(page, 'Average lifetime value').getByRole('listitem')).toHaveText(['€5,000 (5 clients)', '$1,000 (1 client)']);
  await expect(figure(page, 'Net Promoter Score')).toContainText('+40');
  await expect(figure(page, 'Net Promoter Score')).toContainText('5 responses');
  await expect(figure(page, 'Net Promoter Score')).not.toContainText('Few responses');
  for (const name of ['Retention rate', 'Churn rate', 'Check-ins kept']) await expect(page.getByRole('rowheader', { name, exact: true })).toBeVisible();
  await expect(page.locator('body')).not.toContainText('NaN');
  // The README shows the view as this test sees it. The window is made as tall as the
  // page: list rows are \`content-visibility: auto\`, and a full-page capture of a short
  // window leaves those below the fold unpainted.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await expect(page.getByRole('button', { name: 'Make Key (Ada Lovelace)' })).toBeVisible();
  await page.screenshot({ path: 'docs/insights.png' });
  await page.setViewportSize(viewport);

  // A figure's definition on keyboard focus.
  const term = page.getByText('Repeat business rate', { exact: true });
  await term.focus();
  const shownTip = page.locator('[role="tooltip"]:not([hidden])');
  await expect(shownTip).toBeVisible();
  await expect(shownTip).toContainText('two or more');
  await expect(term).toHaveAccessibleDescription(/two or more/);
  await page.keyboard.press('Escape');
  await expect(shownTip).toHaveCount(0);

  // The Pareto chart is drawn on a canvas, named by its figure, with the same numbers as a table.
  const pareto = page.getByRole('img', { name: /^Where the business comes from in EUR: 3 clients of 5 bring 80 %/ });
  await expect(pareto.locator('canvas').first()).toBeVisible();
  const paretoFigure = page.locator('figure').filter({ has: pareto });
  const toggle = paretoFigure.getByRole('button', { name: 'Show as table' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const rows = paretoFigure.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(1).getByRole('rowheader')).toHaveText('1');
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('Ada Lovelace (Analytical)');
  await expect(rows.nth(1).getByRole('cell').nth(3)).toHaveText('€15,000');
  await expect(page.getByRole('img', { name: /^Net Promoter Score by quarter: \d{4} Q\d \+40 \(5 responses\)$/ })).toBeVisible();

  // Download CSV.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tend-insights-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe('period,from,to,figure,series,currency,value,count,of');
  expect(csv).toMatch(/^last-12-months,[\d-]+,[\d-]+,Average lifetime value,,EUR,5000,5,$/m);
  expect(csv).toMatch(/^last-12-months,[\d-]+,[\d-]+,Net Promoter Score,,,40,5,$/m);

  // "Make Key" for the top client who is not Key, then Undo.
  const makeKey = page.getByRole('button', { name: 'Make Key (Ada Lovelace)' });
  await makeKey.click();
  await expect(page.getByRole('status').filter({ hasText: 'Made Ada Lovelace a Key client.' })).toBeVisible();
  await expect.poll(async () => (await readTable<{ id: string; tier: string }>(context, extensionId, 'clients')).find((c) => c.id === ids['Ada Lovelace'])?.tier).toBe('key');
  await expect(makeKey).toBeHidden();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await readTable<{ id: string; tier: string }>(context, extensionId, 'clients')).find((c) => c.id === ids['Ada Lovelace'])?.tier).toBe('active');
  await expect(makeKey).toBeVisible();

  // A reload keeps the chosen period.
  await page.getByRole('combobox', { name: 'Period' }).selectOption({ label: 'All time' });
  await expect(page.getByRole('heading', { name: 'Figures: all time' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Period' })).toHaveValue('all-time');
  await expect(root).toHaveAttribute('data-state', 'ready');
});

test('Insights has no axe violations, light and dark, with data and empty', async ({ context, extensionId }) => {
  const page = await openExtensionPage(context, extensionId, 'dashboard.html#insights');
  await expect(page.locator('[data-insights]')).toHaveAttribute('data-state', 'ready');
  await expect(figure(page, 'Repeat business rate')).toHaveText('Add projects to see repeat business.');
  await expect(page.getByRole('img')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);

  await seed(context, extensionId);
  await page.reload();
  await expect(page.locator('[data-insights]')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('img').first()).toBeVisible();
  await page.getByRole('button', { name: 'Show as table' }).first().click();
  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await expect(page.locator('[data-insights]')).toHaveAttribute('data-state', 'ready');
  expect(await axeViolations(page)).toEqual([]);
});
