/**
 * Keeps a client's stored check-in schedule (`nextDueAt`) in step with the cadence
 * rules, so the badge and Today can find overdue clients with one indexed range
 * query instead of scanning interactions.
 */
import type { Client } from '../model';
import { dayOf, startOfDayAt } from './calendar';
import { cadenceOf, countsAsContact, dueDay, type TierCadences } from './checkin-policy';
import type { InteractionKind } from '../model';

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

/** Start of today in the user's time zone: due days before it are overdue. */
export function startOfToday(now: Date, timeZone?: string): number {
  return startOfDayAt(dayOf(now.getTime(), timeZone), timeZone);
}
