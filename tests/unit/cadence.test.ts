import { afterEach, describe, expect, it, vi } from 'vitest';
import { badgeFor } from '../../lib/domain/badge';
import { addDays, daysBetween, dayOf, startOfDayAt } from '../../lib/domain/calendar';
import {
  cadenceOf,
  checkInStatus,
  CONTACT_KINDS,
  countsAsContact,
  DEFAULT_TIER_CADENCE,
  dueDay,
  lastContactOf,
  snoozeDay,
  type CheckInStatus,
  type TierCadences,
} from '../../lib/domain/checkin-policy';
import { describeCheckIn } from '../../lib/domain/checkin-wording';
import { CONFIRM_WITHIN_MS, closingEmail, meetingTimeOf } from '../../lib/domain/confirmations';
import { upcomingDates } from '../../lib/domain/upcoming-dates';
import { Client, INTERACTION_KINDS, type Detail, type Interaction } from '../../lib/model';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const UTC = 'UTC';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const t = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
  return ms;
};
const at = (iso: string): Date => new Date(t(iso));

function due(over: Partial<Parameters<typeof dueDay>[0]> = {}): Parameters<typeof dueDay>[0] {
  return { createdAt: t('2026-01-01T12:00:00Z'), lastContactAt: null, snoozedUntil: null, cadenceDays: 30, ...over };
}

let nextId = 0;
function detail(over: Partial<Detail> & Pick<Detail, 'date'>): Detail {
  nextId += 1;
  return {
    id: `d${nextId}`,
    clientId: 'c1',
    kind: 'family',
    text: `detail ${nextId}`,
    yearly: false,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('tiers and cadences', () => {
  it('has the tier defaults from the spec', () => {
    expect(DEFAULT_TIER_CADENCE).toEqual({ key: 14, active: 30, occasional: 90, none: null });
    expect(Object.isFrozen(DEFAULT_TIER_CADENCE)).toBe(true);
  });

  it('counts every kind but a private note as contact', () => {
    for (const kind of INTERACTION_KINDS) {
      expect(countsAsContact(kind)).toBe(kind !== 'note');
      expect(CONTACT_KINDS.has(kind)).toBe(kind !== 'note');
    }
    expect(CONTACT_KINDS.size).toBe(INTERACTION_KINDS.length - 1);
  });

  it('uses the tier default when there is no custom cadence', () => {
    expect(cadenceOf({ tier: 'key', cadenceDays: null })).toBe(14);
    expect(cadenceOf({ tier: 'active', cadenceDays: null })).toBe(30);
    expect(cadenceOf({ tier: 'occasional', cadenceDays: null })).toBe(90);
    expect(cadenceOf({ tier: 'none', cadenceDays: null })).toBeNull();
  });

  it('gives a new client the Active cadence', () => {
    const client = Client.parse({
      id: 'c1',
      name: 'Ada',
      emails: ['ada@example.com'],
      nameKeys: ['ada'],
      createdAt: 1,
      updatedAt: 1,
    });
    expect(client.tier).toBe('active');
    expect(cadenceOf(client)).toBe(30);
  });

  it('lets a custom cadence override the tier', () => {
    expect(cadenceOf({ tier: 'key', cadenceDays: 7 })).toBe(7);
    expect(cadenceOf({ tier: 'occasional', cadenceDays: 45 })).toBe(45);
    expect(cadenceOf({ tier: 'active', cadenceDays: 180 }, { key: 1, active: 2, occasional: 3, none: null })).toBe(180);
  });

  it('treats tier none as no check-ins, even with a leftover custom cadence', () => {
    expect(cadenceOf({ tier: 'none', cadenceDays: 10 })).toBeNull();
    expect(cadenceOf({ tier: 'none', cadenceDays: null }, { key: 1, active: 2, occasional: 3, none: 5 })).toBeNull();
  });

  it('follows edited tier defaults from settings', () => {
    const tiers: TierCadences = { key: 7, active: 21, occasional: 60, none: null };
    expect(cadenceOf({ tier: 'key', cadenceDays: null }, tiers)).toBe(7);
    expect(cadenceOf({ tier: 'active', cadenceDays: null }, tiers)).toBe(21);
    expect(cadenceOf({ tier: 'occasional', cadenceDays: null }, tiers)).toBe(60);
    // A tier switched off in settings has no check-ins.
    expect(cadenceOf({ tier: 'occasional', cadenceDays: null }, { ...tiers, occasional: null })).toBeNull();
  });

  it('rejects unusable cadences', () => {
    expect(cadenceOf({ tier: 'active', cadenceDays: 0 })).toBeNull();
    expect(cadenceOf({ tier: 'active', cadenceDays: null }, { key: 14, active: -3, occasional: 90, none: null })).toBeNull();
    expect(dueDay(due({ cadenceDays: Number.NaN }), UTC)).toBeNull();
  });
});

describe('calendar days in a time zone', () => {
  it('reads the day of an instant in the given zone', () => {
    // 00:30 in Berlin (CEST, UTC+2) is still the previous day in UTC.
    const berlinEarly = t('2026-05-10T22:30:00Z');
    expect(dayOf(berlinEarly, BERLIN)).toBe('2026-05-11');
    expect(dayOf(berlinEarly, UTC)).toBe('2026-05-10');
    // 23:30 in New York (EDT, UTC-4) is already the next day in UTC.
    const newYorkLate = t('2026-05-11T03:30:00Z');
    expect(dayOf(newYorkLate, NEW_YORK)).toBe('2026-05-10');
    expect(dayOf(newYorkLate, UTC)).toBe('2026-05-11');
    // 23:30 in Berlin in winter (UTC+1) is 22:30 UTC, the same day.
    expect(dayOf(t('2026-01-15T22:30:00Z'), BERLIN)).toBe('2026-01-15');
    expect(dayOf(t('2026-01-15T23:30:00Z'), BERLIN)).toBe('2026-01-16');
    expect(dayOf(t('2026-01-15T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-01-16');
    expect(dayOf(t('2026-01-15T10:00:00Z'), 'Pacific/Honolulu')).toBe('2026-01-15');
    expect(dayOf(t('2026-01-15T09:59:00Z'), 'Pacific/Honolulu')).toBe('2026-01-14');
  });

  it('uses the runtime zone by default, and for an unknown zone', () => {
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    for (const iso of ['2026-05-10T22:30:00Z', '2026-01-01T00:00:00Z', '2026-12-31T23:59:59Z']) {
      expect(dayOf(t(iso))).toBe(dayOf(t(iso), local));
      expect(dayOf(t(iso), 'Not/AZone')).toBe(dayOf(t(iso), local));
    }
  });

  it('throws on an instant that is not a time', () => {
    expect(() => dayOf(Number.NaN, UTC)).toThrow(RangeError);
  });

  it('adds days across month ends, leap days and years', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02');
    expect(addDays('2028-01-31', 30)).toBe('2028-03-01');
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-06-15', 0)).toBe('2026-06-15');
    expect(addDays('2026-01-01', 3650)).toBe('2035-12-30');
  });

  it('rejects days that are not calendar days', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
    expect(() => addDays('26-01-01', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', 'tomorrow')).toThrow(RangeError);
    expect(() => addDays('2026-01-01', Number.NaN)).toThrow(RangeError);
  });

  it('counts whole days between two days', () => {
    expect(daysBetween('2026-01-31', '2026-03-02')).toBe(30);
    expect(daysBetween('2026-03-02', '2026-01-31')).toBe(-30);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-06-01', '2026-06-01')).toBe(0);
  });

  it('finds the start of a day across the Berlin DST changes', () => {
    expect(startOfDayAt('2026-03-28', BERLIN)).toBe(t('2026-03-27T23:00:00Z'));
    expect(startOfDayAt('2026-03-29', BERLIN)).toBe(t('2026-03-28T23:00:00Z'));
    expect(startOfDayAt('2026-03-30', BERLIN)).toBe(t('2026-03-29T22:00:00Z'));
    // The spring day is 23 hours long, the autumn one 25.
    expect(startOfDayAt('2026-03-30', BERLIN) - startOfDayAt('2026-03-29', BERLIN)).toBe(23 * HOUR);
    expect(startOfDayAt('2026-10-25', BERLIN)).toBe(t('2026-10-24T22:00:00Z'));
    expect(startOfDayAt('2026-10-26', BERLIN)).toBe(t('2026-10-25T23:00:00Z'));
    expect(startOfDayAt('2026-10-26', BERLIN) - startOfDayAt('2026-10-25', BERLIN)).toBe(25 * HOUR);
  });

  it('finds the start of a day across the New York DST changes', () => {
    expect(startOfDayAt('2026-03-08', NEW_YORK)).toBe(t('2026-03-08T05:00:00Z'));
    expect(startOfDayAt('2026-03-09', NEW_YORK)).toBe(t('2026-03-09T04:00:00Z'));
    expect(startOfDayAt('2026-11-01', NEW_YORK)).toBe(t('2026-11-01T04:00:00Z'));
    expect(startOfDayAt('2026-11-02', NEW_YORK)).toBe(t('2026-11-02T05:00:00Z'));
  });

  it('finds the start of a day where the clocks change at midnight', () => {
    // Santiago springs forward at 00:00 (the day starts at 01:00) and falls back at 24:00.
    expect(startOfDayAt('2026-09-06', 'America/Santiago')).toBe(t('2026-09-06T04:00:00Z'));
    expect(startOfDayAt('2026-04-05', 'America/Santiago')).toBe(t('2026-04-05T04:00:00Z'));
    expect(startOfDayAt('2026-06-01', UTC)).toBe(t('2026-06-01T00:00:00Z'));
    expect(startOfDayAt('2026-06-01', 'Asia/Kolkata')).toBe(t('2026-05-31T18:30:00Z'));
  });

  it('gives the first instant of every day of a year in several zones', () => {
    const zones = [BERLIN, NEW_YORK, 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    for (const zone of zones) {
      let day = '2026-01-01';
      for (let i = 0; i < 366; i += 1) {
        const start = startOfDayAt(day, zone);
        expect(dayOf(start, zone), `${zone} ${day}`).toBe(day);
        expect(dayOf(start - 1, zone), `${zone} ${day}`).toBe(addDays(day, -1));
        day = addDays(day, 1);
      }
    }
  });
});

describe('dueDay', () => {
  it('is null without a cadence', () => {
    expect(dueDay(due({ cadenceDays: null }), UTC)).toBeNull();
    expect(dueDay(due({ cadenceDays: null, snoozedUntil: '2026-05-01' }), UTC)).toBeNull();
  });

  it('counts from the day the client was added when there has been no contact', () => {
    expect(dueDay(due({ createdAt: t('2026-01-10T09:00:00Z'), cadenceDays: 14 }), UTC)).toBe('2026-01-24');
  });

  it('counts from the last contact when there is one', () => {
    const input = due({ createdAt: t('2026-01-01T09:00:00Z'), lastContactAt: t('2026-02-10T09:00:00Z'), cadenceDays: 30 });
    expect(dueDay(input, UTC)).toBe('2026-03-12');
  });

  it('adds the cadence across a month end', () => {
    expect(dueDay(due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 }), UTC)).toBe('2026-03-02');
    expect(dueDay(due({ lastContactAt: t('2028-01-31T12:00:00Z'), cadenceDays: 30 }), UTC)).toBe('2028-03-01');
  });

  it('counts from the contact day in the user time zone', () => {
    // 00:30 on 11 May in Berlin, 22:30 on 10 May in UTC.
    const input = due({ lastContactAt: t('2026-05-10T22:30:00Z'), cadenceDays: 14 });
    expect(dueDay(input, BERLIN)).toBe('2026-05-25');
    expect(dueDay(input, UTC)).toBe('2026-05-24');
  });

  it('is not moved by a DST change in between', () => {
    // A contact at 23:30 on 28 March (CET) with a one-day cadence is due on 29 March (CEST).
    expect(dueDay(due({ lastContactAt: t('2026-03-28T22:30:00Z'), cadenceDays: 1 }), BERLIN)).toBe('2026-03-29');
    expect(dueDay(due({ lastContactAt: t('2026-10-24T22:30:00Z'), cadenceDays: 1 }), BERLIN)).toBe('2026-10-26');
    expect(dueDay(due({ lastContactAt: t('2026-03-01T12:00:00Z'), cadenceDays: 30 }), NEW_YORK)).toBe('2026-03-31');
  });

  it('takes a snooze day that is later than the computed due day', () => {
    const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 });
    expect(dueDay({ ...input, snoozedUntil: '2026-03-09' }, UTC)).toBe('2026-03-09');
    expect(dueDay({ ...input, snoozedUntil: '2026-04-01' }, UTC)).toBe('2026-04-01');
  });

  it('ignores a snooze earlier than (or on) the computed due day', () => {
    const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 });
    expect(dueDay({ ...input, snoozedUntil: '2026-02-20' }, UTC)).toBe('2026-03-02');
    expect(dueDay({ ...input, snoozedUntil: '2026-03-02' }, UTC)).toBe('2026-03-02');
  });

  it('lets a contact after the snooze move the due day past it', () => {
    // Snoozed to 9 March, then the client wrote on 5 March: due 30 days after that.
    const input = due({ lastContactAt: t('2026-03-05T10:00:00Z'), cadenceDays: 30, snoozedUntil: '2026-03-09' });
    expect(dueDay(input, UTC)).toBe('2026-04-04');
  });

  it('ignores an unreadable snooze day', () => {
    const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 });
    expect(dueDay({ ...input, snoozedUntil: '2026-02-31' }, UTC)).toBe('2026-03-02');
    expect(dueDay({ ...input, snoozedUntil: 'next week' }, UTC)).toBe('2026-03-02');
  });
});

describe('checkInStatus', () => {
  const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 }); // due 2026-03-02

  it('is upcoming before the due day', () => {
    expect(checkInStatus(input, at('2026-02-25T12:00:00Z'), UTC)).toEqual({ state: 'upcoming', days: 5, dueDay: '2026-03-02' });
    expect(checkInStatus(input, at('2026-03-01T23:59:59Z'), UTC)).toEqual({ state: 'upcoming', days: 1, dueDay: '2026-03-02' });
  });

  it('is due today all through the due day, not overdue', () => {
    expect(checkInStatus(input, at('2026-03-02T00:00:00Z'), UTC)).toEqual({ state: 'due-today', dueDay: '2026-03-02' });
    expect(checkInStatus(input, at('2026-03-02T23:59:59Z'), UTC)).toEqual({ state: 'due-today', dueDay: '2026-03-02' });
  });

  it('is overdue once the due day has passed', () => {
    expect(checkInStatus(input, at('2026-03-03T00:00:00Z'), UTC)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-03-02' });
    expect(checkInStatus(input, at('2026-03-14T08:00:00Z'), UTC)).toEqual({ state: 'overdue', days: 12, dueDay: '2026-03-02' });
  });

  it('decides the day in the user time zone', () => {
    // 23:30 UTC on the due day is already the next day in Berlin.
    const now = at('2026-03-02T23:30:00Z');
    expect(checkInStatus(input, now, UTC).state).toBe('due-today');
    expect(checkInStatus(input, now, BERLIN)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-03-02' });
    // 02:00 UTC on the day after is still the due day in New York.
    expect(checkInStatus(input, at('2026-03-03T02:00:00Z'), NEW_YORK).state).toBe('due-today');
  });

  it('turns overdue at local midnight across the Berlin DST changes', () => {
    const spring = due({ lastContactAt: t('2026-03-28T10:00:00Z'), cadenceDays: 1 }); // due 29 March
    expect(checkInStatus(spring, at('2026-03-29T21:59:00Z'), BERLIN).state).toBe('due-today');
    expect(checkInStatus(spring, at('2026-03-29T22:00:00Z'), BERLIN)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-03-29' });
    const autumn = due({ lastContactAt: t('2026-10-24T10:00:00Z'), cadenceDays: 1 }); // due 25 October
    expect(checkInStatus(autumn, at('2026-10-25T22:59:00Z'), BERLIN).state).toBe('due-today');
    expect(checkInStatus(autumn, at('2026-10-25T23:00:00Z'), BERLIN)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-10-25' });
  });

  it('turns overdue at local midnight across the New York DST change', () => {
    // 23:30 on 31 October (EDT) with a one-day cadence: due 1 November, which ends at 05:00 UTC (EST).
    const fall = due({ lastContactAt: t('2026-11-01T03:30:00Z'), cadenceDays: 1 });
    expect(dueDay(fall, NEW_YORK)).toBe('2026-11-01');
    expect(checkInStatus(fall, at('2026-11-02T04:30:00Z'), NEW_YORK).state).toBe('due-today');
    expect(checkInStatus(fall, at('2026-11-02T05:00:00Z'), NEW_YORK)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-11-01' });
    // Counting 30 days over the spring change gives whole days.
    const spring = due({ lastContactAt: t('2026-03-01T17:00:00Z'), cadenceDays: 30 }); // due 31 March
    expect(checkInStatus(spring, at('2026-04-10T03:59:00Z'), NEW_YORK)).toEqual({ state: 'overdue', days: 9, dueDay: '2026-03-31' });
  });

  it('is none for tier none', () => {
    const cadenceDays = cadenceOf({ tier: 'none', cadenceDays: null });
    expect(checkInStatus(due({ cadenceDays, lastContactAt: null }), at('2030-01-01T00:00:00Z'), UTC)).toEqual({ state: 'none' });
  });

  it('counts from the day added when there has been no contact', () => {
    const fresh = due({ createdAt: t('2026-04-01T09:00:00Z'), lastContactAt: null, cadenceDays: 14 });
    expect(checkInStatus(fresh, at('2026-04-10T09:00:00Z'), UTC)).toEqual({ state: 'upcoming', days: 5, dueDay: '2026-04-15' });
    expect(checkInStatus(fresh, at('2026-04-20T09:00:00Z'), UTC)).toEqual({ state: 'overdue', days: 5, dueDay: '2026-04-15' });
  });

  it('uses a custom cadence over the tier default', () => {
    const cadenceDays = cadenceOf({ tier: 'key', cadenceDays: 60 });
    const status = checkInStatus(due({ cadenceDays, lastContactAt: t('2026-01-01T12:00:00Z') }), at('2026-02-01T12:00:00Z'), UTC);
    // Key's 14 days would be overdue by 17; the custom 60 days is due on 2 March.
    expect(status).toEqual({ state: 'upcoming', days: 29, dueDay: '2026-03-02' });
  });

  it('works with the system clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-14T08:00:00Z'));
    expect(checkInStatus(input, new Date(), UTC)).toEqual({ state: 'overdue', days: 12, dueDay: '2026-03-02' });
    vi.setSystemTime(new Date('2026-02-26T08:00:00Z'));
    expect(describeCheckIn(checkInStatus(input, new Date(), UTC))).toBe('Next check-in in 4 days');
  });
});

describe('describeCheckIn', () => {
  const cases: [CheckInStatus, string][] = [
    [{ state: 'overdue', days: 12, dueDay: '2026-03-02' }, 'Check-in overdue by 12 days'],
    [{ state: 'overdue', days: 1, dueDay: '2026-03-02' }, 'Check-in overdue by 1 day'],
    [{ state: 'due-today', dueDay: '2026-03-02' }, 'Check-in due today'],
    [{ state: 'upcoming', days: 5, dueDay: '2026-03-02' }, 'Next check-in in 5 days'],
    [{ state: 'upcoming', days: 1, dueDay: '2026-03-02' }, 'Next check-in tomorrow'],
    [{ state: 'none' }, ''],
  ];
  it.each(cases)('describes %o', (status, text) => {
    expect(describeCheckIn(status)).toBe(text);
  });
});

describe('lastContactOf', () => {
  it('is null without interactions', () => {
    expect(lastContactOf([])).toBeNull();
  });

  it('is the latest real contact of any kind', () => {
    expect(
      lastContactOf([
        { kind: 'email', at: 100 },
        { kind: 'call', at: 300 },
        { kind: 'meeting', at: 200 },
      ]),
    ).toBe(300);
    for (const kind of ['email', 'call', 'meeting', 'checkin', 'shared-resource', 'gift'] as const) {
      expect(lastContactOf([{ kind: 'email', at: 1 }, { kind, at: 50 }])).toBe(50);
    }
  });

  it('does not count private notes', () => {
    expect(lastContactOf([{ kind: 'note', at: 500 }])).toBeNull();
    expect(
      lastContactOf([
        { kind: 'email', at: 100 },
        { kind: 'note', at: 500 },
      ]),
    ).toBe(100);
  });

  it('keeps a note from resetting the check-in clock', () => {
    const interactions: Pick<Interaction, 'kind' | 'at'>[] = [
      { kind: 'email', at: t('2026-01-31T12:00:00Z') },
      { kind: 'note', at: t('2026-02-20T12:00:00Z') },
    ];
    const status = checkInStatus(due({ lastContactAt: lastContactOf(interactions) }), at('2026-03-05T12:00:00Z'), UTC);
    expect(status).toEqual({ state: 'overdue', days: 3, dueDay: '2026-03-02' });
  });
});

describe('snoozeDay', () => {
  it('snoozes by whole weeks from today in the user zone', () => {
    expect(snoozeDay(at('2026-03-14T08:00:00Z'), { weeks: 1 }, UTC)).toBe('2026-03-21');
    expect(snoozeDay(at('2026-03-14T08:00:00Z'), { weeks: 2 }, UTC)).toBe('2026-03-28');
    // 23:30 UTC is tomorrow in Berlin.
    expect(snoozeDay(at('2026-03-14T23:30:00Z'), { weeks: 1 }, BERLIN)).toBe('2026-03-22');
    expect(snoozeDay(at('2026-12-28T12:00:00Z'), { weeks: 1 }, UTC)).toBe('2027-01-04');
  });

  it('snoozes to a chosen day', () => {
    expect(snoozeDay(at('2026-03-14T08:00:00Z'), { until: '2026-04-30' }, UTC)).toBe('2026-04-30');
  });

  it('rejects nonsense', () => {
    expect(() => snoozeDay(at('2026-03-14T08:00:00Z'), { weeks: 0 }, UTC)).toThrow(RangeError);
    expect(() => snoozeDay(at('2026-03-14T08:00:00Z'), { weeks: 1.5 }, UTC)).toThrow(RangeError);
    expect(() => snoozeDay(at('2026-03-14T08:00:00Z'), { until: '2026-02-30' }, UTC)).toThrow(RangeError);
  });

  it('moves an overdue check-in a week out, until the next contact', () => {
    const now = at('2026-03-14T08:00:00Z');
    const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 });
    expect(checkInStatus(input, now, UTC).state).toBe('overdue');
    const snoozed = { ...input, snoozedUntil: snoozeDay(now, { weeks: 1 }, UTC) };
    expect(checkInStatus(snoozed, now, UTC)).toEqual({ state: 'upcoming', days: 7, dueDay: '2026-03-21' });
    expect(checkInStatus(snoozed, at('2026-03-22T08:00:00Z'), UTC)).toEqual({ state: 'overdue', days: 1, dueDay: '2026-03-21' });
    const contacted = { ...snoozed, lastContactAt: t('2026-03-16T08:00:00Z') };
    expect(checkInStatus(contacted, at('2026-03-22T08:00:00Z'), UTC)).toEqual({ state: 'upcoming', days: 24, dueDay: '2026-04-15' });
  });

  it('has no effect when snoozed to a day before the computed due day', () => {
    const now = at('2026-02-01T08:00:00Z');
    const input = due({ lastContactAt: t('2026-01-31T12:00:00Z'), cadenceDays: 30 });
    const snoozed = { ...input, snoozedUntil: snoozeDay(now, { weeks: 1 }, UTC) };
    expect(snoozed.snoozedUntil).toBe('2026-02-08');
    expect(checkInStatus(snoozed, now, UTC)).toEqual(checkInStatus(input, now, UTC));
  });
});

describe('upcomingDates', () => {
  const now = at('2026-06-01T10:00:00Z');

  it('shows dates from 14 days before, today included, past ones not', () => {
    const today = detail({ date: '2026-06-01', text: 'today' });
    const day14 = detail({ date: '2026-06-15', text: 'in 14' });
    const day15 = detail({ date: '2026-06-16', text: 'in 15' });
    const yesterday = detail({ date: '2026-05-31', text: 'yesterday' });
    const undated = detail({ date: null, text: 'no date' });
    const result = upcomingDates([day15, day14, yesterday, undated, today], now, 14, UTC);
    expect(result.map((d) => [d.text, d.day, d.daysUntil])).toEqual([
      ['today', '2026-06-01', 0],
      ['in 14', '2026-06-15', 14],
    ]);
  });

  it('defaults to a 14-day window and takes another', () => {
    const details = [detail({ date: '2026-06-15' }), detail({ date: '2026-06-16' }), detail({ date: '2026-06-08' })];
    expect(upcomingDates(details, now, undefined, UTC).map((d) => d.day)).toEqual(['2026-06-08', '2026-06-15']);
    expect(upcomingDates(details, now, 7, UTC).map((d) => d.day)).toEqual(['2026-06-08']);
    expect(upcomingDates(details, now, 30, UTC).map((d) => d.day)).toEqual(['2026-06-08', '2026-06-15', '2026-06-16']);
  });

  it('returns the detail fields', () => {
    const d = detail({ id: 'grad', clientId: 'c9', kind: 'milestone', text: 'Daughter graduates', date: '2026-06-10' });
    expect(upcomingDates([d], now, 14, UTC)).toEqual([
      {
        detailId: 'grad',
        clientId: 'c9',
        text: 'Daughter graduates',
        kind: 'milestone',
        day: '2026-06-10',
        daysUntil: 9,
        yearly: false,
      },
    ]);
  });

  it('repeats yearly dates, counting the years', () => {
    const birthday = detail({ date: '1980-06-05', yearly: true, text: 'Birthday' });
    const [item] = upcomingDates([birthday], now, 14, UTC);
    expect(item).toMatchObject({ day: '2026-06-05', daysUntil: 4, yearly: true, years: 46 });
    // A one-off date from an earlier year does not repeat.
    expect(upcomingDates([detail({ date: '1980-06-05', yearly: false })], now, 14, UTC)).toEqual([]);
  });

  it('moves a yearly date already past this year to next year', () => {
    const birthday = detail({ date: '1990-05-31', yearly: true });
    expect(upcomingDates([birthday], now, 14, UTC)).toEqual([]);
    expect(upcomingDates([birthday], now, 365, UTC)[0]).toMatchObject({ day: '2027-05-31', daysUntil: 364, years: 37 });
  });

  it('repeats across the year end', () => {
    const dec30 = detail({ date: '1985-12-30', yearly: true, text: 'Dec 30' });
    const jan3 = detail({ date: '2000-01-03', yearly: true, text: 'Jan 3' });
    const seen = (iso: string) => upcomingDates([jan3, dec30], at(iso), 14, UTC).map((d) => [d.text, d.day, d.daysUntil, d.years]);
    expect(seen('2026-12-19T12:00:00Z')).toEqual([['Dec 30', '2026-12-30', 11, 41]]);
    expect(seen('2026-12-20T12:00:00Z')).toEqual([
      ['Dec 30', '2026-12-30', 10, 41],
      ['Jan 3', '2027-01-03', 14, 27],
    ]);
    expect(seen('2026-12-31T12:00:00Z')).toEqual([['Jan 3', '2027-01-03', 3, 27]]);
    expect(seen('2027-01-02T12:00:00Z')).toEqual([['Jan 3', '2027-01-03', 1, 27]]);
    expect(upcomingDates([dec30, jan3], at('2026-12-25T12:00:00Z'), 14, UTC).map((d) => [d.text, d.day, d.daysUntil, d.years])).toEqual([
      ['Dec 30', '2026-12-30', 5, 41],
      ['Jan 3', '2027-01-03', 9, 27],
    ]);
  });

  it('shows 29 February on 28 February in other years', () => {
    const leapling = detail({ date: '2028-02-29', yearly: true, text: 'Leap birthday' });
    const in2027 = upcomingDates([leapling], at('2027-02-20T12:00:00Z'), 14, UTC);
    expect(in2027).toHaveLength(1);
    expect(in2027[0]).toMatchObject({ day: '2027-02-28', daysUntil: 8 });
    // The stored year is later than the occurrence: no years to count.
    expect(in2027[0]!.years).toBeUndefined();
    expect(upcomingDates([leapling], at('2028-02-20T12:00:00Z'), 14, UTC)[0]).toMatchObject({ day: '2028-02-29', daysUntil: 9 });
    expect(upcomingDates([leapling], at('2028-02-20T12:00:00Z'), 14, UTC)[0]!.years).toBeUndefined();
    expect(upcomingDates([leapling], at('2029-02-20T12:00:00Z'), 14, UTC)[0]).toMatchObject({ day: '2029-02-28', years: 1 });
    const older = detail({ date: '2024-02-29', yearly: true });
    expect(upcomingDates([older], at('2027-02-28T08:00:00Z'), 14, UTC)[0]).toMatchObject({ day: '2027-02-28', daysUntil: 0, years: 3 });
    expect(upcomingDates([older], at('2027-03-01T08:00:00Z'), 14, UTC)).toEqual([]);
  });

  it('decides today in the user time zone', () => {
    // 23:30 UTC on 1 June is 2 June in Berlin: 16 June is 14 days out there, 15 in UTC.
    const late = at('2026-06-01T23:30:00Z');
    const d = detail({ date: '2026-06-16' });
    expect(upcomingDates([d], late, 14, UTC)).toEqual([]);
    expect(upcomingDates([d], late, 14, BERLIN)[0]).toMatchObject({ daysUntil: 14 });
    const yesterdayInBerlin = detail({ date: '2026-06-01' });
    expect(upcomingDates([yesterdayInBerlin], late, 14, UTC)[0]).toMatchObject({ daysUntil: 0 });
    expect(upcomingDates([yesterdayInBerlin], late, 14, BERLIN)).toEqual([]);
  });

  it('sorts by day and skips unreadable dates', () => {
    const details = [
      detail({ date: '2026-06-12', text: 'c' }),
      detail({ date: '1990-06-03', yearly: true, text: 'a' }),
      detail({ date: '2026-02-30', text: 'bad' }),
      detail({ date: '2026-06-07', text: 'b' }),
    ];
    expect(upcomingDates(details, now, 14, UTC).map((d) => d.text)).toEqual(['a', 'b', 'c']);
  });

  it('works with the system clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-25T12:00:00Z'));
    const jan3 = detail({ date: '2000-01-03', yearly: true });
    expect(upcomingDates([jan3], new Date(), 14, UTC)[0]).toMatchObject({ day: '2027-01-03', daysUntil: 9 });
  });
});

describe('closingEmail: which email keeps a meeting confirmation', () => {
  const meetingAt = t('2026-04-06T15:00:00Z');
  const ME = 'me@consulting.example';
  const confirmed = new Set([ME]);
  const followUp = {
    kind: 'confirm-meeting' as const,
    clientId: 'c1',
    dueAt: meetingAt + CONFIRM_WITHIN_MS,
    doneAt: null,
    keptOpenDespite: [] as string[],
  };
  type Email = Pick<Interaction, 'id' | 'clientId' | 'at' | 'kind' | 'direction' | 'from'>;
  const email = (overrides: Partial<Email> = {}): Email => ({
    id: 'e1',
    clientId: 'c1',
    at: meetingAt + 3 * HOUR,
    kind: 'email',
    direction: 'out',
    from: ME,
    ...overrides,
  });

  it('is the meeting due 48 hours later', () => {
    expect(CONFIRM_WITHIN_MS).toBe(48 * HOUR);
    expect(meetingTimeOf(followUp)).toBe(meetingAt);
  });

  it('is the first email the user sent that client after the meeting, from a confirmed address', () => {
    const first = email({ id: 'first', at: meetingAt + 2 * HOUR });
    const later = email({ id: 'later', at: meetingAt + 5 * HOUR });
    expect(closingEmail(followUp, [later, first], confirmed)).toBe(first);
    expect(closingEmail(followUp, [first, later], confirmed)).toBe(first);
    // Even a late email keeps it, and addresses compare normalised.
    const late = email({ id: 'late', at: meetingAt + 3 * DAY, from: ' Me@Consulting.Example ' });
    expect(closingEmail(followUp, [late], confirmed)).toBe(late);
  });

  it('is none for an address read from the page but not confirmed, or with no sender', () => {
    expect(closingEmail(followUp, [email({ from: 'other@consulting.example' })], confirmed)).toBeNull();
    expect(closingEmail(followUp, [email({ from: null })], confirmed)).toBeNull();
    expect(closingEmail(followUp, [email({ from: undefined })], confirmed)).toBeNull();
    expect(closingEmail(followUp, [email()], new Set())).toBeNull();
  });

  it('is none before or at the meeting', () => {
    expect(closingEmail(followUp, [email({ at: meetingAt - HOUR }), email({ at: meetingAt })], confirmed)).toBeNull();
    expect(closingEmail(followUp, [email({ at: meetingAt + 1 })], confirmed)).not.toBeNull();
  });

  it('is none for an email from the client, to another client, or another kind', () => {
    const others = [
      email({ direction: 'in' }),
      email({ direction: null }),
      email({ clientId: 'c2' }),
      email({ kind: 'note' }),
    ];
    expect(closingEmail(followUp, others, confirmed)).toBeNull();
  });

  it('skips an email the user said did not confirm it, and takes the next', () => {
    const undone = email({ id: 'undone', at: meetingAt + HOUR });
    const next = email({ id: 'next', at: meetingAt + 4 * HOUR });
    expect(closingEmail({ ...followUp, keptOpenDespite: ['undone'] }, [undone], confirmed)).toBeNull();
    expect(closingEmail({ ...followUp, keptOpenDespite: ['undone'] }, [undone, next], confirmed)).toBe(next);
  });

  it('closes only open meeting confirmations', () => {
    expect(closingEmail({ ...followUp, doneAt: meetingAt + HOUR }, [email()], confirmed)).toBeNull();
    expect(closingEmail({ ...followUp, kind: 'introduction' }, [email()], confirmed)).toBeNull();
  });
});

describe('badgeFor', () => {
  it('is empty when nothing is overdue', () => {
    const badge = badgeFor([]);
    expect(badge.text).toBe('');
    expect(badge.title).toBe('Tend: no check-ins overdue');
    expect(badge.color).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('counts and names the three most overdue', () => {
    const badge = badgeFor([
      { name: 'Cy', days: 2 },
      { name: 'Ada', days: 40 },
      { name: 'Bob', days: 12 },
    ]);
    expect(badge).toEqual({
      text: '3',
      color: '#D93025',
      title: 'Tend: 3 check-ins overdue — Ada (40 days), Bob (12 days), Cy (2 days)',
    });
  });

  it('says one check-in and one day in the singular', () => {
    expect(badgeFor([{ name: 'Ada', days: 1 }])).toEqual({
      text: '1',
      color: '#F9AB00',
      title: 'Tend: 1 check-in overdue — Ada (1 day)',
    });
  });

  it('names at most three and says how many more', () => {
    const overdue = [5, 3, 9, 1, 7].map((days, i) => ({ name: `C${i}`, days }));
    const badge = badgeFor(overdue);
    expect(badge.text).toBe('5');
    expect(badge.title).toBe('Tend: 5 check-ins overdue — C2 (9 days), C4 (7 days), C0 (5 days) and 2 more');
  });

  it('colours by how overdue the worst is', () => {
    expect(badgeFor([{ name: 'A', days: 6 }]).color).toBe('#F9AB00');
    expect(badgeFor([{ name: 'A', days: 7 }]).color).toBe('#E8710A');
    expect(badgeFor([{ name: 'A', days: 29 }]).color).toBe('#E8710A');
    expect(badgeFor([{ name: 'A', days: 30 }]).color).toBe('#D93025');
    expect(badgeFor([{ name: 'A', days: 1 }, { name: 'B', days: 30 }]).color).toBe('#D93025');
  });

  it('caps the text at 99+', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `C${i}`, days: 1 }));
    expect(badgeFor(many(99)).text).toBe('99');
    expect(badgeFor(many(100)).text).toBe('99+');
    expect(badgeFor(many(99)).title).toMatch(/^Tend: 99 check-ins overdue — C0 \(1 day\), C1 \(1 day\), C10 \(1 day\) and 96 more$/);
    expect(badgeFor(many(100)).title).toBe('Tend: over 99 check-ins overdue — C0 (1 day), C1 (1 day), C10 (1 day)');
  });

  it('takes the total apart from the few most overdue it names', () => {
    const badge = badgeFor([{ name: 'Ada', days: 40 }, { name: 'Bob', days: 3 }], 12);
    expect(badge.text).toBe('12');
    expect(badge.title).toBe('Tend: 12 check-ins overdue — Ada (40 days), Bob (3 days) and 10 more');
  });
});
