import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { computeBadge } from '../../lib/background/badge';
import type { TabThread, ThreadStore } from '../../lib/background/threads';
import type { ThreadSnapshot } from '../../lib/hosts/thread';

const TZ = 'Europe/Berlin';
const ME = 'me@consulting.example';
const TOKEN = 'frame-token-0123456789abcdef';
const DAY = 24 * 60 * 60 * 1000;

let clock: Date;
let db: TendDatabase;
let handlers: Handlers;

function memoryThreads(): ThreadStore {
  const map = new Map<number, TabThread>();
  return { get: async (tab) => map.get(tab) ?? null, set: async (tab, value) => void (value ? map.set(tab, value) : map.delete(tab)) };
}

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

  it('an email from the user after a meeting keeps the confirmation promise', async () => {
    const bob = await add('Bob', 'bob@builder.example');
    await handlers.logInteraction({ clientId: bob.clientId, kind: 'meeting', text: 'Kick-off', at: clock.getTime() - DAY });
    expect((await handlers.getToday({})).confirmations).toHaveLength(1);
    const reply: ThreadSnapshot = {
      ...thread(ME, new Date(clock.getTime() - 1000).toISOString()),
      messages: [{ hostMessageId: 'out-1', from: { name: 'Me', email: ME }, to: [{ name: 'Bob', email: 'bob@builder.example' }], dateText: new Date(clock.getTime() - 1000).toISOString() }],
    };
    await handlers.threadChanged({ snapshot: reply, frameToken: TOKEN }, { tabId: 1 });
    expect((await handlers.getToday({})).confirmations).toHaveLength(0);
  });
});
