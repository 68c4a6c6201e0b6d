// Import / backup / restore speed, measured in Debian's Chromium with the built
// extension (.output/chrome-mv3; run `npm run build` first), through the real
// dashboard page and its messages to the background. Prints medians; never fails on a budget.
//
//   node scripts/bench-backup.mjs            (BENCH_RUNS=5, BENCH_CLIENTS=10000, BENCH_INTERACTIONS=200000)
import { chromium } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILT = process.env.TEND_EXTENSION_DIR ?? join(ROOT, '.output', 'chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 200_000);
if (!existsSync(join(BUILT, 'manifest.json'))) throw new Error(`No built extension at ${BUILT}: run npm run build first.`);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const profile = await mkdtemp(join(tmpdir(), 'tend-bench-backup-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: [`--disable-extensions-except=${BUILT}`, `--load-extension=${BUILT}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking'],
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/dashboard.html#backup`);
  await page.getByLabel('Contacts file (CSV or vCard)').waitFor();

  // Page-side helpers: the protocol envelope, as the dashboard's own code sends it.
  const install = () => page.evaluate(() => {
    const send = async (name, data) => {
      const reply = await chrome.runtime.sendMessage({ tend: 1, name, data });
      if (!reply?.ok) throw new Error(`${name}: ${reply?.error}`);
      return reply.value;
    };
    const CHUNK = 20_000;
    const TABLES = ['clients', 'details', 'interactions', 'resources', 'referrals', 'followUps', 'settings'];
    globalThis.bench = {
      send,
      async wipe() {
        await send('deleteAllData', { confirm: 'delete everything' });
      },
      generate(clients, interactions) {
        const now = Date.now();
        const tables = { clients: [], details: [], interactions: [], resources: [], referrals: [], followUps: [], settings: [] };
        for (let i = 0; i < clients; i += 1) {
          tables.clients.push({
            id: `c${i}`, name: `Client ${i} Example`, emails: [`client${i}@company${i % 2500}.example`], company: `Company ${i % 2500}`, role: '',
            domains: [`company${i % 2500}.example`], nameKeys: [`client ${i} example`], confirmedNameKeys: [], tier: ['key', 'active', 'occasional', 'none'][i % 4],
            cadenceDays: null, tags: [], lastContactAt: now - (i % 90) * 86400000, snoozedUntil: null, nextDueAt: null, createdAt: now - 400 * 86400000, updatedAt: now, archivedAt: null,
          });
        }
        for (let j = 0; j < interactions; j += 1) {
          const c = j % clients;
          tables.interactions.push({
            id: `i${j}`, clientId: `c${c}`, kind: 'email', direction: j % 2 ? 'in' : 'out', subject: `Re: project ${j % 977}`, text: '', at: now - (j % 700) * 3600000,
            dateUncertain: false, host: 'gmail', url: `https://mail.google.com/mail/u/0/#inbox/FMfcgz${j}`, dedupeKey: `c${c}|gmail|#msg-f:${j}`, createdAt: now,
          });
        }
        return tables;
      },
      async restore(tables, mode) {
        const session = crypto.randomUUID();
        await send('restoreStage', { session, table: 'settings', rows: [] });
        for (const table of TABLES) for (let o = 0; o < tables[table].length; o += CHUNK) await send('restoreStage', { session, table, rows: tables[table].slice(o, o + CHUNK) });
        return send('restoreBackup', { session, mode, dryRun: false });
      },
      async backup() {
        const start = await send('backupExportStart', {});
        const tables = {};
        for (const table of TABLES) {
          tables[table] = [];
          for (let o = 0; o < (start.counts[table] ?? 0); o += CHUNK) tables[table].push(...(await send('backupExportChunk', { token: start.token, table, offset: o, limit: CHUNK })).rows);
        }
        await send('backupExportFinish', { token: start.token, recordBackup: true });
        const text = JSON.stringify({ format: 'tend-backup', version: 1, exportedAt: start.exportedAt, schemaVersion: start.schemaVersion, tables });
        return new Blob([text], { type: 'application/json' }).size;
      },
    };
  });
  await install();

  // 1. Importing 10,000 contacts through the UI: file picker, parse + checks, preview, write.
  const header = 'First Name,Middle Name,Last Name,Organization Name,Organization Title,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value';
  const lines = [header];
  for (let i = 0; i < CLIENTS; i += 1) lines.push(`Person,${i},Example,Company ${i % 500},Director,1980-0${(i % 9) + 1}-1${i % 9},"Met at event ${i}",* myContacts ::: Clients,* Work,person${i}@company${i % 500}.example`);
  const csv = join(profile, 'contacts.csv');
  await writeFile(csv, lines.join('\r\n'));
  const importTimes = [];
  const previewTimes = [];
  for (let run = 0; run < RUNS; run += 1) {
    await page.evaluate(() => globalThis.bench.wipe());
    await page.reload();
    await page.getByLabel('Contacts file (CSV or vCard)').waitFor();
    await install();
    const t0 = Date.now();
    await page.getByLabel('Contacts file (CSV or vCard)').setInputFiles(csv);
    const preview = page.getByRole('region', { name: 'Import preview' });
    await preview.getByRole('button', { name: `Import ${CLIENTS.toLocaleString('en')} contacts` }).waitFor({ timeout: 120_000 });
    const t1 = Date.now();
    await preview.getByRole('button', { name: /^Import / }).click();
    await page.getByRole('status').filter({ hasText: 'Imported:' }).waitFor({ timeout: 120_000 });
    const t2 = Date.now();
    previewTimes.push(t1 - t0);
    importTimes.push(t2 - t0);
  }

  // 2 and 3. Backup and restore of 10,000 clients with 200,000 interactions.
  await page.reload();
  await page.getByLabel('Contacts file (CSV or vCard)').waitFor();
  await install();
  const restoreTimes = [];
  const backupTimes = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const ms = await page.evaluate(
      async ({ clients, interactions }) => {
        const data = globalThis.bench.generate(clients, interactions);
        const t0 = performance.now();
        await globalThis.bench.restore(data, 'replace');
        return performance.now() - t0;
      },
      { clients: CLIENTS, interactions: INTERACTIONS },
    );
    restoreTimes.push(ms);
    const [backupMs, size] = await page.evaluate(async () => {
      const t0 = performance.now();
      const size = await globalThis.bench.backup();
      return [performance.now() - t0, size];
    });
    backupTimes.push(backupMs);
    bytes = size;
  }
  const row = (what, values, budget) => console.log(`${what.padEnd(62)} median ${String(Math.round(median(values))).padStart(6)} ms   budget ${budget}   runs ${values.length}`);
  console.log(`Chromium ${context.browser()?.version() ?? ''}, built extension at ${BUILT}`);
  row(`import ${CLIENTS} contacts (file picked -> preview shown)`, previewTimes, '-');
  row(`import ${CLIENTS} contacts (file picked -> written, via the UI)`, importTimes, '5000 ms');
  row(`full backup: ${CLIENTS} clients + ${INTERACTIONS} interactions`, backupTimes, '10000 ms');
  row(`restore (replace): ${CLIENTS} clients + ${INTERACTIONS} interactions`, restoreTimes, '10000 ms');
  console.log(`backup file size: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
