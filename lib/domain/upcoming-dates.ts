/**
 * Dates that matter: the birthdays, anniversaries and milestones among a client's
 * details that fall within the next days.
 *
 * Pure functions: every "now" is a parameter; days are calendar days in the optional
 * time zone (see `calendar.ts`).
 */
import type { Detail, DetailKind } from '../model';
import { addYearsToDay, dayOf, daysBetween, isCalendarDay, yearOf } from './calendar';

export type UpcomingDate = {
  detailId: string;
  clientId: string;
  text: string;
  kind: DetailKind;
  day: string;
  daysUntil: number;
  yearly: boolean;
  /** Years since the original date, for a yearly detail whose original year is past. */
  years?: number;
};

export const DEFAULT_UPCOMING_WINDOW = 14;

/**
 * Dated details from today up to `windowDays` days ahead (both ends included), sorted
 * by day. A yearly detail comes round every year (29 February on 28 February in other
 * years), with `years` since the stored date when that is in an earlier year; a one-off
 * date shows only before it happens. Details without a (readable) date are skipped.
 */
export function upcomingDates(
  details: readonly Detail[],
  now: Date,
  windowDays: number = DEFAULT_UPCOMING_WINDOW,
  timeZone?: string,
): UpcomingDate[] {
  const window = Number.isFinite(windowDays) ? Math.max(0, Math.floor(windowDays)) : DEFAULT_UPCOMING_WINDOW;
  const today = dayOf(now.getTime(), timeZone);
  const thisYear = yearOf(today);
  const found: UpcomingDate[] = [];
  for (const detail of details) {
    if (!isCalendarDay(detail.date)) continue;
    let day = detail.date;
    let years: number | undefined;
    if (detail.yearly) {
      // Every year, whatever the stored year (it may be a placeholder, e.g. a leap year
      // picked to store a 29 February birthday).
      const original = yearOf(detail.date);
      day = addYearsToDay(detail.date, thisYear - original);
      if (day < today) day = addYearsToDay(detail.date, thisYear + 1 - original);
      years = yearOf(day) - original;
    }
    const daysUntil = daysBetween(today, day);
    if (daysUntil < 0 || daysUntil > window) continue;
    const item: UpcomingDate = {
      detailId: detail.id,
      clientId: detail.clientId,
      text: detail.text,
      kind: detail.kind,
      day,
      daysUntil,
      yearly: detail.yearly,
    };
    if (years !== undefined && years > 0) item.years = years;
    found.push(item);
  }
  return found.sort(
    (a, b) =>
      compare(a.day, b.day) || compare(a.clientId, b.clientId) || compare(a.text, b.text) || compare(a.detailId, b.detailId),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * How far ahead a date is, in words, beside it on Today: "today", "tomorrow",
 * "in 3 days". English like the rest of Tend's wording (the browser's locale would
 * mix languages on one line).
 */
export function daysAheadText(daysUntil: number): string {
  if (daysUntil <= 0) return 'today';
  if (daysUntil === 1) return 'tomorrow';
  return `in ${daysUntil} days`;
}
