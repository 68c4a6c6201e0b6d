/**
 * Check-in cadence rules: when each client is next due a check-in, which dated details
 * (birthdays, anniversaries, milestones) are coming up, which meetings still wait for
 * their confirming email, and what the toolbar badge says.
 *
 * Pure functions of plain data: every "now" is a parameter, and the time zone is an
 * optional IANA name (the runtime's local zone when left out). Calendar days are
 * `YYYY-MM-DD` strings; day arithmetic runs on UTC dates of those days, so DST changes
 * never make a day 23 or 25 hours long.
 */
import type { Client, Detail, DetailKind, Interaction, InteractionKind, Tier } from '../model';

export type TierCadences = Record<Tier, number | null>;

/** Days between check-ins per tier: the defaults the settings start from. */
export const DEFAULT_TIER_CADENCE: Readonly<TierCadences> = Object.freeze({
  key: 14,
  active: 30,
  occasional: 90,
  none: null,
});

/** What resets the check-in clock: every real contact, not a private note. */
export const CONTACT_KINDS: ReadonlySet<InteractionKind> = new Set<InteractionKind>([
  'email',
  'call',
  'meeting',
  'checkin',
  'shared-resource',
  'gift',
]);

export function countsAsContact(kind: InteractionKind): boolean {
  return CONTACT_KINDS.has(kind);
}

/**
 * Days between check-ins for a client: its custom cadence, else its tier's. Tier
 * 'none' means no check-ins at all, even when a custom cadence is left over from an
 * earlier tier. Null when there is no (usable) cadence.
 */
export function cadenceOf(client: Pick<Client, 'tier' | 'cadenceDays'>, tiers: TierCadences = DEFAULT_TIER_CADENCE): number | null {
  if (client.tier === 'none') return null;
  const days = client.cadenceDays ?? tiers[client.tier] ?? null;
  return validCadence(days);
}

function validCadence(days: number | null | undefined): number | null {
  if (typeof days !== 'number' || !Number.isFinite(days) || days < 1) return null;
  return Math.floor(days);
}

// ---------------------------------------------------------------------------
// Calendar days in a time zone
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A formatter for wall-clock parts in the zone; an unknown zone falls back to local. */
function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = formatters.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      era: 'short',
    };
    try {
      format = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', options);
    }
    formatters.set(key, format);
  }
  return format;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(at: number, timeZone: string | undefined): WallClock {
  if (!Number.isFinite(at)) throw new RangeError(`not a time: ${String(at)}`);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter(timeZone).formatToParts(at)) parts[part.type] = part.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  return {
    year,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Epoch ms of a Y-M-D (month 1-12) at UTC midnight, years below 100 included. */
function utcDate(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(0, 0, 0, 0);
  return date.getTime();
}

function format(year: number, month: number, day: number): string {
  const y = year < 0 ? `-${String(-year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function formatUtc(ms: number): string {
  const date = new Date(ms);
  return format(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

interface YMD {
  year: number;
  month: number;
  day: number;
}

/** A `YYYY-MM-DD` that names a real calendar day, else null (2026-02-30, 2026-13-01). */
function parseDay(day: unknown): YMD | null {
  if (typeof day !== 'string') return null;
  const m = DAY_PATTERN.exec(day);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (month < 1 || month > 12 || d < 1 || d > daysInMonth(year, month)) return null;
  return { year, month, day: d };
}

function requireDay(day: string): YMD {
  const parsed = parseDay(day);
  if (parsed === null) throw new RangeError(`not a YYYY-MM-DD calendar day: ${String(day)}`);
  return parsed;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The calendar day (`YYYY-MM-DD`) of an instant in the zone. */
export function dayOf(at: number, timeZone?: string): string {
  const { year, month, day } = wallClock(at, timeZone);
  return format(year, month, day);
}

/** The day `days` calendar days after (before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  const { year, month, day: d } = requireDay(day);
  if (!Number.isFinite(days)) throw new RangeError(`not a number of days: ${String(days)}`);
  return formatUtc(utcDate(year, month, d) + Math.trunc(days) * DAY_MS);
}

/** `to` minus `from` in whole calendar days. */
export function daysBetween(from: string, to: string): number {
  const a = requireDay(from);
  const b = requireDay(to);
  return Math.round((utcDate(b.year, b.month, b.day) - utcDate(a.year, a.month, a.day)) / DAY_MS);
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string | undefined): number {
  const w = wallClock(at, timeZone);
  const wall = utcDate(w.year, w.month, w.day) + ((w.hour * 60 + w.minute) * 60 + w.second) * 1000;
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The first instant of that calendar day in the zone, as epoch ms. Where midnight
 * itself does not exist (a DST jump at 00:00), the instant the day begins.
 */
export function startOfDayAt(day: string, timeZone?: string): number {
  const { year, month, day: d } = requireDay(day);
  const midnight = utcDate(year, month, d);
  let best: number | null = null;
  // Offsets in force around that day; the earliest candidate that falls on the day wins.
  for (const probe of [midnight - DAY_MS, midnight, midnight + DAY_MS]) {
    const candidate = midnight - offsetAt(probe, timeZone);
    if (dayOf(candidate, timeZone) === day && (best === null || candidate < best)) best = candidate;
  }
  return best ?? midnight - offsetAt(midnight, timeZone);
}

// ---------------------------------------------------------------------------
// Check-ins
// ---------------------------------------------------------------------------

export interface DueInput {
  /** When the client was added (epoch ms): the clock starts here until the first contact. */
  createdAt: number;
  /** The latest real contact (see `lastContactOf`), or null. */
  lastContactAt: number | null;
  /** A calendar day the check-in was snoozed to, or null. */
  snoozedUntil: string | null;
  /** Days between check-ins (see `cadenceOf`); null means no check-ins. */
  cadenceDays: number | null;
}

/**
 * The day the next check-in is due: the day of the last contact (or of the day the
 * client was added) plus the cadence, moved to the snooze day when that is later.
 * Null when the client has no cadence. An unreadable snooze day is ignored.
 */
export function dueDay(input: DueInput, timeZone?: string): string | null {
  const cadence = validCadence(input.cadenceDays);
  if (cadence === null) return null;
  const from = input.lastContactAt ?? input.createdAt;
  const computed = addDays(dayOf(from, timeZone), cadence);
  const snooze = input.snoozedUntil;
  if (snooze !== null && parseDay(snooze) !== null && snooze > computed) return snooze;
  return computed;
}

export type CheckInStatus =
  | { state: 'none' }
  | { state: 'overdue'; days: number; dueDay: string }
  | { state: 'due-today'; dueDay: string }
  | { state: 'upcoming'; days: number; dueDay: string };

/** Where a client's check-in stands today: overdue once the due day has passed. */
export function checkInStatus(input: DueInput, now: Date, timeZone?: string): CheckInStatus {
  const due = dueDay(input, timeZone);
  if (due === null) return { state: 'none' };
  const days = daysBetween(dayOf(now.getTime(), timeZone), due);
  if (days < 0) return { state: 'overdue', days: -days, dueDay: due };
  if (days === 0) return { state: 'due-today', dueDay: due };
  return { state: 'upcoming', days, dueDay: due };
}

function plural(n: number, word: string): string {
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

/** The time of the latest real contact (anything but a private note), or null. */
export function lastContactOf(interactions: readonly Pick<Interaction, 'kind' | 'at'>[]): number | null {
  let latest: number | null = null;
  for (const { kind, at } of interactions) {
    if (!countsAsContact(kind) || !Number.isFinite(at)) continue;
    if (latest === null || at > latest) latest = at;
  }
  return latest;
}

/** The day a snooze moves the check-in to: some weeks from today, or a chosen day. */
export function snoozeDay(now: Date, option: { weeks: number } | { until: string }, timeZone?: string): string {
  if ('until' in option) {
    requireDay(option.until);
    return option.until;
  }
  const { weeks } = option;
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`not a number of weeks: ${String(weeks)}`);
  return addDays(dayOf(now.getTime(), timeZone), weeks * 7);
}

// ---------------------------------------------------------------------------
// Dates that matter
// ---------------------------------------------------------------------------

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

/** The day a yearly date falls on in `year`; 29 February is 28 February in other years. */
function inYear(date: YMD, year: number): string {
  const day = date.month === 2 && date.day === 29 && !isLeap(year) ? 28 : date.day;
  return format(year, date.month, day);
}

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
  const thisYear = requireDay(today).year;
  const found: UpcomingDate[] = [];
  for (const detail of details) {
    const original = parseDay(detail.date);
    if (original === null || detail.date === null) continue;
    let day = detail.date;
    let years: number | undefined;
    if (detail.yearly) {
      // Every year, whatever the stored year (it may be a placeholder, e.g. a leap year
      // picked to store a 29 February birthday).
      day = inYear(original, thisYear);
      if (day < today) day = inYear(original, thisYear + 1);
      years = requireDay(day).year - original.year;
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

// ---------------------------------------------------------------------------
// Promises: meetings confirmed by email within 48 hours
// ---------------------------------------------------------------------------

export const CONFIRM_WITHIN_MS = 48 * 60 * 60 * 1000;

export type Confirmation = {
  meetingId: string;
  clientId: string;
  meetingAt: number;
  dueAt: number;
  state: 'open' | 'late' | 'done';
};

/**
 * Each meeting's "confirm by email within 48 hours" follow-up, sorted by when it is
 * due: done once an email from the user to that client is seen after the meeting (or
 * the meeting is marked done by hand), late when 48 hours have passed without that,
 * open before. Entries of `meetings` that are not meetings are ignored.
 */
export function confirmations(
  meetings: readonly Pick<Interaction, 'id' | 'clientId' | 'at' | 'kind'>[],
  emails: readonly Pick<Interaction, 'clientId' | 'at' | 'kind' | 'direction'>[],
  doneMeetingIds: ReadonlySet<string>,
  now: Date,
): Confirmation[] {
  // Only the latest outgoing email per client matters: any email after the meeting closes it.
  const latestOut = new Map<string, number>();
  for (const email of emails) {
    if (email.kind !== 'email' || email.direction !== 'out' || !Number.isFinite(email.at)) continue;
    const seen = latestOut.get(email.clientId);
    if (seen === undefined || email.at > seen) latestOut.set(email.clientId, email.at);
  }
  const nowMs = now.getTime();
  const result: Confirmation[] = [];
  for (const meeting of meetings) {
    if (meeting.kind !== 'meeting' || !Number.isFinite(meeting.at)) continue;
    const dueAt = meeting.at + CONFIRM_WITHIN_MS;
    const out = latestOut.get(meeting.clientId);
    const done = doneMeetingIds.has(meeting.id) || (out !== undefined && out > meeting.at);
    result.push({
      meetingId: meeting.id,
      clientId: meeting.clientId,
      meetingAt: meeting.at,
      dueAt,
      state: done ? 'done' : nowMs > dueAt ? 'late' : 'open',
    });
  }
  return result.sort((a, b) => a.dueAt - b.dueAt || compare(a.meetingId, b.meetingId));
}

// ---------------------------------------------------------------------------
// Toolbar badge
// ---------------------------------------------------------------------------

export type Badge = { text: string; color: string; title: string };

export const BADGE_COLORS = Object.freeze({
  none: '#5F6368',
  amber: '#F9AB00',
  orange: '#E8710A',
  red: '#D93025',
});

const BADGE_NAMED = 3;

/**
 * The toolbar badge for the overdue check-ins: their count ('99+' above 99), a colour
 * by how overdue the worst one is (amber under a week, orange under 30 days, red from
 * 30), and a title naming the three most overdue.
 */
export function badgeFor(overdue: readonly { name: string; days: number }[], total: number = overdue.length): Badge {
  // `total` lets the caller pass only the few most overdue (an indexed, limited query)
  // with the full count, rather than loading every overdue client.
  const count = Math.max(total, overdue.length);
  if (count === 0) return { text: '', color: BADGE_COLORS.none, title: 'Tend: no check-ins overdue' };
  const sorted = [...overdue].sort((a, b) => b.days - a.days || a.name.localeCompare(b.name));
  const worst = sorted[0]!.days;
  const color = worst >= 30 ? BADGE_COLORS.red : worst >= 7 ? BADGE_COLORS.orange : BADGE_COLORS.amber;
  const shown = sorted.slice(0, BADGE_NAMED);
  const named = shown.map((o) => `${o.name} (${plural(o.days, 'day')})`).join(', ');
  const more = count > shown.length ? ` and ${count - shown.length} more` : '';
  return {
    text: count > 99 ? '99+' : String(count),
    color,
    // From 100 on the caller stops counting (the badge says 99+), so the title does too.
    title: `Tend: ${count > 99 ? 'over 99 check-ins' : plural(count, 'check-in')} overdue — ${named}${count > 99 ? '' : more}`,
  };
}
