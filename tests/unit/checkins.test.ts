import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { computeBadge } from '../../lib/background/badge';
import { memoryThreads } from './support/threads';
import type { ThreadSnapshot } from '../../lib/hosts/thread';
import { timelineOf } from '../../lib/db/timelines';

const TZ = 'Europe/Berlin';
const ME = 'me@consulting.example';
const TOKEN = 'frame-token-0123456789abcdef';
const DAY = 24 * 60 * 60 * 1000;

let clock: Date;
let db: TendDatabase;
let handlers: Handlers;


beforeEach(() => {
  fakeBrowser.reset();
  clock = new Date('2026-11-23T10:00:00Z');
  db = new TendDatabase(`checkins-${crypto.randomUUID()}`);
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify: vi.fn(), timeZone: TZ });
});

const add = (name: string, email: string) => handlers.createClient({ name, email, company: '', role: '' }, { tabId: null });
const badge = () => computeBadge(db, clock, TZ);

function thread(from: string, dateText: string): ThreadSnapshot {
  return {
    host: 'gmail',
    threadId: 'abc',
    subject: 'Catching up',
    url: 'https://mail.google.com/mail/u/0/#inbox/abc',
    accountAddress: ME,
    messages: [{ hostMessageId: `m-${from}-${dateText}`, from: { name: 'X', email: from }, to: [{ name: 'Me', email: ME }], dateText }],
  };
}

describe('check-in cadence in the data service', () => {
  it('a new Active client is due 30 days after being added, and overdue the day after', async () => {
    await add('Ada', 'ada@analytical.example');
    expect((await badge()).text).toBe('');
    clock = new Date(clock.getTime() + 30 * DAY);
    expect((await badge()).text).toBe('');
    clock = new Date(clock.getTime() + 1 * DAY);
    const overdue = await badge();
    expect(overdue.text).toBe('1');
    expect(overdue.title).toBe('Tend: 1 check-in overdue — Ada (1 day)');
  });

  it('an email seen 45 days ago makes the client overdue; logging a call clears it; a note does not', async () => {
    const { clientId } = await add('Ada', 'ada@analytical.example');
    // Added today, but the conversation's newest message is 45 days old.
    await handlers.threadChanged({ snapshot: thread('ada@analytical.example', '2026-10-09T09:00:00Z'), frameToken: TOKEN }, { tabId: 1 });
    expect((await db.clients.get(clientId))?.lastContactAt).toBe(Date.parse('2026-10-09T09:00:00Z'));
    expect((await badge()).text).toBe('1');
    expect((await badge()).color).toBe('#E8710A');
    await handlers.logInteraction({ clientId, kind: 'note', text: 'private thought' });
    expect((await badge()).text).toBe('1');
    await handlers.logInteraction({ clientId, kind: 'call', text: 'Talked about Q1' });
    expect((await badge()).text).toBe('');
  });

  it('Checked in and Snooze move the due date; tier and custom cadence change it', async () => {
    const { clientId } = await add('Ada', 'ada@analytical.example');
    clock = new Date(clock.getTime() + 40 * DAY);
    expect((await badge()).text).toBe('1');
    await handlers.snooze({ clientId, weeks: 1 });
    expect((await badge()).text).toBe('');
    clock = new Date(clock.getTime() + 8 * DAY);
    expect((await badge()).text).toBe('1');
    await handlers.checkedIn({ clientId });
    expect((await badge()).text).toBe('');
    await handlers.updateClient({ clientId, tier: 'none' });
    clock = new Date(clock.getTime() + 400 * DAY);
    expect((await badge()).text).toBe('');
    await handlers.updateClient({ clientId, tier: 'key', cadenceDays: 7 });
    expect((await badge()).text).toBe('1');
  });

  it('new tier defaults reschedule every client', async () => {
    await add('Ada', 'ada@analytical.example');
    clock = new Date(clock.getTime() + 20 * DAY);
    expect((await badge()).text).toBe('');
    await handlers.saveSettings({ tierCadences: { key: 14, active: 10, occasional: 90, none: null } });
    expect((await badge()).text).toBe('1');
  });

  it('the sidebar says where the check-in stands', async () => {
    await add('Ada', 'ada@analytical.example');
    await handlers.threadChanged({ snapshot: thread('ada@analytical.example', '2026-10-09T09:00:00Z'), frameToken: TOKEN }, { tabId: 1 });
    const view = await handlers.getSidebarView({ frameToken: TOKEN }, { tabId: 1 });
    if (view.state !== 'conversation') throw new Error('no conversation');
    expect(view.people[0]!.checkIn?.text).toBe('Check-in overdue by 15 days');
  });
});

describe('Today', () => {
  it('lists Key clients above others, then the most overdue, with dates and confirmations', async () => {
    const ada = await add('Ada', 'ada@analytical.example');
    const bob = await add('Bob', 'bob@builder.example');
    const cy = await add('Cy', 'cy@cyber.example');
    await handlers.updateClient({ clientId: cy.clientId, tier: 'key' });
    await handlers.logInteraction({ clientId: ada.clientId, kind: 'call', text: '', at: clock.getTime() - 80 * DAY });
    await handlers.addDetail({ clientId: bob.clientId, kind: 'family', text: 'Birthday', date: '1980-12-01', yearly: true });
    await handlers.logInteraction({ clientId: bob.clientId, kind: 'meeting', text: 'Kick-off', at: clock.getTime() - 3 * DAY });
    clock = new Date(clock.getTime() + 1 * DAY);
    const today = await handlers.getToday({});
    expect(today.overdue.map((row) => [row.client.name, row.days])).toEqual([
      ['Ada', 51],
    ]);
    clock = new Date(clock.getTime() + 30 * DAY);
    const later = await handlers.getToday({});
    expect(later.overdue.map((row) => row.days)).toEqual([17, 81, 4]);
    expect(later.overdue.map((row) => row.client.name)).toEqual(['Cy', 'Ada', 'Bob']);
    expect(today.upcoming.map((row) => [row.client.name, row.date.daysUntil, row.date.years])).toEqual([['Bob', 7, 46]]);
    expect(today.confirmations.map((row) => [row.client.name, row.late])).toEqual([['Bob', true]]);
  });

  it('returns the most pressing overdue rows up to a limit, with the total', async () => {
    for (let i = 0; i < 6; i += 1) await add(`Client ${i}`, `c${i}@x${i}.example`);
    const key = await add('Key Person', 'key@k.example');
    await handlers.updateClient({ clientId: key.clientId, tier: 'key' });
    clock = new Date(clock.getTime() + 40 * DAY);
    const today = await handlers.getToday({ overdueLimit: 3 });
    expect(today.overdueTotal).toBe(7);
    expect(today.overdue).toHaveLength(3);
    expect(today.overdue[0]!.client.name).toBe('Key Person');
    expect((await handlers.getToday({})).overdue).toHaveLength(7);
  });
});

describe('own addresses read from the page, and the meeting confirmations they close (issue 13, item 4)', () => {
  const BOB = 'bob@builder.example';
  /** The user's email to Bob, `minutesAgo` before now, on a page whose account is `account`. */
  function replyToBob(id: string, minutesAgo: number, { from = ME, account = ME }: { from?: string; account?: string | null } = {}): ThreadSnapshot {
    const dateText = new Date(clock.getTime() - minutesAgo * 60_000).toISOString();
    return {
      ...thread(from, dateText),
      subject: 'Kick-off: notes and next steps',
      accountAddress: account,
      messages: [{ hostMessageId: id, from: { name: 'Me', email: from }, to: [{ name: 'Bob', email: BOB }], dateText }],
    };
  }
  const see = (snapshot: ThreadSnapshot) => handlers.threadChanged({ snapshot, frameToken: TOKEN }, { tabId: 1 });
  const sidebar = () => handlers.getSidebarView({ frameToken: TOKEN }, { tabId: 1 });
  async function bobWithMeeting() {
    const bob = await add('Bob', BOB);
    await handlers.logInteraction({ clientId: bob.clientId, kind: 'meeting', text: 'Kick-off', at: clock.getTime() - DAY });
    expect((await handlers.getToday({})).confirmations).toHaveLength(1);
    return bob;
  }

  it("asks once whether the page's account address is the user's, and stores it as theirs only on Yes", async () => {
    await see(replyToBob('out-1', 1));
    const view = await sidebar();
    expect(view.state === 'conversation' && view.ownAddressQuestion).toBe(ME);
    // Used at once to tell "me" from "them": the user is not listed as a person…
    expect(view.state === 'conversation' && view.people.map((p) => p.email)).toEqual([BOB]);
    // …but waits for an answer before it is stored as theirs.
    let settings = await handlers.getSettings({});
    expect(settings.ownAddresses).toEqual([]);
    expect(settings.detectedOwnAddresses).toEqual([ME]);
    // On a page that does not vouch for it, an unconfirmed address is nobody's "me".
    await see(replyToBob('out-0', 2, { account: null }));
    const elsewhere = await sidebar();
    expect(elsewhere.state === 'conversation' && elsewhere.people.map((p) => p.email)).toEqual([ME, BOB]);

    await handlers.answerOwnAddress({ address: ME, mine: true });
    expect(((await sidebar()) as { people: Array<{ email: string | null }> }).people.map((p) => p.email)).toEqual([BOB]);
    settings = await handlers.getSettings({});
    expect(settings.ownAddresses).toEqual([ME]);
    expect(settings.detectedOwnAddresses).toEqual([]);
    const after = await sidebar();
    expect(after.state === 'conversation' && after.ownAddressQuestion).toBeNull();
  });

  it('"No" is remembered: never asked again, and that address is not the user on any page', async () => {
    const bob = await add('Bob', BOB);
    await handlers.answerOwnAddress({ address: 'someone@else.example', mine: false });
    const page = replyToBob('out-1', 1, { from: 'someone@else.example', account: 'someone@else.example' });
    await see(page);
    const view = await sidebar();
    expect(view.state === 'conversation' && view.ownAddressQuestion).toBeNull();
    // The page's account is no longer "me", so its sender is a person, and the mail is not the user's.
    expect(view.state === 'conversation' && view.people.map((p) => p.email)).toEqual([BOB, 'someone@else.example']);
    // Nothing is recorded as the user's mail to Bob (had the account been "me", it would be).
    expect(await timelineOf(db, bob.clientId)).toEqual([]);
    expect((await handlers.getSettings({})).detectedOwnAddresses).toEqual([]);
    await handlers.answerOwnAddress({ address: 'someone@else.example', mine: true });
    await see(replyToBob('out-2', 1, { from: 'someone@else.example', account: 'someone@else.example' }));
    expect((await timelineOf(db, bob.clientId)).map((i) => [i.kind, i.direction])).toEqual([['email', 'out']]);
  });

  it('an email sent from an address only the page vouches for does not close a meeting confirmation', async () => {
    await handlers.saveOwnAddresses({ addresses: ['me@home.example'] });
    await bobWithMeeting();
    await see(replyToBob('out-1', 1));
    const today = await handlers.getToday({});
    expect(today.confirmations).toHaveLength(1);
    expect(today.closedByEmail).toEqual([]);
  });

  it('once confirmed, the email already seen closes it, and Today says which, with Undo', async () => {
    const bob = await bobWithMeeting();
    await see(replyToBob('out-1', 30));
    await handlers.answerOwnAddress({ address: ME, mine: true });
    const today = await handlers.getToday({});
    expect(today.confirmations).toHaveLength(0);
    expect(today.closedByEmail).toHaveLength(1);
    const { client, followUp } = today.closedByEmail[0]!;
    expect(client.id).toBe(bob.clientId);
    expect(followUp.closedBy).toMatchObject({ subject: 'Kick-off: notes and next steps', from: ME, at: clock.getTime() - 30 * 60_000, url: 'https://mail.google.com/mail/u/0/#inbox/abc' });

    // Undo: open again, and the same email, seen again, does not close it again…
    await handlers.completeFollowUp({ id: followUp.id, done: false });
    await see(replyToBob('out-1', 30));
    // (Answering the question again re-reads every email seen: the undone one still does not count.)
    await handlers.answerOwnAddress({ address: ME, mine: true });
    let again = await handlers.getToday({});
    expect(again.confirmations.map((row) => row.followUp.id)).toEqual([followUp.id]);
    expect(again.closedByEmail).toEqual([]);
    // …while a new one from a confirmed address does.
    await see(replyToBob('out-2', 1));
    again = await handlers.getToday({});
    expect(again.confirmations).toHaveLength(0);
    expect(again.closedByEmail[0]!.followUp.closedBy.at).toBe(clock.getTime() - 60_000);
  });

  it('a confirmed address closes it as soon as its email is seen; a later one by hand names no email', async () => {
    await handlers.saveOwnAddresses({ addresses: [ME] });
    const bob = await bobWithMeeting();
    await see(replyToBob('out-1', 1));
    expect((await handlers.getToday({})).closedByEmail.map((row) => row.client.id)).toEqual([bob.clientId]);
    // Closed lately only: a week on it is no longer listed.
    clock = new Date(clock.getTime() + 8 * DAY);
    expect((await handlers.getToday({})).closedByEmail).toEqual([]);
  });

  it('an email sent before the meeting, or to someone else, keeps nothing', async () => {
    await handlers.saveOwnAddresses({ addresses: [ME] });
    await bobWithMeeting();
    await see(replyToBob('before', 2 * 24 * 60));
    const other = replyToBob('other', 1);
    other.messages[0]!.to = [{ name: 'Carol', email: 'carol@else.example' }];
    await see(other);
    expect((await handlers.getToday({})).confirmations).toHaveLength(1);
  });
});
