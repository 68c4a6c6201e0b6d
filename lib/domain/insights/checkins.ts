/**
 * Check-ins kept (issue 16): of the check-ins due in the period, the share that
 * happened on or before their due day, replayed from each client's history with the
 * check-in clock's own rules (checkin-policy.ts: what counts as contact, the cadence).
 */
import { cadenceOf, type TierCadences } from '../checkin-policy';
import type { ClientFacts } from './facts';
import type { DayWindow } from './periods';
import { byName, clientRef, share } from './share';
import type { InsightsView } from './view';

/** The clients most often late, at most this many. */
export const MAX_MOST_OFTEN_LATE = 10;

/** The distinct days (day numbers, ascending) of ascending times. */
export function distinctDays(times: ArrayLike<number>, dayOfTime: (at: number) => number): number[] {
  const days: number[] = [];
  for (let i = 0; i < times.length; i += 1) {
    const day = dayOfTime(times[i]!);
    if (days.length === 0 || day > days[days.length - 1]!) days.push(day);
  }
  return days;
}

export interface ClientCheckIns {
  due: number;
  kept: number;
  late: number;
}

/**
 * One client's check-ins due in the window. After a contact on day d the next is due
 * on d + cadence (several contacts on one day start one clock: distinct days); it was
 * kept when the next contact's day is on or before the due day, late when the next
 * contact came later, or never came and the due day is before today. A due day after
 * today is not due yet, and one of today without a contact yet is still open: neither
 * is counted. Before the first contact nothing is due: the history says nothing yet.
 *
 * Snoozes are not history: Tend keeps only the current snooze, not past ones, so a
 * snoozed check-in that came late is late (and never kept).
 *
 * The current tier's cadence is used for the whole history (past tiers are not
 * kept). An archived client's clock stops on the day they were archived.
 */
export function clientCheckIns(days: readonly number[], cadence: number, window: Pick<DayWindow, 'firstDay' | 'endDay'>, today: number, archivedDay: number | null): ClientCheckIns {
  let due = 0;
  let kept = 0;
  let late = 0;
  for (let i = 0; i < days.length; i += 1) {
    const dueDay = days[i]! + cadence;
    if (dueDay < window.firstDay || dueDay >= window.endDay || dueDay > today) continue;
    if (archivedDay !== null && dueDay >= archivedDay) continue;
    const next = days[i + 1];
    if (next !== undefined && next <= dueDay) {
      due += 1;
      kept += 1;
    } else if (next !== undefined || dueDay < today) {
      due += 1;
      late += 1;
    }
  }
  return { due, kept, late };
}

export function checkIns(
  clients: readonly ClientFacts[],
  tierCadences: TierCadences,
  window: Pick<DayWindow, 'firstDay' | 'endDay'>,
  today: number,
  dayOfTime: (at: number) => number,
  /** Each client's distinct contact days (`distinctDays`), when already worked out. */
  contactDays?: readonly (readonly number[])[],
): InsightsView['checkIns'] {
  let due = 0;
  let kept = 0;
  let keyDue = 0;
  let keyKept = 0;
  const late: InsightsView['checkIns']['mostOftenLate'] = [];
  clients.forEach((client, index) => {
    // No cadence (tier None, or a tier without check-ins): nothing is ever due.
    const cadence = cadenceOf(client, tierCadences);
    if (cadence === null || client.contacts.length === 0) return;
    const days = contactDays?.[index] ?? distinctDays(client.contacts, dayOfTime);
    const archivedDay = client.archivedAt === null ? null : dayOfTime(client.archivedAt);
    const figures = clientCheckIns(days, cadence, window, today, archivedDay);
    due += figures.due;
    kept += figures.kept;
    if (client.tier === 'key') {
      keyDue += figures.due;
      keyKept += figures.kept;
    }
    if (figures.late > 0) late.push({ ...clientRef(client), late: figures.late, due: figures.due });
  });
  late.sort((a, b) => b.late - a.late || byName(a, b));
  return { kept: share(kept, due), keyKept: share(keyKept, keyDue), mostOftenLate: late.slice(0, MAX_MOST_OFTEN_LATE) };
}
