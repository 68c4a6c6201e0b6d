/**
 * The windows of time the Insights figures are computed over: the period the user
 * picked, the window of the same length before it (retention), the last 8 calendar
 * quarters and the last 12 calendar months (the charts). All in the user's time zone,
 * in whole calendar days (calendar.ts): a window is [its first day's start, the start
 * of the day after its last).
 */
import { addDays, addYearsToDay, daysBetween, startOfDayAt } from '../calendar';
import { dayNumber, dayString } from './days';
import type { Period, QuarterPoint, Window } from './view';

/** A window with its calendar days: `firstDay` to `endDay` (exclusive), as day numbers. */
export interface DayWindow extends Window {
  firstDay: number;
  endDay: number;
}

/** The window [first, end) of calendar days (`YYYY-MM-DD`, `end` exclusive) in the zone. */
export function windowOfDays(first: string, end: string, timeZone?: string): DayWindow {
  return { start: startOfDayAt(first, timeZone), end: startOfDayAt(end, timeZone), firstDay: dayNumber(first), endDay: dayNumber(end) };
}

/**
 * The period's window, ending with today (the start of tomorrow). `earliestDay` is
 * the day of the earliest record, for all time (today when there is none).
 */
export function periodWindow(period: Period, today: string, timeZone: string | undefined, earliestDay: string | null): DayWindow {
  const tomorrow = addDays(today, 1);
  switch (period) {
    // Today and the 89 days before it.
    case 'last-90-days':
      return windowOfDays(addDays(today, -89), tomorrow, timeZone);
    // From the day after the same day a year ago: 365 days, 366 when a 29 February
    // is among them (addYearsToDay takes 29 Feb to 28 Feb, whose next day is 1 Mar).
    case 'last-12-months':
      return windowOfDays(addDays(addYearsToDay(today, -1), 1), tomorrow, timeZone);
    case 'this-year':
      return windowOfDays(`${today.slice(0, 4)}-01-01`, tomorrow, timeZone);
    // From the earliest record's day; a record dated after today cannot start it later than today.
    case 'all-time':
      return windowOfDays(earliestDay !== null && earliestDay < today ? earliestDay : today, tomorrow, timeZone);
  }
}

/**
 * The window of the same length (in calendar days) just before `window`, for
 * retention. None for all time: nothing comes before the earliest record.
 */
export function previousWindow(period: Period, window: DayWindow, timeZone?: string): DayWindow | null {
  if (period === 'all-time') return null;
  const first = dayString(window.firstDay);
  const length = window.endDay - window.firstDay;
  return windowOfDays(addDays(first, -length), first, timeZone);
}

export type QuarterWindow = DayWindow & QuarterPoint;

/**
 * The last `count` calendar quarters, the current one included, oldest first,
 * labelled "2026 Q4". The current quarter ends with today (the start of tomorrow):
 * nothing after now has happened yet.
 */
export function lastQuarters(today: string, timeZone: string | undefined, count = 8): QuarterWindow[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const quarters: QuarterWindow[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    quarters.push(quarterWindow(year, quarter - back, today, timeZone));
  }
  return quarters;
}

/** The quarter `index` (0–3, or beyond: it rolls into other years) of `year`, cut at today. */
export function quarterWindow(year: number, index: number, today: string, timeZone?: string): QuarterWindow {
  const y = year + Math.floor(index / 4);
  const q = ((index % 4) + 4) % 4;
  const first = `${String(y).padStart(4, '0')}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const next = q === 3 ? `${String(y + 1).padStart(4, '0')}-01-01` : `${String(y).padStart(4, '0')}-${String(q * 3 + 4).padStart(2, '0')}-01`;
  const tomorrow = addDays(today, 1);
  const end = daysBetween(next, tomorrow) < 0 ? tomorrow : next;
  return { ...windowOfDays(first, end, timeZone), label: `${y} Q${q + 1}` };
}

export type MonthWindow = DayWindow & { month: string };

/** The last `count` calendar months, the current one included (whole: it ends with the month), oldest first, as `YYYY-MM`. */
export function lastMonths(today: string, timeZone: string | undefined, count = 12): MonthWindow[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  const months: MonthWindow[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + month - back;
    const first = monthDay(index);
    months.push({ ...windowOfDays(first, monthDay(index + 1), timeZone), month: first.slice(0, 7) });
  }
  return months;
}

/** The first day of month `index` (year × 12 + month 0–11). */
function monthDay(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}
