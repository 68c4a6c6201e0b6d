// Article extraction benchmark (issue 3). Run after a build:
//   npx wxt build && node scripts/bench-articles.mjs [--runs 15] [--popup-runs 10]  (0 skips a part)
//
// 1. For every page of the real-world corpus (tests/fixtures/articles/real-world: news,
//    blogs, documentation, long-form and reference pages as their sites served them,
//    14-340 KB each), served at its own address in Chromium: Tend's extraction plus
//    sanitising (extractPage, DOMPurify on the article as Readability serialises it)
//    against a bare Readability parse of the same page, alternated; prints per-page
//    medians, the corpus median and p95, and the ratio (budget 1.3x). The same for the
//    small hand-written pages of tests/fixtures/articles (2-6 KB), for comparison.
// 2. The popup's time to show the extracted preview: the built extension, the toolbar
//    button pressed over CDP on an article, the popup's `tend-preview-shown` mark
//    (ms since the popup's navigation started; budget 300 ms).
// Prints figures only; never fails on a budget.
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './bench/cdp.mjs';

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
const REAL_WORLD = join(FIXTURES, 'real-world');
const EXTENSION = join(root, '.output/chrome-mv3');
const BUDGET = 1.3;

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
const f = (ms) => `${ms.toFixed(2)} ms`;

/** The page's bytes and the charset it declares, as the server would send them. */
function pageBytes(dir, name) {
  const bytes = readFileSync(join(dir, name));
  const charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(bytes.subarray(0, 4096).toString('latin1'))?.[1] ?? 'utf-8';
  return { bytes, charset };
}

/** Each page of `dir` with the address it is served at. */
function corpus(dir, urls = {}) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.html'))
    .sort()
    .map((name) => ({ name, url: urls[name]?.url ?? `https://bench.example/${name}`, ...pageBytes(dir, name) }));
}

async function timePages(browser, script, pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let current = null;
  // Nothing but the page itself loads; its own scripts do not run (a CSP), so every
  // run sees the same document. The benchmark's script goes in over CDP, past the CSP.
  await context.route('**/*', (route) =>
    current && route.request().url() === current.url
      ? route.fulfill({ status: 200, headers: { 'content-type': `text/html; charset=${current.charset}`, 'content-security-policy': "script-src 'none'" }, body: current.bytes })
      : route.abort('blockedbyclient'),
  );
  const rows = [];
  for (const entry of pages) {
    current = entry;
    await page.goto(entry.url);
    await page.evaluate(script);
    const { bareMs, fullMs, kind } = await page.evaluate(([runs, warmup]) => globalThis.__tendBench(runs, warmup), [RUNS, WARMUP]);
    const breakdown = await page.evaluate(() => globalThis.__tendBreakdown());
    rows.push({ name: entry.name, kind, bare: median(bareMs), full: median(fullMs), breakdown });
  }
  await context.close();
  return rows;
}

function report(title, rows) {
  console.log(`\n${title} (${RUNS} runs per page, medians)`);
  // readability/dompurify: the parse as Tend runs it, and DOMPurify's part, as shares of the bare parse.
  console.log('page'.padEnd(44), 'kind'.padEnd(8), 'tend'.padStart(10), 'bare'.padStart(10), 'ratio'.padStart(7), 'readab.'.padStart(8), 'purify'.padStart(7));
  for (const r of rows) {
    const share = (part) => (r.kind === 'article' ? (r.breakdown[part] / r.breakdown.bare).toFixed(2) : '');
    console.log(r.name.padEnd(44), r.kind.padEnd(8), f(r.full).padStart(10), f(r.bare).padStart(10), (r.full / r.bare).toFixed(2).padStart(7), share('readability').padStart(8), share('sanitize').padStart(7));
  }
  // Links skip Readability's parse (isProbablyReaderable says no), so their ratio says
  // little; the budget is about articles.
  const articles = rows.filter((r) => r.kind === 'article');
  const ratios = articles.map((r) => r.full / r.bare);
  const share = (part) => median(articles.map((r) => r.breakdown[part] / r.breakdown.bare)).toFixed(2);
  console.log(`articles (${articles.length}): tend median ${f(median(articles.map((r) => r.full)))}, p95 ${f(quantile(articles.map((r) => r.full), 0.95))}; ` +
    `bare median ${f(median(articles.map((r) => r.bare)))}, p95 ${f(quantile(articles.map((r) => r.bare), 0.95))}`);
  console.log(`where the time goes, as a share of the bare parse (medians over pages): Readability as Tend runs it ${share('readability')}, ` +
    `DOMPurify on the article ${share('sanitize')}, the reader page's second sanitising of the stored string ${share('resanitize')}`);
  console.log(`ratio tend/bare per article: median ${median(ratios).toFixed(2)}x, p95 ${quantile(ratios, 0.95).toFixed(2)}x, worst ${Math.max(...ratios).toFixed(2)}x ` +
    `(${articles.find((r) => r.full / r.bare === Math.max(...ratios))?.name}); budget ${BUDGET.toFixed(2)}x`);
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
  try {
    const urls = JSON.parse(readFileSync(join(REAL_WORLD, 'pages.json'), 'utf8'));
    report('Real-world pages: extraction + sanitising vs bare Readability', await timePages(browser, script, corpus(REAL_WORLD, urls)));
    report('Small hand-written pages (2-6 KB): the same', await timePages(browser, script, corpus(FIXTURES)));
  } finally {
    await browser.close();
  }
}

async function popupBench() {
  if (!existsSync(join(EXTENSION, 'manifest.json'))) {
    console.log('\nPopup: no build at .output/chrome-mv3 (run npx wxt build first); skipped.');
    return;
  }
  // The article from a server of our own, and Chromium driven over bare CDP
  // (scripts/bench/cdp.mjs): Playwright would hold each new popup paused while it
  // attached, and that wait would be counted as the popup's.
  const { bytes } = pageBytes(FIXTURES, 'running-marathon-training.html');
  const server = createServer((request, response) => {
    response.writeHead(request.url === '/training/first-marathon-plan' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/training/first-marathon-plan' ? bytes : '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/training/first-marathon-plan`;
  const profile = mkdtempSync(join(tmpdir(), 'tend-bench-'));
  const { client, stop } = await launchChromium(CHROMIUM, [
    '--headless', `--user-data-dir=${profile}`, `--disable-extensions-except=${EXTENSION}`, `--load-extension=${EXTENSION}`,
    '--enable-unsafe-extension-debugging', ...QUIET, 'about:blank',
  ]);
  try {
    const worker = await client.waitForTarget((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    const extensionId = new URL(worker.url).host;
    // The window's one tab goes to the article, so it is the active tab the popup reads.
    const blank = await client.waitForTarget((t) => t.type === 'page' && t.url === 'about:blank');
    await client.evaluate(blank.targetId, `location.href = ${JSON.stringify(url)}`);
    const loaded = await client.waitForTarget((t) => t.type === 'page' && t.url === url);
    await client.evaluate(loaded.targetId, `new Promise((resolve) => document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve()))`);
    // The toolbar button is pressed on the tab, a target of its own around the page.
    const { targetInfos: tabs } = await client.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tabId = tabs.find((t) => t.url === url).targetId;
    const times = [];
    for (let i = 0; i < POPUP_RUNS + 1; i += 1) {
      await client.send('Extensions.triggerAction', { id: extensionId, targetId: tabId });
      const popup = await client.waitForTarget((t) => t.url.startsWith(`chrome-extension://${extensionId}/popup.html`));
      // Attaching to a page already running does not pause it; the mark is the
      // popup's own clock (ms since its navigation started).
      const shown = await client.evaluate(popup.targetId, `new Promise((resolve, reject) => {
        const read = () => performance.getEntriesByName('tend-preview-shown')[0]?.startTime;
        const giveUp = Date.now() + 10000;
        const poll = () => read() !== undefined ? resolve(read())
          : Date.now() > giveUp ? reject(new Error('no preview; the popup says: ' + document.body.innerText.slice(0, 300)))
          : setTimeout(poll, 5);
        poll();
      })`);
      if (i > 0) times.push(shown); // the first opening also starts the worker
      await client.send('Target.closeTarget', { targetId: popup.targetId });
      // The next press must not find this popup still closing.
      await client.waitForTargetGone(popup.targetId);
    }
    console.log(`\nPopup: time to show the extracted preview (${POPUP_RUNS} openings, after one warm-up): median ${f(median(times))}, p95 ${f(quantile(times, 0.95))} (budget 300 ms)`);
  } finally {
    await stop();
    server.close();
    // Chromium's helpers may still be writing to the profile for a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}

if (RUNS > 0) await extractionBench();
if (POPUP_RUNS > 0) await popupBench();
