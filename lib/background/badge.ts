/**
 * The toolbar badge: how many clients are overdue for a check-in. Computed from
 * the database with one indexed range query on `nextDueAt` (count, plus the three
 * most overdue for the tooltip), so it is right after any restart.
 */
import { browser } from 'wxt/browser';
import type { TendDatabase } from '../db/schema';
import { badgeFor, dayOf, daysBetween, type Badge } from '../domain/cadence';
import { startOfToday } from '../domain/schedule';

const NAMED = 3;

export async function computeBadge(db: TendDatabase, now: Date, timeZone?: string): Promise<Badge> {
  const today = dayOf(now.getTime(), timeZone);
  const overdue = () => db.clients.where('nextDueAt').below(startOfToday(now, timeZone));
  // Archived clients carry no due date (lib/domain/schedule.ts), so the index holds
  // exactly the clients in the check-in rhythm.
  const [total, worst] = await Promise.all([overdue().count(), overdue().limit(NAMED).toArray()]);
  return badgeFor(
    worst.map((client) => ({ name: client.name, days: daysBetween(dayOf(client.nextDueAt!, timeZone), today) })),
    total,
  );
}

export async function showBadge(badge: Badge): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
}
