/**
 * Issue 15, "shared means sent": inserting a resource into a reply only makes it
 * wait to be sent; the share (and the check-in reset) comes when a message the
 * user sent to that client is seen holding the link, never from a draft, a
 * received message or a sent message without it.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { timelineOf } from '../../lib/db/timelines';
import { memoryThreads } from './support/threads';
import { linkHash } from '../../lib/hosts/links';
import type { ThreadMessage, ThreadSnapshot } from '../../lib/hosts/thread';
import { SENT_AFTER_INSERT_SLACK_MS, sharesSeenSent, shareStateOf, withShareSent, withShareUndone, withShareWaiting, appendNote, withNote } from '../../lib/domain/shares';

const NOW = new Date(2026, 10, 23, 12, 0);
const TAB = 4;
const inTab = { tabId: TAB };
const TOKEN = 'frame-token-0123456789abcdef';
const ME = { name: 'me', email: 'me@consulting.example' };
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const GRACE = { name: 'Grace Hopper', email: 'grace@navy.example' };
const ARTICLE = {
  url: 'https://news.example/story?id=3&utm_source=nl',
  canonicalUrl: 'https://news.example/story?id=3',
  title: 'Marathon training without injuries',
  site: 'News',
  byline: '',
  excerpt: '',
  contentHtml: '',
  note: 'For Kofi: he worries about the Lisbon office',
};
/** As the page would hash the link in the sent reply (a tracking parameter added by the mail client changes nothing). */
const LINK = linkHash('https://news.example/story?id=3&utm_campaign=mail')!;
const OTHER_LINK = linkHash('https://elsewhere.example/')!;

let db: TendDatabase;
let handlers: Handlers;
let clock: Date;
let ada: string;
let grace: string;
let resourceId: string;

function conversation(messages: ThreadMessage[], threadId = 'thread-1'): ThreadSnapshot {
  return { host: 'gmail', threadId, subject: 'Berlin', url: `https://mail.google.com/mail/u/0/#inbox/${threadId}`, accountAddress: ME.email, messages, locale: 'en-US' };
}
const fromAda: ThreadMessage = { hostMessageId: 'm-1', from: ADA, to: [ME], dateText: 'Mon, Nov 23, 2026, 11:00 AM' };
const reply = (hostMessageId: string, dateText: string, linkHashes?: string[], to = [ADA]): ThreadMessage => ({
  hostMessageId,
  from: ME,
  to,
  dateText,
  ...(linkHashes && { linkHashes }),
});
const at = (hours: number, minutes: number) => new Date(2026, 10, 23, hours, minutes).getTime();

const open = (snapshot: ThreadSnapshot) => handlers.threadChanged({ frameToken: TOKEN, snapshot }, inTab);

beforeEach(async () => {
  fakeBrowser.reset();
  db = new TendDatabase(`test-${crypto.randomUUID()}`);
  clock = NOW;
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify: () => {} });
  ada = (await handlers.createClient({ name: ADA.name, email: ADA.email, company: '', role: '' }, { tabId: null })).clientId;
  grace = (await handlers.createClient({ name: GRACE.name, email: GRACE.email, company: '', role: '' }, { tabId: null })).clientId;
  resourceId = (await handlers.saveResource({ ...ARTICLE, clientIds: [ada, grace] })).resourceId;
  // Ada wrote at 11:00; the reply is open at noon, and the link goes in.
  await open(conversation([fromAda]));
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ inserted: true } as never);
  await handlers.insertIntoReply({ resourceId, clientId: ada, message: 'Have a look' }, inTab);
});

const adaNow = async () => (await db.clients.get(ada))!;
const resource = async () => (await db.resources.get(resourceId))!;

describe('inserting into a reply', () => {
  it('waits to be sent, in that conversation, with no interaction and the check-in unchanged', async () => {
    expect((await resource()).pendingShares).toEqual({
      [ada]: { insertedAt: NOW.getTime(), host: 'gmail', threadId: 'thread-1', url: 'https://mail.google.com/mail/u/0/#inbox/thread-1' },
    });
    expect((await resource()).sharedWith).toEqual({});
    expect((await timelineOf(db, ada)).map((i) => [i.kind, i.direction])).toEqual([['email', 'in']]);
    expect((await adaNow()).lastContactAt).toBe(at(11, 0));
  });

  it('a discarded draft changes nothing: the conversation seen again without a sent reply', async () => {
    const before = await adaNow();
    clock = new Date(NOW.getTime() + 3_600_000);
    await open(conversation([fromAda]));
    expect(shareStateOf(await resource(), ada)).toBe('waiting-to-be-sent');
    expect([(await adaNow()).lastContactAt, (await adaNow()).nextDueAt]).toEqual([before.lastContactAt, before.nextDueAt]);
    expect((await timelineOf(db, ada)).map((i) => i.kind)).toEqual(['email']);
  });
});

describe('seeing the sent reply', () => {
  it('with the link, in that conversation: shared at the message’s time, with the interaction, and the check-in reset', async () => {
    clock = new Date(at(12, 10));
    await open(conversation([fromAda, reply('m-2', 'Mon, Nov 23, 2026, 12:05 PM', [OTHER_LINK, LINK])]));
    const stored = await resource();
    expect(stored.sharedWith).toEqual({ [ada]: at(12, 5) });
    expect([stored.pendingShares, stored.pendingFor]).toEqual([{}, []]);
    expect((await timelineOf(db, ada)).map((i) => [i.kind, i.at]).sort()).toEqual([
      ['email', at(11, 0)],
      ['email', at(12, 5)],
      ['shared-resource', at(12, 5)],
    ]);
    expect((await adaNow()).lastContactAt).toBe(at(12, 5));
    // Grace never had it inserted: still to share for her.
    expect(shareStateOf(stored, grace)).toBe('to-share');
    expect((await handlers.listClientResources({ clientId: ada })).shared.map((r) => [r.id, r.sharedAt])).toEqual([[resourceId, at(12, 5)]]);

    // Seen again (another open, another tab): nothing more.
    await open(conversation([fromAda, reply('m-2', 'Mon, Nov 23, 2026, 12:05 PM', [OTHER_LINK, LINK])]));
    expect((await timelineOf(db, ada)).filter((i) => i.kind === 'shared-resource')).toHaveLength(1);
  });

  it('a sent message to that client in another conversation counts too: the link reached them', async () => {
    clock = new Date(at(13, 0));
    await open(conversation([reply('m-9', 'Mon, Nov 23, 2026, 12:40 PM', [LINK])], 'thread-2'));
    expect((await resource()).sharedWith).toEqual({ [ada]: at(12, 40) });
  });

  it('a sent message without the link does not share it (it is contact all the same: an email)', async () => {
    clock = new Date(at(12, 10));
    await open(conversation([fromAda, reply('m-2', 'Mon, Nov 23, 2026, 12:05 PM', [OTHER_LINK])]));
    await open(conversation([fromAda, reply('m-3', 'Mon, Nov 23, 2026, 12:06 PM')]));
    expect(shareStateOf(await resource(), ada)).toBe('waiting-to-be-sent');
    expect((await timelineOf(db, ada)).some((i) => i.kind === 'shared-resource')).toBe(false);
  });

  it('a received message with the link does not share it', async () => {
    clock = new Date(at(12, 10));
    await open(conversation([fromAda, { hostMessageId: 'm-2', from: ADA, to: [ME], dateText: 'Mon, Nov 23, 2026, 12:05 PM', linkHashes: [LINK] }]));
    expect(shareStateOf(await resource(), ada)).toBe('waiting-to-be-sent');
    expect((await timelineOf(db, ada)).some((i) => i.kind === 'shared-resource')).toBe(false);
  });

  it('a sent message with the link to someone else, or sent before the insert, does not share it with Ada', async () => {
    clock = new Date(at(12, 10));
    await open(conversation([reply('m-2', 'Mon, Nov 23, 2026, 12:05 PM', [LINK], [GRACE])], 'thread-3'));
    await open(conversation([reply('m-0', 'Mon, Nov 23, 2026, 9:00 AM', [LINK])], 'thread-4'));
    expect(shareStateOf(await resource(), ada)).toBe('waiting-to-be-sent');
    // Grace had nothing waiting: the link to her is an email, no share.
    expect(shareStateOf(await resource(), grace)).toBe('to-share');
  });

  it('“Mark as shared” on a waiting-to-be-sent resource: shared now and the check-in reset', async () => {
    clock = new Date(at(12, 30));
    await handlers.markResourceShared({ resourceId, clientId: ada });
    expect((await resource()).sharedWith).toEqual({ [ada]: at(12, 30) });
    expect((await resource()).pendingFor).toEqual([]);
    expect((await adaNow()).lastContactAt).toBe(at(12, 30));
  });

  it('“Mark as not shared” on a waiting one ends the wait: a later sent message no longer shares it', async () => {
    await handlers.markResourceUnshared({ resourceId, clientId: ada });
    expect(shareStateOf(await resource(), ada)).toBe('to-share');
    clock = new Date(at(12, 10));
    await open(conversation([fromAda, reply('m-2', 'Mon, Nov 23, 2026, 12:05 PM', [LINK])]));
    expect(shareStateOf(await resource(), ada)).toBe('to-share');
  });

  it('merging the client carries the waiting share and the private note over', async () => {
    const ada2 = (await handlers.createClient({ name: 'Ada King', email: 'ada@king.example', company: '', role: '' }, { tabId: null })).clientId;
    await handlers.saveResource({ ...ARTICLE, note: 'Ada King reads Portuguese', clientIds: [ada2] });
    await handlers.mergeClients({ keepId: grace, mergeId: ada });
    const stored = await resource();
    expect(stored.pendingFor).toEqual([grace]);
    expect(stored.notes[grace]).toBe(ARTICLE.note);
  });
});

describe('the pure rules (lib/domain/shares.ts)', () => {
  const base = { id: 'r', sharedWith: {}, pendingShares: {}, pendingFor: [] as string[] };
  const pending = { insertedAt: 1_000_000, host: null, threadId: null, url: '' };

  it('waiting, sent and undone keep pendingFor the keys of pendingShares', () => {
    const waiting = withShareWaiting(withShareWaiting(base, 'a', pending), 'b', pending);
    expect(waiting.pendingFor).toEqual(['a', 'b']);
    const sent = withShareSent(waiting, 'a', 5);
    expect([sent.sharedWith, sent.pendingFor]).toEqual([{ a: 5 }, ['b']]);
    expect(shareStateOf(sent, 'a')).toBe('shared');
    expect(shareStateOf(sent, 'b')).toBe('waiting-to-be-sent');
    expect(shareStateOf(withShareWaiting(sent, 'a', pending), 'a')).toBe('waiting-to-be-sent');
    const undone = withShareUndone(withShareUndone(sent, 'a'), 'b');
    expect([undone.sharedWith, undone.pendingShares, undone.pendingFor]).toEqual([{}, {}, []]);
  });

  it('a sent message counts from the insert time less the slack, and the earliest one is the share’s time', () => {
    const resources = [{ id: 'r', pendingShares: { a: pending } }];
    const hashes = () => ['h'];
    const sent = (at: number, clientId = 'a', linkHashes = ['h']) => ({ clientId, at, linkHashes });
    expect(sharesSeenSent(resources, [sent(pending.insertedAt - SENT_AFTER_INSERT_SLACK_MS - 1)], hashes)).toEqual([]);
    expect(sharesSeenSent(resources, [sent(pending.insertedAt - SENT_AFTER_INSERT_SLACK_MS)], hashes)).toEqual([
      { resourceId: 'r', clientId: 'a', at: pending.insertedAt - SENT_AFTER_INSERT_SLACK_MS },
    ]);
    expect(sharesSeenSent(resources, [sent(2_000_000), sent(1_500_000)], hashes)).toEqual([{ resourceId: 'r', clientId: 'a', at: 1_500_000 }]);
    expect(sharesSeenSent(resources, [sent(2_000_000, 'b'), sent(2_000_000, 'a', ['x'])], hashes)).toEqual([]);
  });

  it('notes: appended without repeats, one per client, empty ones removed', () => {
    expect(appendNote('', 'For Berlin')).toBe('For Berlin');
    expect(appendNote('For Berlin', 'Berlin')).toBe('For Berlin');
    expect(appendNote('For Berlin', ' Also ')).toBe('For Berlin\nAlso');
    expect(withNote({ a: 'x', b: 'y' }, 'a', '')).toEqual({ b: 'y' });
    expect(withNote({ b: 'y' }, 'a', 'z')).toEqual({ b: 'y', a: 'z' });
  });
});
