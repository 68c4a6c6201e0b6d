/**
 * Today: what the user should do now. Overdue check-ins (Key clients first, then
 * the most overdue), dates coming up, meeting confirmations due, and resources
 * waiting to be shared, each with the client it belongs to.
 */
import type { TendDatabase } from '../db/schema';
import type { Client, FollowUp, Resource, Settings } from '../model';
import { dayOf, daysBetween, upcomingDates, type UpcomingDate } from '../domain/cadence';
import { startOfToday } from '../domain/schedule';

export interface TodayView {
  overdue: Array<{ client: Client; days: number }>;
  upcoming: Array<{ client: Client; date: UpcomingDate }>;
  confirmations: Array<{ client: Client; followUp: FollowUp; late: boolean }>;
  resources: Array<{ client: Client; resources: Resource[] }>;
}

const TIER_ORDER: Record<Client['tier'], number> = { key: 0, active: 1, occasional: 2, none: 3 };

export async function buildToday(db: TendDatabase, now: Date, _settings: Settings, timeZone?: string): Promise<TodayView> {
  const today = dayOf(now.getTime(), timeZone);
  const [overdueClients, datedDetails, openFollowUps, resources] = await Promise.all([
    db.clients.where('nextDueAt').below(startOfToday(now, timeZone)).toArray(),
    db.details.where('date').above('').toArray(),
    db.followUps.filter((followUp) => followUp.doneAt === null).toArray(),
    db.resources.orderBy('savedAt').reverse().limit(1000).toArray(),
  ]);

  const overdue = overdueClients
    .filter((client) => client.archivedAt === null && client.nextDueAt !== null)
    .map((client) => ({ client, days: daysBetween(dayOf(client.nextDueAt!, timeZone), today) }))
    .sort((a, b) => TIER_ORDER[a.client.tier] - TIER_ORDER[b.client.tier] || b.days - a.days);

  const dates = upcomingDates(datedDetails, now, undefined, timeZone);
  const waiting = resources.flatMap((resource) =>
    resource.clientIds.filter((clientId) => resource.sharedWith[clientId] === undefined).map((clientId) => ({ clientId, resource })),
  );

  const neededIds = [...new Set([...dates.map((d) => d.clientId), ...openFollowUps.map((f) => f.clientId), ...waiting.map((w) => w.clientId)])];
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
    resources: [...byClient].map(([clientId, list]) => ({ client: clients.get(clientId)!, resources: list })),
  };
}
