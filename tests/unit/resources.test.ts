import 'fake-indexeddb/auto';
import { allInteractions, timelineOf } from '../../lib/db/timelines';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';
import { rememberingLastThread } from '../../lib/background/last-thread';
import { memoryThreads } from './support/threads';
import { INSERT_LINK_MESSAGE, isInsertLinkMessage } from '../../lib/messaging/insert-message';

const NOW = new Date(2026, 10, 23, 12, 0);
const TAB = 9;
const inTab = { tabId: TAB };
const TOKEN = 'frame-token-0123456789abcdef';
const ARTICLE = {
  url: 'https://news.example/story?utm_source=nl&id=3#top',
  canonicalUrl: 'https://news.example/story?id=3&fbclid=abc',
  title: 'Marathon training without injuries',
  site: 'News',
  byline: 'Lena',
  excerpt: 'How to train.',
  contentHtml: '<p>Train slowly.</p>',
  note: 'For Berlin',
};


let db: TendDatabase;
let handlers: Handlers;
let clock: Date;
let ada: string;
let grace: string;

beforeEach(async () => {
  fakeBrowser.reset();
  db = new TendDatabase(`test-${crypto.randomUUID()}`);
  clock = NOW;
  handlers = createHandlers({ db, threads: rememberingLastThread(memoryThreads()), now: () => clock, notify: () => {} });
  ada = (await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines', role: '' }, { tabId: null })).clientId;
  grace = (await handlers.createClient({ name: 'Grace Hopper', email: 'grace@navy.example', company: 'US Navy', role: '' }, { tabId: null })).clientId;
});

describe('saving a resource', () => {
  it('stores it once per canonical URL, without tracking parameters', async () => {
    const first = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    expect(first).toMatchObject({ existed: false, added: 1 });
    const stored = await db.resources.get(first.resourceId);
    expect(stored).toMatchObject({ url: 'https://news.example/story?id=3', canonicalUrl: 'https://news.example/story?id=3', clientIds: [ada], sharedWith: {}, savedAt: NOW.getTime() });
  });

  it('saving again adds clients, and the note to each picked client’s private note, instead of duplicating', async () => {
    const first = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    expect((await db.resources.get(first.resourceId))?.notes).toEqual({ [ada]: 'For Berlin' });
    const second = await handlers.saveResource({ ...ARTICLE, url: 'https://news.example/story?id=3&utm_medium=x', note: 'Also for the Navy', clientIds: [ada, grace] });
    expect(second).toEqual({ resourceId: first.resourceId, existed: true, added: 1 });
    expect(await db.resources.count()).toBe(1);
    const stored = await db.resources.get(first.resourceId);
    expect(stored?.clientIds).toEqual([ada, grace]);
    expect(stored?.notes).toEqual({ [ada]: 'For Berlin\nAlso for the Navy', [grace]: 'Also for the Navy' });
    // The same note again adds nothing; a save for Grace alone leaves Ada's note alone.
    await handlers.saveResource({ ...ARTICLE, note: 'Also for the Navy', clientIds: [ada] });
    await handlers.saveResource({ ...ARTICLE, note: 'Ask about Hawaii', clientIds: [grace] });
    expect((await db.resources.get(first.resourceId))?.notes).toEqual({ [ada]: 'For Berlin\nAlso for the Navy', [grace]: 'Also for the Navy\nAsk about Hawaii' });
  });

  it('refuses a second note that would take a client’s note over its limit, cutting neither', async () => {
    const first = await handlers.saveResource({ ...ARTICLE, note: 'a'.repeat(1500), clientIds: [ada] });
    await expect(handlers.saveResource({ ...ARTICLE, note: 'b'.repeat(600), clientIds: [grace, ada] })).rejects.toThrow(
      'with yours it would be 2,101 characters, over the 2,000 a note holds',
    );
    const stored = (await db.resources.get(first.resourceId))!;
    expect(stored.notes).toEqual({ [ada]: 'a'.repeat(1500) });
    expect(stored.clientIds).toEqual([ada]);
    // Grace's own note is hers: 600 characters fit.
    await handlers.saveResource({ ...ARTICLE, note: 'b'.repeat(600), clientIds: [grace] });
    expect((await db.resources.get(first.resourceId))!.notes[grace]).toBe('b'.repeat(600));
  });

  it('refuses clients that do not exist, and saves nothing', async () => {
    await expect(handlers.saveResource({ ...ARTICLE, clientIds: [ada, 'gone'] })).rejects.toThrow('no longer exists');
    expect(await db.resources.count()).toBe(0);
  });

  it('the router re-validates: web URLs only, bounded sizes, at least one client, extension pages only', async () => {
    const ownId = fakeBrowser.runtime.id;
    const origin = `chrome-extension://${ownId}/`;
    const fromPopup = { id: ownId, url: `${origin}popup.html` };
    const call = (data: unknown, sender: object = fromPopup) => route(handlers, { tend: 1, name: 'saveResource', data }, sender, ownId, origin, async () => null);
    expect(await call({ ...ARTICLE, clientIds: [ada], url: 'javascript:alert(1)' })).toMatchObject({ ok: false });
    expect(await call({ ...ARTICLE, clientIds: [ada], contentHtml: 'x'.repeat(2_000_001) })).toMatchObject({ ok: false });
    expect(await call({ ...ARTICLE, clientIds: [] })).toMatchObject({ ok: false, error: 'clientIds: Pick at least one client' });
    expect(await call({ ...ARTICLE, clientIds: [ada] }, { id: ownId, url: 'https://mail.google.com/mail/u/0/', tab: { id: 3 }, frameId: 0 })).toEqual({ ok: false, error: 'Not allowed from here.' });
    expect(await call({ ...ARTICLE, clientIds: [ada] })).toMatchObject({ ok: true });
  });
});

describe('the save popup’s client picker', () => {
  it('suggests the last conversation’s client first, then clients whose details fit, then by recent contact', async () => {
    const linus = (await handlers.createClient({ name: 'Linus', email: 'linus@kernel.example', company: 'Kernel', role: '' }, { tabId: null })).clientId;
    await handlers.addDetail({ clientId: ada, kind: 'hobby', text: 'Training for the Berlin marathon', date: null, yearly: false });
    await handlers.logInteraction({ clientId: linus, kind: 'call', text: 'quick call', at: NOW.getTime() - 1000 });
    // Grace's conversation was the last one opened.
    await handlers.threadChanged(
      {
        frameToken: TOKEN,
        snapshot: {
          host: 'gmail', threadId: '1', subject: 'Hi', url: 'https://mail.google.com/mail/u/0/#inbox/x', accountAddress: 'me@x.example',
          messages: [{ hostMessageId: null, from: { name: 'Grace Hopper', email: 'Grace@navy.example' }, to: [{ name: 'Me', email: 'me@x.example' }], dateText: null }],
        },
      },
      inTab,
    );
    const context = await handlers.getSaveContext({ url: ARTICLE.url, text: 'How to train for your first marathon' });
    expect(context.clients.map((c) => [c.name, c.reason])).toEqual([
      ['Grace Hopper', 'conversation'],
      ['Ada Lovelace', 'keywords'],
      ['Linus', null],
    ]);
    expect(context.clients[1]!.terms).toContain('marathon');
    expect(context.existing).toBeNull();
  });

  it('says when the page was saved before', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    const context = await handlers.getSaveContext({ url: 'https://news.example/story?id=3&utm_source=other', text: '' });
    // No note in it: the popup is not the place to show anyone's private note.
    expect(context.existing).toEqual({ id: resourceId, clientIds: [ada] });
  });
});

describe('waiting to be shared, and sharing into a reply', () => {
  it('lists a client’s resources newest first, without their HTML', async () => {
    await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    clock = new Date(NOW.getTime() + 60_000);
    await handlers.saveResource({ ...ARTICLE, canonicalUrl: 'https://other.example/b', url: 'https://other.example/b', title: 'Second', contentHtml: '', clientIds: [ada, grace] });
    const list = await handlers.listClientResources({ clientId: ada });
    expect(list.waiting.map((r) => [r.title, r.hasArticle])).toEqual([['Second', false], [ARTICLE.title, true]]);
    expect(list.shared).toEqual([]);
    expect(list.waitingToBeSent).toEqual([]);
    expect(JSON.stringify(list)).not.toContain('<p>');
    expect((await handlers.listClientResources({ clientId: grace })).waiting.map((r) => r.title)).toEqual(['Second']);
  });

  it('inserts title, link and the typed message (never the note) through the mail tab’s content script; it then waits to be sent, with no contact', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada, grace] });
    const before = await db.clients.get(ada);
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ inserted: true } as never);
    const result = await handlers.insertIntoReply({ resourceId, clientId: ada, message: 'Thought of your Berlin run' }, inTab);
    expect(result).toMatchObject({ inserted: true, waitingToBeSentSince: NOW.getTime() });
    expect(sent).toHaveBeenCalledWith(
      TAB,
      { type: INSERT_LINK_MESSAGE, title: ARTICLE.title, url: 'https://news.example/story?id=3', message: 'Thought of your Berlin run' },
      { frameId: 0 },
    );
    expect(isInsertLinkMessage(sent.mock.calls[0]![1])).toBe(true);
    expect(JSON.stringify(sent.mock.calls)).not.toContain('For Berlin');

    const list = await handlers.listClientResources({ clientId: ada });
    expect(list.waiting).toEqual([]);
    expect(list.shared).toEqual([]);
    expect(list.waitingToBeSent.map((r) => [r.id, r.waitingToBeSentSince, r.sharedAt])).toEqual([[resourceId, NOW.getTime(), null]]);
    // Still waiting for Grace: shared per client.
    expect((await handlers.listClientResources({ clientId: grace })).waiting).toHaveLength(1);
    // A draft is no contact: nothing logged, the check-in clock did not move.
    expect(await timelineOf(db, ada)).toEqual([]);
    const after = await db.clients.get(ada);
    expect([after?.lastContactAt, after?.nextDueAt]).toEqual([before?.lastContactAt, before?.nextDueAt]);
    expect((await db.resources.get(resourceId))?.pendingFor).toEqual([ada]);
  });

  it('with no reply open nothing is marked; the text to copy comes back (the message, title and link, no note)', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ inserted: false } as never);
    const result = await handlers.insertIntoReply({ resourceId, clientId: ada, message: '' }, inTab);
    expect(result).toEqual({ inserted: false, text: `${ARTICLE.title}\nhttps://news.example/story?id=3` });
    expect(await handlers.insertIntoReply({ resourceId, clientId: ada, message: 'Have a look' }, inTab)).toEqual({
      inserted: false,
      text: `Have a look\n${ARTICLE.title}\nhttps://news.example/story?id=3`,
    });
    expect((await handlers.listClientResources({ clientId: ada })).waiting).toHaveLength(1);
    expect(await allInteractions(db)).toHaveLength(0);
  });

  it('a tab without our content script (sendMessage throws) is the same as no reply', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection'));
    expect(await handlers.insertIntoReply({ resourceId, clientId: ada, message: '' }, inTab)).toMatchObject({ inserted: false });
  });

  it('marked shared by hand: shared now, logged, and the check-in resets (the user said so)', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    expect(await handlers.markResourceShared({ resourceId, clientId: ada })).toEqual({ sharedAt: NOW.getTime(), undo: expect.any(String) });
    expect((await db.resources.get(resourceId))?.sharedWith).toEqual({ [ada]: NOW.getTime() });
    expect((await timelineOf(db, ada)).map((i) => i.kind)).toEqual(['shared-resource']);
    expect((await db.clients.get(ada))?.lastContactAt).toBe(NOW.getTime());
  });

  it('can be shared again on purpose: it waits to be sent anew, the earlier share stays; Mark as shared ends the wait', async () => {
    const { resourceId } = await handlers.saveResource({ ...ARTICLE, clientIds: [ada] });
    await handlers.markResourceShared({ resourceId, clientId: ada });
    clock = new Date(NOW.getTime() + 86_400_000);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ inserted: true } as never);
    await handlers.insertIntoReply({ resourceId, clientId: ada, message: '' }, inTab);
    expect((await db.resources.get(resourceId))?.sharedWith[ada]).toBe(NOW.getTime());
    expect((await handlers.listClientResources({ clientId: ada })).waitingToBeSent.map((r) => r.id)).toEqual([resourceId]);
    expect(await allInteractions(db)).toHaveLength(1);
    await handlers.markResourceShared({ resourceId, clientId: ada });
    const stored = await db.resources.get(resourceId);
    expect([stored?.sharedWith[ada], stored?.pendingShares, stored?.pendingFor]).toEqual([clock.getTime(), {}, []]);
    expect((await handlers.listClientResources({ clientId: ada })).shared.map((r) => r.id)).toEqual([resourceId]);
    expect(await allInteractions(db)).toHaveLength(2);
    expect((await db.clients.get(ada))?.lastContactAt).toBe(clock.getTime());
  });
});

describe('managing a client’s resources (the client page)', () => {
  let notify: ReturnType<typeof vi.fn<() => void>>;
  let managed: Handlers;
  beforeEach(() => {
    notify = vi.fn<() => void>();
    managed = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify });
  });

  it('the client page lists each with this client’s private note, whether there is a copy to read, and how many others have it', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada, grace] });
    await managed.setResourceNote({ resourceId, clientId: grace, note: 'For Grace only' });
    const page = await managed.getClientPage({ clientId: ada });
    expect(page.resources).toEqual([
      expect.objectContaining({ id: resourceId, note: 'For Berlin', hasArticle: true, sharedAt: null, waitingToBeSentSince: null, otherClients: 1 }),
    ]);
    expect((await managed.getClientPage({ clientId: grace })).resources[0]?.note).toBe('For Grace only');
    expect(JSON.stringify(await managed.listClientResources({ clientId: ada }))).not.toContain('For Grace only');
  });

  it('edits one client’s private note (trimmed), tells live views, and search finds the new words', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada, grace] });
    notify.mockClear();
    expect(await managed.setResourceNote({ resourceId, clientId: ada, note: 'Ask about her splits' })).toEqual({ note: 'Ask about her splits' });
    expect((await db.resources.get(resourceId))?.notes).toEqual({ [ada]: 'Ask about her splits', [grace]: 'For Berlin' });
    expect(notify).toHaveBeenCalledTimes(1);
    expect((await managed.search({ query: 'splits', limit: 20 })).resources.map((r) => r.id)).toEqual([resourceId]);
    await managed.setResourceNote({ resourceId, clientId: ada, note: '' });
    expect((await db.resources.get(resourceId))?.notes).toEqual({ [grace]: 'For Berlin' });
    expect((await managed.search({ query: 'splits', limit: 20 })).resources).toEqual([]);
    await expect(managed.setResourceNote({ resourceId: 'gone', clientId: ada, note: 'x' })).rejects.toThrow('That saved page no longer exists.');
    const linus = (await managed.createClient({ name: 'Linus', email: 'linus@kernel.example', company: '', role: '' }, { tabId: null })).clientId;
    await expect(managed.setResourceNote({ resourceId, clientId: linus, note: 'x' })).rejects.toThrow('not saved for this client');
  });

  it('the reader gets the page without anyone’s private note', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada] });
    const page = await managed.getResource({ id: resourceId });
    expect(page).toMatchObject({ id: resourceId, title: ARTICLE.title, contentHtml: ARTICLE.contentHtml });
    expect(JSON.stringify(page)).not.toContain('For Berlin');
  });

  it('removing it from one client keeps it (and its shares) for the others; from the last one deletes it', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada, grace] });
    await managed.markResourceShared({ resourceId, clientId: ada });
    await managed.markResourceShared({ resourceId, clientId: grace });
    notify.mockClear();

    expect(await managed.removeResourceFromClient({ resourceId, clientId: ada })).toEqual({ deleted: false, clientsLeft: 1 });
    expect(notify).toHaveBeenCalledTimes(1);
    const kept = await db.resources.get(resourceId);
    expect(kept?.clientIds).toEqual([grace]);
    expect(kept?.sharedWith).toEqual({ [grace]: NOW.getTime() });
    // Ada's private note went with her.
    expect(kept?.notes).toEqual({ [grace]: 'For Berlin' });
    expect((await managed.getClientPage({ clientId: ada })).resources).toEqual([]);
    expect((await managed.getClientPage({ clientId: grace })).resources.map((r) => [r.id, r.otherClients])).toEqual([[resourceId, 0]]);
    // Unlinking again changes nothing.
    expect(await managed.removeResourceFromClient({ resourceId, clientId: ada })).toEqual({ deleted: false, clientsLeft: 1 });
    // The history of the share stays in Ada's timeline.
    expect((await timelineOf(db, ada)).map((i) => i.kind)).toEqual(['shared-resource']);

    expect(await managed.removeResourceFromClient({ resourceId, clientId: grace })).toEqual({ deleted: true, clientsLeft: 0 });
    expect(await db.resources.count()).toBe(0);
    expect((await managed.search({ query: 'marathon', limit: 20 })).resources).toEqual([]);
    await expect(managed.removeResourceFromClient({ resourceId, clientId: grace })).rejects.toThrow('That saved page no longer exists.');
  });

  it('marks it shared, and back to "to share" for that client only', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada, grace] });
    await managed.markResourceShared({ resourceId, clientId: ada });
    await managed.markResourceShared({ resourceId, clientId: grace });
    notify.mockClear();
    await managed.markResourceUnshared({ resourceId, clientId: ada });
    expect(notify).toHaveBeenCalledTimes(1);
    expect((await managed.listClientResources({ clientId: ada })).waiting.map((r) => r.id)).toEqual([resourceId]);
    expect((await managed.listClientResources({ clientId: grace })).shared.map((r) => r.id)).toEqual([resourceId]);
    expect((await managed.getClientPage({ clientId: ada })).resources[0]?.sharedAt).toBeNull();
    // Not shared: nothing to undo.
    await managed.markResourceUnshared({ resourceId, clientId: ada });
    expect((await db.resources.get(resourceId))?.sharedWith).toEqual({ [grace]: NOW.getTime() });
  });

  it('the router validates: bounded note, known shapes, extension pages only', async () => {
    const { resourceId } = await managed.saveResource({ ...ARTICLE, clientIds: [ada] });
    const ownId = fakeBrowser.runtime.id;
    const origin = `chrome-extension://${ownId}/`;
    const fromDashboard = { id: ownId, url: `${origin}dashboard.html` };
    const call = (name: string, data: unknown, sender: object = fromDashboard) => route(managed, { tend: 1, name, data }, sender, ownId, origin, async () => null);
    expect(await call('setResourceNote', { resourceId, clientId: ada, note: 'x'.repeat(2001) })).toMatchObject({ ok: false });
    expect(await call('removeResourceFromClient', { resourceId })).toMatchObject({ ok: false, error: expect.stringContaining('clientId') });
    const mailPage = { id: ownId, url: 'https://mail.google.com/mail/u/0/', tab: { id: 3 }, frameId: 0 };
    expect(await call('removeResourceFromClient', { resourceId, clientId: ada }, mailPage)).toEqual({ ok: false, error: 'Not allowed from here.' });
    expect(await call('setResourceNote', { resourceId, clientId: ada, note: '  Trimmed  ' })).toEqual({ ok: true, value: { note: 'Trimmed' } });
    expect(await call('removeResourceFromClient', { resourceId, clientId: ada })).toEqual({ ok: true, value: { deleted: true, clientsLeft: 0 } });
  });
});

describe('the insert message shape check (content script side)', () => {
  const good = { type: INSERT_LINK_MESSAGE, title: 'T', url: 'https://x.example/', message: '' };
  it('accepts exactly the expected shape', () => expect(isInsertLinkMessage(good)).toBe(true));
  it.each([
    ['javascript URL', { ...good, url: 'javascript:alert(1)' }],
    ['data URL', { ...good, url: 'data:text/html,x' }],
    ['extra key', { ...good, html: '<b>x</b>' }],
    ['missing key', { type: INSERT_LINK_MESSAGE, title: 'T', url: 'https://x.example/' }],
    ['long title', { ...good, title: 'x'.repeat(501) }],
    ['wrong type', { ...good, type: 'other' }],
    ['non-string', { ...good, message: 5 }],
    ['a note instead of the message', { type: INSERT_LINK_MESSAGE, title: 'T', url: 'https://x.example/', note: 'private' }],
    ['a note besides the message', { ...good, note: 'private' }],
    ['long message', { ...good, message: 'x'.repeat(2001) }],
    ['array', [good]],
    ['null', null],
  ])('rejects %s', (_name, value) => expect(isInsertLinkMessage(value)).toBe(false));
});
