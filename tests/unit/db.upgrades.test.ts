import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync } from 'node:fs';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, TendDatabase } from '../../lib/db/schema';
import { SCHEMA_V4 } from '../../lib/db/upgrades/v4';
import { SCHEMA_V5 } from '../../lib/db/upgrades/v5';
import { readSettings } from '../../lib/background/settings';
import { allInteractions, newestFirst, timelineOf } from '../../lib/db/timelines';
import { createHandlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';

/**
 * Every past schema version has an example database in tests/fixtures/databases/;
 * each is written as that version stored it and opened with today's schema, which
 * must upgrade it with nothing lost. A failed upgrade must leave it as it was.
 */
type Tables = Record<string, Record<string, unknown>[]>;
const fixture = (version: number) =>
  JSON.parse(readFileSync(new URL(`../fixtures/databases/v${version}.json`, import.meta.url), 'utf8')) as { schemaVersion: number; tables: Tables };
const V1 = fixture(1);
const V2 = fixture(2);
const V3 = fixture(3);
const V4 = fixture(4);

/**
 * What version 4 makes of a row (issue 15), written out here rather than taken
 * from the upgrade: a resource's one note becomes the private note of each of its
 * clients, no share waits to be sent; a client row gets phones and rejectedNameKeys.
 */
function asV4(table: string, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (table === 'clients') return rows.map((row) => ({ phones: [], rejectedNameKeys: [], ...row }));
  if (table !== 'resources') return rows;
  return rows.map(({ note, ...row }) => {
    const clientIds = row.clientIds as string[];
    if (note && clientIds.length === 0) return { ...row, note, notes: {}, pendingShares: {}, pendingFor: [] };
    return { ...row, notes: note ? Object.fromEntries(clientIds.map((id) => [id, note])) : {}, pendingShares: {}, pendingFor: [] };
  });
}

const upgrade = vi.hoisted(() => ({ fail: false, failV4: false }));
vi.mock('../../lib/db/upgrades/v4', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/db/upgrades/v4')>();
  return {
    ...original,
    upgradeToV4: async (...args: Parameters<typeof original.upgradeToV4>) => {
      if (upgrade.failV4) throw new Error('The disk went away mid-upgrade to 4');
      return original.upgradeToV4(...args);
    },
  };
});
vi.mock('../../lib/db/upgrades/v2', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/db/upgrades/v2')>();
  return {
    upgradeToV2: async (...args: Parameters<typeof original.upgradeToV2>) => {
      if (upgrade.fail) throw new Error('The disk went away mid-upgrade');
      return original.upgradeToV2(...args);
    },
  };
});

const opened: Dexie[] = [];
afterEach(() => {
  upgrade.fail = false;
  upgrade.failV4 = false;
  for (const db of opened.splice(0)) db.close();
});

/** A database exactly as schema version `version` (1 to 4) wrote it. */
async function oldDatabase(version: 1 | 2 | 3 | 4, tables: Tables): Promise<string> {
  const name = `upgrade-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  if (version >= 2) old.version(2).stores(SCHEMA_V2);
  if (version >= 3) old.version(3).stores(SCHEMA_V3);
  // Stores only, no upgrade: the rows are written as version 4 held them.
  if (version >= 4) old.version(4).stores(SCHEMA_V4);
  await old.open();
  await old.transaction('rw', old.tables, async () => {
    for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd(rows);
  });
  old.close();
  return name;
}
const version1Database = (tables: Tables = V1.tables) => oldDatabase(1, tables);
const version2Database = (tables: Tables = V2.tables) => oldDatabase(2, tables);
const version3Database = (tables: Tables = V3.tables) => oldDatabase(3, tables);
const version4Database = (tables: Tables = V4.tables) => oldDatabase(4, tables);

function reopenAsVersion1(name: string): Dexie {
  const old = new Dexie(name);
  old.version(1).stores(SCHEMA_V1);
  opened.push(old);
  return old;
}

const keyOf = (table: string) => (table === 'settings' ? 'key' : table === 'timelines' ? 'clientId' : 'id');
const sortedRows = (table: string, rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a[keyOf(table)]).localeCompare(String(b[keyOf(table)])));

describe('schema upgrades', () => {
  it('has an example database of every shipped version before the current one', async () => {
    const db = new TendDatabase(`versions-${crypto.randomUUID()}`);
    opened.push(db);
    await db.open();
    const files = readdirSync(new URL('../fixtures/databases/', import.meta.url)).filter((f) => /^v\d+\.json$/.test(f)).sort();
    expect(files).toEqual(Array.from({ length: db.verno - 1 }, (_, i) => `v${i + 1}.json`));
  });

  it('the v2 example is a real version-2 database with every table filled, odd rows included', () => {
    expect(V2.schemaVersion).toBe(2);
    expect(Object.keys(V2.tables).sort()).toEqual(['clients', 'details', 'followUps', 'referrals', 'resources', 'settings', 'timelines']);
    for (const rows of Object.values(V2.tables)) expect(rows.length).toBeGreaterThan(1);
    expect(V2.tables.clients!.some((c) => (c.emails as string[]).length === 50)).toBe(true);
    expect(V2.tables.clients!.some((c) => (c.emails as string[]).length === 0)).toBe(true);
  });

  it('2 → current: every row of every table kept exactly, odd ones too', async () => {
    const name = await version2Database();
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(5);
    for (const [table, rows] of Object.entries(V2.tables)) {
      expect(sortedRows(table, await db.table(table).toArray()), table).toEqual(sortedRows(table, asV4(table, rows)));
    }
    expect(await db.staging.count()).toBe(0);
    // What the service reads of it: every interaction, the indexes, the settings (an unknown one stays stored).
    const interactions = V2.tables.timelines!.flatMap((t) => JSON.parse(t.json as string) as { id: string }[]);
    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await allInteractions(db))).toEqual(byId(interactions));
    expect((await db.clients.where('emails').equals('z49@many0.example').first())?.id).toBe('c-many');
    expect((await db.clients.where('nameKeys').equals('zoe ca va nandu 李').first())?.id).toBe('c-many');
    expect((await readSettings(db)).backupReminderDays).toBe(365);
    expect(await db.settings.get('aSettingFromTheFuture')).toEqual({ key: 'aSettingFromTheFuture', value: { nested: [1, null, 'x'] } });
  });

  it('1 → current keeps the rows of the v2 example too (its interactions as version 1 stored them)', async () => {
    const { timelines, ...rest } = V2.tables;
    const interactions = timelines!.flatMap((t) => JSON.parse(t.json as string) as Record<string, unknown>[]);
    const name = await version1Database({ ...rest, interactions });
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    for (const [table, rows] of Object.entries(rest)) expect(sortedRows(table, await db.table(table).toArray()), table).toEqual(sortedRows(table, asV4(table, rows)));
    expect(sortedRows('timelines', (await db.timelines.toArray()) as unknown as Record<string, unknown>[])).toEqual(sortedRows('timelines', timelines!));
  });

  it('the v1 example is a real version-1 database with every table filled', () => {
    expect(V1.schemaVersion).toBe(1);
    expect(Object.keys(V1.tables).sort()).toEqual(Object.keys(SCHEMA_V1).sort());
    for (const rows of Object.values(V1.tables)) expect(rows.length).toBeGreaterThan(0);
  });

  it('1 → current: every row kept, interactions regrouped into timelines, newest first', async () => {
    const name = await version1Database();
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(5);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['clients', 'details', 'feedback', 'followUps', 'projects', 'referrals', 'resources', 'settings', 'staging', 'timelines']);
    expect(await db.staging.count()).toBe(0);

    for (const table of ['clients', 'details', 'resources', 'referrals', 'followUps', 'settings']) {
      const key = table === 'settings' ? 'key' : 'id';
      const sorted = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
      expect(sorted(await db.table(table).toArray()), table).toEqual(sorted(asV4(table, V1.tables[table]!)));
    }

    const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await allInteractions(db))).toEqual(byId(V1.tables.interactions as { id: string }[]));
    const ada = await timelineOf(db, 'c-ada');
    expect(ada.map((i) => i.id)).toEqual(['i-02', 'i-01', 'i-04', 'i-03']); // same day: id descending
    expect([...ada].sort(newestFirst)).toEqual(ada);
    // The note of a client deleted long ago is kept under its client id, not dropped.
    expect((await timelineOf(db, 'c-gone')).map((i) => i.text)).toEqual(['A note whose client was deleted']);

    // The indexes the service queries still answer.
    expect((await db.clients.where('emails').equals('grace@navy.example').first())?.name).toBe('Grace Hopper');
    expect(await db.clients.where('[tier+nextDueAt]').between(['active', 0], ['active', Infinity]).count()).toBe(1);
    expect(await db.resources.where('canonicalUrl').equals('https://example.org/a').count()).toBe(1);
    expect(await db.followUps.where('clientId').equals('c-ada').count()).toBe(1);
  });

  it('a failed upgrade leaves the version-1 data exactly as it was (never reset to defaults)', async () => {
    const name = await version1Database();
    upgrade.fail = true;
    const db = new TendDatabase(name);
    opened.push(db);
    await expect(db.open()).rejects.toThrow(/disk went away/);

    // What a user sees meanwhile: a clear message, not a reset.
    const handlers = createHandlers({ db, threads: { get: async () => null, set: async () => {} }, now: () => new Date(), notify: () => {} });
    const reply = await route(handlers, { tend: 1, name: 'getSettings', data: {} }, { id: 'tend', url: 'chrome-extension://tend/dashboard.html' } as never, 'tend', 'chrome-extension://tend/', async () => null);
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/could not open its database.*kept as it was/) });
    db.close();

    const old = reopenAsVersion1(name);
    await old.open();
    expect(old.verno).toBe(1);
    for (const [table, rows] of Object.entries(V1.tables)) expect(await old.table(table).count(), table).toBe(rows.length);

    // The next start, with the cause gone, upgrades the same data.
    old.close();
    upgrade.fail = false;
    const retried = new TendDatabase(name);
    opened.push(retried);
    await retried.open();
    expect(await allInteractions(retried)).toHaveLength(V1.tables.interactions!.length);
  });

  it('a database from a newer Tend (an update rolled back) is opened as it is, nothing reset or dropped', async () => {
    const name = await version2Database();
    // Written by a Tend of schema version 9, with every table this one knows and one more.
    const newer = new Dexie(name);
    newer.version(1).stores(SCHEMA_V1);
    newer.version(2).stores(SCHEMA_V2);
    newer.version(3).stores(SCHEMA_V3);
    newer.version(4).stores(SCHEMA_V4);
    newer.version(5).stores(SCHEMA_V5);
    newer.version(9).stores({ somethingNew: 'id' });
    await newer.open();
    await newer.table('somethingNew').add({ id: 'kept' });
    newer.close();
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    for (const [table, rows] of Object.entries(V2.tables)) expect(await db.table(table).count(), table).toBe(rows.length);
    expect((await readSettings(db)).backupReminderDays).toBe(365);
    db.close();
    const again = new Dexie(name);
    opened.push(again);
    await again.open(); // as it is on disk
    expect(again.verno).toBe(9);
    expect(await again.table('somethingNew').toArray()).toEqual([{ id: 'kept' }]);
  });

  it('upgrades an empty version-1 database', async () => {
    const name = await version1Database({});
    const db = new TendDatabase(name);
    opened.push(db);
    expect(await db.timelines.count()).toBe(0);
    expect(await db.clients.count()).toBe(0);
  });
  it('the v3 example is a real version-3 database: every table filled, resource notes for several clients, none, and nobody', () => {
    expect(V3.schemaVersion).toBe(3);
    expect(Object.keys(V3.tables).sort()).toEqual(['clients', 'details', 'followUps', 'referrals', 'resources', 'settings', 'staging', 'timelines']);
    for (const rows of Object.values(V3.tables)) expect(rows.length).toBeGreaterThan(0);
    const resources = V3.tables.resources!;
    expect(resources.some((r) => r.note && (r.clientIds as string[]).length > 1)).toBe(true);
    expect(resources.some((r) => r.note === '')).toBe(true);
    expect(resources.some((r) => r.note && (r.clientIds as string[]).length === 0)).toBe(true);
    expect(V3.tables.clients!.some((c) => 'phones' in c)).toBe(true);
    expect(V3.tables.clients!.some((c) => !('phones' in c) && !('rejectedNameKeys' in c))).toBe(true);
  });

  it('3 → 4: a resource’s note becomes each of its clients’ private note; no note, no notes; clients get phones and rejectedNameKeys', async () => {
    const name = await version3Database();
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(5);
    for (const [table, rows] of Object.entries(V3.tables)) {
      expect(sortedRows(table, await db.table(table).toArray()), table).toEqual(sortedRows(table, asV4(table, rows)));
    }
    const three = (await db.resources.get('r-three'))!;
    expect(three.notes).toEqual({
      'c-ada': 'For Kofi: he worries about the Lisbon office',
      'c-grace': 'For Kofi: he worries about the Lisbon office',
      'c-alan': 'For Kofi: he worries about the Lisbon office',
    });
    expect('note' in three).toBe(false);
    expect((await db.resources.get('r-nonote'))!.notes).toEqual({});
    expect((await db.resources.get('r-nonote'))!.sharedWith).toEqual({ 'c-alan': 1790000000000 });
    // A note saved for nobody has nobody to move to: it stays where it was, not lost.
    expect((await db.resources.get('r-nobody')) as unknown as { note: string }).toMatchObject({ note: 'A note whose clients were all removed by hand', notes: {} });
    for (const client of await db.clients.toArray()) {
      expect(Array.isArray(client.phones) && Array.isArray(client.rejectedNameKeys), client.id).toBe(true);
    }
    // A row that had them keeps them.
    expect(await db.clients.get('c-grace')).toMatchObject({ phones: ['+14155550100'], rejectedNameKeys: ['g hopper'] });
    expect(await db.staging.count()).toBe(1);
    // The new index answers: nothing waits to be sent yet.
    expect(await db.resources.where('pendingFor').anyOf(['c-ada', 'c-grace', 'c-alan']).count()).toBe(0);
  });

  it('the v4 example is a real version-4 database: every table filled, a share waiting to be sent, staging rows', () => {
    expect(V4.schemaVersion).toBe(4);
    expect(Object.keys(V4.tables).sort()).toEqual(['clients', 'details', 'followUps', 'referrals', 'resources', 'settings', 'staging', 'timelines']);
    for (const rows of Object.values(V4.tables)) expect(rows.length).toBeGreaterThan(0);
    expect(V4.tables.resources!.some((r) => (r.pendingFor as string[]).length > 0)).toBe(true);
    expect(V4.tables.clients!.every((c) => Array.isArray(c.phones) && Array.isArray(c.rejectedNameKeys))).toBe(true);
  });

  it('4 → 5: every row of every table kept exactly; projects and feedback exist, empty, and their indexes answer', async () => {
    const name = await version4Database();
    const db = new TendDatabase(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(5);
    for (const [table, rows] of Object.entries(V4.tables)) {
      expect(sortedRows(table, await db.table(table).toArray()), table).toEqual(sortedRows(table, rows));
    }
    expect(await db.projects.count()).toBe(0);
    expect(await db.feedback.count()).toBe(0);
    // The indexes version 5 declares, and version 4's, answer.
    expect(await db.projects.where('clientId').equals('c-ada').count()).toBe(0);
    expect(await db.projects.where('startDay').below('9999-12-31').count()).toBe(0);
    expect(await db.feedback.where('day').between('2000-01-01', '2100-01-01').count()).toBe(0);
    const waiting = V4.tables.resources!.find((r) => (r.pendingFor as string[]).length > 0)!;
    expect((await db.resources.where('pendingFor').equals((waiting.pendingFor as string[])[0]!).first())?.id).toBe(waiting.id);
    // And the service reads it: a project for a client of the example is stored and found.
    await db.projects.add({ id: 'p-new', clientId: 'c-ada', title: 'Audit', startDay: '2026-12-01', endDay: null, status: 'active', value: null, currency: null, note: '', createdAt: 1, updatedAt: 1 });
    expect((await db.projects.where('clientId').equals('c-ada').first())?.id).toBe('p-new');
  });

  it('a failed 3 → 4 upgrade leaves the version-3 data exactly as it was, and the next start upgrades it', async () => {
    const name = await version3Database();
    upgrade.failV4 = true;
    const db = new TendDatabase(name);
    opened.push(db);
    await expect(db.open()).rejects.toThrow(/disk went away mid-upgrade to 4/);
    db.close();
    const old = new Dexie(name);
    old.version(1).stores(SCHEMA_V1);
    old.version(2).stores(SCHEMA_V2);
    old.version(3).stores(SCHEMA_V3);
    opened.push(old);
    await old.open();
    expect(old.verno).toBe(3);
    for (const [table, rows] of Object.entries(V3.tables)) expect(sortedRows(table, await old.table(table).toArray()), table).toEqual(sortedRows(table, rows));
    old.close();
    upgrade.failV4 = false;
    const retried = new TendDatabase(name);
    opened.push(retried);
    await retried.open();
    expect((await retried.resources.get('r-three'))!.notes['c-alan']).toBe('For Kofi: he worries about the Lisbon office');
  });
});
