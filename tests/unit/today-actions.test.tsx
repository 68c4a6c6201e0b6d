// @vitest-environment happy-dom
/**
 * Today you can act on (issue 15, item 9), and the first run (item 12), as a person
 * uses them: each overdue row writes to the client in the user's own mail, checks
 * in and snoozes from the keyboard; each date coming up says how far ahead it is;
 * the first-run steps say which are done, link to where each is done, and Dismiss.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addMonths, format } from 'date-fns';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Client } from '../../lib/model';
import type { MessageName, TodayView } from '../../lib/messaging/protocol';
import type { FirstRunState } from '../../lib/domain/first-run';
import { Today } from '../../components/dashboard/Today';
import { FirstRun } from '../../components/dashboard/FirstRun';
import { fakeLivePort } from './support/live-port';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => {
  class TendError extends Error {}
  return { send, TendError, NoAnswerError: class NoAnswerError extends TendError {} };
});

let answers: Partial<Record<MessageName, (data: any) => unknown>>;
function pushChange() {
  live.push({ type: 'changed' });
}

let live: ReturnType<typeof fakeLivePort>;
beforeAll(() => {
  live = fakeLivePort();
});

beforeEach(() => {
  answers = {};
  send.mockReset();
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected message ${name}`);
    return answer(data);
  });
});

const T = Date.UTC(2026, 10, 23, 12);

function client(id: string, name: string, emails: string[]): Client {
  return {
    id, name, emails, company: '', role: '', domains: [], nameKeys: [name.toLowerCase()], confirmedNameKeys: [], rejectedNameKeys: [], phones: [],
    tier: 'active', cadenceDays: null, tags: [], lastContactAt: null, snoozedUntil: null, nextDueAt: T, createdAt: T, updatedAt: T, archivedAt: null,
  };
}

const ada = client('ada', 'Ada Lovelace', ['ada+work@analytical.example', 'ada@home.example']);
const nobody = client('nob', 'No Address', []);

function day(mail: TodayView['mail'], overrides: Partial<TodayView> = {}): TodayView {
  return {
    overdue: [{ client: ada, days: 12 }, { client: nobody, days: 3 }],
    overdueTotal: 2, upcoming: [], confirmations: [], closedByEmail: [], resources: [], backup: null, mail,
    ...overrides,
  };
}

function row(name: string) {
  const rows = within(screen.getByRole('region', { name: 'Overdue check-ins' })).getAllByRole('listitem');
  return rows.find((item) => item.textContent?.includes(name))!;
}

describe('Today: each overdue client can be acted on', () => {
  it('Write to them opens a new message to their first address in the Gmail account the user uses', async () => {
    answers.getToday = () => day({ app: 'gmail', account: 'u/1/' });
    render(<Today />);
    await screen.findByText('Ada Lovelace');
    const link = within(row('Ada Lovelace')).getByRole('link', { name: 'Write to them' });
    expect(link.getAttribute('href')).toBe('https://mail.google.com/mail/u/1/?view=cm&fs=1&to=ada%2Bwork%40analytical.example');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(link.getAttribute('title')).toBe('New message to ada+work@analytical.example in Gmail');
  });

  it('in Outlook on the origin seen, or the mail app (mailto:) when Tend has seen neither', async () => {
    answers.getToday = () => day({ app: 'outlook', origin: 'https://outlook.office365.com' });
    const { unmount } = render(<Today />);
    await screen.findByText('Ada Lovelace');
    expect(within(row('Ada Lovelace')).getByRole('link', { name: 'Write to them' }).getAttribute('href')).toBe(
      'https://outlook.office365.com/mail/deeplink/compose?to=ada%2Bwork%40analytical.example',
    );
    unmount();
    answers.getToday = () => day({ app: 'mailto' });
    render(<Today />);
    await screen.findByText('Ada Lovelace');
    const link = within(row('Ada Lovelace')).getByRole('link', { name: 'Write to them' });
    expect(link.getAttribute('href')).toBe('mailto:ada%2Bwork@analytical.example');
    // The mail app opens; no empty tab is left behind.
    expect(link.getAttribute('target')).toBeNull();
  });

  it('a client without an address gets no link, and is told why', async () => {
    answers.getToday = () => day({ app: 'gmail', account: '' });
    render(<Today />);
    await screen.findByText('No Address');
    const noAddress = row('No Address');
    expect(within(noAddress).queryByRole('link', { name: 'Write to them' })).toBeNull();
    expect(within(noAddress).getByText('No address to write to')).toBeTruthy();
    // Checking in and snoozing still work for them.
    expect(within(noAddress).getByRole('button', { name: /^Checked in/ })).toBeTruthy();
    expect(within(noAddress).getByRole('button', { name: /^Snooze/ })).toBeTruthy();
  });

  it('has Write to them, Checked in and Snooze on every row; Checked in sends checkedIn for that client', async () => {
    const user = userEvent.setup();
    answers.getToday = () => day({ app: 'mailto' });
    answers.checkedIn = () => ({ id: 'i-1', undo: null });
    render(<Today />);
    await screen.findByText('Ada Lovelace');
    const first = row('Ada Lovelace');
    expect(within(first).getAllByRole('link').map((link) => link.textContent)).toContain('Write to them');
    await user.click(within(first).getByRole('button', { name: /^Checked in/ }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('checkedIn', { clientId: 'ada' }));
    expect(send).not.toHaveBeenCalledWith('checkedIn', { clientId: 'nob' });
  });

  it('Snooze offers 1 week, 2 weeks and 1 month, all from the keyboard', async () => {
    const user = userEvent.setup();
    answers.getToday = () => day({ app: 'mailto' });
    answers.snooze = (data: { weeks?: number; until?: string }) => ({ snoozedUntil: data.until ?? '2026-12-07' });
    render(<Today />);
    await screen.findByText('Ada Lovelace');
    const toggle = within(row('Ada Lovelace')).getByRole('button', { name: /^Snooze/ });
    toggle.focus();
    await user.keyboard('{Enter}');
    const choices = screen.getByRole('group', { name: 'Snooze the check-in with Ada Lovelace' });
    expect(within(choices).getAllByRole('button').map((button) => button.textContent)).toEqual(['1 week', '2 weeks', '1 month', 'Snooze until then']);
    await user.tab();
    await user.tab();
    expect(document.activeElement).toBe(within(choices).getByRole('button', { name: '2 weeks' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(send).toHaveBeenCalledWith('snooze', { clientId: 'ada', weeks: 2 }));

    await user.click(toggle);
    await user.click(toggle);
    const again = screen.getByRole('group', { name: 'Snooze the check-in with Ada Lovelace' });
    within(again).getByRole('button', { name: '1 month' }).focus();
    await user.keyboard(' ');
    const inAMonth = format(addMonths(new Date(), 1), 'yyyy-MM-dd');
    await waitFor(() => expect(send).toHaveBeenCalledWith('snooze', { clientId: 'ada', until: inAMonth }));
  });
});

describe('Today: dates coming up say how far ahead they are', () => {
  it('today, tomorrow, in 3 days', async () => {
    const date = (detailId: string, text: string, daysUntil: number, dayText: string) => ({
      client: ada,
      date: { detailId, clientId: 'ada', text, kind: 'family' as const, day: dayText, daysUntil, yearly: false },
    });
    answers.getToday = () =>
      day({ app: 'mailto' }, { upcoming: [date('d1', 'Birthday', 0, '2026-11-23'), date('d2', 'Office opening', 1, '2026-11-24'), date('d3', 'Launch', 3, '2026-11-26')] });
    render(<Today />);
    const section = await screen.findByRole('region', { name: 'Dates coming up' });
    await within(section).findByText('Birthday');
    const items = within(section).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.when strong')?.textContent)).toEqual(['today', 'tomorrow', 'in 3 days']);
  });
});

describe('the first run', () => {
  const state = (done: FirstRunState['done']): FirstRunState => {
    const doneCount = Object.values(done).filter(Boolean).length;
    return { done, doneCount, show: doneCount < 3 };
  };

  it('shows three steps, each linking to where it is done, and marks them done as they happen', async () => {
    let current = state({ addresses: false, clients: false, mail: false });
    answers.getFirstRun = () => current;
    render(<FirstRun />);
    const guide = await screen.findByRole('region', { name: 'Get started with Tend' });
    const steps = within(guide).getAllByRole('listitem');
    expect(steps.map((step) => step.querySelector('strong')?.textContent)).toEqual(['Your addresses', 'Import contacts (or add one)', 'Open Gmail or Outlook']);
    expect(steps.every((step) => step.textContent?.includes('To do'))).toBe(true);
    expect(within(steps[0]!).getByRole('link', { name: 'Add them in Settings' }).getAttribute('href')).toBe('#settings');
    expect(within(steps[1]!).getByRole('link', { name: 'Import contacts' }).getAttribute('href')).toBe('#backup');
    expect(within(steps[2]!).getByRole('link', { name: 'Gmail' }).getAttribute('href')).toBe('https://mail.google.com/mail/');
    expect(within(steps[2]!).getByRole('link', { name: 'Outlook' }).getAttribute('href')).toBe('https://outlook.office.com/mail/');
    expect(guide.textContent).toContain('0 of 3 steps done');

    current = state({ addresses: true, clients: false, mail: true });
    pushChange();
    await waitFor(() => expect(guide.textContent).toContain('2 of 3 steps done'));
    const [addresses, clients, mail] = within(guide).getAllByRole('listitem');
    // Done in words, not colour alone.
    expect(addresses!.textContent).toContain('Done');
    expect(clients!.textContent).toContain('To do');
    expect(mail!.textContent).toContain('Done');

    current = state({ addresses: true, clients: true, mail: true });
    pushChange();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Get started with Tend' })).toBeNull());
  });

  it('Dismiss asks the background to remember it, and the guide goes', async () => {
    const user = userEvent.setup();
    let dismissed = false;
    answers.getFirstRun = () => ({ ...state({ addresses: false, clients: false, mail: false }), show: !dismissed });
    answers.dismissFirstRun = () => {
      dismissed = true;
      return {};
    };
    render(<FirstRun />);
    const guide = await screen.findByRole('region', { name: 'Get started with Tend' });
    await user.click(within(guide).getByRole('button', { name: 'Dismiss' }));
    expect(send).toHaveBeenCalledWith('dismissFirstRun', {});
    pushChange();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Get started with Tend' })).toBeNull());
  });

  it('stays out of the way when it cannot load', async () => {
    answers.getFirstRun = () => Promise.reject(new Error('no answer'));
    render(<FirstRun />);
    await waitFor(() => expect(send).toHaveBeenCalledWith('getFirstRun', {}));
    expect(screen.queryByRole('region', { name: 'Get started with Tend' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
