/**
 * A history you can read and correct: logging at a past date, editing and deleting
 * interactions, and the last contact, next check-in and meeting follow-ups that
 * follow them (issue 15, item 4).
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { memoryThreads } from './support/threads';
import { timelineOf } from '../../lib/db/timelines';
import { protocol } from '../../lib/messaging/protocol';
import { movesLastContact, withContactsFrom, withSchedule } from '../../lib/domain/schedule';
import { LOGGED_FUTURE_ALLOWANCE_MS, loggedDateProblem } from '../../lib/domain/interactions';
import { CONFIRM_WITHIN_MS } from '../../lib/domain/confirmations';
import { DEFAULT_TIER_CADENCE } from '../../lib/domain/checkin-policy';
import { Client } from '../../lib/model';
import type { ServiceDeps } from '../../lib/background/context';

const TZ = 'UTC';
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const t = (iso: string) => Date.parse(iso);

describe('the last contact, read afresh from a timeline', () => {
  const client = Client.parse({ id: 'ada', name: 'Ada', emails: [], nameKeys: [], createdAt: t('2026-01-01T00:00:00Z'), updatedAt: 0, lastContactAt: t('2026-03-10T09:00:00Z') });

  it('moves back to the latest remaining contact, and the next check-in with it', () => {
    const timeline = [
      { kind: 'note' as const, at: t('2026-03-12T09:00:00Z') },
      { kind: 'call' as const, at: t('2026-03-01T15:30:00Z') },
      { kind: 'email' as const, at: t('2026-02-20T08:00:00Z') },
    ];
    const next = withContactsFrom(client, timeline);
    expect(next.lastContactAt).toBe(t('2026-03-01T15:30:00Z'));
    // Active: 30 days after 1 March is 31 March, from the start of that day.
    expect(withSchedule(next, DEFAULT_TIER_CADENCE, TZ).nextDueAt).toBe(t('2026-03-31T00:00:00Z'));
  });

  it('is null when only notes (or nothing) remain, and the clock runs from when the client was added', () => {
    expect(withContactsFrom(client, []).lastContactAt).toBeNull();
    const next = withContactsFrom(client, [{ kind: 'note', at: t('2026-03-12T09:00:00Z') }]);
    expect(next.lastContactAt).toBeNull();
    expect(withSchedule(next, DEFAULT_TIER_CADENCE, TZ).nextDueAt).toBe(t('2026-01-31T00:00:00Z'));
  });

  it('can also move forward, and answers the same client when nothing changes', () => {
    expect(withContactsFrom(client, [{ kind: 'gift', at: t('2026-04-01T00:00:00Z') }]).lastContactAt).toBe(t('2026-04-01T00:00:00Z'));
    expect(withContactsFrom(client, [{ kind: 'checkin', at: t('2026-03-10T09:00:00Z') }])).toBe(client);
  });

  it('is re-read only when a contact changed date or kind, or was deleted', () => {
    expect(movesLastContact({ kind: 'note', at: 1 }, { kind: 'note', at: 5 })).toBe(false);
    expect(movesLastContact({ kind: 'note', at: 1 }, null)).toBe(false);
    expect(movesLastContact({ kind: 'call', at: 1 }, { kind: 'call', at: 1 })).toBe(false);
    expect(movesLastContact({ kind: 'call', at: 1 }, { kind: 'call', at: 2 })).toBe(true);
    expect(movesLastContact({ kind: 'call', at: 1 }, { kind: 'note', at: 1 })).toBe(true);
    expect(movesLastContact({ kind: 'note', at: 1 }, { kind: 'meeting', at: 1 })).toBe(true);
    expect(movesLastContact({ kind: 'email', at: 1 }, null)).toBe(true);
  });
});

describe('a logged date', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  it('may be now or past, a few minutes ahead at most, and not before 1970', () => {
    expect(loggedDateProblem(now.getTime(), now)).toBeNull();
    expect(loggedDateProblem(0, now)).toBeNull();
    expect(loggedDateProblem(now.getTime() + LOGGED_FUTURE_ALLOWANCE_MS, now)).toBeNull();
    expect(loggedDateProblem(now.getTime() + LOGGED_FUTURE_ALLOWANCE_MS + 1, now)).toMatch(/in the future/);
    expect(loggedDateProblem(-1, now)).toMatch(/before 1970/);
  });

  it('before 1970 is refused by the protocol, with that reason', () => {
    const parsed = protocol.logInteraction.input.safeParse({ clientId: 'ada', kind: 'call', text: '', at: -DAY });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/before 1970/);
    expect(protocol.updateInteraction.input.safeParse({ clientId: 'ada', id: 'i', at: -1 }).success).toBe(false);
    expect(protocol.logInteraction.input.safeParse({ clientId: 'ada', kind: 'gift', text: 'Book', at: 0 }).success).toBe(true);
  });
});

describe('logging, editing and deleting interactions', () => {
  let clock: Date;
  let db: TendDatabase;
  let handlers: Handlers;
  let notify: Mock<ServiceDeps['notify']>;
  let clientId: string;

  beforeEach(async () => {
    fakeBrowser.reset();
    clock = new Date('2026-11-23T10:00:00Z');
    db = new TendDatabase(`history-${crypto.randomUUID()}`);
    notify = vi.fn<ServiceDeps['notify']>();
    handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify, timeZone: TZ });
    ({ clientId } = await handlers.createClient({ name: 'Ada', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null }));
  });

  const client = async () => (await db.clients.get(clientId))!;
  const ago = (days: number) => clock.getTime() - days * DAY;
  const log = (kind: 'call' | 'meeting' | 'note' | 'checkin' | 'gift', at?: number, text = '') => handlers.logInteraction({ clientId, kind, text, at });
  const openConfirmations = async () => (await db.followUps.where('clientId').equals(clientId).toArray()).filter((f) => f.kind === 'confirm-meeting' && f.doneAt === null);

  it('a past date sets the last contact to it only when it is later than the last contact', async () => {
    await log('call', ago(10));
    expect((await client()).lastContactAt).toBe(ago(10));
    await log('call', ago(20));
    expect((await client()).lastContactAt).toBe(ago(10));
    await log('call', ago(3));
    expect((await client()).lastContactAt).toBe(ago(3));
    expect((await client()).nextDueAt).toBe(t('2026-12-20T00:00:00Z'));
    expect((await timelineOf(db, clientId)).map((i) => i.at)).toEqual([ago(3), ago(10), ago(20)]);
  });

  it('logs check-ins and gifts, which count as contact', async () => {
    await log('gift', ago(5), 'A book on looms');
    expect((await client()).lastContactAt).toBe(ago(5));
    await log('checkin', ago(2));
    expect((await client()).lastContactAt).toBe(ago(2));
    expect((await timelineOf(db, clientId)).map((i) => [i.kind, i.text])).toEqual([
      ['checkin', ''],
      ['gift', 'A book on looms'],
    ]);
  });

  it('refuses a date in the future, saying so, and records nothing', async () => {
    await expect(log('call', clock.getTime() + HOUR)).rejects.toThrow(/in the future/);
    expect(await timelineOf(db, clientId)).toEqual([]);
    expect((await client()).lastContactAt).toBeNull();
    await expect(handlers.updateInteraction({ clientId, id: (await log('call', ago(1))).id, at: clock.getTime() + HOUR })).rejects.toThrow(/in the future/);
  });

  it('editing a date backwards recomputes the last contact and the next check-in', async () => {
    await log('call', ago(40));
    const { id } = await log('call', ago(1));
    expect((await client()).nextDueAt).toBe(t('2026-12-22T00:00:00Z'));
    notify.mockClear();
    const { interaction } = await handlers.updateInteraction({ clientId, id, at: ago(50), text: 'Moved' });
    expect(interaction).toMatchObject({ id, at: ago(50), text: 'Moved', kind: 'call' });
    // The call 40 days ago is now the latest contact: due 30 days after it, 10 days ago.
    expect((await client()).lastContactAt).toBe(ago(40));
    expect((await client()).nextDueAt).toBe(t('2026-11-13T00:00:00Z'));
    // Still newest first.
    expect((await timelineOf(db, clientId)).map((i) => i.at)).toEqual([ago(40), ago(50)]);
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining([`client:${clientId}`, 'clients', 'today']));
  });

  it('deleting the latest recomputes from the rest; an empty timeline leaves no last contact', async () => {
    const older = await log('call', ago(40));
    const latest = await log('meeting', ago(1), 'Kick-off');
    const { interaction } = await handlers.deleteInteraction({ clientId, id: latest.id });
    expect(interaction?.text).toBe('Kick-off');
    expect((await client()).lastContactAt).toBe(ago(40));
    await handlers.deleteInteraction({ clientId, id: older.id });
    expect(await timelineOf(db, clientId)).toEqual([]);
    const after = await client();
    expect(after.lastContactAt).toBeNull();
    // Due 30 days after the client was added (today).
    expect(after.nextDueAt).toBe(t('2026-12-23T00:00:00Z'));
    // Deleting again: already gone, nothing changes.
    expect(await handlers.deleteInteraction({ clientId, id: older.id })).toEqual({ interaction: null, undo: null });
  });

  it('a logged meeting starts its 48-hour confirmation; editing its date moves it; deleting removes it', async () => {
    const { id } = await log('meeting', ago(1), 'Pricing workshop');
    expect((await openConfirmations()).map((f) => [f.sourceId, f.dueAt])).toEqual([[id, ago(1) + CONFIRM_WITHIN_MS]]);
    await handlers.updateInteraction({ clientId, id, at: ago(3), text: 'Pricing workshop, day one' });
    expect((await openConfirmations()).map((f) => [f.sourceId, f.dueAt, f.text])).toEqual([[id, ago(3) + CONFIRM_WITHIN_MS, 'Pricing workshop, day one']]);
    await handlers.deleteInteraction({ clientId, id });
    expect(await openConfirmations()).toEqual([]);
  });

  it('a meeting turned into a call loses its open confirmation; a call turned into a meeting gains one', async () => {
    const { id } = await log('meeting', ago(1), 'Lunch');
    await handlers.updateInteraction({ clientId, id, kind: 'call' });
    expect(await openConfirmations()).toEqual([]);
    await handlers.updateInteraction({ clientId, id, kind: 'meeting' });
    expect((await openConfirmations()).map((f) => [f.sourceId, f.dueAt])).toEqual([[id, ago(1) + CONFIRM_WITHIN_MS]]);
  });

  it('a closed confirmation stays when its meeting is deleted: it is history', async () => {
    const { id } = await log('meeting', ago(1));
    const [followUp] = await openConfirmations();
    await handlers.completeFollowUp({ id: followUp!.id, done: true });
    await handlers.deleteInteraction({ clientId, id });
    expect((await db.followUps.get(followUp!.id))?.doneAt).not.toBeNull();
  });

  it('editing a note does not change the last contact: notes are not contact', async () => {
    await log('call', ago(10));
    const note = await log('note', ago(2), 'Prefers mornings');
    // Make the stored last contact differ from what the timeline says, to see it untouched.
    await db.clients.update(clientId, { lastContactAt: ago(5) });
    await handlers.updateInteraction({ clientId, id: note.id, text: 'Prefers early mornings', at: ago(1) });
    expect((await client()).lastContactAt).toBe(ago(5));
    expect((await timelineOf(db, clientId))[0]).toMatchObject({ kind: 'note', text: 'Prefers early mornings', at: ago(1) });
  });

  it('turning a note into a call makes it the last contact', async () => {
    await log('call', ago(10));
    const note = await log('note', ago(2), 'Rang about the invoice');
    await handlers.updateInteraction({ clientId, id: note.id, kind: 'call' });
    expect((await client()).lastContactAt).toBe(ago(2));
  });

  it('an interaction deleted meanwhile cannot be edited', async () => {
    const { id } = await log('call', ago(1));
    await handlers.deleteInteraction({ clientId, id });
    await expect(handlers.updateInteraction({ clientId, id, text: 'x' })).rejects.toThrow(/no longer exists/);
  });

  describe('an email seen on screen', () => {
    const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/abc';
    async function seeEmail(dateText: string | null) {
      await handlers.threadChanged(
        {
          snapshot: {
            host: 'gmail',
            threadId: 'abc',
            subject: 'Catching up',
            url: GMAIL,
            accountAddress: 'me@consulting.example',
            messages: [{ hostMessageId: 'm1', from: { name: 'Ada', email: 'ada@analytical.example' }, to: [{ name: 'Me', email: 'me@consulting.example' }], dateText }],
          },
          frameToken: 'frame-token-0123456789abcdef',
        },
        { tabId: 1 },
      );
      return (await timelineOf(db, clientId)).find((i) => i.kind === 'email')!;
    }

    it('takes a note and can be deleted, but keeps its kind, subject and a date read from the page', async () => {
      const email = await seeEmail('2026-11-20T09:00:00Z');
      expect(email.dateUncertain).toBe(false);
      await handlers.updateInteraction({ clientId, id: email.id, text: 'Asked for the slides' });
      expect((await timelineOf(db, clientId))[0]).toMatchObject({ kind: 'email', subject: 'Catching up', text: 'Asked for the slides' });
      await expect(handlers.updateInteraction({ clientId, id: email.id, at: ago(9) })).rejects.toThrow(/read from the page/);
      await expect(handlers.updateInteraction({ clientId, id: email.id, kind: 'call' })).rejects.toThrow(/stays an email/);
      await expect(handlers.updateInteraction({ clientId, id: email.id, subject: 'Other' })).rejects.toThrow(/subject/);
      await handlers.deleteInteraction({ clientId, id: email.id });
      expect(await timelineOf(db, clientId)).toEqual([]);
      expect((await client()).lastContactAt).toBeNull();
    });

    it('once deleted, is not recorded again when the conversation is seen again', async () => {
      const email = await seeEmail('2026-11-20T09:00:00Z');
      await handlers.deleteInteraction({ clientId, id: email.id });
      expect(await seeEmail('2026-11-20T09:00:00Z')).toBeUndefined();
      expect(await timelineOf(db, clientId)).toEqual([]);
      expect((await client()).lastContactAt).toBeNull();
    });

    it('whose date could not be read can be given its date', async () => {
      const email = await seeEmail('sometime');
      expect(email.dateUncertain).toBe(true);
      await handlers.updateInteraction({ clientId, id: email.id, at: ago(6) });
      expect((await timelineOf(db, clientId))[0]).toMatchObject({ at: ago(6), dateUncertain: false });
      expect((await client()).lastContactAt).toBe(ago(6));
    });
  });
});
