// Search and client-list benchmark in Chromium with the built extension.
//
//   npx wxt build && node scripts/bench-search.mjs
//
// Seeds 10,000 clients, 20,000 details, 200,000 interactions (a quarter of them
// notes, calls and meetings with text) and 500 resources with raw IndexedDB puts
// into the extension's own 'tend' database (from dashboard.html, after the
// background created it), then measures from the dashboard page:
//   - the clients list's first paint (cold: the worker builds its rows; warm);
//   - the first search (the worker builds its text index);
//   - search keystroke round trips (each prefix of a few typed queries), p50/p95;
//   - after the worker is stopped (as Chrome does when idle) and woken again by the
//     open dashboard reconnecting: the first keystrokes typed at once (one every
//     100 ms), and the first search typed a few seconds later.
// Prints figures; never fails on a budget (p95 30 ms per keystroke).
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), TEND_EXTENSION_DIR
// (default .output/chrome-mv3), CLIENTS, INTERACTIONS.
import { chromium } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const extensionDir = process.env.TEND_EXTENSION_DIR ?? join(root, '.output', 'chrome-mv3');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENTS = Number(process.env.CLIENTS ?? 10_000);
const INTERACTIONS = Number(process.env.INTERACTIONS ?? 200_000);
if (!existsSync(join(extensionDir, 'manifest.json'))) {
  console.error(`No built extension at ${extensionDir}: run npx wxt build first.`);
  process.exit(1);
}

const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const ms = (n) => `${n.toFixed(1)} ms`;

const profile = await mkdtemp(join(tmpdir(), 'tend-bench-search-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    // Port 0: Chromium picks one and writes it to DevToolsActivePort (for stopping the worker).
    '--remote-debugging-port=0',
  ],
});
let cdpBrowser = null;
try {
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://'), timeout: 15_000 });
  const id = new URL(worker.url()).host;
  const base = `chrome-extension://${id}/dashboard.html`;

  // Today answers once the background has opened (and so created) the database.
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}#today`);
  await page.getByRole('region', { name: 'Overdue check-ins' }).waitFor({ timeout: 30_000 });

  const seedStarted = Date.now();
  await page.evaluate(
    async ({ CLIENTS, INTERACTIONS }) => {
      let seed = 42;
      const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
      const pick = (list) => list[Math.floor(random() * list.length)];
      const FIRST = ['Ada', 'Grace', 'Alan', 'Barbara', 'Charles', 'Dorothy', 'Edsger', 'Frances', 'Hedy', 'Ivan', 'Jean', 'Katherine', 'Linus', 'Margaret', 'Niklaus', 'Radia', 'Sophie', 'Tim', 'Vint', 'Whitfield'];
      const LAST = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Babbage', 'Vaughan', 'Dijkstra', 'Allen', 'Lamarr', 'Sutherland', 'Bartik', 'Johnson', 'Torvalds', 'Hamilton', 'Wirth', 'Perlman', 'Wilson', 'Berners-Lee', 'Cerf', 'Diffie'];
      const WORDS = 'pricing workshop roadmap budget renewal board hiring launch offsite contract strategy migration audit quarterly review onboarding retention partnership expansion training'.split(' ');
      const HOBBIES = ['sailing', 'marathons', 'pottery', 'chess', 'jazz piano', 'birdwatching', 'rock climbing', 'sourdough', 'cycling', 'tango'];
      const PLACES = ['Lisbon', 'Kyoto', 'Oxford', 'Patagonia', 'Iceland', 'Sicily', 'Vancouver', 'Marrakesh', 'Tasmania', 'Bergen'];
      const open = () =>
        new Promise((resolve, reject) => {
          const request = indexedDB.open('tend');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const db = await open();
      const put = (store, rows) =>
        new Promise((resolve, reject) => {
          const tx = db.transaction(store, 'readwrite');
          const os = tx.objectStore(store);
          for (const row of rows) os.put(row);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      const now = Date.now();
      const DAY = 86_400_000;
      const clients = [];
      for (let i = 0; i < CLIENTS; i += 1) {
        const name = `${pick(FIRST)} ${pick(LAST)} ${i}`;
        const company = `Company ${i % 1500}`;
        const domain = `company${i % 1500}.example`;
        const lastContactAt = random() < 0.1 ? null : now - Math.floor(random() * 400) * DAY;
        const tier = pick(['key', 'active', 'active', 'occasional', 'none']);
        const cadence = { key: 14, active: 30, occasional: 90, none: null }[tier];
        const dueFrom = lastContactAt ?? now - 30 * DAY;
        clients.push({
          id: `bench-${i}`,
          name,
          emails: [`person${i}@${domain}`],
          company,
          role: '',
          domains: [domain],
          nameKeys: [name.toLowerCase()],
          confirmedNameKeys: [],
          tier,
          cadenceDays: null,
          tags: random() < 0.3 ? [pick(['vip', 'referrer', 'board', 'speaker', 'alumni'])] : [],
          lastContactAt,
          snoozedUntil: null,
          nextDueAt: cadence === null ? null : new Date(new Date(dueFrom + cadence * DAY).toDateString()).getTime(),
          createdAt: now - 500 * DAY,
          updatedAt: now,
          archivedAt: random() < 0.03 ? now : null,
        });
      }
      await put('clients', clients);
      const details = [];
      for (let i = 0; i < CLIENTS * 2; i += 1) {
        details.push({
          id: `bench-d${i}`,
          clientId: `bench-${i % CLIENTS}`,
          kind: pick(['hobby', 'travel', 'family', 'work']),
          text: i % 2 ? `Loves ${pick(HOBBIES)}; spent the summer in ${pick(PLACES)}` : `Daughter studies in ${pick(PLACES)}, keen on ${pick(HOBBIES)}`,
          date: null,
          yearly: false,
          createdAt: now,
          updatedAt: now,
        });
      }
      await put('details', details);
      // Interactions are stored as one timeline per client, newest first, as JSON text (lib/db/timelines.ts).
      const timelines = new Map();
      {
        const rows = [];
        for (let i = 0; i < INTERACTIONS; i += 1) {
          const clientId = `bench-${Math.floor(random() * CLIENTS)}`;
          const email = random() < 0.75;
          const kind = email ? 'email' : pick(['note', 'call', 'meeting']);
          rows.push({
            id: `bench-i${i}`,
            clientId,
            kind,
            direction: email ? pick(['in', 'out']) : null,
            subject: email ? `Re: ${pick(WORDS)} ${pick(WORDS)}` : '',
            text: email ? '' : `Talked about the ${pick(WORDS)} and the ${pick(WORDS)}; next step ${pick(WORDS)} in ${pick(PLACES)} (ref ${i})`,
            at: now - Math.floor(random() * 700) * DAY,
            dateUncertain: false,
            host: email ? 'gmail' : null,
            url: '',
            ...(email ? { dedupeKey: `${clientId}|gmail|bench${i}` } : {}),
            createdAt: now,
          });
        }
        for (const row of rows) {
          if (!timelines.has(row.clientId)) timelines.set(row.clientId, []);
          timelines.get(row.clientId).push(row);
        }
        const newestFirst = (a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
        await put('timelines', [...timelines].map(([clientId, interactions]) => ({ clientId, count: interactions.length, json: JSON.stringify(interactions.sort(newestFirst)) })));
      }
      const resources = [];
      for (let i = 0; i < 500; i += 1) {
        resources.push({
          id: `bench-r${i}`,
          url: `https://articles.example/${i}`,
          canonicalUrl: `https://articles.example/${i}`,
          title: `${pick(WORDS)} ${pick(WORDS)} guide ${i}`,
          site: 'articles.example',
          byline: '',
          excerpt: `A practical note on ${pick(WORDS)} and ${pick(WORDS)} for consultants.`,
          contentHtml: '',
          // Schema 4: a private note per client (none here), no share waiting to be sent.
          notes: {},
          clientIds: [`bench-${i * 7}`],
          sharedWith: {},
          pendingShares: {},
          pendingFor: [],
          savedAt: now,
        });
      }
      await put('resources', resources);
      db.close();
    },
    { CLIENTS, INTERACTIONS },
  );
  console.log(`Seeded ${CLIENTS.toLocaleString()} clients, ${(CLIENTS * 2).toLocaleString()} details, ${INTERACTIONS.toLocaleString()} interactions, 500 resources in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  // A worker restart: Chrome stops an idle worker; the open dashboard's live port
  // breaks and reconnects at once, which starts a fresh worker with empty memory.
  const [port] = (await readFile(join(profile, 'DevToolsActivePort'), 'utf8')).split('\n');
  cdpBrowser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const cdp = await cdpBrowser.newBrowserCDPSession();
  const workerTargets = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(id));
  const restart = async () => {
    const stopped = Date.now();
    let asked = 0;
    // A busy worker may ignore the request: ask again every 2 s until it is gone.
    for (let targets = await workerTargets(); targets.length > 0; targets = await workerTargets()) {
      if (Date.now() - stopped > 20_000) throw new Error('the worker did not stop');
      if (Date.now() - stopped >= asked * 2000) {
        asked += 1;
        for (const target of targets) await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    while ((await workerTargets()).length === 0) {
      if (Date.now() - stopped > 10_000) throw new Error('the worker did not start again');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  // The seeding wrote behind the background's back (raw IndexedDB, no Dexie hooks),
  // after the open page had it build its index: start from a fresh worker.
  await restart();

  // Clients list first paint: from navigation start to the first row on screen.
  const firstPaint = async () => {
    const list = await context.newPage();
    await list.goto(`${base}#clients`);
    await list.locator('.client-row').first().waitFor({ timeout: 60_000 });
    const at = await list.evaluate(() => performance.now());
    const rows = await list.locator('.client-row').count();
    // Scrolling: jump through the list and time until the rows there are rendered.
    const scrolls = await list.evaluate(async () => {
      const scroller = document.querySelector('.client-list');
      const times = [];
      for (let i = 1; i <= 20; i += 1) {
        const started = performance.now();
        scroller.scrollTop = (scroller.scrollHeight * i) / 21;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        times.push(performance.now() - started);
      }
      return times;
    });
    await list.close();
    return { at, rows, scrolls };
  };
  const cold = await firstPaint();
  const warm = await firstPaint();
  console.log(`Clients list first paint: cold ${ms(cold.at)} (worker builds its rows), warm ${ms(warm.at)}; ${cold.rows} rows in the DOM of ${CLIENTS.toLocaleString()}`);
  console.log(`Clients list scroll jump to rendered (two frames): p50 ${ms(pct(warm.scrolls, 50))}, p95 ${ms(pct(warm.scrolls, 95))}`);

  // Search round trips from the dashboard page, as the search box sends them.
  const ask = (query) =>
    page.evaluate(async (query) => {
      const started = performance.now();
      const reply = await chrome.runtime.sendMessage({ tend: 1, name: 'search', data: { query, limit: 20 } });
      if (!reply?.ok) throw new Error(reply?.error ?? 'no answer');
      return { ms: performance.now() - started, worker: reply.value.tookMs, hits: reply.value.clientTotal, complete: reply.value.complete };
    }, query);
  const complete = (reply) => reply.complete !== false;
  /** Asks every 50 ms until the index is complete; ms from `since`. */
  const untilComplete = async (since) => {
    while (!complete(await ask('zq'))) await new Promise((resolve) => setTimeout(resolve, 50));
    return Date.now() - since;
  };
  const first = await ask('l');
  console.log(`First search after the list pages (index built meanwhile, from the page connecting): ${ms(first.ms)}`);
  // Keystrokes are timed over a complete index (the build may still run after the list pages).
  await untilComplete(Date.now());
  const typed = ['lovelace 12', 'oxford', 'company 42', 'roadmap budget', 'sailing lisbon', 'person123@', 'vip', 'zzz nothing', 'ref 19999', 'grace hopper'];
  const roundTrips = [];
  const inWorker = [];
  for (let round = 0; round < 3; round += 1) {
    for (const query of typed) {
      for (let n = 1; n <= query.length; n += 1) {
        const result = await ask(query.slice(0, n));
        roundTrips.push(result.ms);
        inWorker.push(result.worker);
      }
    }
  }
  console.log(`Search keystrokes (${roundTrips.length}): round trip p50 ${ms(pct(roundTrips, 50))}, p95 ${ms(pct(roundTrips, 95))}, max ${ms(Math.max(...roundTrips))}; in the worker p50 ${ms(pct(inWorker, 50))}, p95 ${ms(pct(inWorker, 95))} (budget p95 30 ms)`);

  // After a write the index is patched, not rebuilt.
  const clientId = 'bench-77';
  const write = await page.evaluate(async (clientId) => {
    const reply = await chrome.runtime.sendMessage({ tend: 1, name: 'addDetail', data: { clientId, kind: 'other', text: 'Collects vintage typewriters', date: null, yearly: false } });
    return reply.ok;
  }, clientId);
  const afterWrite = await ask('typewriters');
  console.log(`Search right after a write (patch one client): ${ms(afterWrite.ms)}, found ${afterWrite.hits} (write ok: ${write})`);

  const soon = [];
  const partial = [];
  for (let round = 0; round < 3; round += 1) {
    await restart();
    const started = Date.now();
    const query = 'lisbon sail';
    const times = [];
    let incomplete = 0;
    for (let n = 1; n <= query.length; n += 1) {
      const result = await ask(query.slice(0, n));
      times.push(result.ms);
      if (!complete(result)) incomplete += 1;
      const wait = started + n * 100 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    soon.push(times);
    partial.push(incomplete);
  }
  const firsts = soon.map((times) => times[0]);
  const all = soon.flat();
  console.log(
    `After a worker restart, typing at once (one key per 100 ms, ${all.length} keystrokes over 3 restarts): first keystroke ${firsts.map(ms).join(', ')}; ` +
      `p50 ${ms(pct(all, 50))}, p95 ${ms(pct(all, 95))}, max ${ms(Math.max(...all))}; answered before the notes were indexed: ${partial.join(', ')}`,
  );
  const later = [];
  for (let round = 0; round < 3; round += 1) {
    await restart();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    later.push((await ask('o')).ms);
  }
  console.log(`After a worker restart, first search 4 s later: ${later.map(ms).join(', ')}`);
  // For scale: any message's first answer from a fresh worker, and how long the whole
  // index takes to build once a page connected.
  const firstMessage = [];
  const built = [];
  for (let round = 0; round < 3; round += 1) {
    await restart();
    const since = Date.now();
    firstMessage.push(
      await page.evaluate(async () => {
        const started = performance.now();
        await chrome.runtime.sendMessage({ tend: 1, name: 'getSettings', data: {} });
        return performance.now() - started;
      }),
    );
    built.push(await untilComplete(since));
  }
  console.log(`After a worker restart: first answer to any message ${firstMessage.map(ms).join(', ')}; whole index built after ${built.map(ms).join(', ')}`);
} finally {
  await cdpBrowser?.close().catch(() => {});
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
