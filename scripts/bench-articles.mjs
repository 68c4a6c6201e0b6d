// Article extraction benchmark (issue 3). Run after a build:
//   npx wxt build && node scripts/bench-articles.mjs [--runs 15] [--popup-runs 10]
//
// 1. For every page of tests/fixtures/articles, in Chromium: Tend's extraction plus
//    sanitising (extractPage, DOMPurify on the article as Readability serialises it) against a bare Readability parse of the
//    same page, alternated; prints per-page medians, the corpus median and p95, and
//    the ratio (budget 1.3x).
// 2. The popup's time to show the extracted preview: the built extension, the toolbar
//    button pressed over CDP on an article, the popup's `tend-preview-shown` mark
//    (ms since the popup's navigation started; budget 300 ms).
// Prints figures only; never fails on a budget.
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const RUNS = arg('runs', 15);
const WARMUP = 3;
const POPUP_RUNS = arg('popup-runs', 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const QUIET = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const FIXTURES = join(root, 'tests/fixtures/articles');
const EXTENSION = join(root, '.output/chrome-mv3');

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const f = (ms) => `${ms.toFixed(2)} ms`;

function pageBytes(name) {
  const bytes = readFileSync(join(FIXTURES, name));
  const charset = /<meta charset="([^"]+)"/i.exec(bytes.subarray(0, 1024).toString('latin1'))?.[1] ?? 'utf-8';
  return { bytes, charset };
}

async function extractionBench() {
  const bundle = await build({
    entryPoints: [join(root, 'scripts/bench/articles-page.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0].text;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: QUIET });
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = readdirSync(FIXTURES).filter((n) => n.endsWith('.html')).sort();
  let current = null;
  await context.route('**/*', (route) =>
    route.request().url() === 'https://bench.example/page' && current
      ? route.fulfill({ status: 200, contentType: `text/html; charset=${current.charset}`, body: current.bytes })
      : route.abort('blockedbyclient'),
  );
  const rows = [];
  let breakdown = null;
  for (const name of files) {
    current = pageBytes(name);
    await page.goto('https://bench.example/page');
    await page.addScriptTag({ content: script });
    const { bareMs, fullMs, kind } = await page.evaluate(([runs, warmup]) => globalThis.__tendBench(runs, warmup), [RUNS, WARMUP]);
    rows.push({ name, kind, bare: median(bareMs), full: median(fullMs) });
    if (name === 'running-marathon-training.html') breakdown = await page.evaluate(() => globalThis.__tendBreakdown());
  }
  await browser.close();

  console.log(`\nExtraction + sanitising vs bare Readability (${RUNS} runs per page, medians)`);
  console.log('page'.padEnd(36), 'kind'.padEnd(8), 'tend'.padStart(10), 'bare'.padStart(10), 'ratio'.padStart(7));
  for (const r of rows) {
    console.log(r.name.padEnd(36), r.kind.padEnd(8), f(r.full).padStart(10), f(r.bare).padStart(10), (r.full / r.bare).toFixed(2).padStart(7));
  }
  // Links skip Readability's parse (isProbablyReaderable says no), so their ratio says
  // little; the budget is about articles.
  const articles = rows.filter((r) => r.kind === 'article');
  const ratios = articles.map((r) => r.full / r.bare);
  console.log(`\nall pages: tend median ${f(median(rows.map((r) => r.full)))}, p95 ${f(quantile(rows.map((r) => r.full), 0.95))}`);
  console.log(`articles (${articles.length}): tend median ${f(median(articles.map((r) => r.full)))}, p95 ${f(quantile(articles.map((r) => r.full), 0.95))}; ` +
    `bare median ${f(median(articles.map((r) => r.bare)))}, p95 ${f(quantile(articles.map((r) => r.bare), 0.95))}`);
  if (breakdown) {
    console.log(`where the time goes (running-marathon-training.html): extractPage incl. sanitising ${f(breakdown.extract)} ` +
      `(of which isProbablyReaderable ${f(breakdown.readerable)}), the reader page's re-sanitising of the stored string ${f(breakdown.sanitize)}, bare Readability ${f(breakdown.bare)}`);
  }
  console.log(`ratio tend/bare over articles: median ${median(ratios).toFixed(2)}x, p95 ${quantile(ratios, 0.95).toFixed(2)}x (budget 1.30x)`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function popupBench() {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) {
    console.log('\nPopup: no build at .output/chrome-mv3 (run npx wxt build first); skipped.');
    return;
  }
  const profile = mkdtempSync(join(tmpdir(), 'tend-bench-'));
  const port = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`, ...QUIET, `--remote-debugging-port=${port}`, '--enable-unsafe-extension-debugging'],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const url = 'https://www.strideweekly.example/training/first-marathon-plan';
    const { bytes } = pageBytes('running-marathon-training.html');
    await context.route('**/*', (route) =>
      route.request().url() === url ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: bytes }) : route.continue().catch(() => {}),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    const cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const cdp = await cdpBrowser.newBrowserCDPSession();
    const times = [];
    for (let i = 0; i < POPUP_RUNS + 1; i += 1) {
      const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
      const tab = targetInfos.find((t) => t.url === url);
      await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
      let popup;
      let viewer;
      for (let tries = 0; !popup && tries < 50; tries += 1) {
        viewer = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
        popup = viewer.contexts().flatMap((c) => c.pages()).find((p) => p.url().startsWith(`chrome-extension://${extensionId}/popup.html`));
        if (!popup) {
          await viewer.close();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      if (!popup) throw new Error('the popup did not open');
      const shown = await popup.evaluate(
        () =>
          new Promise((resolve) => {
            const read = () => performance.getEntriesByName('tend-preview-shown')[0]?.startTime;
            const poll = () => (read() !== undefined ? resolve(read()) : setTimeout(poll, 5));
            poll();
          }),
      );
      if (i > 0) times.push(shown); // the first opening also starts the worker
      await popup.close().catch(() => {});
      await viewer.close().catch(() => {});
    }
    await cdpBrowser.close();
    console.log(`\nPopup: time to show the extracted preview (${POPUP_RUNS} openings, after one warm-up): median ${f(median(times))}, p95 ${f(quantile(times, 0.95))} (budget 300 ms)`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

await extractionBench();
await popupBench();
