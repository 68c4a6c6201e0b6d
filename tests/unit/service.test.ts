import 'fake-indexeddb/auto';
import { allInteractions } from '../../lib/db/timelines';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { MAX_OTHERS_SENT } from '../../lib/background/features/sidebar';
import { route } from '../../lib/background/router';
import { sessionThreadStore } from '../../lib/background/threads';
import { memoryThreads } from './support/threads';
import type { ThreadSnapshot } from '../../lib/hosts/thread';

const ME = 'me@consulting.example';
const TAB = 7;
const NOW = new Date(2026, 10, 23, 12, 0);

function snapshot(overrides: Partial<ThreadSnapshot> = {}): ThreadSnapshot {
  return {
    host: 'gmail',
    threadId: '18c2f0a1b2c3d4e5',
    subject: 'Pricing workshop',
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX',
    accountAddress: ME,
    messages: [
      {
        hostMessageId: '#msg-f:1',
        from: { name: 'Ada Lovelace', email: 'Ada@Analytical.example' },
        to: [{ name: 'Me', email: ME }],
        dateText: 'Mon, Oct 5, 2026, 3:42 PM',
      },
      {
        hostMessageId: '#msg-f:2',
        from: { name: 'Me', email: ME },
        to: [
          { name: 'Ada Lovelace', email: 'ada@analytical.example' },
          { name: 'Charles Babbage', email: 'charles@analytical.example' },
        ],
        dateText: 'Tue, Oct 6, 2026, 9:00 AM',
      },
    ],
    ...overrides,
  };
}


let db: TendDatabase;
let handlers: Handlers;
let notify: ReturnType<typeof vi.fn<() => void>>;
const inTab = { tabId: TAB };
const TOKEN = 'frame-token-0123456789abcdef';

beforeEach(async () => {
  fakeBrowser.reset();
  db = new TendDatabase(`test-${crypto.randomUUID()}`);
  notify = vi.fn<() => void>();
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => NOW, notify });
});

async function view() {
  const result = await handlers.getSidebarView({ frameToken: TOKEN }, inTab);
  if (result.state !== 'conversation') throw new Error(`expected a conversation, got ${result.state}`);
  return result;
}

describe('the sidebar view of a conversation', () => {
  it('is neutral when no conversation is open in the tab', async () => {
    expect(await handlers.getSidebarView({ frameToken: TOKEN }, inTab)).toEqual({ state: 'no-conversation' });
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect(await handlers.getSidebarView({ frameToken: TOKEN }, { tabId: TAB + 1 })).toEqual({ state: 'no-conversation' });
    await handlers.threadChanged({ snapshot: null, frameToken: TOKEN }, inTab);
    expect(await handlers.getSidebarView({ frameToken: TOKEN }, inTab)).toEqual({ state: 'no-conversation' });
  });

  it('shows the conversation only to the frame holding the content script’s token', async () => {
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect((await handlers.getSidebarView({ frameToken: TOKEN }, inTab)).state).toBe('conversation');
    expect(await handlers.getSidebarView({ frameToken: 'forged-by-the-page-000000' }, inTab)).toEqual({ state: 'no-conversation' });
    expect(await handlers.getSidebarView({ frameToken: '' }, inTab)).toEqual({ state: 'no-conversation' });
  });

  it('lists unknown correspondents, never the user, sender first', async () => {
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    const result = await view();
    expect(result.people.map((p) => [p.email, p.match, p.isSender])).toEqual([
      ['ada@analytical.example', 'unknown', true],
      ['charles@analytical.example', 'unknown', false],
    ]);
    expect(notify).toHaveBeenCalled();
  });

  it('recognises a client by any of their addresses, case-insensitively, and records each message once', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ADA@analytical.example', company: 'Analytical', role: 'CTO' }, inTab);
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab); // seen again: no duplicates
    const result = await view();
    const ada = result.people[0]!;
    expect(ada.match).toBe('client');
    expect(ada.client?.id).toBe(clientId);
    expect(ada.interactions.map((i) => [i.direction, i.subject, i.dateUncertain])).toEqual([
      ['out', 'Pricing workshop', false],
      ['in', 'Pricing workshop', false],
    ]);
    expect(ada.interactions[0]!.at).toBe(new Date(2026, 9, 6, 9, 0).getTime());
    expect(await allInteractions(db)).toHaveLength(2);
  });

  it('adding a client from the open conversation records the messages already on screen', async () => {
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect(await allInteractions(db)).toHaveLength(0);
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    const ada = (await view()).people[0]!;
    expect(ada.interactions.map((i) => i.direction)).toEqual(['out', 'in']);
    expect(ada.client?.lastContactAt).toBe(new Date(2026, 9, 6, 9, 0).getTime());
  });

  it('offers a colleague at a client company domain, but never for public mail domains', async () => {
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines', role: '' }, inTab);
    await handlers.createClient({ name: 'Pat Gmail', email: 'pat@gmail.com', company: 'Solo', role: '' }, inTab);
    const thread = snapshot();
    thread.messages[1]!.to.push({ name: 'Sam', email: 'sam@gmail.com' });
    await handlers.threadChanged({ snapshot: thread, frameToken: TOKEN }, inTab);
    const people = (await view()).people;
    const charles = people.find((p) => p.email === 'charles@analytical.example')!;
    expect(charles.match).toBe('colleague');
    expect(charles.client?.company).toBe('Analytical Engines');
    expect(people.find((p) => p.email === 'sam@gmail.com')!.match).toBe('unknown');
  });

  it('matches by name only as "probable", and a confirmed address makes it certain', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: null, company: '', role: '' }, inTab);
    const names = snapshot({
      host: 'outlook',
      messages: [{ hostMessageId: null, from: { name: 'Ada Lovelace', email: null }, to: [{ name: 'Me', email: ME }], dateText: null }],
    });
    await handlers.threadChanged({ snapshot: names, frameToken: TOKEN }, inTab);
    let ada = (await view()).people[0]!;
    expect(ada.match).toBe('probable');
    expect(await allInteractions(db)).toHaveLength(0); // a guess records nothing
    await handlers.confirmClientName({ clientId, name: 'Ada Lovelace' }, inTab);
    ada = (await view()).people[0]!;
    expect(ada.match).toBe('client');
    expect(ada.interactions).toHaveLength(1);
    expect(ada.interactions[0]!.dateUncertain).toBe(true);
  });

  it('sends everyone of a 200-person conversation, known clients first, the others without details', async () => {
    await handlers.createClient({ name: 'Client 150', email: 'p150@corp.example', company: 'Corp', role: '' }, inTab);
    const to = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@corp.example` }));
    await handlers.threadChanged(
      { snapshot: snapshot({ messages: [{ hostMessageId: 'm', from: { name: 'Me', email: ME }, to, dateText: null }] }), frameToken: TOKEN },
      inTab,
    );
    const result = await view();
    expect(result.people[0]).toMatchObject({ match: 'client', client: { name: 'Client 150' } });
    expect(result.people).toHaveLength(200);
    expect(result.more).toBe(0);
    // The others keep the conversation's order, and carry nothing but who they are.
    expect(result.people.slice(1, 4).map((p) => p.email)).toEqual(['p0@corp.example', 'p1@corp.example', 'p2@corp.example']);
    expect(result.people.slice(1).every((p) => p.match === 'colleague' && p.details.length === 0 && p.interactions.length === 0 && p.checkIn === null)).toBe(true);
  });

  it('bounds the others it sends and counts the rest honestly', async () => {
    await handlers.createClient({ name: 'Client 7', email: 'c7@crowd.example', company: '', role: '' }, inTab);
    const messages = [0, 1, 2].map((m) => ({
      hostMessageId: `m${m}`,
      from: m === 0 ? { name: 'Client 7', email: 'c7@crowd.example' } : { name: 'Me', email: ME },
      to: Array.from({ length: 400 }, (_, i) => ({ name: `Person ${m}-${i}`, email: `p${m}-${i}@gmail.com` })),
      dateText: null,
    }));
    await handlers.threadChanged({ snapshot: snapshot({ messages }), frameToken: TOKEN }, inTab);
    const result = await view();
    expect(result.people[0]!.client?.name).toBe('Client 7');
    expect(result.people).toHaveLength(1 + MAX_OTHERS_SENT);
    expect(result.more).toBe(1200 - MAX_OTHERS_SENT);
  });

  it('Not them: a name-only match is not offered as that client again', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical', role: '' }, inTab);
    const names = snapshot({
      host: 'outlook',
      messages: [{ hostMessageId: null, from: { name: 'Ada Lovelace', email: null }, to: [{ name: 'Me', email: ME }], dateText: null }],
    });
    await handlers.threadChanged({ snapshot: names, frameToken: TOKEN }, inTab);
    expect((await view()).people[0]!.match).toBe('probable');
    notify.mockClear();
    await handlers.rejectClientName({ clientId, name: 'Ada Lovelace' });
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining([`client:${clientId}`, 'people']));
    expect((await view()).people[0]).toMatchObject({ name: 'Ada Lovelace', match: 'unknown', client: null });
    // Asked again (a second click, a second sidebar): nothing more to remember.
    await handlers.rejectClientName({ clientId, name: ' ada   LOVELACE ' });
    expect((await db.clients.get(clientId))!.rejectedNameKeys).toEqual(['ada lovelace']);
    // Her own address still says it is her.
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect((await view()).people[0]).toMatchObject({ match: 'client', client: { id: clientId } });
  });

  it('Not them works on a client stored before the list existed', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    const { rejectedNameKeys: _dropped, ...older } = (await db.clients.get(clientId))!;
    await db.clients.put(older as never);
    await handlers.rejectClientName({ clientId, name: 'Ada Lovelace' });
    expect((await db.clients.get(clientId))!.rejectedNameKeys).toEqual(['ada lovelace']);
  });

  it('treats addresses from settings and the account as the user', async () => {
    await handlers.saveOwnAddresses({ addresses: ['charles@analytical.example'] });
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect((await view()).people.map((p) => p.email)).toEqual(['ada@analytical.example']);
    expect((await handlers.getSettings({})).detectedOwnAddresses).toEqual([ME]);
  });
});

describe("the folded sidebar's warning", () => {
  const told = (overdue: boolean) => [TAB, { type: 'tend-checkin-overdue', overdue }, { frameId: 0 }];

  it('tells the tab whether a client certainly in the conversation is overdue, only when that changes', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined as never);
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    await view();
    expect(sent.mock.calls).toEqual([told(false)]);
    // Ada's email of 5 October, seen now: 49 days without contact, past the active tier's 30.
    const { clientId } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    expect((await view()).people[0]!.checkIn?.state).toBe('overdue');
    expect(sent.mock.calls).toEqual([told(false), told(true)]);
    await view();
    expect(sent).toHaveBeenCalledTimes(2);
    await handlers.checkedIn({ clientId });
    await view();
    expect(sent.mock.calls.at(-1)).toEqual(told(false));
    // A reloaded page (a new content script, a new token) is told again.
    await handlers.threadChanged({ snapshot: null, frameToken: `${TOKEN}-reloaded` }, inTab);
    await handlers.getSidebarView({ frameToken: `${TOKEN}-reloaded` }, inTab);
    expect(sent.mock.calls.at(-1)).toEqual(told(false));
    expect(sent).toHaveBeenCalledTimes(4);
  });

  it('does not warn for a name-only guess, and tells nothing to a frame without the token', async () => {
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined as never);
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect((await view()).people[0]!.checkIn?.state).toBe('overdue');
    sent.mockClear();
    const names = snapshot({
      host: 'outlook',
      messages: [{ hostMessageId: null, from: { name: 'Ada Lovelace', email: null }, to: [{ name: 'Me', email: ME }], dateText: null }],
    });
    await handlers.threadChanged({ snapshot: names, frameToken: TOKEN }, inTab);
    expect((await view()).people[0]!.match).toBe('probable');
    expect(sent.mock.calls).toEqual([told(false)]);
    await handlers.getSidebarView({ frameToken: 'forged-by-the-page-000000' }, inTab);
    expect(sent).toHaveBeenCalledTimes(1);
  });

  it('a tab without our content script does not fail the view', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    await handlers.threadChanged({ snapshot: snapshot(), frameToken: TOKEN }, inTab);
    expect((await view()).people).toHaveLength(2);
  });
});

describe('writes', () => {
  it('refuses an address that already belongs to another client', async () => {
    await handlers.createClient({ name: 'Ada', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    await expect(handlers.createClient({ name: 'Imposter', email: 'ada@analytical.example', company: '', role: '' }, inTab)).rejects.toThrow(
      /already belongs to Ada/,
    );
    expect(await db.clients.count()).toBe(1);
  });

  it('adds, edits, deletes and (with Undo) restores a detail', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    const { id } = await handlers.addDetail({ clientId, kind: 'family', text: 'Daughter graduates in June', date: '2027-06-12', yearly: false });
    await handlers.updateDetail({ id, kind: 'milestone', text: 'Daughter graduates on 12 June', date: '2027-06-12', yearly: false });
    expect((await db.details.get(id))?.kind).toBe('milestone');
    const { undo } = await handlers.deleteDetail({ id });
    expect(await db.details.count()).toBe(0);
    await handlers.undo({ token: undo! });
    expect((await db.details.get(id))?.text).toBe('Daughter graduates on 12 June');
  });

  it('logs a note against an existing client only', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada', email: null, company: '', role: '' }, inTab);
    await handlers.logInteraction({ clientId, kind: 'call', text: 'Talked about Q3' });
    expect((await allInteractions(db)).map((i) => [i.kind, i.text, i.at])).toEqual([['call', 'Talked about Q3', NOW.getTime()]]);
    await expect(handlers.logInteraction({ clientId: 'nope', kind: 'note', text: 'x' })).rejects.toThrow(/no longer exists/);
  });
});

describe('the router', () => {
  const ownId = 'tend-id';
  const origin = 'chrome-extension://tend-id/';
  const sidebar = { id: ownId, url: `${origin}sidebar.html`, tab: { id: TAB, url: 'https://mail.google.com/mail/u/0/' }, frameId: 4 } as never;
  const tokenOf = async (tabId: number) => (tabId === TAB ? TOKEN : null);
  const gmailTab = { id: ownId, url: 'https://mail.google.com/mail/u/0/#inbox', frameId: 0, tab: { id: TAB } } as never;

  it('validates input and answers with a readable error', async () => {
    const reply = await route(handlers, { tend: 1, name: 'addDetail', data: { clientId: 'x', kind: 'pets', text: '' }, frameToken: TOKEN }, sidebar, ownId, origin, tokenOf);
    // The first problem, with the field it is in, in words a person can act on.
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^kind: /) });
    const empty = await route(handlers, { tend: 1, name: 'addDetail', data: { clientId: 'x', kind: 'family', text: '  ' }, frameToken: TOKEN }, sidebar, ownId, origin, tokenOf);
    expect(empty).toEqual({ ok: false, error: 'text: Write the detail' });
    expect(await db.details.count()).toBe(0);
  });

  it('refuses data changes from a content script and conversation reports from elsewhere', async () => {
    const create = { tend: 1, name: 'createClient', data: { name: 'Mallory', email: null }, frameToken: TOKEN };
    expect(await route(handlers, create, gmailTab, ownId, origin, tokenOf)).toEqual({ ok: false, error: 'Not allowed from here.' });
    const report = { tend: 1, name: 'threadChanged', data: { snapshot: snapshot(), frameToken: TOKEN } };
    expect((await route(handlers, report, sidebar, ownId, origin, tokenOf)).ok).toBe(false);
    const otherExtension = { ...(sidebar as object), id: 'someone-else' } as never;
    expect((await route(handlers, create, otherExtension, ownId, origin, tokenOf)).ok).toBe(false);
    const framedInGmail = { id: ownId, url: 'https://mail.google.com/mail/u/0/', frameId: 3, tab: { id: TAB } } as never;
    expect((await route(handlers, report, framedInGmail, ownId, origin, tokenOf)).ok).toBe(false);
    expect(await db.clients.count()).toBe(0);
    expect((await route(handlers, report, gmailTab, ownId, origin, tokenOf)).ok).toBe(true);
    expect((await route(handlers, create, sidebar, ownId, origin, tokenOf)).ok).toBe(true);
  });

  it('answers a sidebar only with the token its tab’s content script registered', async () => {
    const threads = memoryThreads();
    const guarded = createHandlers({ db, threads, now: () => NOW, notify });
    const registered = async (tabId: number) => (await threads.get(tabId))?.frameToken ?? null;
    const call = (name: string, data: unknown, sender: object, frameToken?: string) =>
      route(guarded, { tend: 1, name, data, ...(frameToken === undefined ? {} : { frameToken }) }, sender as never, ownId, origin, registered);
    const create = { name: 'Mallory', email: null };
    const refused = { ok: false, error: 'Not allowed from here.' };
    // Before the content script registered any token, nothing is answered, not even the view.
    expect(await call('getSidebarView', { frameToken: TOKEN }, sidebar, TOKEN)).toEqual(refused);
    expect((await call('threadChanged', { snapshot: snapshot(), frameToken: TOKEN }, gmailTab)).ok).toBe(true);
    // A frame without the token, or with a guessed one, reads and writes nothing.
    for (const token of [undefined, '', 'guessed-token-000000000000']) {
      expect(await call('getSidebarView', { frameToken: token ?? '' }, sidebar, token)).toEqual(refused);
      expect(await call('getSettings', {}, sidebar, token)).toEqual(refused);
      expect(await call('search', { query: 'Ada' }, sidebar, token)).toEqual(refused);
      expect(await call('createClient', create, sidebar, token)).toEqual(refused);
    }
    // Another tab's token is not this tab's.
    const otherTab = { ...(sidebar as object), tab: { id: TAB + 1, url: 'https://mail.google.com/mail/u/1/' } };
    expect(await call('createClient', create, otherTab, TOKEN)).toEqual(refused);
    expect(await db.clients.count()).toBe(0);
    // The frame holding it is answered.
    expect(await call('getSidebarView', { frameToken: TOKEN }, sidebar, TOKEN)).toMatchObject({ ok: true, value: { state: 'conversation' } });
    expect((await call('createClient', create, sidebar, TOKEN)).ok).toBe(true);
    // A reload of the mail page registers a new token: the old one is refused from then on.
    expect((await call('threadChanged', { snapshot: null, frameToken: 'frame-token-after-reload-0000' }, gmailTab)).ok).toBe(true);
    expect(await call('getSettings', {}, sidebar, TOKEN)).toEqual(refused);
  });

  it('rejects unknown names and prototype keys', async () => {
    expect((await route(handlers, { tend: 1, name: '__proto__', data: {} }, sidebar, ownId, origin, tokenOf)).ok).toBe(false);
    expect((await route(handlers, { tend: 1, name: 'constructor', data: {} }, sidebar, ownId, origin, tokenOf)).ok).toBe(false);
  });
});

describe('the session thread store', () => {
  it('keeps a tab’s conversation across worker restarts and drops invalid shapes', async () => {
    await sessionThreadStore.set(3, { snapshot: snapshot(), frameToken: TOKEN });
    expect((await sessionThreadStore.get(3))?.snapshot?.subject).toBe('Pricing workshop');
    await fakeBrowser.storage.session.set({ 'thread:4': { host: 'imap' } });
    expect(await sessionThreadStore.get(4)).toBeNull();
    await sessionThreadStore.set(3, null);
    expect(await sessionThreadStore.get(3)).toBeNull();
  });
});
