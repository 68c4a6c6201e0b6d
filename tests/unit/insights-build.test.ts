/**
 * The whole Insights view from facts (lib/domain/insights/build.ts): nothing is ever
 * NaN or Infinity (the empty database, a single client), and the figures of a small
 * practice, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_CADENCE } from '../../lib/domain/checkin-policy';
import { buildInsights } from '../../lib/domain/insights/build';
import type { InsightsInput } from '../../lib/domain/insights/facts';
import { PERIODS } from '../../lib/domain/insights/view';
import { at, facts, noon, project } from './support/insights';

const NOW = at('2026-12-07T12:00:00Z');
const empty: InsightsInput = { clients: [], projects: [], feedback: [], referrals: [], tierCadences: { ...DEFAULT_TIER_CADENCE } };

/** Every number anywhere in the value, with where it is. */
function numbers(value: unknown, path = 'view'): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numbers(item, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => numbers(item, `${path}.${key}`));
  return [];
}
function expectFinite(value: unknown): void {
  const bad = numbers(value).filter(([, n]) => !Number.isFinite(n));
  expect(bad).toEqual([]);
}

describe('the Insights view', () => {
  it('over the empty database: every figure finite or null, shares without a value', () => {
    for (const period of PERIODS) {
      const view = buildInsights(empty, period, NOW, 'Europe/Berlin');
      expectFinite(view);
      expect(view.counts).toEqual({ clients: 0, projects: 0, valuedProjects: 0, feedback: 0, referrals: 0, realContacts: 0 });
      expect(view.retention.rate.value).toBeNull();
      expect(view.retention.churn).toBeNull();
      expect(view.repeatBusiness.value).toBeNull();
      expect(view.nps.score).toBeNull();
      expect(view.checkIns.kept.value).toBeNull();
      expect(view.lifetimeValue).toEqual([]);
      expect(view.business.perCurrency).toEqual([]);
      expect(view.retention.byQuarter).toHaveLength(8);
      expect(view.nps.byQuarter.map((quarter) => quarter.score)).toEqual(Array(8).fill(null));
      expect(view.engagement).toHaveLength(12);
      expect(view.engagement.every((month) => month.perClient === null)).toBe(true);
    }
    // All time with no record: today alone (in Berlin, 7 Dec from 23:00 UTC the day before).
    expect(buildInsights(empty, 'all-time', NOW, 'Europe/Berlin').window).toEqual({ start: at('2026-12-06T23:00:00Z'), end: at('2026-12-07T23:00:00Z') });
  });

  it('lists to act on carry their first 20 rows and the count of all', () => {
    // 25 Key clients, none ever thanked: all 25 are due a gift, the first 20 by name are carried.
    const names = Array.from({ length: 25 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`);
    // 25 referrals by K01 of the others, none thanked, a day apart.
    const referrals = names.slice(1).map((name, i) => ({ id: `r${i}`, referrerId: 'K01', referredId: name, at: noon('2026-06-01') + i * 86_400_000, thankedAt: null }));
    const view = buildInsights({ ...empty, clients: names.map((name) => facts(name, { tier: 'key' })), referrals }, 'last-12-months', NOW, 'UTC');
    expect(view.business.giftsDueTotal).toBe(25);
    expect(view.business.giftsDue.map((client) => client.name)).toEqual(names.slice(0, 20));
    expect(view.referrals.unthankedTotal).toBe(24);
    expect(view.referrals.unthanked).toHaveLength(20);
    expect(view.referrals.unthanked[0]!.referred.name).toBe('K02');
    expect(view.referrals.unthanked[19]!.referred.name).toBe('K21');
    expect(view.referrals.received).toEqual([{ clientId: 'K01', name: 'K01', company: '', count: 24 }]);
    expect(view.referrals.receivedTotal).toBe(1);
    expect(view.business.makeKeyTotal).toBe(0);
  });

  it('over a single client: finite everywhere', () => {
    const input: InsightsInput = {
      ...empty,
      clients: [facts('Solo', { tier: 'key', realContacts: [noon('2026-11-01')], contacts: [noon('2026-10-01'), noon('2026-11-01')], gifts: [] })],
      projects: [project('Solo', '2026-09-01', null, { status: 'active', value: 1200, currency: 'EUR' })],
      feedback: [{ clientId: 'Solo', day: '2026-11-02', score: 8, createdAt: noon('2026-11-02') }],
    };
    for (const period of PERIODS) {
      const view = buildInsights(input, period, NOW, 'UTC');
      expectFinite(view);
      expect(view.lifetimeValue).toEqual([{ currency: 'EUR', total: 1200, clients: 1, average: 1200 }]);
      expect(view.nps).toMatchObject({ score: 0, responses: 1, passives: 1, few: true });
    }
    // Alone in the ranking: 100 % of the value, vital and top; Key already, so no suggestion; no gift: one due.
    const view = buildInsights(input, 'last-12-months', NOW, 'UTC');
    expect(view.business.perCurrency[0]!.rows[0]).toMatchObject({ clientId: 'Solo', value: 1200, cumulative: 1, vital: true, top: true });
    expect(view.business.makeKey).toEqual([]);
    expect(view.business.giftsDue.map((row) => row.clientId)).toEqual(['Solo']);
    // All time begins with the client's creation (2024-01-01, support/insights.ts).
    expect(buildInsights(input, 'all-time', NOW, 'UTC').window.start).toBe(at('2024-01-01T00:00:00Z'));
  });

  it('a small practice, last 90 days (9 Sep – 7 Dec 2026; before: 11 Jun – 8 Sep)', () => {
    const input: InsightsInput = {
      ...empty,
      clients: [
        // Ann: a call in July and an email from her in October: retained.
        facts('Ann', { realContacts: [noon('2026-07-10'), noon('2026-10-12')], contacts: [noon('2026-07-10'), noon('2026-10-12')] }),
        // Bob: a meeting in August only: churned.
        facts('Bob', { tier: 'key', realContacts: [noon('2026-08-20')], contacts: [noon('2026-08-20')] }),
        // Cy: only notes (no facts at all): never active.
        facts('Cy'),
        // Dee: a project active since May: active in both windows.
        facts('Dee', { tier: 'occasional' }),
      ],
      projects: [
        project('Dee', '2026-05-01', null, { status: 'active', value: 5000, currency: 'EUR' }),
        project('Dee', '2026-02-01', '2026-03-01', { value: 1000, currency: 'EUR' }),
        project('Ann', '2026-10-01', null, { status: 'active', value: 800, currency: 'USD' }),
        project('Ghost', '2026-10-01', null, { status: 'active', value: 1, currency: 'EUR' }),
      ],
      feedback: [
        { clientId: 'Ann', day: '2026-10-20', score: 9, createdAt: 1 },
        { clientId: 'Dee', day: '2026-11-20', score: 6, createdAt: 2 },
      ],
      referrals: [{ id: 'r1', referrerId: 'Ann', referredId: 'Dee', at: noon('2026-10-01'), thankedAt: null }],
    };
    const view = buildInsights(input, 'last-90-days', NOW, 'UTC');
    expect(view.window).toEqual({ start: at('2026-09-09T00:00:00Z'), end: at('2026-12-08T00:00:00Z') });
    // Before: Ann, Bob, Dee. Also now: Ann, Dee → 2/3.
    expect(view.retention.rate).toEqual({ value: 2 / 3, count: 2, of: 3 });
    expect(view.retention.churn).toBe(1 / 3);
    // Work overlapping: Ann (1 project), Dee (2 begun) → 1/2.
    expect(view.repeatBusiness).toEqual({ value: 0.5, count: 1, of: 2 });
    // The project of a deleted client ("Ghost") is in no figure.
    expect(view.counts).toEqual({ clients: 4, projects: 3, valuedProjects: 3, feedback: 2, referrals: 1, realContacts: 3 });
    expect(view.lifetimeValue).toEqual([
      { currency: 'EUR', total: 6000, clients: 1, average: 6000 },
      { currency: 'USD', total: 800, clients: 1, average: 800 },
    ]);
    // Ann 9 (promoter), Dee 6 (detractor) → 0.
    expect(view.nps).toMatchObject({ score: 0, responses: 2, promoters: 1, detractors: 1, few: true });
    // 2026 Q4: Ann and Dee; 2026 Q3 before it: Ann (July), Bob (August), Dee → 2 of 3.
    expect(view.retention.byQuarter.at(-1)).toMatchObject({ label: '2026 Q4', rate: { value: 2 / 3, count: 2, of: 3 } });
    // Ann referred Dee: in EUR Ann ranks with Dee's 6000 (own 0); in USD with her own 800.
    const eur = view.business.perCurrency.find((figure) => figure.currency === 'EUR')!;
    expect(eur.rows.map((row) => [row.clientId, row.own, row.referred, row.value])).toEqual([['Ann', 0, 6000, 6000], ['Dee', 6000, 0, 6000]]);
    expect(view.referrals.received).toEqual([{ clientId: 'Ann', name: 'Ann', company: '', count: 1 }]);
    expect(view.referrals.unthanked.map((row) => row.referralId)).toEqual(['r1']);
    // Bob, Key, last contact 20 Aug; alone his usual gap is the cadence (14): 109 days since.
    expect(view.drifting.clients.map((row) => [row.clientId, row.sinceDays, row.usualGapDays])).toEqual([['Bob', 109, 14], ['Ann', 56, 30]]);
    // Check-ins due 9 Sep – 7 Dec: Bob (14 days) from 20 Aug → due 3 Sep: before. Ann (30) from 12 Oct → due 11 Nov, none since: late.
    expect(view.checkIns.kept).toEqual({ value: 0, count: 0, of: 1 });
  });
});
