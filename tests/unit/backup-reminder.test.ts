import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { protocol } from '../../lib/messaging/protocol';
import { exportBackup, type Call } from '../../lib/backup/transfer';
import { backupOverdue, backupReminderDue } from '../../lib/domain/backup-reminder';

const DAY = 86_400_000;
const NOW = new Date(2026, 10, 23, 12, 0);

describe('when a backup is due (pure rule)', () => {
  const base = { lastBackupAt: null, backupReminderDays: 30, backupReminderSnoozedUntil: null };
  const t = NOW.getTime();

  it('never backed up: due once there is data, not in an empty profile', () => {
    expect(backupReminderDue(base, t, true)).toBe(true);
    expect(backupReminderDue(base, t, false)).toBe(false);
  });

  it('due when the last backup is older than the chosen interval', () => {
    expect(backupReminderDue({ ...base, lastBackupAt: t - 30 * DAY }, t, true)).toBe(false);
    expect(backupReminderDue({ ...base, lastBackupAt: t - 30 * DAY - 1 }, t, true)).toBe(true);
    expect(backupReminderDue({ ...base, lastBackupAt: t - 8 * DAY, backupReminderDays: 7 }, t, true)).toBe(true);
    expect(backupOverdue({ lastBackupAt: t - DAY, backupReminderDays: 30 }, t)).toBe(false);
  });

  it('a snooze holds it off until it ends', () => {
    const snoozed = { ...base, backupReminderSnoozedUntil: t + DAY };
    expect(backupReminderDue(snoozed, t, true)).toBe(false);
    expect(backupReminderDue(snoozed, t + DAY, true)).toBe(true);
  });
});

describe('the reminder on Today (through the data service)', () => {
  let db: TendDatabase;
  let handlers: Handlers;
  let call: Call;
  let clock: Date;
  let notify: ReturnType<typeof vi.fn<() => void>>;

  beforeEach(() => {
    fakeBrowser.reset();
    clock = NOW;
    notify = vi.fn<() => void>();
    db = new TendDatabase(`reminder-${crypto.randomUUID()}`);
    handlers = createHandlers({ db, threads: { get: async () => null, set: async () => {} }, now: () => clock, notify });
    call = (async (name: keyof typeof protocol, data: unknown) =>
      (handlers[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: null })) as Call;
  });

  const today = () => handlers.getToday({});

  it('is not shown in an empty profile; is once there is a client and no backup yet', async () => {
    expect((await today()).backup).toBeNull();
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    expect((await today()).backup).toEqual({ lastBackupAt: null, reminderDays: 30 });
  });

  it('goes away once a full backup’s file is saved, and comes back after the interval', async () => {
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    // A clients-only export (the CSV) is no backup; nor are the rows read, until the file is saved.
    await exportBackup(call, { tables: ['clients'] });
    expect((await today()).backup).not.toBeNull();
    const backup = await exportBackup(call);
    expect((await today()).backup).not.toBeNull();
    await call('backupSaved', { exportedAt: backup.exportedAt });
    expect((await today()).backup).toBeNull();
    clock = new Date(NOW.getTime() + 31 * DAY);
    expect((await today()).backup).toEqual({ lastBackupAt: NOW.getTime(), reminderDays: 30 });
    // The interval chosen under Import & backup counts.
    await call('setBackupReminder', { days: 60 });
    expect((await today()).backup).toBeNull();
  });

  it('"Remind me in a week" snoozes it for seven days, and tells live views', async () => {
    await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    notify.mockClear();
    expect(await call('snoozeBackupReminder', { days: 7 })).toEqual({ snoozedUntil: NOW.getTime() + 7 * DAY });
    expect(notify).toHaveBeenCalledTimes(1);
    expect((await today()).backup).toBeNull();
    clock = new Date(NOW.getTime() + 6 * DAY);
    expect((await today()).backup).toBeNull();
    clock = new Date(NOW.getTime() + 7 * DAY);
    expect((await today()).backup).not.toBeNull();
    expect(() => protocol.snoozeBackupReminder.input.parse({ days: 0 })).toThrow();
    expect(() => protocol.snoozeBackupReminder.input.parse({ days: 91 })).toThrow();
  });
});
