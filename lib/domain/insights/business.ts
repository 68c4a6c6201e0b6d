/**
 * The money figures (issue 16): repeat business, lifetime value, and where the
 * business comes from (a Pareto ranking per currency, "Make Key", gifts due). Money
 * is summed in minor units (cents), so totals are exact, and never across currencies.
 */
import { isWork, overlaps, type DayProject } from './activity';
import type { ClientFacts, InsightsReferral } from './facts';
import type { DayWindow } from './periods';
import { byName, clientRef, share } from './share';
import type { ClientRef, InsightsView, MoneyFigure, ParetoRow, Share } from './view';

/** The Pareto rows sent per currency; the counts are of all. */
export const MAX_PARETO_ROWS = 200;
/** Vital few: the smallest set bringing this share of the value. */
const VITAL_SHARE = { numerator: 4, denominator: 5 };
/** Top clients: this share of the clients with value, rounded up. */
const TOP_SHARE = 0.2;
/** "No gift or thank-you logged in 12 months": the 365 days before now. */
const THANKS_WITHIN_MS = 365 * 86_400_000;

/**
 * Of the clients with a project of work (active or done) overlapping the window,
 * the share with two or more projects of work begun by the window's end.
 */
export function repeatBusiness(projectsByClient: ReadonlyMap<string, DayProject[]>, window: DayWindow): Share {
  let of = 0;
  let count = 0;
  for (const projects of projectsByClient.values()) {
    if (!projects.some((project) => isWork(project.status) && overlaps(project, window))) continue;
    of += 1;
    let begun = 0;
    for (const project of projects) if (isWork(project.status) && project.startDay < window.endDay) begun += 1;
    if (begun >= 2) count += 1;
  }
  return share(count, of);
}

/** Client id → currency → cents: each client's lifetime value, per currency. */
export type LifetimeValues = Map<string, Map<string, number>>;

/**
 * Each client's lifetime value per currency: the values of their projects of work
 * (active or done) begun by the window's end (`endDay`, exclusive), in cents.
 */
export function lifetimeValues(projectsByClient: ReadonlyMap<string, DayProject[]>, endDay: number): LifetimeValues {
  const values: LifetimeValues = new Map();
  for (const [clientId, projects] of projectsByClient) {
    for (const project of projects) {
      if (!isWork(project.status) || project.cents === null || project.currency === null || project.startDay >= endDay) continue;
      let perCurrency = values.get(clientId);
      if (!perCurrency) values.set(clientId, (perCurrency = new Map()));
      perCurrency.set(project.currency, (perCurrency.get(project.currency) ?? 0) + project.cents);
    }
  }
  return values;
}

/**
 * Per currency: the total over the clients with a valued project in it, how many
 * they are, and the average (to the cent). Most clients first, then by code.
 */
export function averageLifetimeValue(values: LifetimeValues): MoneyFigure[] {
  const totals = new Map<string, { cents: number; clients: number }>();
  for (const perCurrency of values.values()) {
    for (const [currency, cents] of perCurrency) {
      const total = totals.get(currency) ?? { cents: 0, clients: 0 };
      total.cents += cents;
      total.clients += 1;
      totals.set(currency, total);
    }
  }
  return [...totals]
    .map(([currency, { cents, clients }]) => ({ currency, total: cents / 100, clients, average: Math.round(cents / clients) / 100 }))
    .sort((a, b) => b.clients - a.clients || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

type Business = InsightsView['business'];
type Ranked = Omit<ParetoRow, 'own' | 'referred' | 'value' | 'cumulative'> & { own: number; referred: number; value: number };

/**
 * Where the business comes from, per currency: each client's own lifetime value plus
 * that of the clients they referred; clients with value ranked by it (then by name),
 * the vital few (the smallest prefix reaching 80 % of the total) and the top 20 %
 * marked. Clients tied in value with the last one in are in too: which of equal
 * clients is in would otherwise be arbitrary.
 */
export function business(values: LifetimeValues, referrals: readonly InsightsReferral[], clientsById: ReadonlyMap<string, ClientFacts>): Business['perCurrency'] {
  // A referral counted once per pair: the same introduction recorded twice is not twice the value.
  const referredBy = new Map<string, Set<string>>();
  for (const referral of referrals) {
    if (referral.referrerId === referral.referredId || !clientsById.has(referral.referrerId)) continue;
    let referred = referredBy.get(referral.referrerId);
    if (!referred) referredBy.set(referral.referrerId, (referred = new Set()));
    referred.add(referral.referredId);
  }
  const perCurrency = new Map<string, Ranked[]>();
  const rowsOf = (currency: string): Ranked[] => {
    let rows = perCurrency.get(currency);
    if (!rows) perCurrency.set(currency, (rows = []));
    return rows;
  };
  const none = new Map<string, number>();
  for (const client of clientsById.values()) {
    const own = values.get(client.id) ?? none;
    const referrals = referredBy.get(client.id);
    // Most clients have no value and referred no one: nothing to rank.
    if (own.size === 0 && referrals === undefined) continue;
    const referredValue = new Map<string, number>();
    for (const referredId of referrals ?? []) {
      for (const [currency, cents] of values.get(referredId) ?? []) referredValue.set(currency, (referredValue.get(currency) ?? 0) + cents);
    }
    for (const currency of new Set([...own.keys(), ...referredValue.keys()])) {
      const ownCents = own.get(currency) ?? 0;
      const referredCents = referredValue.get(currency) ?? 0;
      if (ownCents + referredCents <= 0) continue;
      rowsOf(currency).push({ ...clientRef(client), tier: client.tier, own: ownCents, referred: referredCents, value: ownCents + referredCents, vital: false, top: false });
    }
  }
  const result: Business['perCurrency'] = [];
  for (const [currency, rows] of perCurrency) {
    rows.sort((a, b) => b.value - a.value || byName(a, b));
    const total = rows.reduce((sum, row) => sum + row.value, 0);
    // The vital few: integer cents, so "reaches 80 %" is exact (cumulative × 5 ≥ total × 4).
    let running = 0;
    let vitalEnd = rows.length;
    for (let i = 0; i < rows.length; i += 1) {
      running += rows[i]!.value;
      if (running * VITAL_SHARE.denominator >= total * VITAL_SHARE.numerator) {
        vitalEnd = i + 1;
        break;
      }
    }
    vitalEnd = withTies(rows, vitalEnd);
    const topEnd = withTies(rows, Math.ceil(TOP_SHARE * rows.length));
    // Only the rows sent are made (of thousands of clients with value, 200).
    let cumulative = 0;
    const paretoRows: ParetoRow[] = rows.slice(0, MAX_PARETO_ROWS).map((row, i) => {
      cumulative += row.value;
      return { ...row, own: row.own / 100, referred: row.referred / 100, value: row.value / 100, cumulative: cumulative / total, vital: i < vitalEnd, top: i < topEnd };
    });
    result.push({ currency, total: total / 100, clients: rows.length, vitalClients: vitalEnd, rows: paretoRows });
  }
  return result.sort((a, b) => b.clients - a.clients || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** `end` moved past every row tied in value with the last one in. */
function withTies(rows: readonly { value: number }[], end: number): number {
  if (end <= 0) return 0;
  const last = rows[end - 1]!.value;
  while (end < rows.length && rows[end]!.value === last) end += 1;
  return end;
}

/**
 * "Make Key": top clients who are not Key (archived ones left out), once each, with
 * the currency where their value is highest; highest value first, then by name.
 */
export function makeKeySuggestions(perCurrency: Business['perCurrency'], clientsById: ReadonlyMap<string, ClientFacts>): Business['makeKey'] {
  const best = new Map<string, ClientRef & { currency: string; value: number }>();
  for (const { currency, rows } of perCurrency) {
    for (const row of rows) {
      if (!row.top) break;
      const client = clientsById.get(row.clientId);
      if (!client || client.tier === 'key' || client.archivedAt !== null) continue;
      const current = best.get(row.clientId);
      if (!current || row.value > current.value || (row.value === current.value && currency < current.currency)) {
        best.set(row.clientId, { ...clientRef(client), currency, value: row.value });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.value - a.value || byName(a, b));
}

/**
 * Key clients (not archived) with no gift logged and no referral of theirs thanked in
 * the 365 days before now; `lastThanksAt` is the latest of either ever, or null.
 * Longest without thanks first (never thanked before all), then by name.
 */
export function giftsDue(clients: readonly ClientFacts[], referrals: readonly InsightsReferral[], now: number): Business['giftsDue'] {
  const thankedAt = new Map<string, number>();
  for (const referral of referrals) {
    if (referral.thankedAt === null || referral.thankedAt > now) continue;
    thankedAt.set(referral.referrerId, Math.max(thankedAt.get(referral.referrerId) ?? -Infinity, referral.thankedAt));
  }
  const due: Business['giftsDue'] = [];
  for (const client of clients) {
    if (client.tier !== 'key' || client.archivedAt !== null) continue;
    let last = thankedAt.get(client.id) ?? null;
    // The latest gift not after now (a gift dated later is a typo, not thanks given).
    for (let i = client.gifts.length - 1; i >= 0; i -= 1) {
      const at = client.gifts[i]!;
      if (at > now) continue;
      if (last === null || at > last) last = at;
      break;
    }
    if (last !== null && last > now - THANKS_WITHIN_MS) continue;
    due.push({ ...clientRef(client), lastThanksAt: last });
  }
  return due.sort((a, b) => (a.lastThanksAt ?? -Infinity) - (b.lastThanksAt ?? -Infinity) || byName(a, b));
}
