import 'fake-indexeddb/auto';
import { addInteractions, timelineOf } from '../../lib/db/timelines';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';
import type { ThreadStore } from '../../lib/background/threads';
import { computeBadge } from '../../lib/background/badge';
import { createSearchIndex } from '../../lib/background/search';
import { Interaction, Resource } from '../../lib/model';

const NOW = new Date(2026, 10, 23, 12, 0);
const DAY = 86_400_000;
const noThreads: ThreadStore = { get: async () => null, set: async () => {} };

let db: TendDatabase;
let handlers: Handlers;
let notify: ReturnType<typeof vi.fn<() => void>>;
let clock: Date;
const none = { tabId: null };

beforeEach(() => {
  fakeBrowser.reset();
  db = new TendDatabase(`clients-${crypto.randomUUID()}`);
  notify = vi.fn<() => void>();
  clock = NOW;
  handlers = createHandlers({ db, threads: noThreads, now: () => clock, notify });
});

async function newClient(name: string, email: string | null, company = '') {
  return (await handlers.createClient({ name, email, company, role: '' }, none)).clientId;
}

describe('editing a client', () => {
  it('updates tier and cadence, keeping nextDueAt and nameKeys right', async () => {
    const id = await newClient('Ada Lovelace', 'ada@analytical.example');
    const before = (await db.clients.get(id))!;
    expect(before.nextDueAt).toBe(new Date(2026, 11, 23).getTime());
    await handlers.updateClient({ clientId: id, tier: 'key', name: 'Ada King' });
    let after = (await db.clients.get(id))!;
    expect(after.nextDueAt).toBe(new Date(2026, 11, 7).getTime());
    expect(after.nameKeys).toEqual(expect.arrayContaining(['ada king', 'ada lovelace']));
    await handlers.updateClient({ clientId: id, cadenceDays: 7 });
    after = (await db.clients.get(id))!;
    expect(after.nextDueAt).toBe(new Date(2026, 10, 30).getTime());
  });

  it('adds and removes addresses, unique across clients, validated on receipt', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const charles = await newClient('Charles Babbage', 'charles@engine.example');
    await handlers.addClientAddress({ clientId: ada, email: 'ada@home.example' }, none);
    await expect(handlers.addClientAddress({ clientId: charles, email: 'ada@home.example' }, none)).rejects.toThrow(
      'ada@home.example already belongs to Ada Lovelace.',
    );
    await handlers.removeClientAddress({ clientId: ada, email: 'ada@analytical.example' });
    const stored = (await db.clients.get(ada))!;
    expect(stored.emails).toEqual(['ada@home.example']);
    expect(stored.domains).toEqual(['analytical.example', 'home.example']);
    // Freed: the address can now go to someone else.
    await handlers.addClientAddress({ clientId: charles, email: 'ada@analytical.example' }, none);
    expect((await db.clients.get(charles))!.emails).toContain('ada@analytical.example');

    // The router rejects an invalid address before any handler runs.
    const reply = await route(
      handlers,
      { tend: 1, name: 'addClientAddress', data: { clientId: ada, email: 'not an address' } },
      { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/dashboard.html' } as never,
      fakeBrowser.runtime.id,
      'chrome-extension://x/',
      async () => null,
    );
    expect(reply).toEqual({ ok: false, error: 'email: is not an email address' });
  });

  it('sets tags and company domains', async () => {
    const id = await newClient('Ada Lovelace', null);
    expect(await handlers.setClientTags({ clientId: id, tags: ['VIP', 'vip', 'pricing'] })).toEqual({ tags: ['VIP', 'pricing'] });
    await handlers.setClientDomains({ clientId: id, domains: ['analytical.example'] });
    const stored = (await db.clients.get(id))!;
    expect(stored.tags).toEqual(['VIP', 'pricing']);
    expect(stored.domains).toEqual(['analytical.example']);
    expect(notify).toHaveBeenCalled();
  });
});

describe('archiving', () => {
  it('takes a client out of the check-in rhythm and the badge, and restoring brings them back', async () => {
    const id = await newClient('Ada Lovelace', 'ada@analytical.example');
    clock = new Date(NOW.getTime() + 45 * DAY);
    expect((await computeBadge(db, clock)).text).toBe('1');
    await handlers.archiveClient({ clientId: id, archived: true });
    const archived = (await db.clients.get(id))!;
    expect(archived.archivedAt).toBe(clock.getTime());
    expect(archived.nextDueAt).toBeNull();
    expect((await computeBadge(db, clock)).text).toBe('');
    const list = await handlers.listClients({ sort: 'name', tier: null, tag: null, overdue: false, quiet: false, archived: false });
    expect(list.rows).toEqual([]);
    expect(list.counts).toEqual({ active: 0, archived: 1 });

    await handlers.archiveClient({ clientId: id, archived: false });
    expect((await db.clients.get(id))!.nextDueAt).not.toBeNull();
    expect((await computeBadge(db, clock)).text).toBe('1');
  });
});

describe('the client list', () => {
  const query = { sort: 'name' as const, tier: null, tag: null, overdue: false, quiet: false, archived: false };

  it('returns compact rows, filtered and sorted', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example', 'Analytical');
    const bob = await newClient('bob Builder', 'bob@build.example');
    const cy = await newClient('Cy Twombly', null);
    await handlers.updateClient({ clientId: bob, tier: 'key' });
    await handlers.setClientTags({ clientId: cy, tags: ['art'] });
    await handlers.logInteraction({ clientId: ada, kind: 'call', text: '', at: NOW.getTime() - 300 * DAY });
    await handlers.logInteraction({ clientId: bob, kind: 'call', text: '', at: NOW.getTime() - 2 * DAY });

    const all = await handlers.listClients(query);
    expect(all.rows.map((r) => r.name)).toEqual(['Ada Lovelace', 'bob Builder', 'Cy Twombly']);
    expect(Object.keys(all.rows[0]!).sort()).toEqual(['archivedAt', 'company', 'id', 'lastContactAt', 'name', 'nextDueAt', 'tags', 'tier']);
    expect(all.tags).toEqual(['art']);

    expect((await handlers.listClients({ ...query, tier: 'key' })).rows.map((r) => r.id)).toEqual([bob]);
    expect((await handlers.listClients({ ...query, tag: 'art' })).rows.map((r) => r.id)).toEqual([cy]);
    expect((await handlers.listClients({ ...query, quiet: true })).rows.map((r) => r.id)).toEqual([ada, cy]);
    // Ada's call 300 days ago: 270 days overdue.
    expect((await handlers.listClients({ ...query, overdue: true })).rows.map((r) => r.id)).toEqual([ada]);
    expect((await handlers.listClients({ ...query, sort: 'lastContact' })).rows.map((r) => r.id)).toEqual([cy, ada, bob]);
    expect((await handlers.listClients({ ...query, sort: 'nextDue' })).rows.map((r) => r.id)).toEqual([ada, bob, cy]);
  });
});

describe('merging two clients', () => {
  it('moves everything to the kept client in one go and deletes the other', async () => {
    const keep = await newClient('Ada Lovelace', 'ada@analytical.example');
    const other = await newClient('A. Lovelace', 'ada@home.example', 'Analytical Engines');
    const third = await newClient('Charles Babbage', 'charles@engine.example');
    await handlers.setClientTags({ clientId: other, tags: ['math'] });
    await handlers.addDetail({ clientId: other, kind: 'hobby', text: 'Loves poetry', date: null, yearly: false });
    await handlers.logInteraction({ clientId: other, kind: 'note', text: 'Talked about looms', at: NOW.getTime() - DAY });
    await handlers.logInteraction({ clientId: keep, kind: 'call', text: '', at: NOW.getTime() - 10 * DAY });
    // The same email seen for both: kept once after the merge.
    const email = (clientId: string) =>
      Interaction.parse({ id: `e-${clientId}`, clientId, kind: 'email', direction: 'in', at: NOW.getTime() - 3 * DAY, dedupeKey: `${clientId}|gmail|m1`, createdAt: 1 });
    await db.transaction('rw', db.timelines, () => addInteractions(db, [email(keep), email(other)]));
    await db.resources.add(
      Resource.parse({ id: 'r1', url: 'https://x.example/a', canonicalUrl: 'https://x.example/a', title: 'Looms', clientIds: [other, third], sharedWith: { [other]: 5 }, savedAt: 1 }),
    );
    await handlers.addReferral({ referrerId: third, referredId: other, said: 'She fixes pricing' });
    await handlers.addReferral({ referrerId: keep, referredId: other, said: 'self' });
    await handlers.addIntroduction({ clientId: other, text: 'Introduced to Mary Somerville' });
    await handlers.logInteraction({ clientId: other, kind: 'meeting', text: 'Kickoff', at: NOW.getTime() - 2 * 3_600_000 });

    await handlers.mergeClients({ keepId: keep, mergeId: other });

    expect(await db.clients.get(other)).toBeUndefined();
    const kept = (await db.clients.get(keep))!;
    expect(kept.emails).toEqual(['ada@analytical.example', 'ada@home.example']);
    expect(kept.company).toBe('Analytical Engines');
    expect(kept.tags).toEqual(['math']);
    expect(kept.nameKeys).toEqual(expect.arrayContaining(['ada lovelace', 'a lovelace']));
    expect(kept.lastContactAt).toBe(NOW.getTime() - 2 * 3_600_000);
    expect(kept.nextDueAt).toBe(new Date(2026, 11, 23).getTime());
    expect((await db.details.where('clientId').equals(keep).toArray()).map((d) => d.text)).toEqual(['Loves poetry']);
    const interactions = await timelineOf(db, keep);
    expect(interactions.filter((i) => i.kind === 'email').map((i) => i.dedupeKey)).toEqual([`${keep}|gmail|m1`]);
    expect(interactions).toHaveLength(4);
    expect(await timelineOf(db, other)).toEqual([]);
    expect(await db.timelines.get(other)).toBeUndefined();
    const resource = (await db.resources.get('r1'))!;
    expect(resource.clientIds).toEqual([keep, third]);
    expect(resource.sharedWith).toEqual({ [keep]: 5 });
    const referrals = await db.referrals.toArray();
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({ referrerId: third, referredId: keep, said: 'She fixes pricing' });
    const followUps = await db.followUps.toArray();
    expect(followUps.map((f) => [f.kind, f.clientId]).sort()).toEqual([
      ['confirm-meeting', keep],
      ['introduction', keep],
    ]);
    await expect(handlers.mergeClients({ keepId: keep, mergeId: keep })).rejects.toThrow('two different');
  });

  it('refuses a merge whose addresses or tags would go over a client’s limit, cutting none', async () => {
    const keep = await newClient('Ada Lovelace', 'ada@analytical.example');
    const other = await newClient('A. Lovelace', 'ada@home.example');
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.org`);
    await db.clients.update(keep, { emails: ['ada@analytical.example', ...many('a', 29)] });
    await db.clients.update(other, { emails: ['ada@home.example', ...many('b', 29)] });
    await expect(handlers.mergeClients({ keepId: keep, mergeId: other })).rejects.toThrow(
      'Together, Ada Lovelace and A. Lovelace have 60 addresses (a client keeps up to 50). Remove some from one of them first, then merge. Nothing was changed.',
    );
    expect((await db.clients.get(keep))!.emails).toHaveLength(30);
    expect((await db.clients.get(other))!.emails).toHaveLength(30);

    await db.clients.update(other, { emails: ['ada@home.example'], tags: Array.from({ length: 30 }, (_, i) => `b${i}`) });
    await db.clients.update(keep, { tags: Array.from({ length: 30 }, (_, i) => `a${i}`) });
    await expect(handlers.mergeClients({ keepId: keep, mergeId: other })).rejects.toThrow('have 60 tags (a client keeps up to 50)');
    // Within the limits, every one is kept.
    await db.clients.update(keep, { tags: Array.from({ length: 20 }, (_, i) => `a${i}`) });
    await handlers.mergeClients({ keepId: keep, mergeId: other });
    const kept = (await db.clients.get(keep))!;
    expect(kept.tags).toHaveLength(50);
    expect(kept.emails).toHaveLength(31);
  });

  it('changes nothing when a step fails', async () => {
    const keep = await newClient('Ada Lovelace', 'ada@analytical.example');
    const other = await newClient('A. Lovelace', 'ada@home.example');
    await handlers.addDetail({ clientId: other, kind: 'hobby', text: 'Loves poetry', date: null, yearly: false });
    vi.spyOn(db.followUps, 'where').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    await expect(handlers.mergeClients({ keepId: keep, mergeId: other })).rejects.toThrow('disk on fire');
    vi.restoreAllMocks();
    expect(await db.clients.get(other)).toBeDefined();
    expect((await db.details.toArray())[0]!.clientId).toBe(other);
  });
});

describe('referrals and introductions', () => {
  it('records who referred whom, what was said, and thanks', async () => {
    const ada = await newClient('Ada Lovelace', null);
    const bob = await newClient('Bob Builder', null);
    const { id } = await handlers.addReferral({ referrerId: ada, referredId: bob, said: 'They fix pricing' });
    await handlers.setReferralThanked({ id, thanked: true });
    const page = await handlers.getClientPage({ clientId: bob });
    expect(page.referredBy).toEqual([{ referral: expect.objectContaining({ said: 'They fix pricing', thankedAt: NOW.getTime() }), name: 'Ada Lovelace' }]);
    expect((await handlers.getClientPage({ clientId: ada })).referred[0]!.name).toBe('Bob Builder');
    await expect(handlers.addReferral({ referrerId: ada, referredId: ada, said: '' })).rejects.toThrow('refer themselves');

    await handlers.addIntroduction({ clientId: ada, text: 'Introduced to a printer' });
    const today = await handlers.getToday({});
    expect(today.confirmations.map((c) => c.followUp.kind)).toEqual(['introduction']);
    expect(today.confirmations[0]!.followUp.dueAt).toBe(NOW.getTime() + 14 * DAY);
  });

  it('pages the interaction timeline newest first', async () => {
    const ada = await newClient('Ada Lovelace', null);
    for (let i = 0; i < 7; i += 1) await handlers.logInteraction({ clientId: ada, kind: 'note', text: `n${i}`, at: NOW.getTime() - i * DAY });
    const first = await handlers.listClientInteractions({ clientId: ada, offset: 0, limit: 5 });
    expect(first.total).toBe(7);
    expect(first.interactions.map((i) => i.text)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    const second = await handlers.listClientInteractions({ clientId: ada, offset: 5, limit: 5 });
    expect(second.interactions.map((i) => i.text)).toEqual(['n5', 'n6']);
  });
});

describe('search through the background', () => {
  it('finds clients by detail and note text, and stays fresh after every kind of write', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example', 'Analytical');
    const bob = await newClient('Bob Builder', 'bob@build.example');
    // Built now, before the writes below: they must patch it.
    expect((await handlers.search({ query: 'ada', limit: 20 })).clients.map((c) => c.id)).toEqual([ada]);

    const { id: detailId } = await handlers.addDetail({ clientId: bob, kind: 'family', text: 'Daughter graduates from Oxford', date: null, yearly: false });
    let result = await handlers.search({ query: 'oxford', limit: 20 });
    expect(result.clients).toEqual([expect.objectContaining({ id: bob, field: 'text', excerpt: 'Daughter graduates from Oxford' })]);

    await handlers.logInteraction({ clientId: ada, kind: 'note', text: 'Wants a workshop on pricing', at: NOW.getTime() });
    expect((await handlers.search({ query: 'workshop', limit: 20 })).clients.map((c) => c.id)).toEqual([ada]);

    await handlers.deleteDetail({ id: detailId });
    expect((await handlers.search({ query: 'oxford', limit: 20 })).clients).toEqual([]);

    await handlers.updateClient({ clientId: bob, name: 'Robert Builder' });
    expect((await handlers.search({ query: 'robert', limit: 20 })).clients.map((c) => c.id)).toEqual([bob]);

    await handlers.mergeClients({ keepId: bob, mergeId: ada });
    result = await handlers.search({ query: 'workshop', limit: 20 });
    expect(result.clients.map((c) => c.id)).toEqual([bob]);
    expect((await handlers.search({ query: 'ada', limit: 20 })).clients.map((c) => [c.id, c.field])).toEqual([[bob, 'address']]);

    await db.resources.add(
      Resource.parse({ id: 'r1', url: 'https://x.example/p', canonicalUrl: 'https://x.example/p', title: 'Pricing for consultants', excerpt: 'How to set a workshop price', clientIds: [bob], savedAt: 1 }),
    );
    result = await handlers.search({ query: 'workshop', limit: 20 });
    expect(result.resources).toEqual([expect.objectContaining({ id: 'r1', rank: 1, excerpt: 'How to set a workshop price' })]);
  });

  it('forgets everything a cleared table held (a restore clears tables without hooks)', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await handlers.addDetail({ clientId: ada, kind: 'hobby', text: 'Writes poetry', date: null, yearly: false });
    expect((await handlers.search({ query: 'poetry', limit: 20 })).clients).toHaveLength(1);
    await db.transaction('rw', db.clients, db.details, async () => {
      await db.clients.clear();
      await db.details.clear();
    });
    expect((await handlers.search({ query: 'poetry', limit: 20 })).clients).toEqual([]);
    expect((await handlers.search({ query: 'ada', limit: 20 })).clients).toEqual([]);
  });
});

describe('the search index after a worker restart', () => {
  /**
   * `count` notes, the last one for `clientId` and the others spread over 1,200 more
   * timelines (of ids with no client row: search leaves them out), so that reading
   * them takes several requests, as with a real history.
   */
  async function seedNotes(clientId: string, count: number, text: (i: number) => string) {
    const at = NOW.getTime();
    const notes = Array.from({ length: count }, (_, i) =>
      Interaction.parse({ id: `n${String(i).padStart(6, '0')}`, clientId: i === count - 1 ? clientId : `filler-${i % 1_200}`, kind: 'note', text: text(i), at: at - i, createdAt: at }),
    );
    await db.transaction('rw', db.timelines, () => addInteractions(db, notes));
    expect(await db.timelines.count()).toBeGreaterThan(1_000);
  }

  it('is built in the background when a page connects; searches meanwhile answer over clients, marked incomplete', async () => {
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example', 'Analytical');
    const bob = await newClient('Bob Builder', 'bob@build.example');
    // More than one read chunk of interactions, so the build takes several steps.
    await seedNotes(bob, 12_000, (i) => (i === 11_999 ? 'Sailing in Lisbon' : `Weekly note ${i}`));

    // A fresh worker: a new corpus over the same database, warmed as on connect.
    const corpus = createSearchIndex(db);
    const restarted = createHandlers({ db, threads: noThreads, now: () => clock, notify, corpus, searchWaitMs: 0 });
    const warming = corpus.warm();
    expect(corpus.ready).toBe(false);

    // The client list and other messages are answered while the notes are read.
    const list = await restarted.listClients({ sort: 'name', tier: null, tag: null, overdue: false, quiet: false, archived: false });
    expect(list.rows.map((row) => row.name)).toEqual(['Ada Lovelace', 'Bob Builder']);
    const early = await restarted.search({ query: 'ada', limit: 20 });
    expect(corpus.ready).toBe(false);
    expect(early).toMatchObject({ complete: false, clients: [expect.objectContaining({ id: ada })] });
    // Not among the clients' own fields: nothing yet, and it says the answer may grow.
    expect(await restarted.search({ query: 'lisbon', limit: 20 })).toMatchObject({ complete: false, clients: [] });

    // A write during the build is not lost.
    await restarted.addDetail({ clientId: ada, kind: 'hobby', text: 'Collects typewriters', date: null, yearly: false });

    await warming;
    expect(corpus.ready).toBe(true);
    // The pages that were answered early are told the index is whole (once, topic
    // 'search'), so their search runs again. Counted by topic, not against a count
    // taken after the write: the build may finish while the write is still going.
    const searchNotices = () => (notify.mock.calls as unknown as [readonly string[]][]).filter(([topics]) => topics?.includes('search'));
    await vi.waitFor(() => expect(searchNotices()).toHaveLength(1));
    expect(await restarted.search({ query: 'lisbon', limit: 20 })).toMatchObject({ complete: true, clients: [expect.objectContaining({ id: bob, field: 'text', excerpt: 'Sailing in Lisbon' })] });
    expect((await restarted.search({ query: 'typewriters', limit: 20 })).clients.map((c) => c.id)).toEqual([ada]);
  });

  it('without a wait budget (the default) a search waits for the whole index', async () => {
    const bob = await newClient('Bob Builder', 'bob@build.example');
    await seedNotes(bob, 6_000, (i) => (i === 5_999 ? 'Sailing in Lisbon' : `Weekly note ${i}`));
    const fresh = createHandlers({ db, threads: noThreads, now: () => clock, notify });
    expect(await fresh.search({ query: 'lisbon', limit: 20 })).toMatchObject({ complete: true, clients: [expect.objectContaining({ id: bob })] });
  });

  it('a failed build is reported to the search, and tried again by the next one', async () => {
    await newClient('Ada Lovelace', 'ada@analytical.example');
    const corpus = createSearchIndex(db);
    const fresh = createHandlers({ db, threads: noThreads, now: () => clock, notify, corpus });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const read = vi.spyOn(db.details, 'orderBy').mockImplementationOnce(() => {
      throw new Error('disk gone');
    });
    await expect(fresh.search({ query: 'ada', limit: 20 })).rejects.toThrow('disk gone');
    expect(error).toHaveBeenCalledWith('Tend: building the search index failed', expect.any(Error));
    read.mockRestore();
    expect((await fresh.search({ query: 'ada', limit: 20 })).clients).toHaveLength(1);
    error.mockRestore();
  });
});
