/**
 * Calendar days as whole numbers (days since 1970-01-01), for the Insights figures:
 * comparing and subtracting numbers is what lets one pass over 200,000 contacts stay
 * cheap, where a `YYYY-MM-DD` string per contact (calendar.ts's `dayOf`, a formatted
 * date in the zone each time) would cost seconds. The days are the same as calendar.ts's:
 * its `dayOf` is what the clock falls back on wherever the zone's offset changes.
 *
 * Pure: the time zone is a parameter, and every instant too.
 */
import { tzOffset } from '@date-fns/tz';
import { dayOf } from '../calendar';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The day number of a `YYYY-MM-DD` day (its midnight UTC, in days). */
export function dayNumber(day: string): number {
  return Math.round(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS);
}

/** The `YYYY-MM-DD` of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function knownZone(timeZone: string | undefined): timeZone is string {
  if (timeZone === undefined) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A function from an instant to its day number in the zone (the runtime's own when
 * absent or unknown, as calendar.ts does). The zone's offset is read once per UTC day
 * at both of its ends: where they agree (every day but those of a clock change) the
 * day is the offset arithmetic; where they differ, the same per hour, and within the
 * hour of the change itself calendar.ts's `dayOf` decides.
 */
export function dayClock(timeZone?: string): (at: number) => number {
  const zone = knownZone(timeZone) ? timeZone : undefined;
  const offsetAt = (at: number): number => (zone === undefined ? -new Date(at).getTimezoneOffset() : tzOffset(zone, new Date(at)));
  // The zone's offset in ms over a whole span, or NaN when it changes within it.
  const steady = (start: number, length: number): number => {
    const first = offsetAt(start);
    return first === offsetAt(start + length - 1) && Number.isFinite(first) ? first * 60_000 : Number.NaN;
  };
  // By UTC day; on the days the offset changes, by hour (clocks change on the hour or
  // the half hour: only the hour of the change is left to calendar.ts).
  const byDay = new Map<number, number>();
  const byHour = new Map<number, number>();
  return (at: number): number => {
    const utcDay = Math.floor(at / DAY_MS);
    let offset = byDay.get(utcDay);
    if (offset === undefined) byDay.set(utcDay, (offset = steady(utcDay * DAY_MS, DAY_MS)));
    if (Number.isNaN(offset)) {
      const hour = Math.floor(at / HOUR_MS);
      offset = byHour.get(hour);
      if (offset === undefined) byHour.set(hour, (offset = steady(hour * HOUR_MS, HOUR_MS)));
    }
    if (Number.isNaN(offset)) return dayNumber(dayOf(at, zone));
    return Math.floor((at + offset) / DAY_MS);
  };
}

/** The index of the first of the ascending `times` at or after `at` (their length when none is). */
export function firstAtOrAfter(times: ArrayLike<number>, at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle]! < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How many of the ascending `times` fall in [start, end). */
export function countBetween(times: ArrayLike<number>, start: number, end: number): number {
  if (end <= start) return 0;
  return firstAtOrAfter(times, end) - firstAtOrAfter(times, start);
}

/** Whether any of the ascending `times` falls in [start, end): one binary search. */
export function anyBetween(times: ArrayLike<number>, start: number, end: number): boolean {
  const first = firstAtOrAfter(times, start);
  return first < times.length && times[first]! < end;
}
