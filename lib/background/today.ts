/**
 * Today: what the user should do now. Overdue check-ins (Key clients first, then
 * the most overdue), dates coming up, meeting confirmations due, and resources
 * waiting to be shared, each with the client it belongs to; and a backup when one is due.
 */
import type { TendDatabase } from '../db/schema';
import type { Client, Resource, Settings } from '../model';
import { dayOf, daysBetween } from '../domain/calendar';
import { upcomingDates } from '../domain/upcoming-dates';
import { startOfToday } from '../domain/schedule';
import { backupReminderDue } from '../domain/backup-reminder';
import { MAILTO } from '../domain/compose-link';
import type { TodayView } from '../messaging/protocol';

export type { TodayView };

const TIER_ORDER: readonly Client['tier'][] = ['key', 'active', 'occasional', 'none'];
export const OVERDUE_FIRST_PAGE = 200;
/** How long Today shows which email closed a meeting confirmation (with Undo). */
export const CLOSED_BY_EMAIL_SHOWN_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Overdue clients, Key first and each tier most overdue first, reading no more
 * rows than are shown: a user far behind may have thousands overdue.
 */
async function mostOverdue(db: TendDatabase, before: number, limit: number): Promise<Client[]> {
  const rows: Client[] = [];
  for (const tier of TIER_ORDER) {
    if (rows.length >= limit) break;
    const inTier = await db.clients
      .where('[tier+nextDueAt]')
      .between([tier, -Infinity], [tier, before])
      .limit(limit - rows.length)
      .toArray();
    rows.push(...inTier);
  }
  return rows;
}

export async function buildToday(
  db: TendDatabase,
  now: Date,
  settings: Settings,
  timeZone?: string,
  overdueLimit: number = OVERDUE_FIRST_PAGE,
): Promise<TodayView> {
  const today = dayOf(now.getTime(), timeZone);
  const before = startOfToday(now, timeZone);
  const closedSince = now.getTime() - CLOSED_BY_EMAIL_SHOWN_MS;
  const [overdueClients, overdueTotal, datedDetails, followUps, resources, hasData] = await Promise.all([
    mostOverdue(db, before, overdueLimit),
    db.clients.where('nextDueAt').below(before).count(),
    db.details.where('date').above('').toArray(),
    // Open follow-ups, and those an email closed lately (Today names the email, with Undo).
    db.followUps.filter((followUp) => followUp.doneAt === null || (followUp.closedBy !== null && followUp.doneAt >= closedSince)).toArray(),
    db.resources.orderBy('savedAt').reverse().limit(1000).toArray(),
    // Any client at all: with nothing stored there is nothing to back up.
    db.clients.limit(1).count().then((count) => count > 0),
  ]);

  const openFollowUps = followUps.filter((followUp) => followUp.doneAt === null);
  const closedByEmail = followUps.flatMap((followUp) => (followUp.doneAt !== null && followUp.closedBy ? [{ ...followUp, closedBy: followUp.closedBy }] : []));
  const overdue = overdueClients.map((client) => ({ client, days: daysBetween(dayOf(client.nextDueAt!, timeZone), today) }));

  const dates = upcomingDates(datedDetails, now, undefined, timeZone);
  const waiting = resources.flatMap((resource) =>
    resource.clientIds.filter((clientId) => resource.sharedWith[clientId] === undefined).map((clientId) => ({ clientId, resource })),
  );

  const neededIds = [...new Set([...dates.map((d) => d.clientId), ...followUps.map((f) => f.clientId), ...waiting.map((w) => w.clientId)])];
  const clients = new Map<string, Client>();
  for (const client of await db.clients.bulkGet(neededIds)) {
    if (client && client.archivedAt === null) clients.set(client.id, client);
  }

  const byClient = new Map<string, Resource[]>();
  for (const { clientId, resource } of waiting) {
    if (!clients.has(clientId)) continue;
    byClient.set(clientId, [...(byClient.get(clientId) ?? []), resource]);
  }

  return {
    overdue,
    overdueTotal,
    upcoming: dates.flatMap((date) => {
      const client = clients.get(date.clientId);
      return client ? [{ client, date }] : [];
    }),
    confirmations: openFollowUps
      .sort((a, b) => a.dueAt - b.dueAt)
      .flatMap((followUp) => {
        const client = clients.get(followUp.clientId);
        return client ? [{ client, followUp, late: now.getTime() > followUp.dueAt }] : [];
      }),
    closedByEmail: closedByEmail
      .sort((a, b) => b.doneAt! - a.doneAt!)
      .flatMap((followUp) => {
        const client = clients.get(followUp.clientId);
        return client ? [{ client, followUp }] : [];
      }),
    resources: [...byClient].map(([clientId, list]) => ({ client: clients.get(clientId)!, resources: list })),
    backup: backupReminderDue(settings, now.getTime(), hasData) ? { lastBackupAt: settings.lastBackupAt, reminderDays: settings.backupReminderDays } : null,
    // The mail of the last conversation seen (lib/background/features/first-run.ts records it).
    mail: settings.mailApp ?? MAILTO,
  };
}
