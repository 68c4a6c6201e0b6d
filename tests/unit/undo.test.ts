/**
 * Undo after a one-click write (lib/background/undo.ts): the records come back
 * exactly as they were (last contact and next check-in included), a change made
 * since is never thrown away, and an undo is used once.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { timelineOf } from '../../lib/db/timelines';
import { createUndo, fingerprint, UNDO_KEPT_MS, type UndoRow } from '../../lib/background/undo';
import { Feedback, Project } from '../../lib/model';
import { memoryThreads } from './support/threads';
import type { ThreadSnapshot } from '../../lib/hosts/thread';

const ME = 'me@consulting.example';
const TAB = 7;
const inTab = { tabId: TAB };
const TOKEN = 'frame-token-0123456789abcdef';

let db: TendDatabase;
let handlers: Handlers;
let clock: Date;

beforeEach(async () => {
  fakeBrowser.reset();
  clock = new Date(2026, 10, 23, 12, 0);
  db = new TendDatabase(`test-${crypto.randomUUID()}`);
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify: vi.fn() });
  await handlers.saveOwnAddresses({ addresses: [ME] });
});

/** A client last in touch 40 days ago (so a check-in is overdue), with one detail. */
async function overdueClient() {
  const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical', role: '' }, inTab);
  await handlers.logInteraction({ clientId, kind: 'call', text: 'Pricing', at: clock.getTime() - 40 * 86_400_000 });
  await handlers.addDetail({ clientId, kind: 'family', text: 'Two daughters', date: null, yearly: false });
  return clientId;
}

const later = (ms: number) => (clock = new Date(clock.getTime() + ms));

describe('Checked in, undone', () => {
  it('puts back the last contact, the next due date and the timeline exactly', async () => {
    const clientId = await overdueClient();
    const before = await db.clients.get(clientId);
    const timelineBefore = await timelineOf(db, clientId);
    later(1000);

    const checked = await handlers.checkedIn({ clientId });
    expect(checked.undo).toMatch(/^[0-9a-f-]{36}$/);
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(clock.getTime());
    expect((await timelineOf(db, clientId))[0]!.kind).toBe('checkin');

    await expect(handlers.undo({ token: checked.undo! })).resolves.toEqual({ label: 'Checked in' });
    expect(await db.clients.get(clientId)).toEqual(before);
    expect(await timelineOf(db, clientId)).toEqual(timelineBefore);
  });

  it('is used once', async () => {
    const clientId = await overdueClient();
    const { undo } = await handlers.checkedIn({ clientId });
    await handlers.undo({ token: undo! });
    await expect(handlers.undo({ token: undo! })).rejects.toThrow('This can no longer be undone.');
  });

  it('refuses, changing nothing, when the client changed since', async () => {
    const clientId = await overdueClient();
    const { undo } = await handlers.checkedIn({ clientId });
    later(1000);
    await handlers.logInteraction({ clientId, kind: 'note', text: 'Asked about Lisbon' });
    const now = await db.clients.get(clientId);
    const timeline = await timelineOf(db, clientId);

    await expect(handlers.undo({ token: undo! })).rejects.toThrow(/can't undo “Checked in”: it has changed since/);
    expect(await db.clients.get(clientId)).toEqual(now);
    expect(await timelineOf(db, clientId)).toEqual(timeline);
  });

  it('expires', async () => {
    const clientId = await overdueClient();
    const { undo } = await handlers.checkedIn({ clientId });
    later(UNDO_KEPT_MS + 1);
    await expect(handlers.undo({ token: undo! })).rejects.toThrow('This can no longer be undone.');
  });

  it('an unknown token changes nothing', async () => {
    await expect(handlers.undo({ token: crypto.randomUUID() })).rejects.toThrow('This can no longer be undone.');
  });
});

describe('Add client, undone', () => {
  it('removes the client and the history the open conversation gave them', async () => {
    const snapshot: ThreadSnapshot = {
      host: 'gmail',
      threadId: '18c2f0a1b2c3d4e5',
      subject: 'Pricing workshop',
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX',
      accountAddress: ME,
      messages: [
        { hostMessageId: '#msg-f:1', from: { name: 'Grace Hopper', email: 'grace@navy.example' }, to: [{ name: 'Me', email: ME }], dateText: 'Mon, Oct 5, 2026, 3:42 PM' },
      ],
    };
    await handlers.threadChanged({ snapshot, frameToken: TOKEN }, inTab);
    const created = await handlers.createClient({ name: 'Grace Hopper', email: 'grace@navy.example', company: '', role: '' }, inTab);
    expect(await timelineOf(db, created.clientId)).toHaveLength(1);

    await handlers.undo({ token: created.undo! });
    expect(await db.clients.get(created.clientId)).toBeUndefined();
    expect(await db.timelines.get(created.clientId)).toBeUndefined();
    // Search forgets them too (the index follows every write).
    expect((await handlers.search({ query: 'grace', limit: 5 })).clients).toHaveLength(0);
    // …and they can be added again.
    await expect(handlers.createClient({ name: 'Grace Hopper', email: 'grace@navy.example', company: '', role: '' }, inTab)).resolves.toBeTruthy();
  });
});

describe('Delete detail, undone', () => {
  it('brings the detail back as it was', async () => {
    const clientId = await overdueClient();
    const [detail] = await db.details.where('clientId').equals(clientId).toArray();
    const deleted = await handlers.deleteDetail({ id: detail!.id });
    expect(await db.details.get(detail!.id)).toBeUndefined();
    await handlers.undo({ token: deleted.undo! });
    expect(await db.details.get(detail!.id)).toEqual(detail);
  });

  it('offers nothing to undo when the detail was already gone', async () => {
    await expect(handlers.deleteDetail({ id: 'gone' })).resolves.toEqual({ detail: null, undo: null });
  });
});

describe('fingerprint', () => {
  it('tells records apart and is stable', () => {
    expect(fingerprint({ a: 1 })).toBe(fingerprint({ a: 1 }));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint(null)).not.toBe(fingerprint([]));
  });
});

describe('Mark as shared, Not them and Delete interaction, undone', () => {
  it('Mark as shared: the article waits again and the check-in is where it was', async () => {
    const clientId = await overdueClient();
    const before = await db.clients.get(clientId);
    const { resourceId } = await handlers.saveResource({
      url: 'https://news.example/story?id=3',
      canonicalUrl: 'https://news.example/story?id=3',
      title: 'Marathon training without injuries',
      site: 'News',
      byline: '',
      excerpt: '',
      contentHtml: '',
      note: 'For Berlin',
      clientIds: [clientId],
    });
    const resourceBefore = await db.resources.get(resourceId);
    later(1000);
    const shared = await handlers.markResourceShared({ resourceId, clientId });
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(clock.getTime());

    await handlers.undo({ token: shared.undo! });
    expect(await db.resources.get(resourceId)).toEqual(resourceBefore);
    expect(await db.clients.get(clientId)).toEqual(before);
    expect((await handlers.listClientResources({ clientId })).waiting.map((r) => r.id)).toEqual([resourceId]);
  });

  it('Not them: the display name is that client’s possible name again', async () => {
    const clientId = await overdueClient();
    const { undo } = await handlers.rejectClientName({ clientId, name: 'A. Lovelace' });
    expect((await db.clients.get(clientId))!.rejectedNameKeys).toHaveLength(1);
    await handlers.undo({ token: undo! });
    expect((await db.clients.get(clientId))!.rejectedNameKeys).toEqual([]);
  });

  it('Delete interaction: the meeting comes back with its confirmation, and the last contact with it', async () => {
    const clientId = await overdueClient();
    later(1000);
    const { id } = await handlers.logInteraction({ clientId, kind: 'meeting', text: 'Kick-off' });
    const client = await db.clients.get(clientId);
    const followUps = await db.followUps.where('clientId').equals(clientId).toArray();
    expect(followUps).toHaveLength(1);

    const deleted = await handlers.deleteInteraction({ clientId, id });
    expect(await db.followUps.where('clientId').equals(clientId).count()).toBe(0);
    expect((await db.clients.get(clientId))!.lastContactAt).toBeLessThan(client!.lastContactAt!);

    await handlers.undo({ token: deleted.undo! });
    expect(await db.clients.get(clientId)).toEqual(client);
    expect(await db.followUps.where('clientId').equals(clientId).toArray()).toEqual(followUps);
    expect((await timelineOf(db, clientId))[0]!.id).toBe(id);
  });
});

describe('Projects, feedback and referrals in a client’s Undo image (issue 16)', () => {
  const project = (clientId: string, title: string) =>
    Project.parse({ id: crypto.randomUUID(), clientId, title, startDay: '2026-09-01', value: 5000, currency: 'EUR', createdAt: clock.getTime(), updatedAt: clock.getTime() });

  it('deleting a project (and its feedback) is undone: both come back exactly', async () => {
    const clientId = await overdueClient();
    const audit = project(clientId, 'Audit');
    const feedback = Feedback.parse({ id: crypto.randomUUID(), clientId, projectId: audit.id, day: '2026-10-01', score: 9, createdAt: clock.getTime() });
    await db.projects.bulkAdd([audit, project(clientId, 'Training')]);
    await db.feedback.add(feedback);
    const { undoable, undo } = createUndo(db, () => clock);

    const { undo: token } = await undoable('Delete project', { clients: [clientId] }, async () => {
      await db.projects.delete(audit.id);
      await db.feedback.delete(feedback.id);
    });
    expect(await db.projects.get(audit.id)).toBeUndefined();
    await undo(token!);
    expect(await db.projects.get(audit.id)).toEqual(audit);
    expect(await db.feedback.get(feedback.id)).toEqual(feedback);
    expect(await db.projects.where('clientId').equals(clientId).count()).toBe(2);
  });

  it('refuses, changing nothing, when a project changed since', async () => {
    const clientId = await overdueClient();
    const audit = project(clientId, 'Audit');
    await db.projects.add(audit);
    const { undoable, undo } = createUndo(db, () => clock);
    const { undo: token } = await undoable('Delete project', { clients: [clientId] }, () => db.projects.delete(audit.id));
    const other = project(clientId, 'Added since');
    await db.projects.add(other);
    await expect(undo(token!)).rejects.toThrow(/can't undo “Delete project”/);
    expect(await db.projects.where('clientId').equals(clientId).toArray()).toEqual([other]);
  });

  it('a referral thanked is undone, and both clients’ pages are told', async () => {
    const referrer = await overdueClient();
    const { clientId: referred } = await handlers.createClient({ name: 'Mary Somerville', email: 'mary@print.example', company: '', role: '' }, { tabId: null });
    const { id } = await handlers.addReferral({ referrerId: referrer, referredId: referred, said: 'Knows printing' });
    const before = await db.referrals.get(id);
    later(1000);

    const thanked = await handlers.setReferralThanked({ id, thanked: true });
    expect((await db.referrals.get(id))!.thankedAt).toBe(clock.getTime());
    const notify = vi.fn();
    const undoing = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify });
    await expect(undoing.undo({ token: thanked.undo! })).resolves.toEqual({ label: 'Thanked' });
    expect(await db.referrals.get(id)).toEqual(before);
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining([`client:${referrer}`, `client:${referred}`, 'today']));
  });

  it('an undo kept before these parts were captured still undoes, leaving them as they are', async () => {
    const clientId = await overdueClient();
    const before = await db.clients.get(clientId);
    const { undo } = await handlers.checkedIn({ clientId });
    // The row as a worker before this change stored it: no projects, feedback or referrals.
    const row = (await db.staging.get(`undo:${undo}`)) as UndoRow;
    const image = row.before as { clients: Record<string, Record<string, unknown>> };
    for (const records of Object.values(image.clients)) for (const part of ['projects', 'feedback', 'referrals']) delete records[part];
    const after = Object.fromEntries(Object.entries(row.after).filter(([name]) => !/^(projects|feedback|referrals):/.test(name)));
    await db.staging.put({ ...row, before: image, after });
    // Recorded since: not captured, so neither a reason to refuse nor something to take away.
    const since = project(clientId, 'Recorded since');
    await db.projects.add(since);

    await handlers.undo({ token: undo! });
    expect(await db.clients.get(clientId)).toEqual(before);
    expect(await db.projects.where('clientId').equals(clientId).toArray()).toEqual([since]);
  });
});
