import 'fake-indexeddb/auto';
import { allInteractions } from '../../lib/db/timelines';
import { readFileSync, readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers } from '../../lib/background/handlers';
import type { ThreadStore } from '../../lib/background/threads';
import { protocol } from '../../lib/messaging/protocol';
import { Feedback, Project, Referral, Resource } from '../../lib/model';
import { BACKUP_VERSION, TABLES, backupText, readBackup, emptyTables, type Backup } from '../../lib/backup/format';
import { BackupVersionError, upgradeBackup } from '../../lib/backup/upgrades';
import { exportBackup, stageBackup, type Call } from '../../lib/backup/transfer';
import { BACKUP_TEXT_CHUNK } from '../../lib/messaging/protocol-backup';

const NOW = new Date(2026, 10, 23, 12, 0);
const TZ = 'Europe/London';
const ME = 'me@consulting.example';
const TAB = 3;

let db: TendDatabase;
let call: Call;
let clock: Date;

function connect(database: TendDatabase) {
  let ids = 0;
  const tabs = new Map();
  const threads: ThreadStore = { get: async (tab) => tabs.get(tab) ?? null, set: async (tab, value) => void tabs.set(tab, value) };
  const h = createHandlers({ db: database, threads, now: () => clock, notify: vi.fn(), newId: () => `${database.name}-${++ids}`, timeZone: TZ });
  // Through each message's schema, as the router does.
  const c = (async (name: keyof typeof protocol, data: unknown) =>
    (h[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: TAB })) as Call;
  return { h, c };
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = NOW;
  db = new TendDatabase(`backup-${crypto.randomUUID()}`);
  ({ c: call } = connect(db));
});

async function seed(): Promise<void> {
  const { clientId: ada } = await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines', role: 'Director' });
  const { clientId: grace } = await call('createClient', { name: 'Grace Hopper', email: 'grace@navy.example' });
  await call('updateClient', { clientId: ada, tier: 'key' });
  await call('addDetail', { clientId: ada, kind: 'family', text: 'Daughter graduates in June', date: '2027-06-15' });
  await call('addDetail', { clientId: ada, kind: 'milestone', text: 'Birthday', date: '1815-12-10', yearly: true });
  await call('logInteraction', { clientId: ada, kind: 'meeting', text: 'Pricing workshop' });
  await call('logInteraction', { clientId: grace, kind: 'note', text: 'Prefers calls' });
  await call('threadChanged', {
    frameToken: 'frame-token-0123456789abcdef',
    snapshot: {
      host: 'gmail', threadId: 't1', subject: 'Pricing', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX', accountAddress: ME,
      messages: [{ hostMessageId: '#msg-f:1', from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [{ name: 'Me', email: ME }], dateText: 'Mon, Oct 5, 2026, 3:42 PM' }],
    },
  });
  await call('saveSettings', { tierCadences: { key: 10, active: 30, occasional: 90, none: null }, dailySummary: true });
  await call('saveOwnAddresses', { addresses: [ME] });
  await db.resources.add(Resource.parse({ id: 'r-1', url: 'https://example.org/a', canonicalUrl: 'https://example.org/a', title: 'Value pricing', clientIds: [ada], sharedWith: { [ada]: 1 }, savedAt: 5 }));
  await db.referrals.add(Referral.parse({ id: 'ref-1', referrerId: ada, referredId: grace, said: 'She fixes compilers', at: 7 }));
  await db.projects.bulkAdd([
    Project.parse({ id: 'p-1', clientId: ada, title: 'Pricing workshop', startDay: '2026-09-01', endDay: '2026-10-15', status: 'done', value: 12500, currency: 'EUR', createdAt: 8, updatedAt: 9 }),
    Project.parse({ id: 'p-2', clientId: grace, title: 'Compiler audit', startDay: '2026-11-01', createdAt: 8, updatedAt: 8 }),
  ]);
  await db.feedback.add(Feedback.parse({ id: 'fb-1', clientId: ada, projectId: 'p-1', day: '2026-10-20', score: 9, note: 'Prices agreed at last', source: 'call', createdAt: 10 }));
}

async function everything(database: TendDatabase = db) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) out[table] = table === 'interactions' ? await allInteractions(database) : await database.table(table).toArray();
  return out;
}

async function restore(backup: Backup, mode: 'merge' | 'replace', c: Call = call) {
  const { session } = await stageBackup(c, backupText(backup));
  const preview = await c('restoreBackup', { session, mode, dryRun: true });
  const done = await c('restoreBackup', { session, mode, dryRun: false });
  return { preview, done };
}

describe('backup round trips', () => {
  it('export, delete everything, restore: every table is identical', async () => {
    await seed();
    const before = await everything();
    expect(Object.values(before).every((rows) => rows.length > 0)).toBe(true);
    const backup = await exportBackup(call);
    // The file as the user keeps it.
    const { backup: read, report } = readBackup(backupText(backup));
    expect(report.unknownFields).toEqual([]);

    await call('deleteAllData', { confirm: 'delete everything' });
    for (const table of db.tables) expect(await table.count()).toBe(0);

    const { preview, done } = await restore(read, 'replace');
    expect(preview).toEqual(done);
    expect(done.tables.clients).toEqual({ create: 2, update: 0, keep: 0, skip: 0, remove: 0 });
    // The snapshot is read before lastBackupAt is recorded: the data is exactly as it was.
    expect(await everything()).toEqual(before);
  });

  it('restores into another, empty profile identically', async () => {
    await seed();
    const backup = await exportBackup(call);
    const before = await everything();
    const other = new TendDatabase(`backup-other-${crypto.randomUUID()}`);
    const { c } = connect(other);
    await restore(readBackup(backupText(backup)).backup, 'merge', c);
    const after = await everything(other);
    for (const table of TABLES.filter((t) => t !== 'settings')) expect(after[table]).toEqual(before[table]);
  });

  it('reading the rows records no backup; the file being saved does, as of when its data was read', async () => {
    await seed();
    await exportBackup(call, { tables: ['clients'] });
    const backup = await exportBackup(call);
    expect((await call('getSettings', {})).lastBackupAt).toBeNull();
    // Confirmed a day later: the file still holds the data as it was when read.
    clock = new Date(NOW.getTime() + 86_400_000);
    expect(await call('backupSaved', { exportedAt: backup.exportedAt })).toEqual({ lastBackupAt: NOW.getTime() });
    expect((await call('getSettings', {})).lastBackupAt).toBe(NOW.getTime());
    // A time in the future is never recorded.
    await call('backupSaved', { exportedAt: new Date(clock.getTime() + 86_400_000).toISOString() });
    expect((await call('getSettings', {})).lastBackupAt).toBe(clock.getTime());
  });

  it('merges by id: the newer updatedAt wins, other rows already here stay', async () => {
    await seed();
    const backup = await exportBackup(call);
    const [ada, grace] = backup.tables.clients;
    // After the backup: Ada is edited here (newer than the backup); Grace is older here than in the file.
    clock = new Date(NOW.getTime() + 60_000);
    await call('updateClient', { clientId: ada!.id, company: 'Edited here' });
    const fromFile = structuredClone(backup.tables);
    fromFile.clients[1] = { ...grace!, role: 'Rear Admiral', updatedAt: NOW.getTime() + 120_000 };
    fromFile.interactions = fromFile.interactions.map((i) => ({ ...i, text: 'changed in file' }));
    const { done } = await restore({ ...backup, tables: fromFile }, 'merge');
    expect(done.tables.clients).toMatchObject({ create: 0, update: 1, keep: 1 });
    expect(done.tables.interactions).toMatchObject({ create: 0, update: 0, keep: backup.tables.interactions.length });
    expect((await db.clients.get(ada!.id))!.company).toBe('Edited here');
    expect((await db.clients.get(grace!.id))!.role).toBe('Rear Admiral');
    expect((await allInteractions(db)).some((i) => i.text === 'changed in file')).toBe(false);
  });

  it('merging skips an email recorded here and an article saved here under other ids, wherever they are filed', async () => {
    await seed();
    const backup = await exportBackup(call);
    const email = backup.tables.interactions.find((i) => i.dedupeKey)!;
    const fromFile = structuredClone(backup.tables);
    // The same message and the same article, under ids this profile has never seen.
    fromFile.interactions = [{ ...email, id: 'i-elsewhere' }];
    fromFile.resources = [{ ...fromFile.resources[0]!, id: 'r-elsewhere' }];
    const { preview, done } = await restore({ ...backup, tables: fromFile }, 'merge');
    expect(preview).toEqual(done);
    expect(done.tables.interactions).toMatchObject({ create: 0, skip: 1 });
    expect(done.tables.resources).toMatchObject({ create: 0, skip: 1 });
    expect(done.skipped).toEqual(expect.arrayContaining(['1 emails already recorded here', '1 articles already saved here']));
    expect((await allInteractions(db)).map((i) => i.id)).not.toContain('i-elsewhere');
    expect(await db.resources.get('r-elsewhere')).toBeUndefined();
  });

  it('merging skips clients whose address belongs to another client here, with their rows', async () => {
    await seed();
    const backup = await exportBackup(call);
    await call('deleteAllData', { confirm: 'delete everything' });
    await call('createClient', { name: 'Ada (new profile)', email: 'ada@analytical.example' });
    const { done } = await restore(backup, 'merge');
    expect(done.tables.clients).toMatchObject({ create: 1, skip: 1 });
    expect(done.skipped.join('\n')).toMatch(/1 a client whose address already belongs to another client here \(e\.g\. Ada \(new profile\)\)/);
    expect(await db.clients.count()).toBe(2);
    expect(await db.details.count()).toBe(0);
  });

  it('a merge leaves nothing pointing at a client that is neither here nor in the backup, and says so', async () => {
    await seed();
    const backup = await exportBackup(call);
    const [ada] = backup.tables.clients;
    const fromFile = structuredClone(backup.tables);
    // Rows of a client the file does not have (a hand-edited or damaged backup).
    fromFile.details.push({ ...fromFile.details[0]!, id: 'd-orphan', clientId: 'c-nowhere' });
    fromFile.interactions.push({ ...fromFile.interactions[0]!, id: 'i-orphan', clientId: 'c-nowhere', dedupeKey: undefined });
    fromFile.followUps.push({ ...fromFile.followUps[0]!, id: 'f-orphan', clientId: 'c-nowhere' });
    fromFile.referrals.push({ ...fromFile.referrals[0]!, id: 'ref-orphan', referrerId: 'c-nowhere' });
    fromFile.resources.push({ ...fromFile.resources[0]!, id: 'r-orphan', canonicalUrl: 'https://example.org/orphan', clientIds: [ada!.id, 'c-nowhere'], sharedWith: { 'c-nowhere': 3 } });
    await call('deleteAllData', { confirm: 'delete everything' });
    const { done } = await restore({ ...backup, tables: fromFile }, 'merge');
    expect(done.tables.details.skip).toBe(1);
    expect(done.tables.interactions.skip).toBe(1);
    expect(done.skipped).toEqual(expect.arrayContaining(['4 rows of a client that is neither here nor in the backup']));
    expect(done.skipped.join('\n')).toMatch(/1 saved articles whose links to clients neither here nor restored were left out/);
    const clients = new Set((await db.clients.toArray()).map((c) => c.id));
    expect(clients.size).toBe(2);
    for (const row of [...(await db.details.toArray()), ...(await db.followUps.toArray()), ...(await allInteractions(db))]) expect(clients.has(row.clientId)).toBe(true);
    for (const timeline of await db.timelines.toArray()) expect(clients.has(timeline.clientId)).toBe(true);
    for (const referral of await db.referrals.toArray()) expect([referral.referrerId, referral.referredId].every((id) => clients.has(id))).toBe(true);
    for (const resource of await db.resources.toArray()) {
      expect(resource.clientIds.every((id) => clients.has(id))).toBe(true);
      expect(Object.keys(resource.sharedWith).every((id) => clients.has(id))).toBe(true);
    }
    expect((await db.resources.get('r-orphan'))!.clientIds).toEqual([ada!.id]);
  });

  it('replace with an empty backup deletes everything', async () => {
    await seed();
    const { done } = await restore({ ...(await exportBackup(call)), tables: emptyTables() }, 'replace');
    expect(done.tables.clients.remove).toBe(2);
    // Every table of client data is empty; what remains is the safety copy of them.
    for (const table of db.tables.filter((t) => t.name !== 'staging')) expect(await table.count(), table.name).toBe(0);
    expect(await call('restoreSafetyCopy', {})).toMatchObject({ counts: { clients: 2 } });
  });

  it('a failed restore leaves the data as it was (one transaction)', async () => {
    await seed();
    const before = await everything();
    const backup = await exportBackup(call);
    vi.spyOn(db.table('followUps'), 'bulkAdd').mockRejectedValueOnce(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    await expect(restore(backup, 'replace')).rejects.toThrow();
    // Every table as it was, settings included: nothing of the failed restore, and
    // exporting alone records no backup (only a saved file does).
    expect(await everything()).toEqual(before);
    expect(await db.clients.count()).toBe(2);
  });

  it('reads a file sent in several pieces whole, and reports what the preview shows', async () => {
    await seed();
    const backup = await exportBackup(call);
    // Two long saved articles make the file span two pieces of the upload.
    const long = 'x'.repeat(4_500_000);
    backup.tables.resources.push({ ...backup.tables.resources[0]!, id: 'r-2', canonicalUrl: 'https://example.org/b', contentHtml: `<p>${long}</p>` });
    backup.tables.resources.push({ ...backup.tables.resources[0]!, id: 'r-3', canonicalUrl: 'https://example.org/c', contentHtml: `<p>${long}</p>` });
    const text = backupText(backup);
    expect(text.length).toBeGreaterThan(BACKUP_TEXT_CHUNK);
    const pieces: number[] = [];
    const staged = await stageBackup(call, text, (done) => pieces.push(done));
    expect(pieces).toEqual([BACKUP_TEXT_CHUNK, text.length]);
    expect(staged.report.counts.resources).toBe(3);
    expect(staged.exportedAt).toBe(backup.exportedAt);
    await call('restoreBackup', { session: staged.session, mode: 'replace', dryRun: false });
    expect((await db.resources.get('r-3'))!.contentHtml).toHaveLength(long.length + 7);
  });

  it('says what is wrong with a file the background cannot read, and stages nothing', async () => {
    const v1 = readFileSync(new URL('../fixtures/backups/v1.json', import.meta.url), 'utf8');
    await expect(stageBackup(call, JSON.stringify({ ...JSON.parse(v1), version: BACKUP_VERSION + 1 }))).rejects.toThrow(/made by a newer version of Tend/);
    await expect(stageBackup(call, v1.slice(0, 200))).rejects.toThrow(/looks truncated/);
    await expect(stageBackup(call, '')).rejects.toThrow(/not valid JSON|truncated/);
    // Pieces must come in order, and a file once read takes no more.
    await expect(call('restoreUpload', { session: 'out-of-order-1', index: 1, text: '{' })).rejects.toThrow(/out of order/);
    const { session } = await stageBackup(call, v1);
    await expect(call('restoreUpload', { session, index: 1, text: ' ' })).rejects.toThrow(/out of order/);
    expect(await db.clients.count()).toBe(0);
  });

  it('a restore whose staged file is gone says so', async () => {
    await expect(call('restoreBackup', { session: 'no-such-session', mode: 'merge', dryRun: true })).rejects.toThrow(/interrupted/);
  });

  it('a staged restore survives the background restarting between preview and confirm', async () => {
    await seed();
    const before = await everything();
    const backup = await exportBackup(call);
    await call('deleteAllData', { confirm: 'delete everything' });
    const { session } = await stageBackup(call, backupText(backup));
    const preview = await call('restoreBackup', { session, mode: 'replace', dryRun: true });
    // A new worker: the same database, none of the old one's memory.
    const { c: restarted } = connect(db);
    expect(await restarted('restoreBackup', { session, mode: 'replace', dryRun: true })).toEqual(preview);
    await restarted('restoreBackup', { session, mode: 'replace', dryRun: false });
    expect(await everything()).toEqual(before);
    // Written once: the staged file went with the write.
    await expect(restarted('restoreBackup', { session, mode: 'replace', dryRun: false })).rejects.toThrow(/interrupted/);
    expect(await db.staging.where('kind').anyOf('upload', 'upload-meta').count()).toBe(0);
  });

  it('an upload goes on where it was after a restart, and a new restore drops the old staged file', async () => {
    await seed();
    const text = backupText(await exportBackup(call));
    const half = Math.floor(text.length / 2);
    await call('restoreUpload', { session: 'session-one', index: 0, text: text.slice(0, half) });
    const { c: restarted } = connect(db);
    await restarted('restoreUpload', { session: 'session-one', index: 1, text: text.slice(half) });
    expect((await restarted('restoreRead', { session: 'session-one' })).report.counts.clients).toBe(2);
    await restarted('restoreUpload', { session: 'session-two', index: 0, text });
    await expect(restarted('restoreBackup', { session: 'session-one', mode: 'merge', dryRun: true })).rejects.toThrow(/interrupted/);
  });
});

describe('what a page is told when the answer never came', () => {
  it('each write notes its outcome in its own transaction; one rolled back notes none', async () => {
    await seed();
    const backup = await exportBackup(call);
    const { session } = await stageBackup(call, backupText(backup));
    vi.spyOn(db.table('followUps'), 'bulkAdd').mockRejectedValueOnce(Object.assign(new Error('gone'), { name: 'AbortError' }));
    await expect(call('restoreBackup', { session, mode: 'replace', dryRun: false, op: 'op-failed-1' })).rejects.toThrow();
    expect(await call('writeOutcome', { op: 'op-failed-1' })).toEqual({ written: false, summary: null });
    // The staged file is still there: trying again works, and is noted.
    const done = await call('restoreBackup', { session, mode: 'replace', dryRun: false, op: 'op-second-1' });
    const { c: restarted } = connect(db);
    expect(await restarted('writeOutcome', { op: 'op-second-1' })).toEqual({ written: true, summary: done });

    const rows = [{ row: 1, name: 'Charles Babbage', emails: ['charles@engine.example'], company: '', role: '', birthday: null, notes: '', tags: [] }];
    const imported = await call('importContacts', { rows, tier: 'none', dryRun: false, op: 'op-import-1' });
    expect(await restarted('writeOutcome', { op: 'op-import-1' })).toEqual({ written: true, summary: imported });
    // A dry run notes nothing.
    await call('importContacts', { rows, tier: 'none', dryRun: true, op: 'op-dry-run-1' });
    expect((await restarted('writeOutcome', { op: 'op-dry-run-1' })).written).toBe(false);
  });
});

describe('the safety copy a replace makes', () => {
  it('keeps the data as it was; “Undo restore” puts it back, and the copy downloads as a backup file', async () => {
    await seed();
    const before = await everything();
    expect(await call('restoreSafetyCopy', {})).toBeNull();
    const other = new TendDatabase(`backup-other-${crypto.randomUUID()}`);
    const { c } = connect(other);
    await c('createClient', { name: 'Charles Babbage', email: 'charles@engine.example' });
    await restore(await exportBackup(c), 'replace');
    expect((await db.clients.toArray()).map((client) => client.name)).toEqual(['Charles Babbage']);

    const copy = (await call('restoreSafetyCopy', {}))!;
    expect(copy).toMatchObject({ at: NOW.getTime(), counts: { clients: 2, details: 2, interactions: before.interactions!.length } });
    // "Download the data as it was": the pieces make a backup file of it.
    const parts: string[] = [];
    for (let index = 0; index < copy.parts; index += 1) parts.push((await call('restoreSafetyCopyPart', { index })).text);
    const { backup: asItWas } = readBackup(parts.join(''));
    for (const table of TABLES) expect(asItWas.tables[table], table).toEqual(before[table]);

    const undone = await call('undoRestore', {});
    expect(undone.tables.clients).toMatchObject({ create: 2, remove: 1 });
    expect(await everything()).toEqual(before);
    // Offered once: the copy went with the undo.
    expect(await call('restoreSafetyCopy', {})).toBeNull();
    await expect(call('undoRestore', {})).rejects.toThrow(/no restore to undo/);
  });

  it('is offered until the next restore: a merge drops it, a failed replace keeps the one before', async () => {
    await seed();
    const backup = await exportBackup(call);
    await restore(backup, 'replace');
    const first = (await call('restoreSafetyCopy', {}))!;
    vi.spyOn(db.table('followUps'), 'bulkAdd').mockRejectedValueOnce(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    clock = new Date(NOW.getTime() + 60_000);
    await expect(restore(backup, 'replace')).rejects.toThrow();
    expect(await call('restoreSafetyCopy', {})).toEqual(first);
    await restore(backup, 'merge');
    expect(await call('restoreSafetyCopy', {})).toBeNull();
  });

  it('goes with “Delete all data”', async () => {
    await seed();
    await restore(await exportBackup(call), 'replace');
    await call('deleteAllData', { confirm: 'delete everything' });
    expect(await db.staging.count()).toBe(0);
  });
});

describe('reading backup files', () => {
  const v1 = () => readFileSync(new URL('../fixtures/backups/v1.json', import.meta.url), 'utf8');

  it('has an example file for every format version up to the current one', () => {
    const files = readdirSync(new URL('../fixtures/backups/', import.meta.url)).filter((f) => /^v\d+\.json$/.test(f));
    expect(files.sort()).toEqual(Array.from({ length: BACKUP_VERSION }, (_, i) => `v${i + 1}.json`));
  });

  it('reads every past version through the upgrades, and restores it', async () => {
    for (let version = 1; version <= BACKUP_VERSION; version += 1) {
      const text = readFileSync(new URL(`../fixtures/backups/v${version}.json`, import.meta.url), 'utf8');
      const { backup, report } = readBackup(text);
      expect(backup.version).toBe(BACKUP_VERSION);
      // Format 3 added projects and feedback (and its example has an "Ask for feedback" follow-up).
      const since3 = version >= 3;
      expect(report.counts).toEqual({ clients: 2, details: 1, interactions: 2, resources: 1, referrals: 1, followUps: since3 ? 2 : 1, projects: since3 ? 3 : 0, feedback: since3 ? 2 : 0, settings: 2 });
      expect(report.unknownFields, `v${version}`).toEqual([]);
      await restore(backup, 'replace');
      expect(await db.clients.count()).toBe(2);
      expect((await db.clients.get('c-ada'))!.domains).toEqual(['analytical.example']);
      expect(await db.projects.count()).toBe(since3 ? 3 : 0);
      expect(await db.feedback.count()).toBe(since3 ? 2 : 0);
    }
  });

  it('2 → 3 and 1 → 3: a file from before projects restores with empty projects and feedback tables', async () => {
    await seed();
    for (const version of [1, 2]) {
      const raw = JSON.parse(readFileSync(new URL(`../fixtures/backups/v${version}.json`, import.meta.url), 'utf8'));
      expect('projects' in raw.tables || 'feedback' in raw.tables).toBe(false);
      const upgraded = upgradeBackup(raw);
      expect(upgraded).toMatchObject({ version: 3, tables: { projects: [], feedback: [] } });
      const { preview, done } = await restore(readBackup(JSON.stringify(raw)).backup, 'replace');
      expect(preview).toEqual(done);
      // What was here (seed's projects and feedback) is replaced by the file's none.
      expect(done.tables.projects).toMatchObject({ create: 0, remove: version === 1 ? 2 : 0 });
      expect(await db.projects.count()).toBe(0);
      expect(await db.feedback.count()).toBe(0);
      expect(await db.clients.count()).toBe(2);
    }
  });

  it('a format-3 file round-trips: restored, exported and read again, its rows are identical', async () => {
    const text = readFileSync(new URL('../fixtures/backups/v3.json', import.meta.url), 'utf8');
    const file = JSON.parse(text);
    const { backup } = readBackup(text);
    const { done } = await restore(backup, 'replace');
    expect(done.tables.projects).toEqual({ create: 3, update: 0, keep: 0, skip: 0, remove: 0 });
    expect(done.tables.feedback).toEqual({ create: 2, update: 0, keep: 0, skip: 0, remove: 0 });
    expect(done.skipped).toEqual([]);
    const exported = await exportBackup(call);
    expect(exported.version).toBe(3);
    // The file's projects and feedback were written whole (every field): exactly them again.
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(exported.tables.projects)).toEqual(byId(file.tables.projects));
    expect(byId(exported.tables.feedback)).toEqual(byId(file.tables.feedback));
    // Every other row as the file had it (a client's next check-in is worked out again from the file's settings).
    for (const table of TABLES.filter((t) => t !== 'settings' && t !== 'clients')) expect(byId(exported.tables[table] as { id: string }[]), table).toEqual(byId(backup.tables[table] as { id: string }[]));
    // Export → restore → export: every table identical, clients included.
    await restore(readBackup(backupText(exported)).backup, 'replace');
    const again = await exportBackup(call);
    expect(again.tables).toEqual(exported.tables);
    // And into another profile by merge: the same rows.
    const other = new TendDatabase(`backup-v3-${crypto.randomUUID()}`);
    const { c } = connect(other);
    const merged = await restore(readBackup(backupText(exported)).backup, 'merge', c);
    expect(merged.done.tables.projects.create).toBe(3);
    expect(byId(await other.projects.toArray())).toEqual(byId(file.tables.projects));
    expect(byId(await other.feedback.toArray())).toEqual(byId(file.tables.feedback));
  });

  it('projects and feedback of a client neither here nor in the file are skipped and said; feedback about a missing project keeps its score', async () => {
    const file = JSON.parse(readFileSync(new URL('../fixtures/backups/v3.json', import.meta.url), 'utf8'));
    file.tables.projects.push({ ...file.tables.projects[0], id: 'p-orphan', clientId: 'c-nowhere' });
    file.tables.feedback.push({ ...file.tables.feedback[0], id: 'fb-orphan', clientId: 'c-nowhere' });
    file.tables.feedback.push({ ...file.tables.feedback[1], id: 'fb-lost-project', projectId: 'p-nowhere' });
    for (const mode of ['merge', 'replace'] as const) {
      await call('deleteAllData', { confirm: 'delete everything' });
      const { preview, done } = await restore(readBackup(JSON.stringify(file)).backup, mode);
      expect(preview, mode).toEqual(done);
      expect(done.tables.projects, mode).toMatchObject({ create: 3, skip: 1 });
      expect(done.tables.feedback, mode).toMatchObject({ create: 3, skip: 1 });
      expect(done.skipped, mode).toEqual(
        expect.arrayContaining(['2 rows of a client that is neither here nor in the backup', '1 feedback about a project neither here nor in the backup, kept without that project']),
      );
      expect(await db.projects.get('p-orphan')).toBeUndefined();
      expect(await db.feedback.get('fb-orphan')).toBeUndefined();
      expect((await db.feedback.get('fb-lost-project'))!.projectId).toBeNull();
      // Feedback about a project that is restored keeps its link.
      expect((await db.feedback.get('fb-ada'))!.projectId).toBe('p-ada-workshop');
    }
  });

  it('merging projects and feedback: by id, the newer project wins, feedback already here stays', async () => {
    await seed();
    const backup = await exportBackup(call);
    const fromFile = structuredClone(backup.tables);
    fromFile.projects[0] = { ...fromFile.projects[0]!, title: 'Renamed in the file', updatedAt: NOW.getTime() + 1 };
    fromFile.projects[1] = { ...fromFile.projects[1]!, title: 'Older in the file', updatedAt: 1 };
    fromFile.feedback[0] = { ...fromFile.feedback[0]!, score: 2 };
    fromFile.projects.push({ ...fromFile.projects[0]!, id: 'p-new', title: 'Only in the file' });
    const { preview, done } = await restore({ ...backup, tables: fromFile }, 'merge');
    expect(preview).toEqual(done);
    expect(done.tables.projects).toMatchObject({ create: 1, update: 1, keep: 1 });
    expect(done.tables.feedback).toMatchObject({ create: 0, keep: 1 });
    expect((await db.projects.get('p-1'))!.title).toBe('Renamed in the file');
    expect((await db.projects.get('p-2'))!.title).toBe('Compiler audit');
    expect((await db.projects.get('p-new'))!.title).toBe('Only in the file');
    expect((await db.feedback.get('fb-1'))!.score).toBe(9);
  });

  it('refuses a file with a project ending before it starts, or a score outside 0–10, naming the row and the field', () => {
    const text = readFileSync(new URL('../fixtures/backups/v3.json', import.meta.url), 'utf8');
    const badProject = JSON.parse(text);
    badProject.tables.projects[1].endDay = '2026-10-01';
    expect(() => readBackup(JSON.stringify(badProject))).toThrow(/Row 2 of “projects” is invalid \(endDay\): The end day is before the start day\. Nothing was imported\./);
    const noCurrency = JSON.parse(text);
    noCurrency.tables.projects[0].currency = null;
    expect(() => readBackup(JSON.stringify(noCurrency))).toThrow(/Row 1 of “projects” is invalid \(currency\)/);
    const unknownCurrency = JSON.parse(text);
    unknownCurrency.tables.projects[0].currency = 'XYZ';
    expect(() => readBackup(JSON.stringify(unknownCurrency))).toThrow(/Row 1 of “projects” is invalid \(currency\): is not a currency code/);
    const badScore = JSON.parse(text);
    badScore.tables.feedback[1].score = 11;
    expect(() => readBackup(JSON.stringify(badScore))).toThrow(/Row 2 of “feedback” is invalid \(score\): is above 10/);
  });

  it('a version-1 file’s resource note becomes the private note of each client it was saved for, and restores so', async () => {
    const old = JSON.parse(v1());
    old.tables.resources[0].clientIds = ['c-ada', 'c-grace'];
    old.tables.resources.push({ ...old.tables.resources[0], id: 'r-2', url: 'https://example.org/b', canonicalUrl: 'https://example.org/b', note: '' });
    const { backup, report } = readBackup(JSON.stringify(old));
    expect(report.unknownFields).toEqual([]);
    expect(backup.tables.resources.map((r) => [r.id, r.notes, r.pendingShares])).toEqual([
      ['r-1', { 'c-ada': 'For Ada', 'c-grace': 'For Ada' }, {}],
      ['r-2', {}, {}],
    ]);
    expect(backup.tables.resources.some((r) => 'note' in r)).toBe(false);
    await restore(backup, 'replace');
    expect((await db.resources.get('r-1'))?.notes).toEqual({ 'c-ada': 'For Ada', 'c-grace': 'For Ada' });
    expect((await db.resources.get('r-2'))?.notes).toEqual({});
  });

  it('a resource merged in without some of its clients keeps only their notes and waiting shares', async () => {
    const file = JSON.parse(readFileSync(new URL('../fixtures/backups/v2.json', import.meta.url), 'utf8'));
    const pending = { insertedAt: 1, host: null, threadId: null, url: '' };
    file.tables.resources[0] = {
      ...file.tables.resources[0],
      clientIds: ['c-ada', 'c-gone'],
      notes: { 'c-ada': 'For Ada', 'c-gone': 'For nobody here' },
      pendingShares: { 'c-ada': pending, 'c-gone': pending },
      pendingFor: ['c-ada', 'c-gone'],
    };
    await restore(readBackup(JSON.stringify(file)).backup, 'merge');
    const stored = (await db.resources.get('r-1'))!;
    expect([stored.clientIds, stored.notes, stored.pendingShares, stored.pendingFor]).toEqual([['c-ada'], { 'c-ada': 'For Ada' }, { 'c-ada': pending }, ['c-ada']]);
  });

  it('runs upgrade steps in order (an older format through a step map)', () => {
    const steps = {
      1: (b: Record<string, unknown>) => ({ ...b, version: 2, tables: { ...(b.tables as object), renamed: true } }),
      2: (b: Record<string, unknown>) => ({ ...b, version: 3 }),
    };
    const upgraded = upgradeBackup(JSON.parse(v1()), steps, 3);
    expect(upgraded).toMatchObject({ version: 3, tables: { renamed: true } });
    expect(() => upgradeBackup(JSON.parse(v1()), {}, 2)).toThrow(/cannot upgrade a backup of format 1/);
  });

  it('refuses a backup from a newer Tend with a clear message', () => {
    const newer = JSON.stringify({ ...JSON.parse(v1()), version: BACKUP_VERSION + 1 });
    expect(() => readBackup(newer)).toThrow(BackupVersionError);
    expect(() => readBackup(newer)).toThrow(/made by a newer version of Tend \(backup format 4; this Tend reads up to 3\)\. Update Tend/);
  });

  it('refuses truncated JSON, non-backups and invalid rows, saying why', () => {
    const text = v1();
    expect(() => readBackup(text.slice(0, text.length / 2))).toThrow(/truncated/);
    expect(() => readBackup('{"hello": 1}')).toThrow(/not a Tend backup/);
    expect(() => readBackup('not json')).toThrow(/not valid JSON/);
    const bad = JSON.parse(text);
    bad.tables.clients[1].emails = ['not an address'];
    expect(() => readBackup(JSON.stringify(bad))).toThrow(/Row 2 of “clients” is invalid \(emails\.0\): is not an email address/);
  });

  it('drops __proto__ / constructor keys and unknown fields, and reports them', () => {
    const hostile = v1()
      .replace('"id": "c-ada",', '"id": "c-ada", "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "favouriteColour": "green",')
      .replace('"settings": [', '"settings": [ { "key": "__proto__", "value": 1 }, { "key": "tierCadences2", "value": 1 },');
    const { backup, report } = readBackup(`{"__proto__": {"polluted": true}, ${hostile.trim().slice(1)}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(backup.tables.clients[0])).toBe(Object.prototype);
    expect(Object.hasOwn(backup.tables.clients[0]!, 'favouriteColour')).toBe(false);
    expect(report.unknownFields).toEqual(['clients.favouriteColour']);
    // __proto__ twice, constructor, and the prototype inside it.
    expect(report.droppedKeys).toBe(4);
    expect(report.droppedSettings).toEqual(['__proto__', 'tierCadences2']);
  });
});
