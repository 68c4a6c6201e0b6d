/**
 * Insights' rhythm figures (lib/domain/insights/checkins.ts, drift.ts,
 * engagement.ts): check-ins kept, drifting away, contacts per client per month.
 * Expected figures worked out by hand beside each.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_CADENCE } from '../../lib/domain/checkin-policy';
import { checkIns, clientCheckIns } from '../../lib/domain/insights/checkins';
import { dayClock, dayNumber } from '../../lib/domain/insights/days';
import { drifting, median, usualGap } from '../../lib/domain/insights/drift';
import { engagement } from '../../lib/domain/insights/engagement';
import { lastMonths } from '../../lib/domain/insights/periods';
import { at, facts, noon } from './support/insights';

const utc = dayClock('UTC');
const d = dayNumber;
const window = (first: string, end: string) => ({ firstDay: d(first), endDay: d(end) });

describe('check-ins kept', () => {
  // Contacts of a Key client (14 days): 1 Jan, 10 Jan (twice), 30 Jan, 5 Feb, 13 Feb 2026.
  //   after 1 Jan  → due 15 Jan; next 10 Jan        → kept
  //   after 10 Jan → due 24 Jan; next 30 Jan        → late
  //   after 30 Jan → due 13 Feb; next 5 Feb         → kept
  //   after 5 Feb  → due 19 Feb; next 13 Feb        → kept
  //   after 13 Feb → due 27 Feb; none, before today → late
  const key = facts('Key', { tier: 'key', contacts: [noon('2026-01-01'), at('2026-01-10T08:00:00Z'), at('2026-01-10T17:00:00Z'), noon('2026-01-30'), noon('2026-02-05'), noon('2026-02-13')] });
  // An Active client (30 days): 1 Jan → due 31 Jan, next 15 Feb: late; 15 Feb → due 17 Mar: not yet due.
  const active = facts('Active', { tier: 'active', contacts: [noon('2026-01-01'), noon('2026-02-15')] });
  // Tier None: no cadence, nothing due.
  const none = facts('None', { tier: 'none', contacts: [noon('2026-01-01')] });
  const today = d('2026-03-01');

  it('replays each client’s contacts with their cadence: kept on or before the due day, late after', () => {
    expect(clientCheckIns([d('2026-01-01'), d('2026-01-10'), d('2026-01-30'), d('2026-02-05'), d('2026-02-13')], 14, window('2026-01-01', '2026-03-02'), today, null)).toEqual({ due: 5, kept: 3, late: 2 });
    const figures = checkIns([key, active, none], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-03-02'), today, utc);
    // All: 6 due (5 + 1), 3 kept. Key: 3 of 5.
    expect(figures.kept).toEqual({ value: 0.5, count: 3, of: 6 });
    expect(figures.keyKept).toEqual({ value: 3 / 5, count: 3, of: 5 });
    expect(figures.mostOftenLate).toEqual([
      { clientId: 'Key', name: 'Key', company: '', late: 2, due: 5 },
      { clientId: 'Active', name: 'Active', company: '', late: 1, due: 1 },
    ]);
  });

  it('counts only check-ins due in the period', () => {
    // From 1 Feb: due 13 Feb (kept), 19 Feb (kept), 27 Feb (late); the Active client's 31 Jan is before.
    const figures = checkIns([key, active], DEFAULT_TIER_CADENCE, window('2026-02-01', '2026-03-02'), today, utc);
    expect(figures.kept).toEqual({ value: 2 / 3, count: 2, of: 3 });
  });

  it('a check-in due today without a contact yet is not counted; one due later is not due yet', () => {
    // Today 27 Feb: the last one (due 27 Feb) is still open.
    expect(checkIns([key], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-02-28'), d('2026-02-27'), utc).kept).toEqual({ value: 3 / 4, count: 3, of: 4 });
  });

  it('a contact at 23:30 UTC on the due day is kept in UTC and late in Berlin (already the next day)', () => {
    const client = facts('Tz', { tier: 'key', contacts: [noon('2026-01-01'), at('2026-01-15T23:30:00Z')] });
    expect(checkIns([client], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-01-21'), d('2026-01-20'), dayClock('UTC')).kept).toEqual({ value: 1, count: 1, of: 1 });
    expect(checkIns([client], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-01-21'), d('2026-01-20'), dayClock('Europe/Berlin')).kept).toEqual({ value: 0, count: 0, of: 1 });
  });

  it('an archived client’s clock stops on the day they were archived; no contacts, nothing due', () => {
    // Archived 20 Jan: only the check-in due 15 Jan counts (kept).
    const archived = { ...key, archivedAt: noon('2026-01-20') };
    expect(checkIns([archived, facts('Silent', { tier: 'key' })], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-03-02'), today, utc).kept).toEqual({ value: 1, count: 1, of: 1 });
    expect(checkIns([], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-03-02'), today, utc)).toEqual({ kept: { value: null, count: 0, of: 0 }, keyKept: { value: null, count: 0, of: 0 }, mostOftenLate: [] });
  });

  it('a custom cadence replaces the tier’s; the tier cadences come from the settings', () => {
    const custom = { ...active, cadenceDays: 60 };
    // 60 days: 1 Jan → due 2 Mar (after today): nothing due.
    expect(checkIns([custom], DEFAULT_TIER_CADENCE, window('2026-01-01', '2026-03-02'), today, utc).kept.of).toBe(0);
    // Active every 10 days from the settings: 1 Jan → due 11 Jan, next 15 Feb: late; 15 Feb → due 25 Feb: late.
    expect(checkIns([active], { ...DEFAULT_TIER_CADENCE, active: 10 }, window('2026-01-01', '2026-03-02'), today, utc).kept).toEqual({ value: 0, count: 0, of: 2 });
  });
});

describe('drifting away', () => {
  const today = d('2026-03-01');

  it('the usual gap is the median of the gaps between contact days, or the cadence with fewer than 3', () => {
    expect(median([10, 10, 10])).toBe(10);
    expect(median([30, 10])).toBe(20);
    expect(median([])).toBeNull();
    expect(usualGap([d('2026-02-01'), d('2026-02-10')], 14)).toBe(14);
    expect(usualGap([d('2026-02-01')], null)).toBeNull();
    expect(usualGap([d('2025-12-02'), d('2025-12-12'), d('2026-01-11')], null)).toBe(20);
  });

  it('lists clients whose time since last contact is over 1.5 × their usual gap, most drifted first', () => {
    const clients = [
      // Gaps 10, 10, 10 → usual 10; 31 Jan → 1 Mar is 29 days > 15: ratio 2.9.
      facts('A', { contacts: [noon('2026-01-01'), noon('2026-01-11'), noon('2026-01-21'), noon('2026-01-31')] }),
      // Gaps 10, 30 → usual 20; 11 Jan → 1 Mar is 49 days > 30: ratio 2.45.
      facts('B', { tier: 'none', contacts: [noon('2025-12-02'), noon('2025-12-12'), noon('2026-01-11')] }),
      // Two contacts, Key (14): 10 Feb → 1 Mar is 19 days ≤ 21: not drifting.
      facts('C', { tier: 'key', contacts: [noon('2026-02-01'), noon('2026-02-10')] }),
      // One contact, Occasional (90): 59 days ≤ 135.
      facts('D', { tier: 'occasional', contacts: [noon('2026-01-01')] }),
      // One contact, tier None: no usual gap, not judged.
      facts('E', { tier: 'none', contacts: [noon('2025-01-01')] }),
      // Archived: never listed.
      facts('F', { archivedAt: noon('2026-02-01'), contacts: [noon('2025-01-01'), noon('2025-01-02'), noon('2025-01-03')] }),
      // No contact at all: nothing to drift from.
      facts('G'),
    ];
    const result = drifting(clients, DEFAULT_TIER_CADENCE, today, utc);
    expect(result.total).toBe(2);
    expect(result.clients).toEqual([
      { clientId: 'A', name: 'A', company: '', email: 'a@example.com', lastContactAt: noon('2026-01-31'), usualGapDays: 10, sinceDays: 29, ratio: 2.9 },
      { clientId: 'B', name: 'B', company: '', email: 'b@example.com', lastContactAt: noon('2026-01-11'), usualGapDays: 20, sinceDays: 49, ratio: 2.45 },
    ]);
  });

  it('exactly 1.5 × the usual gap is not drifting yet', () => {
    // Gaps 10, 10 → 15 days since: not more than 15.
    const client = facts('A', { contacts: [noon('2026-01-25'), noon('2026-02-04'), noon('2026-02-14')] });
    expect(drifting([client], DEFAULT_TIER_CADENCE, today, utc).total).toBe(0);
    expect(drifting([client], DEFAULT_TIER_CADENCE, today + 1, utc).total).toBe(1);
  });
});

describe('engagement', () => {
  it('real contacts per client per calendar month, over the clients there were that month', () => {
    const clients = [
      facts('A', { createdAt: noon('2025-12-15'), realContacts: [noon('2026-01-05'), noon('2026-01-20'), noon('2026-03-01')] }),
      facts('B', { createdAt: noon('2025-01-01'), archivedAt: noon('2026-02-10'), realContacts: [noon('2026-01-07')] }),
    ];
    const months = engagement(clients, lastMonths('2026-03-15', 'UTC'));
    expect(months.map((month) => month.month)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    // April 2025: only B was a client. December: both (A added on the 15th).
    expect(months[0]).toEqual({ month: '2025-04', contacts: 0, clients: 1, perClient: 0 });
    expect(months[8]).toEqual({ month: '2025-12', contacts: 0, clients: 2, perClient: 0 });
    // January: 3 contacts over 2 clients. February: B archived on the 10th still counts. March: A alone.
    expect(months[9]).toEqual({ month: '2026-01', contacts: 3, clients: 2, perClient: 1.5 });
    expect(months[10]).toEqual({ month: '2026-02', contacts: 0, clients: 2, perClient: 0 });
    expect(months[11]).toEqual({ month: '2026-03', contacts: 1, clients: 1, perClient: 1 });
  });

  it('no clients in a month: no figure, not 0 and not NaN', () => {
    expect(engagement([], lastMonths('2026-03-15', 'UTC', 1))).toEqual([{ month: '2026-03', contacts: 0, clients: 0, perClient: null }]);
  });
});
