/**
 * Keeps the badge right over time: after every change, at every worker start, and
 * on alarms (the day rolls over with no change at all). Alarms are (re)created at
 * every start, since nothing in the worker's memory survives it being stopped.
 */
import { browser } from 'wxt/browser';
import type { TendDatabase } from '../db/schema';
import { computeBadge, showBadge } from './badge';
import { buildToday } from './today';
import type { Settings } from '../model';

const REFRESH_ALARM = 'tend-refresh';
const SUMMARY_ALARM = 'tend-daily-summary';
const SUMMARY_HOUR = 9;

export function createRhythm(db: TendDatabase, readSettings: () => Promise<Settings>, now: () => Date = () => new Date()) {
  let queued: Promise<void> | null = null;

  async function refreshBadge(): Promise<void> {
    await showBadge(await computeBadge(db, now()));
  }

  /** Coalesces a burst of writes into one badge update. */
  function scheduleBadge(): void {
    queued ??= Promise.resolve()
      .then(refreshBadge)
      .catch((error: unknown) => console.error('Tend: badge update failed', error))
      .finally(() => {
        queued = null;
      });
  }

  async function notifySummary(): Promise<void> {
    if (!(await readSettings()).dailySummary) return;
    const today = await buildToday(db, now(), await readSettings());
    const parts = [
      today.overdue.length && `${today.overdue.length} check-in${today.overdue.length === 1 ? '' : 's'} overdue`,
      today.upcoming.length && `${today.upcoming.length} date${today.upcoming.length === 1 ? '' : 's'} coming up`,
      today.confirmations.length && `${today.confirmations.length} meeting confirmation${today.confirmations.length === 1 ? '' : 's'} due`,
      today.askFeedback?.length && `${today.askFeedback.length} client${today.askFeedback.length === 1 ? '' : 's'} to ask for feedback`,
    ].filter(Boolean);
    if (parts.length === 0) return;
    await browser.notifications.create('tend-today', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: 'Tend: today',
      message: parts.join(', '),
    });
  }

  async function start(): Promise<void> {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === REFRESH_ALARM) scheduleBadge();
      if (alarm.name === SUMMARY_ALARM) void notifySummary();
    });
    browser.notifications?.onClicked.addListener((id) => {
      if (id === 'tend-today') void browser.runtime.openOptionsPage();
    });
    const next9 = new Date(now());
    next9.setHours(SUMMARY_HOUR, 0, 0, 0);
    if (next9.getTime() <= now().getTime()) next9.setDate(next9.getDate() + 1);
    await Promise.all([
      // Every 15 minutes: the day changes at midnight without any write happening.
      browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 15 }),
      browser.alarms.create(SUMMARY_ALARM, { when: next9.getTime(), periodInMinutes: 24 * 60 }),
    ]);
    scheduleBadge();
  }

  return { start, scheduleBadge, refreshBadge };
}
