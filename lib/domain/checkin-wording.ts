/**
 * What the user reads about check-ins: the sidebar's and Today's status line
 * ("Check-in overdue by 12 days") and the toolbar badge's text and title.
 */
import type { CheckInStatus } from './checkin-policy';

/** "1 day", "12 days". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The status as the sidebar says it; '' when the client has no check-ins. */
export function describeCheckIn(status: CheckInStatus): string {
  switch (status.state) {
    case 'none':
      return '';
    case 'overdue':
      return `Check-in overdue by ${plural(status.days, 'day')}`;
    case 'due-today':
      return 'Check-in due today';
    case 'upcoming':
      return status.days === 1 ? 'Next check-in tomorrow' : `Next check-in in ${plural(status.days, 'day')}`;
  }
}

/** The badge's count: '99+' above 99, nothing when none are overdue. */
export function badgeText(count: number): string {
  if (count === 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * The badge's title: how many check-ins are overdue and the most overdue by name
 * (`named`, most overdue first), with how many more when not all are named.
 */
export function badgeTitle(count: number, named: readonly { name: string; days: number }[]): string {
  if (count === 0) return 'Tend: no check-ins overdue';
  const names = named.map((o) => `${o.name} (${plural(o.days, 'day')})`).join(', ');
  const more = count > named.length ? ` and ${count - named.length} more` : '';
  // From 100 on the caller stops counting (the badge says 99+), so the title does too.
  return `Tend: ${count > 99 ? 'over 99 check-ins' : plural(count, 'check-in')} overdue — ${names}${count > 99 ? '' : more}`;
}
