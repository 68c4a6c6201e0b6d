/**
 * The background's side of the first run (issue 15, item 12) and of "Write to them"
 * (item 9): a mail page's report is noted once (the third step), the mail of the
 * conversation seen is kept for Today's links, the steps follow what the user does,
 * and Dismiss is remembered. Over fake-indexeddb, as the service worker runs them.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { recordMailPage } from '../../lib/background/features/first-run';
import { readSettings } from '../../lib/background/settings';
import { memoryThreads } from './support/threads';
import type { ThreadSnapshot } from '../../lib/hosts/thread';

const TAB = 7;
const TOKEN = 'frame-token-0123456789abcdef';
const NOW = new Date(2026, 10, 23, 12, 0);
const inTab = { tabId: TAB };

function snapshot(url: string, host: ThreadSnapshot['host'] = 'gmail'): ThreadSnapshot {
  return {
    host,
    threadId: '18c2f0a1b2c3d4e5',
    subject: 'Pricing workshop',
    url,
    accountAddress: null,
    messages: [{ hostMessageId: '#msg-f:1', from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [], dateText: 'Mon, Oct 5, 2026, 3:42 PM' }],
  } as ThreadSnapshot;
}

let db: TendDatabase;
let handlers: Handlers;
let notify: ReturnType<typeof vi.fn<(topics: readonly string[]) => void>>;

beforeEach(() => {
  fakeBrowser.reset();
  db = new TendDatabase(`test-${crypto.randomUUID()}`);
  notify = vi.fn<(topics: readonly string[]) => void>();
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => NOW, notify });
});

describe('a mail page seen', () => {
  it('is noted on the first report, with or without a conversation open, and written only once', async () => {
    expect((await readSettings(db)).mailPageSeenAt).toBeNull();
    expect(await recordMailPage(db, 1000, null)).toEqual(['settings']);
    expect((await readSettings(db)).mailPageSeenAt).toBe(1000);
    expect(await recordMailPage(db, 2000, null)).toEqual([]);
    expect((await readSettings(db)).mailPageSeenAt).toBe(1000);
  });

  it('keeps the mail of the conversation seen, and changes it only when another is seen', async () => {
    expect(await recordMailPage(db, 1000, snapshot('https://mail.google.com/mail/u/1/#inbox/FMfcgzQX'))).toEqual(['settings', 'today']);
    expect((await readSettings(db)).mailApp).toEqual({ app: 'gmail', account: 'u/1/' });
    // The same account again: nothing to write.
    expect(await recordMailPage(db, 2000, snapshot('https://mail.google.com/mail/u/1/#inbox/Other'))).toEqual([]);
    // A conversation without a link says too little: what is stored stays.
    expect(await recordMailPage(db, 3000, snapshot(''))).toEqual([]);
    expect(await recordMailPage(db, 4000, snapshot('https://outlook.live.com/mail/0/inbox/id/AAQk', 'outlook'))).toEqual(['settings', 'today']);
    expect((await readSettings(db)).mailApp).toEqual({ app: 'outlook', origin: 'https://outlook.live.com' });
    expect((await readSettings(db)).mailPageSeenAt).toBe(1000);
  });

  it('threadChanged notes it and tells the pages showing settings and Today, once', async () => {
    await handlers.threadChanged({ snapshot: snapshot('https://mail.google.com/mail/u/2/#inbox/FMfcgzQX'), frameToken: TOKEN }, inTab);
    expect(notify.mock.calls.at(-1)![0]).toEqual(expect.arrayContaining(['settings', 'today']));
    expect((await handlers.getToday({})).mail).toEqual({ app: 'gmail', account: 'u/2/' });
    notify.mockClear();
    await handlers.threadChanged({ snapshot: null, frameToken: TOKEN }, inTab);
    expect(notify.mock.calls.at(-1)![0]).not.toContain('settings');
  });

  it('Today offers mailto: until a mail page is seen', async () => {
    expect((await handlers.getToday({})).mail).toEqual({ app: 'mailto' });
  });
});

describe('the first-run steps', () => {
  it('follow the addresses, the first client and the first mail page, and Dismiss is remembered', async () => {
    expect(await handlers.getFirstRun({})).toEqual({ done: { addresses: false, clients: false, mail: false }, doneCount: 0, show: true });
    await handlers.saveOwnAddresses({ addresses: ['me@consulting.example'] });
    expect((await handlers.getFirstRun({})).done).toEqual({ addresses: true, clients: false, mail: false });
    await handlers.threadChanged({ snapshot: null, frameToken: TOKEN }, inTab);
    expect((await handlers.getFirstRun({})).done).toEqual({ addresses: true, clients: false, mail: true });
    await handlers.dismissFirstRun({});
    expect(notify).toHaveBeenLastCalledWith(['settings']);
    expect(await handlers.getFirstRun({})).toMatchObject({ doneCount: 2, show: false });
    // Remembered by the database, not the handlers: a restarted worker still hides it.
    const restarted = createHandlers({ db, threads: memoryThreads(), now: () => NOW, notify });
    expect((await restarted.getFirstRun({})).show).toBe(false);
  });

  it('ends by itself once all three are done', async () => {
    await handlers.saveOwnAddresses({ addresses: ['me@consulting.example'] });
    await handlers.threadChanged({ snapshot: null, frameToken: TOKEN }, inTab);
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, inTab);
    expect(await handlers.getFirstRun({})).toEqual({ done: { addresses: true, clients: true, mail: true }, doneCount: 3, show: false });
  });
});
