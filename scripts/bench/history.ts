/**
 * Opening the client page of a client with a long history (issue 15, item 4; budget
 * 200 ms): in Debian's Chromium with the built extension, one client with 5,000
 * interactions, from navigating to `dashboard.html#client/<id>` to its first
 * interaction shown (the page header, then the first page of 50). Medians and 95th
 * percentiles over repeated fresh page loads, alternating with a client of 10
 * interactions (the same page without the history); printed, never a failing test.
 */
import { chromium } from '@playwright/test';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, extensionLaunchArgs } from '../../tests/e2e/chromium';
import { percentile, whenShown } from './shared';

const ROOT = process.env.TEND_ROOT ?? process.cwd();
const BUILT = join(ROOT, process.env.TEND_OUT_DIR || '.output', 'chrome-mv3');
const INTERACTIONS = Number(process.env.BENCH_HISTORY ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const CLIENT_ID = 'bench-long-history';

if (!existsSync(join(BUILT, 'manifest.json'))) throw new Error(`No build in ${BUILT}: run \`npm run build\` first.`);
const extension = await mkdtemp(join(tmpdir(), 'tend-bench-history-ext-'));
const profile = await mkdtemp(join(tmpdir(), 'tend-bench-history-profile-'));
await cp(BUILT, extension, { recursive: true });
await cp(join(ROOT, 'bench-results', 'bench-history-page.js'), join(extension, 'bench-history-page.js'));
await writeFile(join(extension, 'bench.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bench-history-page.js"></script>');

const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: extensionLaunchArgs(extension) });
/** The same page for a client with a short history, loaded in turn with the long one: on a busy machine both slow alike, and the difference is the history's own cost. */
const CLIENTS = [
  { id: CLIENT_ID, name: 'Long History Example', interactions: INTERACTIONS, header: [] as number[], firstEntry: [] as number[] },
  { id: 'bench-short-history', name: 'Short History Example', interactions: 10, header: [] as number[], firstEntry: [] as number[] },
];
const reading: number[] = [];
const parsing: number[] = [];
try {
  await context.route('**/*', (route) => (route.request().url().startsWith('chrome-extension://') ? route.continue() : route.abort()));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const bench = context.pages()[0] ?? (await context.newPage());
  await bench.goto(`chrome-extension://${extensionId}/bench.html`);
  for (const client of CLIENTS) {
    const seeded = await bench.evaluate(([id, name, count]) => (globalThis as any).tendHistoryBench.seedHistory(id, name, count), [client.id, client.name, client.interactions] as const);
    console.log(`Seeded ${client.name} with ${seeded.toLocaleString('en')} interactions.`);
  }
  const parts: { read: number[]; parse: number[] } = await bench.evaluate(([id, runs]) => (globalThis as any).tendHistoryBench.timeRead(id, runs), [CLIENT_ID, RUNS] as const);
  reading.push(...parts.read);
  parsing.push(...parts.parse);
  // One load of each first, not counted: the worker and the page's code warm up.
  for (let run = -1; run < RUNS; run += 1) {
    for (const client of CLIENTS) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/dashboard.html#client/${client.id}`, { waitUntil: 'commit' });
      const [headerAt, entryAt] = await Promise.all([whenShown(page, '.client-page-head h2', client.name), whenShown(page, '.client-page .timeline li time')]);
      const origin = await page.evaluate(() => performance.timeOrigin);
      if (run >= 0) {
        client.header.push(headerAt - origin);
        client.firstEntry.push(entryAt - origin);
      }
      await page.close();
    }
  }
} finally {
  await context.close();
  await rm(extension, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
}

const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(1)} ms`;
console.log(`\nClient page of a client with ${INTERACTIONS.toLocaleString('en')} interactions, Chromium (${RUNS} fresh loads; budget 200 ms to the first interaction):`);
console.table([
  ...CLIENTS.flatMap((client) => [
    { what: `${client.interactions.toLocaleString('en')} interactions: navigation → client header`, median: ms(client.header, 50), p95: ms(client.header, 95) },
    { what: `${client.interactions.toLocaleString('en')} interactions: navigation → first interaction`, median: ms(client.firstEntry, 50), p95: ms(client.firstEntry, 95) },
  ]),
  { what: `${INTERACTIONS.toLocaleString('en')}: reading the timeline row (IndexedDB)`, median: ms(reading, 50), p95: ms(reading, 95) },
  { what: `${INTERACTIONS.toLocaleString('en')}: JSON.parse of the row`, median: ms(parsing, 50), p95: ms(parsing, 95) },
]);
