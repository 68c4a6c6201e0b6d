/**
 * When to remind the user to back up: everything lives only in this browser, so a
 * backup is due when there is data and none was ever made, or the last one is
 * older than the interval the user chose (30 days unless changed), unless the user
 * snoozed the reminder.
 */
import type { Settings } from '../model';

const DAY_MS = 86_400_000;
/** "Remind me later" on Today puts the reminder off this long. */
export const BACKUP_SNOOZE_DAYS = 7;

export type BackupReminderSettings = Pick<Settings, 'lastBackupAt' | 'backupReminderDays' | 'backupReminderSnoozedUntil'>;

/** The last backup is older than the interval (or there is none). */
export function backupOverdue(settings: Pick<Settings, 'lastBackupAt' | 'backupReminderDays'>, now: number): boolean {
  return settings.lastBackupAt === null || now - settings.lastBackupAt > settings.backupReminderDays * DAY_MS;
}

/** Whether Today shows the reminder. */
export function backupReminderDue(settings: BackupReminderSettings, now: number, hasData: boolean): boolean {
  if (settings.backupReminderSnoozedUntil !== null && now < settings.backupReminderSnoozedUntil) return false;
  if (settings.lastBackupAt === null) return hasData;
  return backupOverdue(settings, now);
}
