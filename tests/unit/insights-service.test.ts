/**
 * getInsights end to end over fake-indexeddb: clients, timelines, projects, feedback
 * and referrals written to the database as the features store them, read back in
 * one pass by lib/background/insights.ts, and the figures checked by hand.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/timelines';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';
import { Client, Feedback, Interaction, Project, Referral } from '../../lib/model';
import { memoryThreads } from './support/threads';

const NOW = new Date('2026-12-07T12:00:00Z');
const TZ = 'Europe/Berlin';

let db: TendDatabase;
let handlers: Handlers;

beforeEach(() => {
  fakeBrowser.reset();
  db = new TendDatabase(`insights-${crypto.randomUUID()}`);
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => NOW, notify: vi.fn(), timeZone: TZ });
});

const client = (id: string, tier: Client['tier'] = 'active') =>
  Client.parse({ id, name: id, emails: [`${id.toLowerCase()}@example.com`], nameKeys: [id.toLowerCase()], tier, createdAt: Date.parse('2025-01-01T00:00:00Z'), updatedAt: 0 });
let sequence = 0;
const interaction = (clientId: string, kind: Interaction['kind'], iso: string, direction: 'in' | 'out' | null = null) =>
  Interaction.parse({ id: `i${(sequence += 1)}`, clientId, kind, direction, at: Date.parse(iso), createdAt: 0 });

async function seed(): Promise<void> {
  await db.clients.bulkPut([client('Ann'), client('Bob', 'key'), client('Cy'), client('Dee', 'occasional')]);
  await db.transaction('rw', db.timelines, () =>
    addInteractions(db, [
      interaction('Ann', 'call', '2026-07-10T10:00:00Z'),
      // 23:30 UTC on 8 September is 9 September in Berlin.
      interaction('Ann', 'email', '2026-09-08T23:30:00Z', 'in'),
      interaction('Ann', 'email', '2026-10-12T10:00:00Z', 'out'),
      interaction('Bob', 'meeting', '2026-08-20T10:00:00Z'),
      interaction('Bob', 'gift', '2026-08-21T10:00:00Z'),
      interaction('Cy', 'note', '2026-10-01T10:00:00Z'),
      interaction('Cy', 'note', '2026-11-01T10:00:00Z'),
    ]),
  );
  await db.projects.bulkPut([
    Project.parse({ id: 'p1', clientId: 'Dee', title: 'Audit', startDay: '2026-05-01', status: 'active', value: 5000, currency: 'EUR', createdAt: 0, updatedAt: 0 }),
    Project.parse({ id: 'p2', clientId: 'Dee', title: 'Pilot', startDay: '2026-02-01', endDay: '2026-03-01', status: 'done', value: 1000.5, currency: 'EUR', createdAt: 0, updatedAt: 0 }),
    Project.parse({ id: 'p3', clientId: 'Ann', title: 'Workshop', startDay: '2026-10-01', status: 'active', value: 800, currency: 'USD', createdAt: 0, updatedAt: 0 }),
    Project.parse({ id: 'p4', clientId: 'Cy', title: 'Maybe', startDay: '2026-10-01', status: 'proposed', value: 99, currency: 'EUR', createdAt: 0, updatedAt: 0 }),
  ]);
  await db.feedback.bulkPut([
    Feedback.parse({ id: 'f1', clientId: 'Ann', day: '2026-10-20', score: 9, createdAt: 1 }),
    Feedback.parse({ id: 'f2', clientId: 'Dee', day: '2026-11-20', score: 6, createdAt: 2 }),
    Feedback.parse({ id: 'f3', clientId: 'Dee', day: '2026-06-20', score: 10, createdAt: 3 }),
  ]);
  await db.referrals.bulkPut([Referral.parse({ id: 'r1', referrerId: 'Ann', referredId: 'Dee', at: Date.parse('2026-10-01T10:00:00Z') })]);
}

describe('getInsights', () => {
  it('computes the figures from the database in the user’s time zone', async () => {
    await seed();
    const view = await handlers.getInsights({ period: 'last-90-days' });
    // 9 Sep – 7 Dec 2026 in Berlin (summer time in September, winter time in December).
    expect(view.window).toEqual({ start: Date.parse('2026-09-08T22:00:00Z'), end: Date.parse('2026-12-07T23:00:00Z') });
    expect(view.counts).toEqual({ clients: 4, projects: 4, valuedProjects: 4, feedback: 3, referrals: 1, realContacts: 3 });
    // Before (11 Jun – 8 Sep): Ann (call in July), Bob (meeting), Dee (project). Now: Ann (her workshop, since 1 Oct), Dee.
    expect(view.retention.rate).toEqual({ value: 2 / 3, count: 2, of: 3 });
    expect(view.repeatBusiness).toEqual({ value: 0.5, count: 1, of: 2 });
    // EUR: Dee 5000 + 1000.50 (Cy's is only proposed). USD: Ann 800.
    expect(view.lifetimeValue).toEqual([
      { currency: 'EUR', total: 6000.5, clients: 1, average: 6000.5 },
      { currency: 'USD', total: 800, clients: 1, average: 800 },
    ]);
    // Dee's latest in the period is 6 (her 10 was in June): 1 promoter, 1 detractor.
    expect(view.nps).toMatchObject({ score: 0, responses: 2, promoters: 1, detractors: 1, few: true });
    // Bob is Key, and his gift (21 Aug) is within the year: no gift due.
    expect(view.business.giftsDue).toEqual([]);
    expect(view.business.perCurrency.find((figure) => figure.currency === 'EUR')!.rows.map((row) => [row.clientId, row.value])).toEqual([['Ann', 6000.5], ['Dee', 6000.5]]);
    // Top 20 % of 2 is 1 row, and Dee is tied with Ann: both top, neither Key. Ann's in EUR (6000.50 over her USD 800).
    expect(view.business.makeKey).toEqual([
      { clientId: 'Ann', name: 'Ann', company: '', currency: 'EUR', value: 6000.5 },
      { clientId: 'Dee', name: 'Dee', company: '', currency: 'EUR', value: 6000.5 },
    ]);
    expect(view.referrals.received.map((row) => [row.clientId, row.count])).toEqual([['Ann', 1]]);
    // Bob: last contact 21 Aug (the gift), usual gap 14 (Key, fewer than 3 contacts): 108 days.
    // Ann: contact days 10 Jul, 9 Sep, 12 Oct (gaps 61, 33: usual 47), 56 days since ≤ 70.5: not drifting.
    expect(view.drifting.clients.map((row) => [row.clientId, row.sinceDays, row.usualGapDays])).toEqual([['Bob', 108, 14]]);
    expect(view.engagement.at(-1)).toEqual({ month: '2026-12', contacts: 0, clients: 4, perClient: 0 });
  });

  it('is the dashboard’s to ask, for last 12 months by default; an unknown period is refused', async () => {
    await seed();
    const view = await handlers.getInsights({ period: 'last-12-months' });
    expect(view.period).toBe('last-12-months');
    const ORIGIN = 'chrome-extension://tend-id/';
    const dashboard = { id: 'tend-id', url: `${ORIGIN}dashboard.html`, tab: { id: 8, url: `${ORIGIN}dashboard.html` }, frameId: 0 };
    const send = (data: unknown) => route(handlers, { tend: 1, name: 'getInsights', data }, dashboard as never, 'tend-id', ORIGIN, async () => null);
    expect(await send({})).toMatchObject({ ok: true, value: { period: 'last-12-months' } });
    expect(await send({ period: 'forever' })).toMatchObject({ ok: false });
  });

  it('reads again only the timelines written since: whoever writes, a put, a delete or a clear', async () => {
    await seed();
    const before = await handlers.getInsights({ period: 'last-90-days' });
    expect(before.counts.realContacts).toBe(3);
    // Straight to the database, not through a handler: Cy's call is seen all the same.
    await db.transaction('rw', db.timelines, () => addInteractions(db, [interaction('Cy', 'call', '2026-11-10T10:00:00Z')]));
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts.realContacts).toBe(4);
    await db.timelines.delete('Ann');
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts.realContacts).toBe(2);
    await db.timelines.clear();
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts.realContacts).toBe(0);
  });

  it('reads again the clients, projects and feedback written since', async () => {
    await seed();
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts).toMatchObject({ clients: 4, projects: 4, feedback: 3 });
    await db.clients.update('Cy', { name: 'Cyrus' });
    await db.projects.delete('p4');
    await db.feedback.put(Feedback.parse({ id: 'f4', clientId: 'Cy', day: '2026-11-21', score: 10, createdAt: 4 }));
    const view = await handlers.getInsights({ period: 'last-90-days' });
    expect(view.counts).toMatchObject({ clients: 4, projects: 3, feedback: 4 });
    expect(view.nps).toMatchObject({ responses: 3, promoters: 2 });
    await db.clients.delete('Bob');
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts.clients).toBe(3);
  });

  it('keeps what it read: a write it cannot see (another connection, no middleware) is not read again', async () => {
    await seed();
    await handlers.getInsights({ period: 'last-90-days' });
    const other = new TendDatabase(db.name);
    await other.transaction('rw', other.timelines, () => addInteractions(other, [interaction('Cy', 'call', '2026-11-10T10:00:00Z')]));
    other.close();
    // The kept times stand: this is what makes the second opening cheap.
    expect((await handlers.getInsights({ period: 'last-90-days' })).counts.realContacts).toBe(3);
    // Handlers built over an open database cannot watch its writes: they read every timeline each time.
    const late = createHandlers({ db, threads: memoryThreads(), now: () => NOW, notify: vi.fn(), timeZone: TZ });
    expect((await late.getInsights({ period: 'last-90-days' })).counts.realContacts).toBe(4);
  });

  it('computes one view at a time: one asked for meanwhile finds the rows the first read', async () => {
    // Counts the reads of the timelines table: Insights reads it by ranges ('query').
    const counted = new TendDatabase(`insights-${crypto.randomUUID()}`);
    let timelineQueries = 0;
    counted.use({
      stack: 'dbcore',
      name: 'count-timeline-queries',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return name !== 'timelines' ? table : { ...table, query: (request) => ((timelineQueries += 1), table.query(request)) };
        },
      }),
    });
    const service = createHandlers({ db: counted, threads: memoryThreads(), now: () => NOW, notify: vi.fn(), timeZone: TZ });
    await counted.clients.bulkPut([client('Ann')]);
    await counted.transaction('rw', counted.timelines, () => addInteractions(counted, [interaction('Ann', 'call', '2026-11-10T10:00:00Z')]));
    const [first, second] = await Promise.all([service.getInsights({ period: 'last-12-months' }), service.getInsights({ period: 'last-90-days' })]);
    expect(first.counts.realContacts).toBe(1);
    expect(second.counts.realContacts).toBe(1);
    // Both at once would each have read every timeline.
    expect(timelineQueries).toBe(1);
  });
});
