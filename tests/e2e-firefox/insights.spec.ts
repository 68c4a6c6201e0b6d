/**
 * The dashboard's Insights view in Firefox (issue 16): its figures render, a chart
 * paints on its canvas (uPlot, loaded on first use, under the extension's CSP), and
 * "Show as table" shows its numbers.
 */
import { callTend, clickByRole, expect, getByRole, openExtensionPage, seedClient, test } from './harness';

function dayFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test('Insights shows its figures and draws a chart in Firefox', async ({ firefox }) => {
  const people = [
    { name: 'Ada Lovelace', email: 'ada@analytical.example', value: 9000, score: 10 },
    { name: 'Bob Stone', email: 'bob@stone.example', value: 1000, score: 6 },
  ];
  for (const person of people) {
    const clientId = await seedClient(firefox, person);
    await callTend(firefox, 'addProject', { clientId, title: 'Review', startDay: dayFromToday(-90), endDay: dayFromToday(-30), status: 'done', value: person.value, currency: 'EUR' });
    await callTend(firefox, 'recordFeedback', { clientId, day: dayFromToday(-10), score: person.score, source: 'call' });
  }
  const page = await openExtensionPage(firefox, 'dashboard.html#insights');
  await page.waitForSelector('[data-insights][data-state="ready"]', { timeout: 15_000 });

  const figures = await page.evaluate(() =>
    Array.from(document.querySelectorAll('table.figures tbody tr')).map((row) => [
      row.querySelector('th[scope="row"] .term')?.textContent ?? '',
      (row.querySelector('td')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ]),
  );
  expect(figures.map(([name]) => name)).toEqual(['Retention rate', 'Churn rate', 'Repeat business rate', 'Average lifetime value', 'Net Promoter Score', 'Check-ins kept']);
  const valueOf = (name: string) => figures.find(([figure]) => figure === name)![1];
  expect(valueOf('Average lifetime value')).toBe('€5,000 (2 clients)');
  expect(valueOf('Net Promoter Score')).toMatch(/^0 ?2 responses/);
  expect(valueOf('Net Promoter Score')).toContain('Few responses');
  expect(figures.map(([, value]) => value).join(' ')).not.toContain('NaN');

  // The Pareto chart: named by its figure, painted on a canvas.
  const chart = await getByRole(page, { role: 'img', name: /^Where the business comes from in EUR: 1 client of 2 bring 80 %/ });
  const painted = await chart.evaluate((element) => {
    const canvas = element.querySelector('canvas');
    if (!canvas || !canvas.width || !canvas.height) return false;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
    return false;
  });
  expect(painted).toBe(true);

  await clickByRole(page, { role: 'button', name: 'Show as table', within: { role: 'region', name: 'Where the business comes from' } });
  const rows = await page.evaluate(() =>
    Array.from(document.querySelectorAll('.insights-chart table tbody tr')).map((row) => Array.from(row.children).map((cell) => cell.textContent)),
  );
  expect(rows).toEqual([
    ['1', 'Ada Lovelace', '€9,000', '€0', '€9,000', '90%', 'Yes'],
    ['2', 'Bob Stone', '€1,000', '€0', '€1,000', '100%', 'No'],
  ]);
});
