/**
 * Today: what the user should do now. Overdue check-ins (Key clients first, then
 * the most overdue), dates coming up, meeting confirmations due, referrers to thank,
 * and resources waiting to be shared, each with the client it belongs to; and a
 * backup when one is due.
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
/** Referrers to thank shown on Today, oldest referral first; the total says how many more. */
export const REFERRALS_TO_THANK_SHOWN = 10;

/**
 * Referrals not yet thanked whose referrer is a current client (archived ones are
 * out of Today, as everywhere on it), oldest first. The ledger is small (one row per
 * referral), so it is read whole rather than indexed.
 */
async function referralsToThank(db: TendDatabase): Promise<NonNullable<TodayView['referralsToThank']>> {
  const open = (await db.referrals.filter((referral) => referral.thankedAt === null).toArray()).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  // Every referrer (the total counts current ones only), but the referred of the shown rows only.
  const referrers = new Map<string, Client>();
  for (const client of await db.clients.bulkGet([...new Set(open.map((referral) => referral.referrerId))])) {
    if (client && client.archivedAt === null) referrers.set(client.id, client);
  }
  const toThank = open.filter((referral) => referrers.has(referral.referrerId));
  const shown = toThank.slice(0, REFERRALS_TO_THANK_SHOWN);
  const referred = await db.clients.bulkGet(shown.map((referral) => referral.referredId));
  return {
    // A referral goes with a deleted client, so its referred is there; a name stands in if not.
    rows: shown.map((referral, i) => ({ referral, referrer: referrers.get(referral.referrerId)!, referred: { id: referral.referredId, name: referred[i]?.name ?? 'A deleted client' } })),
    total: toThank.length,
  };
}

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
  const [overdueClients, overdueTotal, datedDetails, followUps, resources, hasData, toThank] = await Promise.all([
    mostOverdue(db, before, overdueLimit),
    db.clients.where('nextDueAt').below(before).count(),
    db.details.where('date').above('').toArray(),
    // Open follow-ups, and those an email closed lately (Today names the email, with Undo).
    db.followUps.filter((followUp) => followUp.doneAt === null || (followUp.closedBy !== null && followUp.doneAt >= closedSince)).toArray(),
    db.resources.orderBy('savedAt').reverse().limit(1000).toArray(),
    // Any client at all: with nothing stored there is nothing to back up.
    db.clients.limit(1).count().then((count) => count > 0),
    referralsToThank(db),
  ]);

  // "Ask for feedback" is its own list, once due (a project marked done, a few days on).
  const openFollowUps = followUps.filter((followUp) => followUp.doneAt === null && followUp.kind !== 'ask-feedback');
  const asks = followUps.filter((followUp) => followUp.doneAt === null && followUp.kind === 'ask-feedback' && followUp.dueAt <= now.getTime());
  const askedProjects = await db.projects.bulkGet(asks.map((followUp) => followUp.sourceId ?? ''));
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
    askFeedback: asks
      .map((followUp, index) => ({ followUp, project: askedProjects[index] }))
      .sort((a, b) => a.followUp.dueAt - b.followUp.dueAt)
      .flatMap(({ followUp, project }) => {
        const client = clients.get(followUp.clientId);
        return client ? [{ client, followUp, project: project ? { id: project.id, title: project.title } : null }] : [];
      }),
    referralsToThank: toThank,
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
