/**
 * Keeps a client's stored check-in schedule (`nextDueAt`) in step with the cadence
 * rules, so the badge and Today can find overdue clients with one indexed range
 * query instead of scanning interactions.
 */
import type { Client, Interaction, InteractionKind } from '../model';
import { dayOf, startOfDayAt } from './calendar';
import { cadenceOf, countsAsContact, dueDay, lastContactOf, type TierCadences } from './checkin-policy';

export function withSchedule(client: Client, tiers: TierCadences, timeZone?: string): Client {
  // Archived clients are out of the rhythm: no due date, so never overdue.
  const cadenceDays = client.archivedAt === null ? cadenceOf(client, tiers) : null;
  const due = dueDay(
    { createdAt: client.createdAt, lastContactAt: client.lastContactAt, snoozedUntil: client.snoozedUntil, cadenceDays },
    timeZone,
  );
  return { ...client, nextDueAt: due === null ? null : startOfDayAt(due, timeZone) };
}

/** The client after a contact of `kind` at `at` (a private note changes nothing). */
export function withContact(client: Client, kind: InteractionKind, at: number): Client {
  if (!countsAsContact(kind) || (client.lastContactAt !== null && client.lastContactAt >= at)) return client;
  return { ...client, lastContactAt: at };
}

/**
 * The client with its last contact read afresh from its whole timeline: after an
 * interaction is edited or deleted the latest contact may move back, or be gone
 * (null), which `withContact` (only ever forward) cannot express. Follow with
 * `withSchedule` for the next check-in.
 */
export function withContactsFrom(client: Client, timeline: readonly Pick<Interaction, 'kind' | 'at'>[]): Client {
  const lastContactAt = lastContactOf(timeline);
  return lastContactAt === client.lastContactAt ? client : { ...client, lastContactAt };
}

/**
 * Whether changing an interaction from `before` to `after` (null: deleted) can move
 * the last contact: only an interaction that counts as contact, before or after,
 * whose date or kind changed. Editing a note's text, or any text, leaves it alone.
 */
export function movesLastContact(before: Pick<Interaction, 'kind' | 'at'>, after: Pick<Interaction, 'kind' | 'at'> | null): boolean {
  if (!countsAsContact(before.kind) && (after === null || !countsAsContact(after.kind))) return false;
  return after === null || after.at !== before.at || after.kind !== before.kind;
}

/** Start of today in the user's time zone: due days before it are overdue. */
export function startOfToday(now: Date, timeZone?: string): number {
  return startOfDayAt(dayOf(now.getTime(), timeZone), timeZone);
}
