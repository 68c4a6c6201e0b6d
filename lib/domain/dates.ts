/**
 * Dates as mail pages show them, read into epoch milliseconds in the user's time zone
 * (the pages render local time), and described back for the sidebar.
 *
 * The page texts vary by host, locale and layout ("Mon, Oct 6, 2026, 3:42 PM",
 * "Mo., 6. Okt. 2026, 15:42", "Mon 10/6/2026 3:42 PM", "Mo 06.10.2026 15:42", ...), and
 * their weekday is decoration (it can even be wrong), so the text is cleaned into one
 * shape and read by three patterns (month name first, day first, numeric) rather than
 * by a long list of exact formats. Month and weekday names come from date-fns' English
 * and German locales. Pure functions: every "now" is a parameter.
 */
import { addYears, differenceInCalendarDays, isValid, parseISO } from 'date-fns';
import { de, enUS } from 'date-fns/locale';

export interface MailDate {
  /** Epoch milliseconds. */
  at: number;
  /** False when the text could not be read and `at` is `now`. */
  exact: boolean;
}

/** Date texts on the pages are short; anything much longer is not a date. */
const MAX_TEXT = 300;
const MIN_YEAR = 1990;
const DAY_MS = 86_400_000;
/** A year-less date up to this far ahead of now is clock skew, not last year. */
const FUTURE_SLACK_MS = DAY_MS;

function addName(table: Map<string, number>, name: string, index: number): void {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (key.length > 0) table.set(key, index);
}

/** Lower-case month names (without trailing dot) -> month index 0-11. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const table = new Map<string, number>();
  for (const locale of [enUS, de]) {
    for (let i = 0; i < 12; i += 1) {
      const month = i as Parameters<typeof locale.localize.month>[0];
      addName(table, locale.localize.month(month, { width: 'abbreviated' }), i);
      addName(table, locale.localize.month(month, { width: 'wide' }), i);
    }
  }
  // Spellings the locales do not list but pages (Gmail German, CLDR) use.
  for (const [name, index] of [['sept', 8], ['mrz', 2], ['maerz', 2], ['juni', 5], ['juli', 6]] as const) {
    addName(table, name, index);
  }
  return table;
})();

/** Lower-case weekday names (without trailing dot) -> day index, 0 = Sunday. */
const WEEKDAYS: ReadonlyMap<string, number> = (() => {
  const table = new Map<string, number>();
  for (const locale of [enUS, de]) {
    for (let i = 0; i < 7; i += 1) {
      const day = i as Parameters<typeof locale.localize.day>[0];
      for (const width of ['short', 'abbreviated', 'wide'] as const) addName(table, locale.localize.day(day, { width }), i);
    }
  }
  for (const [name, index] of [['tues', 2], ['weds', 3], ['thur', 4], ['thurs', 4]] as const) addName(table, name, index);
  return table;
})();

interface TimeOfDay {
  hours: number;
  minutes: number;
  seconds: number;
  /** Minutes east of UTC when the text names an offset, else null (local time). */
  offset: number | null;
  meridiem: boolean;
}

/** `3:42 PM`, `15:42`, `15:42:07`, optionally an offset (`+0200`, `GMT+02:00`, `UTC`). */
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s?([ap])\.?\s?m\.?)?(?:\s?((?:gmt|utc|z)(?:\s?[+-]\d{2}:?\d{2})?|[+-]\d{2}:?\d{2}))?`;
/** "oct 6 2026 3:42 pm", "october 6th 2026", "oct 6 3:42 pm". */
const MONTH_FIRST = new RegExp(String.raw`^(\p{L}+)\.?\s(\d{1,2})(?:st|nd|rd|th)?\.?(?:\s(\d{4}))?(?:\s${TIME})?$`, 'u');
/** "6 oct 2026 15:42", "6. okt. 2026 15:42", "6. oktober 2026", "6 oct 15:42". */
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?\.?\s?(\p{L}+)\.?(?:\s(\d{4}))?(?:\s${TIME})?$`, 'u');
/** "10/6/2026 3:42 pm", "06.10.2026 15:42", "2026/10/06 15:42", "06.10.26". */
const NUMERIC = new RegExp(String.raw`^(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})\.?(?:\s${TIME})?$`, 'u');
/** ISO 8601 date, optional time, optional zone: handed to date-fns' parseISO. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function readTime(groups: readonly (string | undefined)[]): TimeOfDay | null {
  const [h, m, s, ampm, offset] = groups;
  if (h === undefined || m === undefined) return { hours: 0, minutes: 0, seconds: 0, offset: null, meridiem: false };
  let hours = Number(h);
  const minutes = Number(m);
  const seconds = s === undefined ? 0 : Number(s);
  if (minutes > 59 || seconds > 59) return null;
  if (ampm !== undefined) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (ampm === 'p' ? 12 : 0);
  } else if (hours > 23) return null;
  let offsetMinutes: number | null = null;
  if (offset !== undefined) {
    const numeric = /([+-])(\d{2}):?(\d{2})/.exec(offset);
    if (numeric === null) return { hours, minutes, seconds, offset: 0, meridiem: ampm !== undefined };
    const sign = numeric[1] === '-' ? -1 : 1;
    const digits = numeric[2]! + numeric[3]!;
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2, 4));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  return { hours, minutes, seconds, offset: offsetMinutes, meridiem: ampm !== undefined };
}

/** The instant of a calendar date and time, or null when the date does not exist (Feb 30). */
function build(year: number, month: number, day: number, time: TimeOfDay): number | null {
  if (month < 0 || month > 11 || day < 1 || day > 31) return null;
  if (time.offset !== null) {
    const utc = Date.UTC(year, month, day, time.hours, time.minutes, time.seconds);
    const check = new Date(Date.UTC(year, month, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day) return null;
    return utc - time.offset * 60_000;
  }
  const date = new Date(year, month, day, time.hours, time.minutes, time.seconds);
  // Date() accepts two-digit years as 19xx and rolls Feb 30 over into March: reject both.
  date.setFullYear(year, month, day);
  if (!isValid(date) || date.getFullYear() !== year || date.getMonth() !== month || date.getDate() !== day) return null;
  return date.getTime();
}

/**
 * A date shown without a year is the most recent such date not in the future (Gmail
 * leaves the year out for this year's mail). Tries back a few years for 29 February.
 */
function buildYearless(month: number, day: number, time: TimeOfDay, now: Date): number | null {
  const latest = now.getTime() + FUTURE_SLACK_MS;
  for (let year = now.getFullYear() + 1; year >= now.getFullYear() - 8; year -= 1) {
    const at = build(year, month, day, time);
    if (at !== null && at <= latest) return at;
  }
  return null;
}

function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

function weekdayOf(at: number): number {
  return new Date(at).getDay();
}

/** Text cleaned into one shape: lower-case, single spaces, no commas, no "(2 days ago)". */
function clean(text: string): string {
  let s = text
    .normalize('NFKC')
    // Direction marks (Outlook wraps dates in them), zero-width characters.
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .toLowerCase();
  let previous: string;
  do {
    previous = s;
    s = s.replace(/\([^()]*\)/g, ' ');
  } while (s !== previous);
  return s
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .replace(/\s(?:at|um)\s/g, ' ')
    .replace(/\suhr$/, '')
    .replace(/,/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

function readIso(text: string): number | null {
  const trimmed = text.trim();
  if (!ISO.test(trimmed.toLowerCase())) return null;
  const date = parseISO(trimmed.toUpperCase().replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
  return isValid(date) ? date.getTime() : null;
}

/** Reads a cleaned text; null when it matches no pattern or names an impossible date. */
function readCleaned(s: string, now: Date): number | null {
  // The weekday is decoration: note it (it settles 10/6 vs 6/10) and drop it.
  let weekday: number | null = null;
  const lead = /^(\p{L}+)\.?\s/u.exec(s);
  if (lead !== null && WEEKDAYS.has(lead[1]!)) {
    weekday = WEEKDAYS.get(lead[1]!)!;
    s = s.slice(lead[0].length);
  }

  let m = MONTH_FIRST.exec(s);
  if (m !== null) {
    const month = MONTHS.get(m[1]!);
    const time = readTime(m.slice(4, 9));
    if (month === undefined || time === null) return null;
    const day = Number(m[2]);
    return m[3] === undefined ? buildYearless(month, day, time, now) : build(Number(m[3]), month, day, time);
  }

  m = DAY_FIRST.exec(s);
  if (m !== null) {
    const month = MONTHS.get(m[2]!);
    const time = readTime(m.slice(4, 9));
    if (month === undefined || time === null) return null;
    const day = Number(m[1]);
    return m[3] === undefined ? buildYearless(month, day, time, now) : build(Number(m[3]), month, day, time);
  }

  m = NUMERIC.exec(s);
  if (m !== null) {
    const [, a, separator, b, c] = m as unknown as [string, string, string, string, string];
    const time = readTime(m.slice(5, 10));
    if (time === null) return null;
    if (a.length === 4) return build(Number(a), Number(b) - 1, Number(c), time);
    if (a.length > 2 || c.length === 3) return null;
    const year = fullYear(c);
    const dayFirst = build(year, Number(b) - 1, Number(a), time);
    if (separator === '.') return dayFirst;
    const monthFirst = build(year, Number(a) - 1, Number(b), time);
    if (dayFirst === null || monthFirst === null || dayFirst === monthFirst) return monthFirst ?? dayFirst;
    // Both readings exist (10/6): the weekday decides, else a 12-hour clock means US order.
    if (weekday !== null) {
      const dayFirstFits = weekdayOf(dayFirst) === weekday;
      const monthFirstFits = weekdayOf(monthFirst) === weekday;
      if (dayFirstFits !== monthFirstFits) return dayFirstFits ? dayFirst : monthFirst;
    }
    return time.meridiem ? monthFirst : dayFirst;
  }
  return null;
}

/**
 * The instant a mail page's full date text stands for, in the user's local time zone.
 * Never throws: a text that cannot be read, or reads as before 1990 or more than a year
 * ahead, gives `{ at: now, exact: false }`.
 */
export function parseMailDate(text: string | null, now: Date): MailDate {
  const fallback: MailDate = { at: now.getTime(), exact: false };
  if (typeof text !== 'string' || text.length > MAX_TEXT || !isValid(now)) return fallback;
  try {
    const at = readIso(text) ?? readCleaned(clean(text), now);
    if (at === null || !Number.isFinite(at)) return fallback;
    if (new Date(at).getFullYear() < MIN_YEAR || at > addYears(now, 1).getTime()) return fallback;
    return { at: Math.trunc(at), exact: true };
  } catch {
    return fallback;
  }
}

/** How long ago, in the unit the sidebar shows. */
const ABSOLUTE_AFTER_DAYS = 60;

function safeLocale(locale: string | undefined): string | undefined {
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/**
 * When something happened, for the sidebar: "today", "yesterday", "3 days ago",
 * "2 weeks ago" while recent (calendar days in local time), a date ("12 Mar 2025" in
 * en-GB) from about two months back. Localised by `locale` (the runtime's by default).
 */
export function describeWhen(at: number, now: Date, locale?: string): string {
  if (!Number.isFinite(at) || !isValid(now)) return '';
  const lang = safeLocale(locale);
  const days = differenceInCalendarDays(now, at);
  if (Math.abs(days) < ABSOLUTE_AFTER_DAYS) {
    const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
    if (Math.abs(days) < 7) return relative.format(-days, 'day');
    return relative.format(-Math.trunc(days / 7), 'week');
  }
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}
