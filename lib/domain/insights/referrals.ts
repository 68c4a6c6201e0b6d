/** Referrals (issue 16): received in the period by referrer, and referrers not yet thanked. */
import type { ClientFacts, InsightsReferral } from './facts';
import type { Window } from './view';
import { byName, clientRef } from './share';
import type { InsightsView } from './view';

/**
 * Referrals made in the window, grouped by referrer, most first (then by name); and
 * every referral not yet thanked, oldest first, whatever the period. A referral whose
 * referrer or referred client was deleted is left out: there is no one to name.
 */
export function referralFigures(
  referrals: readonly InsightsReferral[],
  clientsById: ReadonlyMap<string, ClientFacts>,
  window: Window,
): Pick<InsightsView['referrals'], 'received' | 'unthanked'> {
  const received = new Map<string, InsightsView['referrals']['received'][number]>();
  const unthanked: InsightsView['referrals']['unthanked'] = [];
  for (const referral of referrals) {
    const referrer = clientsById.get(referral.referrerId);
    const referred = clientsById.get(referral.referredId);
    if (!referrer || !referred) continue;
    if (referral.at >= window.start && referral.at < window.end) {
      const row = received.get(referrer.id) ?? { ...clientRef(referrer), count: 0 };
      row.count += 1;
      received.set(referrer.id, row);
    }
    if (referral.thankedAt === null) unthanked.push({ referralId: referral.id, referrer: clientRef(referrer), referred: clientRef(referred), at: referral.at });
  }
  return {
    received: [...received.values()].sort((a, b) => b.count - a.count || byName(a, b)),
    unthanked: unthanked.sort((a, b) => a.at - b.at || (a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0)),
  };
}
