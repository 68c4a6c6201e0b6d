/** The toolbar badge for the overdue check-ins: its text, colour and title together. */
import { badgeColor } from './badge-colors';
import { badgeText, badgeTitle } from './checkin-wording';

export type Badge = { text: string; color: string; title: string };

const BADGE_NAMED = 3;

/**
 * The toolbar badge for the overdue check-ins: their count ('99+' above 99), a colour
 * by how overdue the worst one is (see `badgeColor`), and a title naming the three most
 * overdue.
 */
export function badgeFor(overdue: readonly { name: string; days: number }[], total: number = overdue.length): Badge {
  // `total` lets the caller pass only the few most overdue (an indexed, limited query)
  // with the full count, rather than loading every overdue client.
  const count = Math.max(total, overdue.length);
  if (count === 0) return { text: badgeText(0), color: badgeColor(null), title: badgeTitle(0, []) };
  const sorted = [...overdue].sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));
  return {
    text: badgeText(count),
    color: badgeColor(sorted[0]!.days),
    title: badgeTitle(count, sorted.slice(0, BADGE_NAMED)),
  };
}
