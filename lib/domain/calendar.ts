/**
 * Calendar days in a time zone. A day is a `YYYY-MM-DD` string; the zone is an optional
 * IANA name, the runtime's local zone when left out or unknown to the runtime.
 *
 * Days are read, checked (leap years and all) and counted by date-fns on the days
 * themselves, in UTC (`@date-fns/utc`'s `utc` context), so a DST change never makes a
 * day 23 or 25 hours long. An instant's day in a zone is date-fns in the zone's context:
 * `@date-fns/tz`'s `tz()` for a named zone, plain `Date` for the local one.
 *
 * Not `tz('UTC')` for the days, nor a `TZDate` set to a wall time: its setters go
 * through the runtime's own zone and come out up to an hour off when that zone changes
 * its clocks at the wall time set (@date-fns/tz 1.5; with the runtime in
 * Australia/Lord_Howe, 1981-03-01 00:00 UTC came out 00:30).
 *
 * Checked against the hand-written calendar this replaced, every zone the runtime knows,
 * around every offset change since 1960: the same days and day starts, except where an
 * offset lies between -01:00 and 00:00 (Africa/Monrovia before 1972, Europe/Dublin
 * before 1916), which `tzOffset` (@date-fns/tz 1.5) reads with the wrong sign.
 *
 * Pure functions: every instant is a parameter.
 */
import { tz, tzOffset } from '@date-fns/tz';
import { utc } from '@date-fns/utc';
import { addDays as addDaysTo, addYears, differenceInCalendarDays, isValid, parseISO, toDate, type ContextFn } from 'date-fns';

const DAY_MS = 86_400_000;
/** Only this form: parseISO alone would also take week dates, ordinal dates, `YYYYMMDD`. */
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const contexts = new Map<string, ContextFn<Date> | undefined>();

/**
 * date-fns' `in` context for the zone: undefined (plain `Date`, the local zone) when no
 * zone is given or the runtime does not know it.
 */
function inZone(timeZone: string | undefined): ContextFn<Date> | undefined {
  if (timeZone === undefined) return undefined;
  if (!contexts.has(timeZone)) {
    let context: ContextFn<Date> | undefined;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      context = tz(timeZone);
    } catch {
      context = undefined;
    }
    contexts.set(timeZone, context);
  }
  return contexts.get(timeZone);
}

/** `YYYY-MM-DD` of the date's own fields (its zone's); years below 0 as `-00YYYY`. */
function format(date: Date): string {
  const year = date.getFullYear();
  const y = year < 0 ? `-${String(-year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return `${y}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The day at midnight UTC; null when it names no real calendar day (2026-02-30, 26-01-01). */
function parse(day: unknown): Date | null {
  if (typeof day !== 'string' || !DAY_PATTERN.test(day)) return null;
  const date = parseISO(day, { in: utc });
  return isValid(date) ? date : null;
}

function requireUtc(day: string): Date {
  const date = parse(day);
  if (date === null) throw new RangeError(`not a YYYY-MM-DD calendar day: ${String(day)}`);
  return date;
}

/** Whether the value is a `YYYY-MM-DD` naming a real calendar day. */
export function isCalendarDay(day: unknown): day is string {
  return parse(day) !== null;
}

/** The day itself; a RangeError when it names no real calendar day. */
export function requireDay(day: string): string {
  requireUtc(day);
  return day;
}

/** The year of a calendar day. */
export function yearOf(day: string): number {
  return requireUtc(day).getFullYear();
}

/** The calendar day (`YYYY-MM-DD`) of an instant in the zone. */
export function dayOf(at: number, timeZone?: string): string {
  if (!Number.isFinite(at)) throw new RangeError(`not a time: ${String(at)}`);
  return format(toDate(at, inZone(timeZone)));
}

/** The day `days` calendar days after (before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const date = requireUtc(day);
  if (!Number.isFinite(days)) throw new RangeError(`not a number of days: ${String(days)}`);
  return format(addDaysTo(date, Math.trunc(days)));
}

/** `to` minus `from` in whole calendar days. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(requireUtc(to), requireUtc(from), { in: utc });
}

/** The same month and day `years` later; 29 February is 28 February in other years. */
export function addYearsToDay(day: string, years: number): string {
  return format(addYears(requireUtc(day), years));
}

/**
 * The first instant of that calendar day in the zone, as epoch ms. Where midnight
 * itself does not exist (a DST jump at 00:00), the instant the day begins.
 */
export function startOfDayAt(day: string, timeZone?: string): number {
  const midnight = requireUtc(day).getTime();
  // The local zone: date-fns on a plain Date, whose runtime puts a skipped midnight at
  // the end of the gap and a repeated one at its first time, as a day begins.
  if (inZone(timeZone) === undefined) return parseISO(day).getTime();
  // A named zone: not a TZDate set to 00:00 (see above; it also takes the second of two
  // midnights where the clocks go back at 00:00). The zone's offsets in force around the
  // day give the candidates; the earliest that falls on the day is where it begins.
  const zone = timeZone!;
  let first: number | null = null;
  for (const probe of [midnight - DAY_MS, midnight, midnight + DAY_MS]) {
    const candidate = midnight - tzOffset(zone, new Date(probe)) * 60_000;
    if (dayOf(candidate, zone) === day && (first === null || candidate < first)) first = candidate;
  }
  // None does only on a day the zone skipped (Pacific/Apia, 30 December 2011).
  return first ?? midnight - tzOffset(zone, new Date(midnight)) * 60_000;
}
