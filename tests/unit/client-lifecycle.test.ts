/**
 * A client's life around projects and feedback (issue 16): Delete client (everything
 * of theirs goes in one transaction, and Undo brings all of it back), Make Key (with
 * Undo), merging moves projects and feedback, "Delete all data" clears them, and
 * Today's "Thank your referrers".
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { computeBadge } from '../../lib/background/badge';
import { REFERRALS_TO_THANK_SHOWN } from '../../lib/background/today';
import { timelineOf } from '../../lib/db/timelines';
import { Feedback, FollowUp, Project } from '../../lib/model';
import { DELETE_ALL_CONFIRMATION } from '../../lib/messaging/protocol-backup';
import { EVERYTHING } from '../../lib/messaging/topics';
import { memoryThreads } from './support/threads';

const DAY = 86_400_000;
const none = { tabId: null };

let db: TendDatabase;
let handlers: Handlers;
let notify: ReturnType<typeof vi.fn<(topics: readonly string[]) => void>>;
let clock: Date;

beforeEach(() => {
  fakeBrowser.reset();
  clock = new Date(2026, 10, 23, 12, 0);
  db = new TendDatabase(`lifecycle-${crypto.randomUUID()}`);
  notify = vi.fn<(topics: readonly string[]) => void>();
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify });
});

async function newClient(name: string, email: string) {
  return (await handlers.createClient({ name, email, company: '', role: '' }, none)).clientId;
}

/** Projects and feedback written as stored rows: this file tests what happens to them, not how they are recorded. */
async function addProject(clientId: string, title: string, day = '2026-01-10') {
  const project = Project.parse({ id: crypto.randomUUID(), clientId, title, startDay: day, status: 'done', endDay: null, value: 12_000, currency: 'EUR', createdAt: clock.getTime(), updatedAt: clock.getTime() });
  await db.projects.add(project);
  return project;
}
async function addFeedback(clientId: string, projectId: string | null, score: number) {
  const feedback = Feedback.parse({ id: crypto.randomUUID(), clientId, projectId, day: '2026-03-05', score, createdAt: clock.getTime() });
  await db.feedback.add(feedback);
  return feedback;
}

/** Every row of every client-data table, to compare the whole database before and after. */
async function everything() {
  const [clients, timelines, details, followUps, projects, feedback, referrals, resources] = await Promise.all([
    db.clients.toArray(),
    db.timelines.toArray(),
    db.details.toArray(),
    db.followUps.toArray(),
    db.projects.toArray(),
    db.feedback.toArray(),
    db.referrals.toArray(),
    db.resources.toArray(),
  ]);
  return { clients, timelines, details, followUps, projects, feedback, referrals, resources };
}

/** Ada, overdue, with a history, a detail, a meeting to confirm, two projects, feedback, referrals both ways and articles. */
async function adaWithEverything() {
  const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
  const grace = await newClient('Grace Hopper', 'grace@navy.example');
  const mary = await newClient('Mary Somerville', 'mary@print.example');
  await handlers.logInteraction({ clientId: ada, kind: 'call', text: 'Pricing for the difference engine', at: clock.getTime() - 40 * DAY });
  await handlers.logInteraction({ clientId: ada, kind: 'meeting', text: 'Kick-off', at: clock.getTime() - 35 * DAY });
  await handlers.addDetail({ clientId: ada, kind: 'family', text: 'Two daughters', date: null, yearly: false });
  const first = await addProject(ada, 'Analytical audit');
  await addProject(ada, 'Second engine', '2026-04-01');
  await addFeedback(ada, first.id, 9);
  await db.followUps.add(FollowUp.parse({ id: crypto.randomUUID(), clientId: ada, kind: 'ask-feedback', sourceId: first.id, text: first.title, dueAt: clock.getTime(), createdAt: clock.getTime() }));
  await handlers.addReferral({ referrerId: grace, referredId: ada, said: 'Knows engines' });
  await handlers.addReferral({ referrerId: ada, referredId: mary, said: '' });
  const article = (url: string, clientIds: string[], note = '') =>
    handlers.saveResource({ url, canonicalUrl: url, title: `Article ${url.slice(-1)}`, site: 'News', byline: '', excerpt: '', contentHtml: '<p>Text</p>', note, clientIds });
  const onlyHers = (await article('https://news.example/a', [ada], 'For Ada')).resourceId;
  const shared = (await article('https://news.example/b', [ada, grace], 'For both')).resourceId;
  // Shared long ago (sharing counts as contact): Ada stays overdue, in the badge.
  const today = clock;
  clock = new Date(today.getTime() - 38 * DAY);
  await handlers.markResourceShared({ resourceId: shared, clientId: ada });
  clock = today;
  return { ada, grace, mary, onlyHers, shared };
}

describe('Delete client', () => {
  it('deletes the client and everything of theirs in every table, and Undo restores every row', async () => {
    const { ada, grace, mary, onlyHers, shared } = await adaWithEverything();
    const before = await everything();
    const badgeBefore = await computeBadge(db, clock);
    expect(badgeBefore.text).toBe('1');
    notify.mockClear();

    const deleted = await handlers.deleteClient({ clientId: ada });
    expect(deleted.name).toBe('Ada Lovelace');
    expect(deleted.undo).toMatch(/^[0-9a-f-]{36}$/);
    // Recognition, badge, Today, search and every page change.
    expect(notify).toHaveBeenCalledWith([EVERYTHING]);

    const after = await everything();
    expect(after.clients.map((client) => client.id).sort()).toEqual([grace, mary].sort());
    expect(after.timelines.some((timeline) => timeline.clientId === ada)).toBe(false);
    for (const table of ['details', 'followUps', 'projects', 'feedback'] as const) {
      expect(after[table].filter((row) => row.clientId === ada), table).toEqual([]);
    }
    expect(after.referrals).toEqual([]);
    // Saved only for her: gone. Saved for Grace too: kept for Grace, with no trace of Ada.
    expect(after.resources.map((resource) => resource.id)).toEqual([shared]);
    const kept = after.resources[0]!;
    expect(kept.clientIds).toEqual([grace]);
    expect(kept.notes[ada]).toBeUndefined();
    expect(kept.sharedWith[ada]).toBeUndefined();
    expect(onlyHers).not.toBe(shared);
    // Out of the badge and of search.
    expect((await computeBadge(db, clock)).text).toBe('');
    expect((await handlers.search({ query: 'ada', limit: 5 })).clients).toEqual([]);
    expect((await handlers.search({ query: 'difference engine', limit: 5 })).clients).toEqual([]);
    await expect(handlers.getClientPage({ clientId: ada })).rejects.toThrow();

    await expect(handlers.undo({ token: deleted.undo! })).resolves.toEqual({ label: 'Delete Ada Lovelace' });
    const restored = await everything();
    const sorted = <T extends { id?: string; clientId?: string }>(rows: T[]) => [...rows].sort((a, b) => ((a.id ?? a.clientId)! < (b.id ?? b.clientId)! ? -1 : 1));
    for (const table of Object.keys(before) as (keyof typeof before)[]) {
      expect(sorted(restored[table] as { id?: string }[]), table).toEqual(sorted(before[table] as { id?: string }[]));
    }
    expect(await computeBadge(db, clock)).toEqual(badgeBefore);
    expect((await handlers.search({ query: 'ada', limit: 5 })).clients.map((hit) => hit.id)).toEqual([ada]);
    // The pages of Grace and Mary show the referrals again.
    expect(notify).toHaveBeenLastCalledWith(expect.arrayContaining([`client:${ada}`, `client:${grace}`, `client:${mary}`, 'today', 'people', 'resources']));
  });

  it('the sidebar no longer knows them', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await handlers.deleteClient({ clientId: ada });
    const snapshot = {
      host: 'gmail' as const,
      threadId: '18c2f0a1b2c3d4e5',
      subject: 'Pricing',
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX',
      accountAddress: 'me@consulting.example',
      messages: [{ hostMessageId: '#msg-f:1', from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [], dateText: 'Mon, Oct 5, 2026, 3:42 PM' }],
    };
    const frameToken = 'frame-token-0123456789abcdef';
    await handlers.threadChanged({ snapshot, frameToken }, { tabId: 3 });
    const view = await handlers.getSidebarView({ frameToken }, { tabId: 3 });
    expect(view.state).toBe('conversation');
    if (view.state !== 'conversation') return;
    expect(view.people.find((person) => person.email === 'ada@analytical.example')?.client ?? null).toBeNull();
  });

  it('refuses a client that is already gone, and changes nothing else', async () => {
    const { ada, grace } = await adaWithEverything();
    await handlers.deleteClient({ clientId: ada });
    const now = await everything();
    await expect(handlers.deleteClient({ clientId: ada })).rejects.toThrow();
    expect(await everything()).toEqual(now);
    expect((await db.clients.get(grace))!.name).toBe('Grace Hopper');
  });
});

describe('Make Key', () => {
  it('makes the client Key with the Key rhythm, and Undo puts tier and check-in back', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const before = (await db.clients.get(ada))!;
    expect(before.tier).not.toBe('key');
    clock = new Date(clock.getTime() + 1000);

    const made = await handlers.makeKey({ clientId: ada });
    const key = (await db.clients.get(ada))!;
    expect(key.tier).toBe('key');
    // As a tier chosen on the profile: the next check-in follows the Key rhythm (14 days).
    await handlers.updateClient({ clientId: ada, tier: 'key' });
    expect(key.nextDueAt).toBe((await db.clients.get(ada))!.nextDueAt);
    expect(key.nextDueAt).toBeLessThan(before.nextDueAt!);

    // updateClient changed nothing of substance but updatedAt: put it back as makeKey left it.
    await db.clients.put(key);
    await expect(handlers.undo({ token: made.undo! })).resolves.toEqual({ label: 'Make Ada Lovelace Key' });
    expect(await db.clients.get(ada)).toEqual(before);
  });

  it('offers nothing to undo for a client already Key', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await handlers.makeKey({ clientId: ada });
    await expect(handlers.makeKey({ clientId: ada })).resolves.toEqual({ undo: null });
  });
});

describe('Merge', () => {
  it('moves projects and feedback (and the open ask for feedback) to the kept client', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const twin = await newClient('A. Lovelace', 'ada@home.example');
    const project = await addProject(twin, 'Audit');
    const feedback = await addFeedback(twin, project.id, 10);
    await db.followUps.add(FollowUp.parse({ id: 'ask-1', clientId: twin, kind: 'ask-feedback', sourceId: project.id, dueAt: clock.getTime(), createdAt: clock.getTime() }));

    await handlers.mergeClients({ keepId: ada, mergeId: twin });
    expect(await db.projects.get(project.id)).toEqual({ ...project, clientId: ada });
    expect(await db.feedback.get(feedback.id)).toEqual({ ...feedback, clientId: ada });
    expect((await db.followUps.get('ask-1'))!.clientId).toBe(ada);
  });
});

describe('Delete all data', () => {
  it('clears projects and feedback too', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await addFeedback(ada, (await addProject(ada, 'Audit')).id, 8);
    await handlers.deleteAllData({ confirm: DELETE_ALL_CONFIRMATION });
    expect(await db.projects.count()).toBe(0);
    expect(await db.feedback.count()).toBe(0);
  });
});

describe('Thank your referrers (Today)', () => {
  it('lists referrals not yet thanked, oldest first, ten at most with the total', async () => {
    const referred = await newClient('Mary Somerville', 'mary@print.example');
    const referrers: string[] = [];
    for (let i = 0; i < REFERRALS_TO_THANK_SHOWN + 2; i += 1) {
      const referrer = await newClient(`Referrer ${i}`, `r${i}@example.com`);
      referrers.push(referrer);
      // Newest first as written, so the order is the date's, not the insertion's.
      await handlers.addReferral({ referrerId: referrer, referredId: referred, said: '', at: clock.getTime() - (i + 1) * DAY });
    }
    const today = await handlers.getToday({});
    expect(today.referralsToThank!.total).toBe(REFERRALS_TO_THANK_SHOWN + 2);
    expect(today.referralsToThank!.rows).toHaveLength(REFERRALS_TO_THANK_SHOWN);
    expect(today.referralsToThank!.rows[0]!.referrer.id).toBe(referrers.at(-1));
    expect(today.referralsToThank!.rows[0]!.referred).toEqual({ id: referred, name: 'Mary Somerville' });
  });

  it('leaves out thanked referrals and archived referrers, and comes back on Undo', async () => {
    const grace = await newClient('Grace Hopper', 'grace@navy.example');
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const mary = await newClient('Mary Somerville', 'mary@print.example');
    const { id } = await handlers.addReferral({ referrerId: grace, referredId: ada, said: 'Knows engines' });
    await handlers.addReferral({ referrerId: mary, referredId: ada, said: '' });
    await handlers.archiveClient({ clientId: mary, archived: true });
    expect((await handlers.getToday({})).referralsToThank).toMatchObject({ total: 1, rows: [{ referral: { id }, referrer: { id: grace } }] });

    notify.mockClear();
    const thanked = await handlers.setReferralThanked({ id, thanked: true });
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining(['today', `client:${grace}`, `client:${ada}`]));
    expect((await handlers.getToday({})).referralsToThank).toEqual({ rows: [], total: 0 });

    await handlers.undo({ token: thanked.undo! });
    expect((await db.referrals.get(id))!.thankedAt).toBeNull();
    expect((await handlers.getToday({})).referralsToThank!.total).toBe(1);
  });

  it('offers Undo only when it marks thanked and something changed', async () => {
    const grace = await newClient('Grace Hopper', 'grace@navy.example');
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const { id } = await handlers.addReferral({ referrerId: grace, referredId: ada, said: '' });
    expect((await handlers.setReferralThanked({ id, thanked: true })).undo).not.toBeNull();
    expect((await handlers.setReferralThanked({ id, thanked: true })).undo).toBeNull();
    await expect(handlers.setReferralThanked({ id, thanked: false })).resolves.toEqual({ undo: null });
    expect((await db.referrals.get(id))!.thankedAt).toBeNull();
  });
});

it('timelines of the remaining clients are untouched by a delete', async () => {
  const { ada, grace } = await adaWithEverything();
  await handlers.logInteraction({ clientId: grace, kind: 'note', text: 'Navy' });
  const graceTimeline = await timelineOf(db, grace);
  await handlers.deleteClient({ clientId: ada });
  expect(await timelineOf(db, grace)).toEqual(graceTimeline);
});

it('Undo of a delete is refused, changing nothing, when their address went to a client added since', async () => {
  const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
  const { undo } = await handlers.deleteClient({ clientId: ada });
  const again = await newClient('Ada King', 'ada@analytical.example');
  const now = await everything();
  await expect(handlers.undo({ token: undo! })).rejects.toThrow("Tend can't undo “Delete Ada Lovelace”: ada@analytical.example belongs to Ada King now. Nothing was undone.");
  expect(await everything()).toEqual(now);
  expect((await db.clients.toArray()).map((client) => client.id)).toEqual([again]);
});
