/** The toolbar badge's colours: grey when nothing is overdue, warmer the more overdue. */

export const BADGE_COLORS = Object.freeze({
  none: '#5F6368',
  amber: '#F9AB00',
  orange: '#E8710A',
  red: '#D93025',
});

/**
 * The colour for the most overdue check-in (days overdue; null when none is): amber
 * under a week, orange under 30 days, red from 30.
 */
export function badgeColor(worstDays: number | null): string {
  if (worstDays === null) return BADGE_COLORS.none;
  return worstDays >= 30 ? BADGE_COLORS.red : worstDays >= 7 ? BADGE_COLORS.orange : BADGE_COLORS.amber;
}
