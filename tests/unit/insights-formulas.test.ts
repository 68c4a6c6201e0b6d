/**
 * Insights' formulas (lib/domain/insights/): activity, retention, repeat business,
 * lifetime value, the Pareto ranking, NPS, referrals, gifts due. Every expected
 * figure is worked out by hand in the comments beside it.
 */
import { describe, expect, it } from 'vitest';
import { isActiveIn, overlaps, type DayProject } from '../../lib/domain/insights/activity';
import { averageLifetimeValue, business, giftsDue, lifetimeValues, makeKeySuggestions, repeatBusiness } from '../../lib/domain/insights/business';
import { dayNumber } from '../../lib/domain/insights/days';
import { clientFacts, isRealContact, type ClientFacts, type InsightsProject, type InsightsReferral } from '../../lib/domain/insights/facts';
import { nps } from '../../lib/domain/insights/nps';
import { windowOfDays } from '../../lib/domain/insights/periods';
import { referralFigures } from '../../lib/domain/insights/referrals';
import { retention } from '../../lib/domain/insights/retention';
import { at, facts, noon, project } from './support/insights';

function dayProjects(projects: InsightsProject[]): Map<string, DayProject[]> {
  const map = new Map<string, DayProject[]>();
  for (const p of projects) {
    const list = map.get(p.clientId) ?? [];
    list.push({ clientId: p.clientId, status: p.status, startDay: dayNumber(p.startDay), endDay: p.endDay === null ? null : dayNumber(p.endDay), cents: p.value === null || p.currency === null ? null : Math.round(p.value * 100), currency: p.currency });
    map.set(p.clientId, list);
  }
  return map;
}
const byId = (clients: ClientFacts[]) => new Map(clients.map((client) => [client.id, client]));
const interaction = (kind: 'email' | 'note' | 'call' | 'meeting' | 'checkin' | 'gift' | 'shared-resource', iso: string, direction: 'in' | 'out' | null = null) => ({ kind, direction, at: at(iso) });

describe('activity', () => {
  it('a real two-way contact is an email from them, a call or a meeting', () => {
    expect(isRealContact({ kind: 'email', direction: 'in' })).toBe(true);
    expect(isRealContact({ kind: 'email', direction: 'out' })).toBe(false);
    expect(isRealContact({ kind: 'call', direction: null })).toBe(true);
    expect(isRealContact({ kind: 'meeting', direction: null })).toBe(true);
    for (const kind of ['note', 'checkin', 'gift', 'shared-resource'] as const) expect(isRealContact({ kind, direction: null })).toBe(false);
  });

  it('a client with only notes is not active (and has no contacts for the check-in clock)', () => {
    const onlyNotes = clientFacts({ id: 'n', name: 'N', company: '', tier: 'key', cadenceDays: null, createdAt: 0, archivedAt: null, emails: [] }, [interaction('note', '2026-10-05T10:00:00Z'), interaction('note', '2026-10-06T10:00:00Z')]);
    expect(onlyNotes.realContacts.length).toBe(0);
    expect(onlyNotes.contacts.length).toBe(0);
    expect(isActiveIn(onlyNotes, undefined, windowOfDays('2026-10-01', '2026-11-01', 'UTC'))).toBe(false);
  });

  it('keeps the times ascending whatever the order given, each kind in its list', () => {
    const client = clientFacts({ id: 'a', name: 'A', company: '', tier: 'key', cadenceDays: null, createdAt: 0, archivedAt: null, emails: ['a@x.example'] }, [
      interaction('email', '2026-10-09T10:00:00Z', 'in'),
      interaction('gift', '2026-10-08T10:00:00Z'),
      interaction('email', '2026-10-07T10:00:00Z', 'out'),
      interaction('call', '2026-10-06T10:00:00Z'),
    ]);
    expect(Array.from(client.realContacts)).toEqual([at('2026-10-06T10:00:00Z'), at('2026-10-09T10:00:00Z')]);
    expect(Array.from(client.contacts)).toEqual([at('2026-10-06T10:00:00Z'), at('2026-10-07T10:00:00Z'), at('2026-10-08T10:00:00Z'), at('2026-10-09T10:00:00Z')]);
    expect(Array.from(client.gifts)).toEqual([at('2026-10-08T10:00:00Z')]);
    expect(client.email).toBe('a@x.example');
  });

  it('projects spanning the window’s edges: ending on its first day or starting on its last day overlap; a day outside does not', () => {
    const october = windowOfDays('2026-10-01', '2026-11-01', 'UTC');
    const span = (start: string, end: string | null) => ({ startDay: dayNumber(start), endDay: end === null ? null : dayNumber(end) });
    expect(overlaps(span('2026-09-15', '2026-10-01'), october)).toBe(true);
    expect(overlaps(span('2026-09-15', '2026-09-30'), october)).toBe(false);
    expect(overlaps(span('2026-10-31', null), october)).toBe(true);
    expect(overlaps(span('2026-11-01', null), october)).toBe(false);
    expect(overlaps(span('2025-01-01', null), october)).toBe(true);
    expect(overlaps(span('2025-01-01', '2027-01-01'), october)).toBe(true);
  });

  it('a proposed or lost project overlapping the window is not work done: not active', () => {
    const october = windowOfDays('2026-10-01', '2026-11-01', 'UTC');
    const client = facts('A');
    expect(isActiveIn(client, dayProjects([project('A', '2026-10-02', null, { status: 'proposed' })]).get('A'), october)).toBe(false);
    expect(isActiveIn(client, dayProjects([project('A', '2026-10-02', null, { status: 'lost' })]).get('A'), october)).toBe(false);
    expect(isActiveIn(client, dayProjects([project('A', '2026-10-02', null, { status: 'active' })]).get('A'), october)).toBe(true);
  });
});

describe('retention and churn', () => {
  const before = windowOfDays('2026-07-01', '2026-10-01', 'UTC');
  const during = windowOfDays('2026-10-01', '2027-01-01', 'UTC');

  it('of the clients active before, the share also active in the window', () => {
    const clients = [
      // A: a call before, an email from them during: stayed.
      facts('A', { realContacts: [noon('2026-08-10'), noon('2026-11-03')] }),
      // B: a meeting before only: left.
      facts('B', { realContacts: [noon('2026-09-20')] }),
      // C: active during only (their email before was the user's, not a real contact): not counted.
      facts('C', { realContacts: [noon('2026-11-20')] }),
      // D: no contact, but an active project across both windows: stayed.
      facts('D'),
      // E: nothing at all.
      facts('E'),
    ];
    const projects = dayProjects([project('D', '2026-06-01', '2026-12-31', { status: 'active' })]);
    // Active before: A, B, D (3); of those, active during: A, D (2). Retention 2/3, churn 1/3.
    const figure = retention(clients, projects, during, before);
    expect(figure.rate).toEqual({ value: 2 / 3, count: 2, of: 3 });
    expect(figure.churn).toBe(1 / 3);
  });

  it('none without a window before (all time), and none when nobody was active before', () => {
    expect(retention([facts('A')], new Map(), during, null)).toEqual({ rate: { value: null, count: 0, of: 0 }, churn: null });
    expect(retention([facts('A', { realContacts: [noon('2026-11-03')] })], new Map(), during, before)).toEqual({ rate: { value: null, count: 0, of: 0 }, churn: null });
  });

  it('a call at 23:30 UTC on 30 September is in the window before in UTC, and in the window itself in Berlin (already 1 October)', () => {
    const call = facts('A', { realContacts: [at('2026-09-30T23:30:00Z')] });
    const stayer = facts('B', { realContacts: [noon('2026-08-01'), noon('2026-10-15')] });
    // UTC: A active before only; B both → 1 of 2.
    expect(retention([call, stayer], new Map(), during, before).rate).toEqual({ value: 0.5, count: 1, of: 2 });
    // Berlin: A active in October only → before: B alone, who stayed → 1 of 1.
    const beforeBerlin = windowOfDays('2026-07-01', '2026-10-01', 'Europe/Berlin');
    const duringBerlin = windowOfDays('2026-10-01', '2027-01-01', 'Europe/Berlin');
    expect(retention([call, stayer], new Map(), duringBerlin, beforeBerlin).rate).toEqual({ value: 1, count: 1, of: 1 });
  });
});

describe('repeat business', () => {
  it('of the clients with work overlapping the period, the share with two or more projects of work begun by its end', () => {
    const year = windowOfDays('2026-01-01', '2027-01-01', 'UTC');
    const projects = dayProjects([
      // A: done in 2025 and in 2026: two, counted.
      project('A', '2025-02-01', '2025-05-01'),
      project('A', '2026-03-01', '2026-04-01'),
      // B: one active in 2026, one only proposed: one project of work.
      project('B', '2026-05-01', null, { status: 'active' }),
      project('B', '2026-06-01', null, { status: 'proposed' }),
      // C: one done in 2026, the second begins after the period: one by its end.
      project('C', '2026-09-01', '2026-10-01'),
      project('C', '2027-02-01', null, { status: 'active' }),
      // D: lost: no work, not among them.
      project('D', '2026-02-01', '2026-03-01', { status: 'lost' }),
      // E: two projects of work, both before the period: not among them.
      project('E', '2024-02-01', '2024-03-01'),
      project('E', '2025-02-01', '2025-03-01'),
    ]);
    // Of A, B, C (3), A has two: 1/3.
    expect(repeatBusiness(projects, year)).toEqual({ value: 1 / 3, count: 1, of: 3 });
    expect(repeatBusiness(new Map(), year)).toEqual({ value: null, count: 0, of: 0 });
  });
});

describe('lifetime value', () => {
  it('per currency, to the cent, never across currencies; proposed projects and those begun after the period left out', () => {
    const projects = dayProjects([
      project('A', '2026-01-10', null, { value: 1000.1, currency: 'EUR' }),
      project('A', '2026-02-10', null, { value: 0.2, currency: 'EUR', status: 'active' }),
      project('A', '2026-03-10', null, { value: 500, currency: 'USD' }),
      project('B', '2026-04-10', null, { value: 2000, currency: 'EUR' }),
      project('B', '2026-05-10', null, { value: 99_999, currency: 'EUR', status: 'proposed' }),
      project('C', '2026-06-10', null, { value: 333.33, currency: 'USD' }),
      project('D', '2027-01-05', null, { value: 700, currency: 'EUR' }),
      // No value: counts for activity, not for money.
      project('E', '2026-06-10', null),
    ]);
    const values = lifetimeValues(projects, dayNumber('2027-01-01'));
    // EUR: A 1000.10 + 0.20 = 1000.30, B 2000 → 3000.30 over 2 = 1500.15.
    // USD: A 500 + C 333.33 = 833.33 over 2 = 416.665, to the cent 416.67.
    expect(averageLifetimeValue(values)).toEqual([
      { currency: 'EUR', total: 3000.3, clients: 2, average: 1500.15 },
      { currency: 'USD', total: 833.33, clients: 2, average: 416.67 },
    ]);
    expect(averageLifetimeValue(new Map())).toEqual([]);
  });
});

describe('where the business comes from', () => {
  const cents = (entries: Array<[string, string, number]>) => {
    const values = new Map<string, Map<string, number>>();
    for (const [clientId, currency, amount] of entries) {
      const perCurrency = values.get(clientId) ?? new Map<string, number>();
      perCurrency.set(currency, amount * 100);
      values.set(clientId, perCurrency);
    }
    return values;
  };

  it('ranks by own plus referred value; the vital few reach 80 %; the top 20 % with ties; Make Key for the top who are not Key', () => {
    const clients = [facts('A'), facts('B'), facts('C'), facts('D'), facts('E', { tier: 'key' })];
    // Own EUR: A 400, B 300, C 100, D 100, E 100; E referred B (twice recorded: once counted).
    const values = cents([['A', 'EUR', 400], ['B', 'EUR', 300], ['C', 'EUR', 100], ['D', 'EUR', 100], ['E', 'EUR', 100]]);
    const referrals: InsightsReferral[] = [
      { id: 'r1', referrerId: 'E', referredId: 'B', at: 0, thankedAt: null },
      { id: 'r2', referrerId: 'E', referredId: 'B', at: 1, thankedAt: null },
    ];
    const [eur] = business(values, referrals, byId(clients));
    // E: 100 + 300 = 400. Order: A 400, E 400 (tie: by name), B 300, C 100, D 100; total 1300.
    expect(eur!.rows.map((row) => [row.clientId, row.own, row.referred, row.value])).toEqual([['A', 400, 0, 400], ['E', 100, 300, 400], ['B', 300, 0, 300], ['C', 100, 0, 100], ['D', 100, 0, 100]]);
    expect(eur!.total).toBe(1300);
    // Cumulative 400, 800, 1100 (≥ 1040 = 80 %): the vital few are A, E, B.
    expect(eur!.rows.map((row) => row.cumulative)).toEqual([400 / 1300, 800 / 1300, 1100 / 1300, 1200 / 1300, 1]);
    expect(eur!.rows.map((row) => row.vital)).toEqual([true, true, true, false, false]);
    expect(eur!.vitalClients).toBe(3);
    // Top 20 % of 5 = 1 row (A), and E tied with it.
    expect(eur!.rows.map((row) => row.top)).toEqual([true, true, false, false, false]);
    // E is Key already: only A is offered.
    expect(makeKeySuggestions([eur!], byId(clients))).toEqual([{ clientId: 'A', name: 'A', company: '', currency: 'EUR', value: 400 }]);
  });

  it('clients tied at the 80 % line are all in', () => {
    const clients = ['A', 'B', 'C', 'D', 'E'].map((id) => facts(id));
    // 400, 300, 100, 100, 100: total 1000; A+B+C make 800, exactly 80 %; D and E tie with C.
    const [eur] = business(cents([['A', 'EUR', 400], ['B', 'EUR', 300], ['C', 'EUR', 100], ['D', 'EUR', 100], ['E', 'EUR', 100]]), [], byId(clients));
    expect(eur!.rows.map((row) => row.vital)).toEqual([true, true, true, true, true]);
    expect(eur!.vitalClients).toBe(5);
    // A second client just under the line: the third is needed, and no one ties with it.
    const [usd] = business(cents([['A', 'USD', 450], ['B', 'USD', 340], ['C', 'USD', 110], ['D', 'USD', 100]]), [], byId(clients));
    // 450, 790 (< 800), 900 (≥ 800): A, B, C; D (100) is not tied with C (110).
    expect(usd!.rows.map((row) => row.vital)).toEqual([true, true, true, false]);
  });

  it('one ranking per currency; a client in both gets Make Key once, in the currency where their value is highest', () => {
    const clients = [facts('A'), facts('B'), facts('Archived', { archivedAt: 5 })];
    const values = cents([['A', 'EUR', 100], ['A', 'USD', 900], ['B', 'EUR', 50], ['Archived', 'GBP', 10]]);
    const perCurrency = business(values, [], byId(clients));
    expect(perCurrency.map((figure) => [figure.currency, figure.total, figure.clients])).toEqual([['EUR', 150, 2], ['GBP', 10, 1], ['USD', 900, 1]]);
    // A is top in EUR (100) and USD (900): once, in USD. The archived client is top in GBP but not offered.
    expect(makeKeySuggestions(perCurrency, byId(clients))).toEqual([{ clientId: 'A', name: 'A', company: '', currency: 'USD', value: 900 }]);
  });

  it('nothing to rank without values', () => {
    expect(business(new Map(), [], byId([facts('A')]))).toEqual([]);
  });
});

describe('Net Promoter Score', () => {
  const window = { firstDay: dayNumber('2026-10-01'), endDay: dayNumber('2027-01-01') };
  const score = (clientId: string, day: string, value: number, createdAt = 0) => ({ clientId, day, score: value, createdAt });

  it('scores at 6, 7, 8, 9 and 10: one detractor, two passives, two promoters → (2 − 1) / 5 = 20', () => {
    const figure = nps([score('A', '2026-10-02', 6), score('B', '2026-10-02', 7), score('C', '2026-10-02', 8), score('D', '2026-10-02', 9), score('E', '2026-10-02', 10)], window);
    expect(figure).toEqual({ score: 20, responses: 5, promoters: 2, passives: 2, detractors: 1, few: false });
  });

  it('each client’s latest score in the period (by day, then by when recorded); fewer than 5 are few', () => {
    const figure = nps(
      [
        score('A', '2026-10-02', 10),
        score('A', '2026-11-02', 6),
        score('B', '2026-11-05', 3, 1),
        score('B', '2026-11-05', 9, 2),
        // Before the period: not counted.
        score('C', '2026-09-30', 0),
      ],
      window,
    );
    // A: 6 (detractor), B: 9 (promoter) → 0 of 2.
    expect(figure).toEqual({ score: 0, responses: 2, promoters: 1, passives: 0, detractors: 1, few: true });
  });

  it('rounds half away from zero: 1 promoter and 2 detractors of 8 is −12.5 → −13', () => {
    const rows = [score('A', '2026-10-02', 9), score('B', '2026-10-02', 0), score('C', '2026-10-02', 6), ...['D', 'E', 'F', 'G', 'H'].map((id) => score(id, '2026-10-02', 7))];
    expect(nps(rows, window).score).toBe(-13);
  });

  it('no responses: no score', () => {
    expect(nps([], window)).toEqual({ score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, few: true });
  });
});

describe('referrals and gifts', () => {
  it('received in the period by referrer, most first; unthanked oldest first, any period; deleted clients left out', () => {
    const clients = [facts('Ann'), facts('Bob'), facts('Cy'), facts('Dee')];
    const referrals: InsightsReferral[] = [
      { id: 'r1', referrerId: 'Bob', referredId: 'Cy', at: noon('2026-10-05'), thankedAt: null },
      { id: 'r2', referrerId: 'Ann', referredId: 'Dee', at: noon('2026-10-06'), thankedAt: noon('2026-10-07') },
      { id: 'r3', referrerId: 'Bob', referredId: 'Dee', at: noon('2026-11-06'), thankedAt: noon('2026-11-07') },
      { id: 'r4', referrerId: 'Ann', referredId: 'Bob', at: noon('2025-01-06'), thankedAt: null },
      { id: 'r5', referrerId: 'Gone', referredId: 'Bob', at: noon('2026-10-06'), thankedAt: null },
    ];
    const figures = referralFigures(referrals, byId(clients), windowOfDays('2026-10-01', '2027-01-01', 'UTC'));
    expect(figures.received.map((row) => [row.clientId, row.count])).toEqual([['Bob', 2], ['Ann', 1]]);
    expect(figures.unthanked.map((row) => [row.referralId, row.referrer.clientId, row.referred.clientId])).toEqual([['r4', 'Ann', 'Bob'], ['r1', 'Bob', 'Cy']]);
  });

  it('Key clients with no gift and no referral thanked in the 365 days before now; longest without first', () => {
    const now = at('2026-03-01T12:00:00Z');
    const clients = [
      facts('A', { tier: 'key', gifts: [noon('2025-06-01')] }),
      facts('B', { tier: 'key', gifts: [noon('2024-12-01')] }),
      facts('C', { tier: 'key' }),
      facts('D', { tier: 'key' }),
      facts('E', { tier: 'key', archivedAt: 1 }),
      facts('F', { tier: 'active' }),
      // A gift exactly 365 days ago is outside "the 365 days before now".
      facts('G', { tier: 'key', gifts: [now - 365 * 86_400_000] }),
    ];
    const referrals: InsightsReferral[] = [{ id: 'r', referrerId: 'C', referredId: 'F', at: noon('2025-03-01'), thankedAt: noon('2025-04-01') }];
    expect(giftsDue(clients, referrals, now)).toEqual([
      { clientId: 'D', name: 'D', company: '', lastThanksAt: null },
      { clientId: 'B', name: 'B', company: '', lastThanksAt: noon('2024-12-01') },
      { clientId: 'G', name: 'G', company: '', lastThanksAt: now - 365 * 86_400_000 },
    ]);
  });
});
