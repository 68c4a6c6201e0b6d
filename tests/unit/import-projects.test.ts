/**
 * Importing projects from CSV through the background (importProjects): the preview is
 * the import, every row is read before anything is written, all in one transaction,
 * and the same file twice adds nothing twice.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers } from '../../lib/background/handlers';
import type { ThreadStore } from '../../lib/background/threads';
import { protocol, type MessageInput, type MessageName, type MessageReply } from '../../lib/messaging/protocol';
import { Project } from '../../lib/model';
import { parseProjectsCsv } from '../../lib/backup/projects-csv';

const NOW = new Date(2026, 11, 7, 12, 0);
const TZ = 'Europe/London';

let db: TendDatabase;
let notify: ReturnType<typeof vi.fn<(topics: readonly string[]) => void>>;
type Call = <K extends MessageName>(name: K, data: MessageInput<K>) => Promise<MessageReply<K>>;
let call: Call;
let ada: string;
let grace: string;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new TendDatabase(`import-projects-${crypto.randomUUID()}`);
  let ids = 0;
  const threads: ThreadStore = { get: async () => null, set: async () => {} };
  notify = vi.fn<(topics: readonly string[]) => void>();
  const h = createHandlers({ db, threads, now: () => NOW, notify, newId: () => `id-${++ids}`, timeZone: TZ });
  // Through each message's schema, as the router does.
  call = (async (name: MessageName, data: unknown) =>
    (h[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: null })) as Call;
  ({ clientId: ada } = await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' }));
  await call('addClientAddress', { clientId: ada, email: 'ada.home@example.org' });
  ({ clientId: grace } = await call('createClient', { name: 'Grace Hopper', email: 'grace@navy.example' }));
  await call('createClient', { name: 'Alan Turing', email: 'alan@bletchley.example' });
  await call('createClient', { name: 'Alan  TURING', email: 'alan@manchester.example' });
});

const FILE = [
  'Client,Title,Start,End,Value,Currency,Status,Note',
  'ada.home@example.org,Pricing workshop,2026-09-01,2026-10-15,"12,500.00",EUR,,Two days',
  'grace hopper,Compiler audit,2026-11-01,,"€8.000",,,',
  'Grace Hopper,Proposal,2026-12-20,,,,proposed,',
  'Alan Turing,Codebreaking,2026-01-01,,,,,',
  'nobody@example.org,Ghost project,2026-01-01,,,,,',
  'Ada Lovelace,Bad dates,2026-09-01,2026-08-01,,,,',
  'Ada Lovelace,Bad value,2026-09-01,,TBD,EUR,,',
  'ada@analytical.example,Pricing workshop,2026-09-01,,,,,',
].join('\n');

async function importFile(text: string, options: { dryRun?: boolean; op?: string } = {}) {
  const { drafts } = parseProjectsCsv(text);
  return call('importProjects', { rows: drafts, dateOrder: 'day-first', dryRun: options.dryRun ?? false, op: options.op });
}

const stored = async () => (await db.projects.toArray()).sort((a, b) => a.title.localeCompare(b.title));

describe('importing projects from CSV', () => {
  it('the preview is the import: the same counts, skips and rows as they are saved', async () => {
    const preview = await importFile(FILE, { dryRun: true });
    expect(await db.projects.count()).toBe(0);
    expect(notify).not.toHaveBeenCalledWith(['*']);
    const done = await importFile(FILE);
    const { preview: rows, ...counts } = preview;
    expect(counts).toEqual(done);
    expect(done).toMatchObject({ created: 3, updated: 0, unchanged: 0, skippedRows: 5 });
    expect(done.skipped.map((s) => [s.row, s.field, s.detail])).toEqual([
      [4, 'client', '2 clients are named “Alan Turing”: write the client’s address instead'],
      [5, 'client', 'no client has the address “nobody@example.org”'],
      [6, 'end', 'end “2026-08-01” is before the start “2026-09-01”'],
      [7, 'value', 'value “TBD”: it is not a number'],
      [8, null, 'the same project as row 1 (same client, title and start day)'],
    ]);
    // Each previewed row is the project as it was written, with its client's name in Tend.
    const saved = await stored();
    expect(saved.map((p) => [p.clientId, p.title, p.startDay, p.endDay, p.status, p.value, p.currency, p.note])).toEqual([
      [grace, 'Compiler audit', '2026-11-01', null, 'active', 8000, 'EUR', ''],
      [ada, 'Pricing workshop', '2026-09-01', '2026-10-15', 'done', 12500, 'EUR', 'Two days'],
      [grace, 'Proposal', '2026-12-20', null, 'proposed', null, null, ''],
    ]);
    for (const project of saved) {
      expect(Project.safeParse(project).success).toBe(true);
      const row = rows!.find((r) => r.title === project.title)!;
      expect(row).toEqual({
        row: row.row,
        change: 'new',
        client: project.clientId === ada ? 'Ada Lovelace' : 'Grace Hopper',
        title: project.title,
        startDay: project.startDay,
        endDay: project.endDay,
        status: project.status,
        value: project.value,
        currency: project.currency,
        note: project.note,
      });
    }
    expect(rows!.filter((r) => r.change === 'skipped').map((r) => [r.row, r.client, r.detail])).toEqual([
      [4, 'Alan Turing', '2 clients are named “Alan Turing”: write the client’s address instead'],
      [5, 'nobody@example.org', 'no client has the address “nobody@example.org”'],
      [6, 'Ada Lovelace', 'end “2026-08-01” is before the start “2026-09-01”'],
      [7, 'Ada Lovelace', 'value “TBD”: it is not a number'],
      [8, 'ada@analytical.example', 'the same project as row 1 (same client, title and start day)'],
    ]);
    expect(notify).toHaveBeenCalledWith(['*']);
  });

  it('the same file twice adds nothing twice; a changed row updates its project and says so', async () => {
    await importFile(FILE);
    const first = await stored();
    const again = await importFile(FILE);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await stored()).toEqual(first);

    // Same client (by another of her addresses), title in other case, same start: the same project.
    const changed = 'Email,Project,Start date,End date,Amount,Currency,Status\nada@analytical.example,PRICING  workshop,01/09/2026,20/10/2026,"13 000,00",EUR,\n';
    const preview = await importFile(changed, { dryRun: true });
    expect(preview.preview).toEqual([
      { row: 1, change: 'update', client: 'Ada Lovelace', title: 'PRICING workshop', startDay: '2026-09-01', endDay: '2026-10-20', status: 'done', value: 13000, currency: 'EUR', note: 'Two days' },
    ]);
    const done = await importFile(changed);
    expect(done).toMatchObject({ created: 0, updated: 1, unchanged: 0, skippedRows: 0 });
    const workshop = (await stored()).find((p) => p.clientId === ada)!;
    // Empty cells kept what Tend had (the note, the status); the rest is the file's.
    expect(workshop).toMatchObject({ id: first.find((p) => p.clientId === ada)!.id, endDay: '2026-10-20', value: 13000, note: 'Two days', status: 'done', updatedAt: NOW.getTime() });
    expect(await db.projects.count()).toBe(3);
  });

  it('a status the file leaves empty: done when the end day is past, else active', async () => {
    const text = 'Client,Title,Start,End\nAda Lovelace,Ended,2026-01-01,2026-12-06\nAda Lovelace,Ends today,2026-01-01,2026-12-07\nAda Lovelace,Ongoing,2026-01-01,\n';
    await importFile(text);
    expect((await stored()).map((p) => [p.title, p.status])).toEqual([
      ['Ended', 'done'],
      ['Ends today', 'active'],
      ['Ongoing', 'active'],
    ]);
  });

  it('one transaction: a failure mid-way writes nothing, and notes no outcome', async () => {
    await importFile(FILE);
    const before = await stored();
    const text = 'Client,Title,Start,End\nGrace Hopper,New one,2026-12-01,\nada@analytical.example,Pricing workshop,2026-09-01,2026-10-30\n';
    // The new project is added, then writing the updated one fails (a full disk).
    vi.spyOn(db.projects, 'bulkPut').mockRejectedValueOnce(Object.assign(new Error('full'), { name: 'QuotaExceededError' }));
    await expect(importFile(text, { op: 'op-projects-failed' })).rejects.toThrow();
    expect(await stored()).toEqual(before);
    expect(await call('writeOutcome', { op: 'op-projects-failed' })).toEqual({ written: false, summary: null });
    // Trying again works, and is noted.
    const done = await importFile(text, { op: 'op-projects-again' });
    expect(done).toMatchObject({ created: 1, updated: 1 });
    expect(await call('writeOutcome', { op: 'op-projects-again' })).toEqual({ written: true, summary: done });
  });

  it('previews the first 20 rows of a long file, in file order, skipped ones included', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => (i === 2 ? 'Nobody,X,2026-01-01' : `grace@navy.example,Project ${String(i + 1).padStart(2, '0')},2026-01-01`));
    const summary = await importFile(`Client,Title,Start\n${rows.join('\n')}`, { dryRun: true });
    expect(summary.preview!.map((r) => r.row)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(summary.preview![2]).toMatchObject({ change: 'skipped', detail: 'no client is named “Nobody”' });
    expect(summary).toMatchObject({ created: 29, skippedRows: 1 });
  });

  it('writes nothing and says so when no row can be imported', async () => {
    const summary = await importFile('Client,Title,Start\nNobody,X,2026-01-01\n');
    expect(summary).toMatchObject({ created: 0, updated: 0, unchanged: 0, skippedRows: 1 });
    expect(await db.projects.count()).toBe(0);
  });
});
