/**
 * The Firefox half of `npm run bench`: content script sizes of .output/firefox-mv3,
 * and the sidebar's latency in Debian's Firefox ESR with the same data and the same
 * measurement as the Chromium half (scripts/bench/main.ts), so the two are printed
 * side by side. Driven over WebDriver BiDi, as the Firefox tests are.
 */
import type { Frame, Page } from 'puppeteer-core';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gmailThreadMain, gmailThreadPage } from '../../tests/fixtures/gmail';
import { launchFirefoxWithTend } from '../../tests/e2e-firefox/firefox';
import { gotoExtensionPage, sidebarFrame } from '../../tests/e2e-firefox/pages';
import { benchClientName } from './page';
import { benchThread, percentile, whenShown, type Row } from './shared';

const ROOT = process.env.TEND_ROOT ?? process.cwd();
const BUILT = join(ROOT, '.output', 'firefox-mv3');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const PER_CLIENT = Number(process.env.BENCH_INTERACTIONS_PER_CLIENT ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

export async function benchFirefox(): Promise<Row[]> {
  const rows: Row[] = [];
  const record = (what: string, values: number[], budget: string) =>
    rows.push({ what, median: `${percentile(values, 50).toFixed(1)} ms`, p95: `${percentile(values, 95).toFixed(1)} ms`, budget, runs: values.length });

  const dir = join(BUILT, 'content-scripts');
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.js')).sort()) {
    const gzipped = gzipSync(await readFile(join(dir, file)), { level: 9 }).length;
    rows.push({ what: `Firefox content script ${file}, gzipped`, median: `${(gzipped / 1024).toFixed(2)} KB`, p95: '-', budget: '10 KB', runs: 1 });
  }

  // A copy of the build plus the bench page, as in Chromium: the shipped build stays untouched.
  const extension = await mkdtemp(join(tmpdir(), 'tend-bench-firefox-'));
  await cp(BUILT, extension, { recursive: true });
  await cp(join(ROOT, 'bench-results', 'bench-page.js'), join(extension, 'bench-page.js'));
  await writeFile(join(extension, 'bench.html'), '<!doctype html><meta charset="utf-8"><title>bench</title><script src="bench-page.js"></script>');
  const session = await launchFirefoxWithTend({ extensionDir: extension });
  try {
    const { browser, web } = session;
    const serveGmail = (html: string) =>
      web.serve('https://mail.google.com/', { body: html, documentsOnly: true, headers: { 'Content-Security-Policy': "require-trusted-types-for 'script'" } }, { match: 'prefix' });
    serveGmail(gmailThreadPage(benchThread(0)));

    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await page.goto('https://mail.google.com/mail/u/0/#inbox/warmup', { waitUntil: 'domcontentloaded' });
    await sidebarFrame(page);
    const bench = await browser.newPage();
    await gotoExtensionPage(bench, 'bench.html');
    const seedStart = Date.now();
    const seeded = await bench.evaluate((clients, per) => (globalThis as any).tendBench.seed(clients, per), CLIENTS, PER_CLIENT);
    console.log(`Firefox: seeded ${seeded.clients} clients and ${seeded.interactions} interactions in ${((Date.now() - seedStart) / 1000).toFixed(1)} s.`);
    await bench.close();
    await page.bringToFront();

    const warm: number[] = [];
    const frame: Frame = await sidebarFrame(page);
    for (let run = 0; run < RUNS; run += 1) {
      const i = (17 + run * 211) % CLIENTS;
      const shown = whenShown(frame, 'h1.client-name', benchClientName(i));
      const appeared = await page.evaluate((html: string) => {
        const main = document.querySelector('[role="main"]')!;
        const types = (window as any).trustedTypes;
        const markup = types ? types.createPolicy(`bench-${Math.random()}`, { createHTML: (s: string) => s }).createHTML(html) : html;
        const at = performance.timeOrigin + performance.now();
        main.innerHTML = markup;
        return at;
      }, gmailThreadMain(benchThread(i)));
      warm.push((await shown) - appeared);
    }
    record('Firefox: conversation DOM → client name in sidebar (frame loaded)', warm, 'p95 100 ms');

    const cold: number[] = [];
    for (let run = 0; run < Math.min(RUNS, 25); run += 1) {
      const i = (5003 + run * 97) % CLIENTS;
      serveGmail(gmailThreadPage(benchThread(i)));
      const fresh: Page = await browser.newPage();
      await fresh.goto(`https://mail.google.com/mail/u/0/#inbox/cold${run}`, { waitUntil: 'domcontentloaded' });
      const appeared = await fresh.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return performance.timeOrigin + nav.domInteractive;
      });
      // As in Chromium: the frame does not exist before the page loads, so the first
      // look may find the name already there; cold figures are an upper bound.
      const shown = await whenShown(await sidebarFrame(fresh), 'h1.client-name', benchClientName(i));
      cold.push(shown - appeared);
      await fresh.close();
    }
    record('Firefox: conversation DOM → client name in sidebar (cold: page load)', cold, 'p95 300 ms');
  } finally {
    await session.close();
    await rm(extension, { recursive: true, force: true });
  }
  return rows;
}
