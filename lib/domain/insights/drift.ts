/**
 * Drifting away (issue 16): clients whose time since their last contact is more than
 * 1.5 × their own usual gap between contacts.
 */
import { cadenceOf, type TierCadences } from '../checkin-policy';
import { distinctDays } from './checkins';
import type { ClientFacts } from './facts';
import { byName, clientRef } from './share';
import type { InsightsView } from './view';

/** Drifting: the time since the last contact is over this many times the usual gap. */
export const DRIFT_FACTOR = 1.5;
/** The rows sent; `total` counts all. */
export const MAX_DRIFTING = 50;
/** Contacts (on distinct days) needed for a usual gap of their own; fewer: the cadence stands in. */
const OWN_GAP_CONTACTS = 3;

/** The median of the numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The usual gap in days: the median of the gaps between consecutive contact days
 * when there are at least 3 distinct ones (several on one day are one: a gap of 0
 * days is not a rhythm), else the cadence; null when neither (not judged).
 */
export function usualGap(days: readonly number[], cadence: number | null): number | null {
  if (days.length < OWN_GAP_CONTACTS) return cadence;
  const gaps: number[] = [];
  for (let i = 1; i < days.length; i += 1) gaps.push(days[i]! - days[i - 1]!);
  return median(gaps);
}

/** Non-archived clients with a contact, drifting; most drifted (highest ratio) first, then by name. */
export function drifting(
  clients: readonly ClientFacts[],
  tierCadences: TierCadences,
  today: number,
  dayOfTime: (at: number) => number,
  /** Each client's distinct contact days (`distinctDays`), when already worked out. */
  contactDays?: readonly (readonly number[])[],
): InsightsView['drifting'] {
  const rows: InsightsView['drifting']['clients'] = [];
  clients.forEach((client, index) => {
    if (client.archivedAt !== null || client.contacts.length === 0) return;
    const days = contactDays?.[index] ?? distinctDays(client.contacts, dayOfTime);
    const usual = usualGap(days, cadenceOf(client, tierCadences));
    if (usual === null || usual <= 0) return;
    const sinceDays = today - days[days.length - 1]!;
    if (sinceDays <= DRIFT_FACTOR * usual) return;
    rows.push({ ...clientRef(client), email: client.email, lastContactAt: client.contacts[client.contacts.length - 1]!, usualGapDays: usual, sinceDays, ratio: sinceDays / usual });
  });
  rows.sort((a, b) => b.ratio - a.ratio || byName(a, b));
  return { total: rows.length, clients: rows.slice(0, MAX_DRIFTING) };
}
