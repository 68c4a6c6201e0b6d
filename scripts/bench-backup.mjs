// Import / backup / restore speed, measured in Debian's Chromium with the built
// extension (.output/chrome-mv3; run `npm run build` first), through the real
// dashboard page and its messages to the background. Prints medians; never fails on a budget.
//
//   node scripts/bench-backup.mjs            (BENCH_RUNS=5, BENCH_CLIENTS=10000, BENCH_INTERACTIONS=200000)
import { chromium } from '@playwright/test';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
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

/** Waits until the button can be pressed (the preview for this mode has arrived). */
async function expectEnabled(locator) {
  for (let i = 0; i < 1200; i += 1) {
    if (await locator.isEnabled()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The restore button never became enabled.');
}
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
    const PIECE = 8_000_000;
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
        const text = JSON.stringify({ format: 'tend-backup', version: 1, exportedAt: new Date().toISOString(), schemaVersion: 2, tables });
        for (let o = 0, index = 0; o < text.length; o += PIECE, index += 1) await send('restoreUpload', { session, index, text: text.slice(o, o + PIECE) });
        await send('restoreRead', { session });
        return send('restoreBackup', { session, mode, dryRun: false });
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

  // 2 and 3. Backup and restore of 10,000 clients with 200,000 interactions, through
  // the dashboard as a user does it: "Download backup" until the file is written and
  // the page says so; then the file picked under "Restore a backup" until the preview
  // says what will change, and "Replace everything" until the restore is written.
  // The data is seeded through the same restore messages the dashboard sends.
  await page.reload();
  await page.getByLabel('Contacts file (CSV or vCard)').waitFor();
  await install();
  const backupTimes = [];
  const previewRestoreTimes = [];
  const writeRestoreTimes = [];
  const restoreTimes = [];
  let bytes = 0;
  const backupFile = join(profile, 'backup.json');
  for (let run = 0; run < RUNS; run += 1) {
    await page.evaluate(
      async ({ clients, interactions }) => globalThis.bench.restore(globalThis.bench.generate(clients, interactions), 'replace'),
      { clients: CLIENTS, interactions: INTERACTIONS },
    );
    await page.reload();
    await page.getByLabel('Backup file (.json)').waitFor();
    await install();

    // The save picker's dialog cannot be answered by automation: it answers a real
    // file in the origin private file system, written as a file on disk would be
    // (tests/e2e/save-picker.ts does the same).
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry('bench-backup.json').catch(() => {});
      globalThis.showSaveFilePicker = async () => root.getFileHandle('bench-backup.json', { create: true });
    });
    const b0 = Date.now();
    await page.getByRole('button', { name: 'Download backup' }).click();
    await page.getByRole('status').filter({ hasText: 'Backup saved' }).waitFor({ timeout: 120_000 });
    backupTimes.push(Date.now() - b0);
    const text = await page.evaluate(async () => (await (await (await navigator.storage.getDirectory()).getFileHandle('bench-backup.json')).getFile()).text());
    await writeFile(backupFile, text);
    bytes = (await stat(backupFile)).size;

    const r0 = Date.now();
    await page.getByLabel('Backup file (.json)').setInputFiles(backupFile);
    const preview = page.getByRole('region', { name: 'Restore preview' });
    await preview.getByRole('list', { name: 'What the restore will do' }).waitFor({ timeout: 120_000 });
    const r1 = Date.now();
    await preview.getByRole('radio', { name: 'Replace everything here' }).check();
    const confirm = preview.getByRole('button', { name: 'Replace everything with this backup' });
    await expectEnabled(confirm);
    const r2 = Date.now();
    await confirm.click();
    await page.getByRole('status').filter({ hasText: 'Restored:' }).waitFor({ timeout: 180_000 });
    const r3 = Date.now();
    previewRestoreTimes.push(r1 - r0);
    writeRestoreTimes.push(r3 - r2);
    // Everything from the file picked to the restore written, but for a person's
    // think time: choosing Replace recomputes the preview, and that counts too.
    restoreTimes.push(r3 - r0);
  }
  const row = (what, values, budget) => console.log(`${what.padEnd(62)} median ${String(Math.round(median(values))).padStart(6)} ms   budget ${budget}   runs ${values.length}`);
  console.log(`Chromium ${context.browser()?.version() ?? ''}, built extension at ${BUILT}`);
  row(`import ${CLIENTS} contacts (file picked -> preview shown)`, previewTimes, '-');
  row(`import ${CLIENTS} contacts (file picked -> written, via the UI)`, importTimes, '5000 ms');
  row(`full backup: ${CLIENTS} clients + ${INTERACTIONS} interactions (click -> file)`, backupTimes, '10000 ms');
  row(`restore: backup file picked -> preview shown`, previewRestoreTimes, '-');
  row(`restore: "Replace everything" -> written`, writeRestoreTimes, '-');
  row(`restore (replace), file picked -> written: ${CLIENTS} clients + ${INTERACTIONS} interactions`, restoreTimes, '10000 ms');
  console.log(`backup file size: ${(bytes / 1024 / 1024).toFixed(1)} MB`);
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
