/**
 * The check-in policy: how often each client is due a check-in (tier cadences, custom
 * cadences), what counts as contact, when the next check-in is due, where it stands
 * today, and where a snooze moves it.
 *
 * Pure functions of plain data: every "now" is a parameter, and the time zone is an
 * optional IANA name (the runtime's local zone when left out); days are calendar days
 * in that zone (see `calendar.ts`).
 */
import type { Client, Interaction, InteractionKind, Tier } from '../model';
import { addDays, dayOf, daysBetween, isCalendarDay, requireDay } from './calendar';

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
  if (snooze !== null && isCalendarDay(snooze) && snooze > computed) return snooze;
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
  if ('until' in option) return requireDay(option.until);
  const { weeks } = option;
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`not a number of weeks: ${String(weeks)}`);
  return addDays(dayOf(now.getTime(), timeZone), weeks * 7);
}
