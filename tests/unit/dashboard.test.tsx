// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Client, FollowUp, Resource, Settings } from '../../lib/model';
import type { TodayView } from '../../lib/messaging/protocol';
import { protocol, type MessageName } from '../../lib/messaging/protocol';
import { createHandlers } from '../../lib/background/handlers';
import { TendDatabase } from '../../lib/db/schema';
import { DashboardApp } from '../../components/dashboard/DashboardApp';
import { LOADING_DELAY_MS, Today } from '../../components/dashboard/Today';
import { SettingsView } from '../../components/dashboard/SettingsView';
import { SearchBox } from '../../components/dashboard/SearchBox';

// Every message goes through this mock: each test says what the background answers.
const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => {
  class TendError extends Error {}
  return { send, TendError, NoAnswerError: class NoAnswerError extends TendError {} };
});

type Answer = (data: any) => unknown;
let answers: Partial<Record<MessageName, Answer>>;

// fakeBrowser does not implement runtime.connect: a stand-in live port, whose
// listeners a test calls to say "data changed" as the background would.
const liveListeners = new Set<(message: unknown) => void>();
function pushChange() {
  act(() => {
    for (const listener of liveListeners) listener({ type: 'changed' });
  });
}

beforeAll(() => {
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: (listener: (message: unknown) => void) => liveListeners.add(listener) },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
});

beforeEach(() => {
  answers = {};
  send.mockReset();
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected message ${name}`);
    return answer(data);
  });
  window.location.hash = '';
});

afterEach(() => {
  vi.restoreAllMocks();
});

const T = Date.UTC(2026, 10, 23, 12);

function client(id: string, name: string, overrides: Partial<Client> = {}): Client {
  return {
    id,
    name,
    emails: [`${id}@example.com`],
    company: '',
    role: '',
    domains: [],
    nameKeys: [name.toLowerCase()],
    confirmedNameKeys: [],
    rejectedNameKeys: [],
    phones: [],
    tier: 'active',
    cadenceDays: null,
    tags: [],
    lastContactAt: null,
    snoozedUntil: null,
    nextDueAt: T,
    createdAt: T,
    updatedAt: T,
    archivedAt: null,
    ...overrides,
  };
}

const ada = client('ada', 'Ada Lovelace', { tier: 'key', company: 'Analytical Engines' });
const bob = client('bob', 'Bob Builder', { tier: 'active', company: 'Builders Ltd' });
const cyd = client('cyd', 'Cyd Charisse');

const followUp: FollowUp = {
  id: 'fu-1',
  clientId: 'cyd',
  kind: 'confirm-meeting',
  sourceId: 'm-1',
  text: 'Pricing workshop next steps',
  dueAt: T - 3_600_000,
  doneAt: null,
  createdAt: T - 50 * 3_600_000,
  closedBy: null,
  keptOpenDespite: [],
};

const resource: Resource = {
  id: 'r-1',
  url: 'https://example.com/pricing',
  canonicalUrl: 'https://example.com/pricing',
  title: 'How to price a workshop',
  site: 'Example Journal',
  byline: '',
  excerpt: '',
  contentHtml: '',
  notes: { ada: 'She asked about this', bob: 'Bob’s own reason' },
  clientIds: ['ada', 'bob'],
  sharedWith: {},
  pendingShares: {},
  pendingFor: [],
  savedAt: T,
};

function fullDay(): TodayView {
  return {
    // As the background sorts it: Key clients first, then the most overdue.
    overdue: [
      { client: ada, days: 12 },
      { client: bob, days: 40 },
    ],
    overdueTotal: 2,
    upcoming: [
      {
        client: bob,
        date: { detailId: 'd-1', clientId: 'bob', text: 'Wedding anniversary', kind: 'family', day: '2026-11-28', daysUntil: 5, yearly: true, years: 12 },
      },
    ],
    confirmations: [{ client: cyd, followUp, late: true }],
    closedByEmail: [],
    resources: [{ client: ada, resources: [resource] }],
    backup: null,
    mail: { app: 'gmail', account: 'u/1/' },
  };
}

const emptyDay = (): TodayView => ({ overdue: [], overdueTotal: 0, upcoming: [], confirmations: [], closedByEmail: [], resources: [], backup: null, mail: { app: 'mailto' } });

function region(name: string) {
  return screen.getByRole('region', { name });
}

function overdueRows() {
  return within(region('Overdue check-ins')).getAllByRole('listitem');
}

/**
 * Lets `ms` pass on the test's fake clock (installed with `shouldAdvanceTime`, so
 * user-event and waitFor still run), every timer due in it run: for checking that
 * nothing happens in a while without sleeping for it.
 */
async function quietFor(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

describe('Today: meeting confirmations an email closed (issue 13, item 4)', () => {
  const closed = {
    ...followUp,
    doneAt: T - 60_000,
    closedBy: { interactionId: 'i-9', subject: 'Re: Pricing workshop', at: T - 120_000, from: 'me@consulting.example', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz' },
  };

  it('names the email that closed it, links to it, and offers Undo', async () => {
    const user = userEvent.setup();
    answers.getToday = () => ({ ...emptyDay(), closedByEmail: [{ client: cyd, followUp: closed }] });
    answers.completeFollowUp = () => ({});
    render(<Today />);
    const section = await screen.findByRole('region', { name: 'Confirmed by your email' });
    expect(section.textContent).toContain('Cyd Charisse');
    expect(section.textContent).toContain('from me@consulting.example');
    const link = within(section).getByRole('link', { name: '“Re: Pricing workshop”' });
    expect(link.getAttribute('href')).toBe('https://mail.google.com/mail/u/0/#inbox/FMfcgz');
    await user.click(within(section).getByRole('button', { name: 'Undo for Cyd Charisse' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('completeFollowUp', { id: closed.id, done: false }));
    expect((await screen.findByRole('status')).textContent).toContain('The meeting confirmation for Cyd Charisse is open again.');
  });

  it('shows no such section when nothing was closed by email', async () => {
    answers.getToday = () => emptyDay();
    render(<Today />);
    await screen.findByRole('region', { name: 'Meeting confirmations due' });
    expect(screen.queryByRole('region', { name: 'Confirmed by your email' })).toBeNull();
  });
});

describe('Today', () => {
  it('shows the sections in order, with Key clients above more overdue Active ones', async () => {
    answers.getToday = () => fullDay();
    render(<Today />);
    expect(await screen.findByText('2 check-ins overdue · 1 date coming up · 1 meeting to confirm · 1 resource to share')).toBeTruthy();

    const names = screen.getAllByRole('region').map((section) => section.getAttribute('aria-label'));
    expect(names).toEqual(['Overdue check-ins', 'Dates coming up', 'Meeting confirmations due', 'Resources to share']);
    for (const section of screen.getAllByRole('region')) {
      expect(within(section).getByRole('heading', { level: 2 }).textContent).toContain(section.getAttribute('aria-label'));
    }

    const [first, second] = overdueRows();
    expect(first!.textContent).toContain('Ada Lovelace');
    expect(first!.textContent).toContain('Analytical Engines');
    expect(first!.textContent).toContain('Key');
    expect(first!.textContent).toContain('Check-in overdue by 12 days');
    expect(second!.textContent).toContain('Bob Builder');
    expect(second!.textContent).toContain('Check-in overdue by 40 days');

    const upcoming = region('Dates coming up');
    expect(upcoming.textContent).toContain('Bob Builder');
    expect(upcoming.textContent).toContain('Wedding anniversary');
    expect(upcoming.textContent).toContain('in 5 days');
    expect(upcoming.textContent).toContain('12 years');

    const confirmations = region('Meeting confirmations due');
    expect(confirmations.textContent).toContain('Cyd Charisse');
    expect(confirmations.textContent).toContain('Pricing workshop next steps');
    expect(within(confirmations).getByText('Late')).toBeTruthy();

    const resources = region('Resources to share');
    expect(within(resources).getByRole('heading', { level: 3 }).textContent).toContain('Ada Lovelace');
    const link = within(resources).getByRole('link', { name: 'How to price a workshop' });
    expect(link.getAttribute('href')).toBe('https://example.com/pricing');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(resources.textContent).toContain('Example Journal');
    // Ada's private note, and only hers, beside Ada's resources.
    expect(resources.textContent).toContain('She asked about this');
    expect(resources.textContent).not.toContain('Bob’s own reason');
  });

  it('shows the backup reminder first when a backup is due; “Remind me in a week” snoozes it', async () => {
    const user = userEvent.setup();
    let day: TodayView = { ...emptyDay(), backup: { lastBackupAt: null, reminderDays: 30 } };
    answers.getToday = () => day;
    answers.snoozeBackupReminder = (data) => {
      day = emptyDay();
      return { snoozedUntil: T + data.days * 86_400_000 };
    };
    render(<Today />);
    const reminder = await screen.findByRole('region', { name: 'Backup' });
    expect(screen.getAllByRole('region')[0]).toBe(reminder);
    expect(screen.getByText('A backup to make')).toBeTruthy();
    expect(reminder.textContent).toContain('You have not backed up Tend yet');
    expect(within(reminder).getByRole('link', { name: 'Backup settings' }).getAttribute('href')).toBe('#backup');
    await user.click(within(reminder).getByRole('button', { name: 'Remind me in a week' }));
    expect(send).toHaveBeenCalledWith('snoozeBackupReminder', { days: 7 });
    pushChange();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Backup' })).toBeNull());
    expect(screen.getByRole('status').textContent).toBe('The backup reminder is put off for a week.');
  });

  /** The background's answers for a backup of one client; `saved` collects what backupSaved records. */
  function backupAnswers(day: { value: TodayView }, saved: string[]) {
    answers.getToday = () => day.value;
    answers.backupExportStart = () => ({ token: 'token-123456', exportedAt: new Date(T).toISOString(), schemaVersion: 1, counts: { clients: 1, interactions: 0 } });
    answers.backupExportChunk = (data) => ({ rows: data.table === 'clients' ? [ada] : [] });
    answers.backupExportFinish = (data) => {
      // Reading the rows is not a backup: nothing is recorded when they arrive.
      expect(data).toEqual({ token: 'token-123456', recordBackup: false });
      return { lastBackupAt: null };
    };
    answers.backupSaved = (data) => {
      saved.push(data.exportedAt);
      day.value = emptyDay();
      return { lastBackupAt: T };
    };
  }

  it('“Back up now” writes the file through the save picker, and records the backup only once the file is closed', async () => {
    const user = userEvent.setup();
    const last = Date.UTC(2026, 8, 1, 12);
    const day = { value: { ...emptyDay(), backup: { lastBackupAt: last, reminderDays: 30 } } as TodayView };
    const saved: string[] = [];
    backupAnswers(day, saved);
    const written: Blob[] = [];
    let closed = false;
    const picker = vi.fn(async (options: { suggestedName: string }) => {
      expect(options.suggestedName).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
      // The picker comes first (it needs the click), before any row is read.
      expect(send).not.toHaveBeenCalledWith('backupExportStart', expect.anything());
      return {
        name: options.suggestedName,
        createWritable: async () => ({
          write: async (data: Blob) => void written.push(data),
          close: async () => {
            expect(saved).toEqual([]);
            closed = true;
          },
          abort: async () => {},
        }),
      };
    });
    Object.assign(window, { showSaveFilePicker: picker });
    try {
      render(<Today />);
      const reminder = await screen.findByRole('region', { name: 'Backup' });
      expect(reminder.textContent).toMatch(/Your last backup was on .*2026, more than 30 days ago\./);
      await user.click(within(reminder).getByRole('button', { name: 'Back up now' }));
      expect(await screen.findByText('Backup saved: 1 client, 0 interactions. Keep the file somewhere safe.')).toBeTruthy();
      expect(closed).toBe(true);
      expect(saved).toEqual([new Date(T).toISOString()]);
      expect(JSON.parse(await written[0]!.text())).toMatchObject({ format: 'tend-backup', tables: { clients: [{ id: 'ada' }] } });
      pushChange();
      await waitFor(() => expect(screen.queryByRole('region', { name: 'Backup' })).toBeNull());
    } finally {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    }
  });

  it('“Back up now” without a save picker only says the download started, until the user says they have the file', async () => {
    const user = userEvent.setup();
    const day = { value: { ...emptyDay(), backup: { lastBackupAt: null, reminderDays: 30 } } as TodayView };
    const saved: string[] = [];
    backupAnswers(day, saved);
    const created = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:tend-backup');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^tend-backup-\d{4}-\d{2}-\d{2}\.json$/);
    });
    render(<Today />);
    const reminder = await screen.findByRole('region', { name: 'Backup' });
    await user.click(within(reminder).getByRole('button', { name: 'Back up now' }));
    await waitFor(() => expect(clicked).toHaveBeenCalledTimes(1));
    const blob = created.mock.calls[0]![0] as Blob;
    expect(JSON.parse(await blob.text())).toMatchObject({ format: 'tend-backup', tables: { clients: [{ id: 'ada' }] } });
    expect((await within(reminder).findByRole('status')).textContent).toMatch(/^Download started — Tend cannot see whether it was saved\. When tend-backup-.*\.json is in your downloads, press “I have the file”\.$/);
    // Nothing recorded: the reminder stays.
    expect(saved).toEqual([]);
    pushChange();
    expect(screen.getByRole('region', { name: 'Backup' })).toBe(reminder);
    await user.click(within(reminder).getByRole('button', { name: 'I have the file' }));
    await waitFor(() => expect(saved).toEqual([new Date(T).toISOString()]));
    pushChange();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Backup' })).toBeNull());
  });

  it('“Back up now” closed without choosing a file reads nothing and records nothing', async () => {
    const user = userEvent.setup();
    const day = { value: { ...emptyDay(), backup: { lastBackupAt: null, reminderDays: 30 } } as TodayView };
    const saved: string[] = [];
    backupAnswers(day, saved);
    Object.assign(window, { showSaveFilePicker: async () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')) });
    try {
      render(<Today />);
      const reminder = await screen.findByRole('region', { name: 'Backup' });
      await user.click(within(reminder).getByRole('button', { name: 'Back up now' }));
      expect(await screen.findByText('No backup was made: the save dialog was closed.')).toBeTruthy();
      expect(send).not.toHaveBeenCalledWith('backupExportStart', expect.anything());
      expect(saved).toEqual([]);
    } finally {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    }
  });

  it('says “today”, “tomorrow” and leaves out years for one-off dates', async () => {
    const day = emptyDay();
    day.upcoming = [
      { client: ada, date: { detailId: 'a', clientId: 'ada', text: 'Birthday', kind: 'family', day: '2026-11-23', daysUntil: 0, yearly: true, years: 40 } },
      { client: bob, date: { detailId: 'b', clientId: 'bob', text: 'Office opening', kind: 'milestone', day: '2026-11-24', daysUntil: 1, yearly: false } },
    ];
    answers.getToday = () => day;
    render(<Today />);
    const [birthday, opening] = within(await screen.findByRole('region', { name: 'Dates coming up' })).getAllByRole('listitem');
    expect(birthday!.textContent).toContain('today');
    expect(birthday!.textContent).toContain('40 years');
    expect(opening!.textContent).toContain('tomorrow');
    expect(opening!.textContent).not.toContain('year');
  });

  it('Checked in sends checkedIn for that client and says so', async () => {
    const user = userEvent.setup();
    answers.getToday = () => fullDay();
    answers.checkedIn = () => ({ id: 'i-1' });
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    const row = overdueRows()[1]!;
    await user.click(within(row).getByRole('button', { name: 'Checked in with Bob Builder' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('checkedIn', { clientId: 'bob' }));
    expect(await screen.findByText('Checked in with Bob Builder.')).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('checkedIn', { clientId: 'ada' });
  });

  it('Snooze offers 1 week, which sends snooze with weeks: 1', async () => {
    const user = userEvent.setup();
    answers.getToday = () => fullDay();
    answers.snooze = () => ({ snoozedUntil: '2026-11-30' });
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    const toggle = screen.getByRole('button', { name: 'Snooze check-in with Ada Lovelace' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const choices = screen.getByRole('group', { name: 'Snooze the check-in with Ada Lovelace' });
    await user.click(within(choices).getByRole('button', { name: '1 week' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('snooze', { clientId: 'ada', weeks: 1 }));
    expect(await screen.findByText(/Ada Lovelace’s check-in is snoozed until/)).toBeTruthy();
  });

  it('Snooze until a day sends that day, and refuses a day already past', async () => {
    const user = userEvent.setup();
    answers.getToday = () => fullDay();
    answers.snooze = (data: { until: string }) => ({ snoozedUntil: data.until });
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    await user.click(screen.getByRole('button', { name: 'Snooze check-in with Bob Builder' }));
    const choices = screen.getByRole('group', { name: 'Snooze the check-in with Bob Builder' });
    const input = within(choices).getByLabelText('or until');

    fireEvent.change(input, { target: { value: '2020-01-01' } });
    await user.click(within(choices).getByRole('button', { name: 'Snooze until then' }));
    expect(within(choices).getByText('Choose a day after today.')).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('snooze', expect.anything());

    fireEvent.change(input, { target: { value: '2099-03-01' } });
    await user.click(within(choices).getByRole('button', { name: 'Snooze until then' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('snooze', { clientId: 'bob', until: '2099-03-01' }));
  });

  it('Escape closes the snooze choices and returns focus to Snooze', async () => {
    const user = userEvent.setup();
    answers.getToday = () => fullDay();
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    const toggle = screen.getByRole('button', { name: 'Snooze check-in with Ada Lovelace' });
    await user.click(toggle);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '1 week' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Snooze the check-in with Ada Lovelace' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('Mark done completes the meeting confirmation', async () => {
    const user = userEvent.setup();
    answers.getToday = () => fullDay();
    answers.completeFollowUp = () => ({});
    render(<Today />);
    await user.click(await screen.findByRole('button', { name: 'Mark done for Cyd Charisse' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('completeFollowUp', { id: 'fu-1', done: true }));
  });

  it('the client name opens the latest conversation in a tab', async () => {
    const user = userEvent.setup();
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    answers.getToday = () => fullDay();
    answers.latestConversation = () => ({ url: 'https://mail.google.com/mail/u/0/#inbox/abc' });
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    await user.click(within(overdueRows()[0]!).getByRole('button', { name: 'Ada Lovelace' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith({ url: 'https://mail.google.com/mail/u/0/#inbox/abc' }));
    expect(send).toHaveBeenCalledWith('latestConversation', { clientId: 'ada' });
    expect(screen.queryByText('No conversation seen yet')).toBeNull();
  });

  it('says “No conversation seen yet” when there is none, and never opens a non-web URL', async () => {
    const user = userEvent.setup();
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    answers.getToday = () => fullDay();
    answers.latestConversation = ({ clientId }: { clientId: string }) => ({ url: clientId === 'ada' ? null : 'javascript:alert(1)' });
    render(<Today />);
    await screen.findAllByText('Ada Lovelace');
    await user.click(within(overdueRows()[0]!).getByRole('button', { name: 'Ada Lovelace' }));
    expect(await within(overdueRows()[0]!).findByText('No conversation seen yet')).toBeTruthy();
    await user.click(within(overdueRows()[1]!).getByRole('button', { name: 'Bob Builder' }));
    expect(await within(overdueRows()[1]!).findByText('No conversation seen yet')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('says which resources to share were inserted into a reply and wait to be sent (issue 15)', async () => {
    const day = fullDay();
    const pending = { insertedAt: T, host: 'gmail' as const, threadId: null, url: '' };
    day.resources = [{ client: day.resources[0]!.client, resources: [{ ...resource, pendingShares: { ada: pending }, pendingFor: ['ada'] }, { ...resource, id: 'r-2', title: 'Not inserted yet' }] }];
    answers.getToday = () => day;
    render(<Today />);
    const section = await screen.findByRole('region', { name: 'Resources to share' });
    const byTitle = (title: string) => within(section).getByRole('link', { name: title }).closest('li')!;
    expect(byTitle('How to price a workshop').textContent).toContain('waiting to be sent (inserted into a reply');
    expect(byTitle('Not inserted yet').textContent).not.toContain('waiting to be sent');
  });

  it('shows a designed empty state in every section', async () => {
    answers.getToday = emptyDay;
    render(<Today />);
    expect(await screen.findByText('All caught up: nothing needs you today.')).toBeTruthy();
    expect(within(region('Overdue check-ins')).getByText('No check-ins overdue')).toBeTruthy();
    expect(within(region('Dates coming up')).getByText('No dates in the next two weeks')).toBeTruthy();
    expect(within(region('Meeting confirmations due')).getByText('No meetings waiting')).toBeTruthy();
    expect(within(region('Resources to share')).getByText('Nothing waiting to be shared')).toBeTruthy();
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
  });

  it('asks for the first 200 overdue rows of thousands, and for all on Show all', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 1250 }, (_, i) => ({ client: client(`c${i}`, `Client ${i}`), days: 1250 - i }));
    const limits: number[] = [];
    answers.getToday = ({ overdueLimit }: { overdueLimit: number }) => {
      limits.push(overdueLimit);
      return { ...emptyDay(), overdue: many.slice(0, overdueLimit), overdueTotal: many.length };
    };
    render(<Today />);
    expect(await screen.findByText('1,250 check-ins overdue')).toBeTruthy();
    // Found by selector: role queries over thousands of nodes are slow in happy-dom.
    const rows = () => document.querySelectorAll('section[aria-label="Overdue check-ins"] li.overdue-row');
    expect(rows()).toHaveLength(200);
    expect(rows()[199]!.textContent).toContain('Client 199');
    const showAll = screen.getByText('Show all 1,250');
    expect(showAll.tagName).toBe('BUTTON');
    await user.click(showAll);
    await waitFor(() => expect(rows()).toHaveLength(1250));
    expect(limits).toEqual([200, 1250]);
    expect(rows()[1249]!.textContent).toContain('Check-in overdue by 1 day');
    expect(screen.queryByText(/Show all/)).toBeNull();
    // Rendering 1,250 rows in happy-dom takes seconds on a busy 2-core machine; this
    // test is about which rows are asked for and shown, not how fast.
  }, 30_000);

  it('does not flash a loading state, and says so when loading is slow', async () => {
    // The clock is the test's: the status must stay hidden until just before the
    // delay is up, and show once it is (no sleeping, no race with a busy machine).
    vi.useFakeTimers();
    try {
      answers.getToday = () => new Promise(() => {});
      render(<Today />);
      expect(screen.queryByRole('status')).toBeNull();
      await act(async () => vi.advanceTimersByTime(LOADING_DELAY_MS - 1));
      expect(screen.queryByRole('status')).toBeNull();
      await act(async () => vi.advanceTimersByTime(1));
      expect(screen.getByRole('status').textContent).toContain('Gathering today’s list');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says what went wrong and what to do when Today cannot load', async () => {
    answers.getToday = () => Promise.reject(new Error('Tend’s background did not answer.'));
    render(<Today />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Tend’s background did not answer.');
    expect(alert.textContent).toContain('Reload this page');
  });

  it('refreshes when the background says data changed', async () => {
    let day = fullDay();
    answers.getToday = () => day;
    render(<Today />);
    await screen.findByText('Bob Builder', { selector: '.overdue-row button' });
    day = { ...day, overdue: [day.overdue[0]!], overdueTotal: 1 };
    pushChange();
    await waitFor(() => expect(overdueRows()).toHaveLength(1));
    expect(screen.getByText(/^1 check-in overdue/)).toBeTruthy();
  });
});

describe('Today with the real background', () => {
  it('lists a Key client above a longer-overdue Active one, and Checked in takes the row away', async () => {
    const user = userEvent.setup();
    const DAY = 86_400_000;
    const start = new Date(2026, 0, 10, 12);
    let now = new Date(start.getTime() - 30 * DAY);
    let ids = 0;
    const db = new TendDatabase(`dashboard-${crypto.randomUUID()}`);
    const handlers = createHandlers({
      db,
      threads: { get: async () => null, set: async () => {} },
      now: () => now,
      notify: () => queueMicrotask(pushChange),
      newId: () => `id-${++ids}`,
    });
    const route = async (name: MessageName, data: unknown) => {
      const input = protocol[name].input.parse(data);
      return (handlers[name] as (input: unknown, sender: { tabId: null }) => Promise<unknown>)(input, { tabId: null });
    };
    const { clientId: bobId } = (await route('createClient', { name: 'Bob Builder', email: 'bob@builders.example' })) as { clientId: string };
    now = start;
    const { clientId: adaId } = (await route('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' })) as { clientId: string };
    await route('updateClient', { clientId: adaId, tier: 'key' });
    now = new Date(start.getTime() + 60 * DAY);
    send.mockImplementation(route);

    render(<Today />);
    await waitFor(() => expect(overdueRows()).toHaveLength(2));
    const [first, second] = overdueRows();
    expect(first!.textContent).toContain('Ada Lovelace');
    expect(first!.textContent).toContain('Check-in overdue by 46 days');
    expect(second!.textContent).toContain('Bob Builder');
    expect(second!.textContent).toContain('Check-in overdue by 60 days');

    await user.click(within(first!).getByRole('button', { name: 'Checked in with Ada Lovelace' }));
    await waitFor(() => expect(overdueRows()).toHaveLength(1));
    expect(overdueRows()[0]!.textContent).toContain('Bob Builder');
    expect(bobId).not.toBe(adaId);
    db.close();
  });
});

describe('DashboardApp', () => {
  it('opens on Today and switches views by hash, marking the current one', async () => {
    answers.getToday = emptyDay;
    answers.getSettings = () => settings();
    render(<DashboardApp />);
    expect(screen.getByRole('heading', { level: 1, name: 'Tend' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Dashboard' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Today', 'Clients', 'Insights', 'Settings', 'Import & backup']);
    expect(links[0]!.getAttribute('aria-current')).toBe('page');
    expect(links[3]!.getAttribute('aria-current')).toBeNull();
    expect(links[3]!.getAttribute('href')).toBe('#settings');
    expect(await screen.findByRole('region', { name: 'Overdue check-ins' })).toBeTruthy();

    act(() => {
      window.location.hash = '#settings';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('region', { name: 'How often to check in' })).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Settings' })).toBeTruthy();
    expect(links[3]!.getAttribute('aria-current')).toBe('page');
    expect(links[0]!.getAttribute('aria-current')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Overdue check-ins' })).toBeNull();
  });

  it('starts on Settings when the page opens at #settings', async () => {
    window.location.hash = '#settings';
    answers.getSettings = () => settings();
    render(<DashboardApp />);
    expect(await screen.findByRole('region', { name: 'Your addresses' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
  });
});

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    ownAddresses: ['me@consulting.example'],
    detectedOwnAddresses: ['me@gmail.example'],
    notOwnAddresses: [],
    tierCadences: { key: 14, active: 30, occasional: 90, none: null },
    dailySummary: false,
    lastBackupAt: null,
    backupReminderDays: 30,
    backupReminderSnoozedUntil: null,
    mailPageSeenAt: null,
    mailApp: null,
    firstRunDismissedAt: null,
    ...overrides,
  };
}

describe('Settings', () => {
  it('rejects 0 and 5000 days, and saves a valid rhythm', async () => {
    const user = userEvent.setup();
    answers.getSettings = () => settings();
    answers.saveSettings = () => settings();
    render(<SettingsView />);
    const key = (await screen.findByLabelText('Key clients')) as HTMLInputElement;
    expect(key.value).toBe('14');
    expect((screen.getByLabelText('Active clients') as HTMLInputElement).value).toBe('30');
    const save = screen.getByRole('button', { name: 'Save how often to check in' });

    await user.clear(key);
    await user.type(key, '0');
    await user.click(save);
    expect(screen.getByText('Key clients: Enter at least 1 day.')).toBeTruthy();
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(key);

    await user.clear(key);
    await user.type(key, '5000');
    await user.click(save);
    expect(screen.getByText('Key clients: Enter at most 3,650 days (ten years).')).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('saveSettings', expect.anything());

    await user.clear(key);
    await user.type(key, '10');
    await user.click(screen.getByRole('checkbox', { name: 'No check-ins for Occasional clients' }));
    expect((screen.getByLabelText('Occasional clients') as HTMLInputElement).disabled).toBe(true);
    await user.click(save);
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('saveSettings', { tierCadences: { key: 10, active: 30, occasional: null, none: null } }),
    );
    expect(await screen.findByText(/^Saved\. Every client’s next check-in/)).toBeTruthy();
    expect(screen.queryByText(/Key clients: Enter/)).toBeNull();
  });

  it('rejects an empty or fractional number of days', async () => {
    const user = userEvent.setup();
    answers.getSettings = () => settings();
    render(<SettingsView />);
    const active = await screen.findByLabelText('Active clients');
    await user.clear(active);
    await user.click(screen.getByRole('button', { name: 'Save how often to check in' }));
    expect(screen.getByText('Active clients: Enter a number of days, or choose “No check-ins”.')).toBeTruthy();
    await user.type(active, '2.5');
    await user.click(screen.getByRole('button', { name: 'Save how often to check in' }));
    expect(screen.getByText('Active clients: Enter a whole number of days.')).toBeTruthy();
    expect(send).not.toHaveBeenCalledWith('saveSettings', expect.anything());
  });

  it('turns the daily summary on', async () => {
    const user = userEvent.setup();
    answers.getSettings = () => settings();
    answers.saveSettings = () => settings({ dailySummary: true });
    render(<SettingsView />);
    const toggle = (await screen.findByRole('checkbox', { name: 'Show a daily summary notification' })) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await user.click(toggle);
    expect(toggle.checked).toBe(true);
    await waitFor(() => expect(send).toHaveBeenCalledWith('saveSettings', { dailySummary: true }));
  });

  it('saves the user’s addresses one per line, and names the invalid ones', async () => {
    const user = userEvent.setup();
    answers.getSettings = () => settings();
    answers.saveOwnAddresses = () => ({});
    render(<SettingsView />);
    const box = (await screen.findByLabelText('Other addresses of yours, one per line')) as HTMLTextAreaElement;
    expect(box.value).toBe('me@consulting.example');
    expect(screen.getByText('me@gmail.example')).toBeTruthy();

    await user.clear(box);
    await user.type(box, 'Me@Consulting.example{Enter}not an address{Enter}also@');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('“not an address”');
    expect(alert.textContent).toContain('“also@”');
    expect(send).not.toHaveBeenCalledWith('saveOwnAddresses', expect.anything());

    await user.clear(box);
    await user.type(box, 'Me@Consulting.example{Enter}{Enter}me@home.example');
    await user.click(screen.getByRole('button', { name: 'Save addresses' }));
    await waitFor(() =>
      expect(send).toHaveBeenCalledWith('saveOwnAddresses', { addresses: ['me@consulting.example', 'me@home.example'] }),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('asks about an address a mail page showed: Yes stores it as the user’s, No remembers it is not', async () => {
    const user = userEvent.setup();
    answers.getSettings = () => settings({ detectedOwnAddresses: ['me@gmail.example', 'shared@team.example'] });
    answers.answerOwnAddress = () => ({});
    render(<SettingsView />);
    const first = (await screen.findAllByRole('region', { name: 'Your address?' }))[0]!;
    expect(first.textContent).toContain('Is me@gmail.example your address?');
    const questions = screen.getAllByRole('region', { name: 'Your address?' });
    expect(questions).toHaveLength(2);
    await user.click(within(questions[0]!).getByRole('button', { name: "Yes, that's me" }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('answerOwnAddress', { address: 'me@gmail.example', mine: true }));
    await user.click(within(questions[1]!).getByRole('button', { name: 'No' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('answerOwnAddress', { address: 'shared@team.example', mine: false }));
  });

  it('says what went wrong when settings cannot load', async () => {
    answers.getSettings = () => Promise.reject(new Error('The database is closed.'));
    render(<SettingsView />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The database is closed.');
    expect(alert.textContent).toContain('Reload this page');
  });
});

describe('the search box right after the background restarted', () => {
  it('shows the clients found so far, says notes are still being read, and fills in by itself', async () => {
    // A fake clock from the start, so a timer the box might set is the test's to run.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    onTestFinished(() => void vi.useRealTimers());
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const hit = (id: string, name: string, field: 'name' | 'text', excerpt = '') => ({ id, name, company: '', archived: false, rank: field === 'name' ? 0 : 4, field, excerpt });
    let complete = false;
    answers.search = (data) => {
      if (data.query === '') return { clients: [], resources: [], clientTotal: 0, complete, tookMs: 0 };
      return complete
        ? { clients: [hit('lis', 'Lisa Lisbon', 'name'), hit('ada', 'Ada Lovelace', 'text', 'Summer in Lisbon')], resources: [], clientTotal: 2, complete: true, tookMs: 1 }
        : { clients: [hit('lis', 'Lisa Lisbon', 'name')], resources: [], clientTotal: 1, complete: false, tookMs: 1 };
    };
    render(<SearchBox hrefFor={(id) => `#client/${id}`} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search clients and resources' }), 'lisbon');
    const found = await screen.findByRole('list', { name: 'Clients found' });
    expect(found.textContent).toContain('Lisa Lisbon');
    expect(screen.getByText('Still reading your notes: more may turn up in a moment.')).toBeTruthy();
    // No asking on a timer: the box waits for the background to say the index is whole.
    const searches = () => send.mock.calls.filter(([name]) => name === 'search').length;
    const before = searches();
    // Ten minutes of the test's clock pass with no change: no search is sent again.
    await quietFor(10 * 60_000);
    expect(searches()).toBe(before);
    complete = true;
    pushChange();
    await waitFor(() => expect(screen.getByRole('list', { name: 'Clients found' }).textContent).toContain('Noted: Summer in Lisbon'));
    expect(screen.queryByText(/Still reading your notes/)).toBeNull();
    expect(searches()).toBe(before + 1);
    // A complete answer stays: later changes do not run the search again.
    pushChange();
    await quietFor(10 * 60_000);
    expect(searches()).toBe(before + 1);
  });
});
