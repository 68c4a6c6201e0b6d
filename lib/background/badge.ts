/**
 * The toolbar badge: how many clients are overdue for a check-in. Computed from
 * the database with one indexed range read on `nextDueAt` (keys of up to 100
 * overdue clients, the three most overdue loaded for the tooltip), so it is right
 * after any restart.
 */
import { browser } from 'wxt/browser';
import type { TendDatabase } from '../db/schema';
import { badgeFor, type Badge } from '../domain/badge';
import { dayOf, daysBetween } from '../domain/calendar';
import { startOfToday } from '../domain/schedule';

const NAMED = 3;
/** The badge shows "99+" from 100 on, so counting further would be wasted work. */
const COUNT_UP_TO = 100;

export async function computeBadge(db: TendDatabase, now: Date, timeZone?: string): Promise<Badge> {
  const today = dayOf(now.getTime(), timeZone);
  // One bounded range read on the nextDueAt index, most overdue first. Archived
  // clients carry no due date (lib/domain/schedule.ts), so the index holds exactly
  // the clients in the check-in rhythm.
  const ids = await db.clients.where('nextDueAt').below(startOfToday(now, timeZone)).limit(COUNT_UP_TO).primaryKeys();
  const worst = (await db.clients.bulkGet(ids.slice(0, NAMED))).filter((client) => client !== undefined);
  return badgeFor(
    worst.map((client) => ({ name: client.name, days: daysBetween(dayOf(client.nextDueAt!, timeZone), today) })),
    ids.length,
  );
}

export async function showBadge(badge: Badge): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]);
}
