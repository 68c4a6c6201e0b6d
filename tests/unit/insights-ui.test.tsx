// @vitest-environment happy-dom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageName } from '../../lib/messaging/protocol';
import type { InsightsView } from '../../lib/domain/insights/view';
import type { MailApp } from '../../lib/domain/compose-link';
import { Insights, InsightsBody } from '../../components/dashboard/insights/Insights';
import { csvFileName, EXPLANATIONS, FIGURES, insightsCsv, money, percent } from '../../components/dashboard/insights/format';
import { PERIOD_KEY, REFRESH_SETTLE_MS } from '../../components/dashboard/insights/use-insights';
import { UndoProvider } from '../../components/UndoNotice';
import { fakeLivePort } from './support/live-port';

// Every message goes through this mock: each test says what the background answers.
const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => {
  class TendError extends Error {}
  return { send, TendError, NoAnswerError: class NoAnswerError extends TendError {} };
});

// uPlot as the charts see it, for the test that gives the page a canvas: it records
// what each chart was asked to draw, and paints when the test says so.
interface FakePlot {
  options: { series: Array<{ label?: string }>; hooks: { draw: Array<(self: unknown) => void> } };
  data: Array<Array<number | null>>;
  destroyed: boolean;
  paint: () => void;
}
const plots = vi.hoisted(() => [] as FakePlot[]);
vi.mock('uplot', () => ({
  default: class {
    static paths = { bars: () => () => null };
    entry: FakePlot;
    constructor(options: FakePlot['options'], data: FakePlot['data'], target: HTMLElement) {
      // Only the page's own hook (the last): uPlot's drawing is not what is under test.
      this.entry = { options, data, destroyed: false, paint: () => options.hooks.draw.at(-1)!(this) };
      plots.push(this.entry);
      target.append(document.createElement('canvas'));
    }
    destroy() {
      this.entry.destroyed = true;
    }
    setSize() {}
  },
}));

type Answer = (data: any) => unknown;
let answers: Partial<Record<MessageName, Answer>>;
const live = fakeLivePort();

beforeEach(() => {
  fakeBrowser.reset();
  answers = {};
  send.mockReset();
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected message ${name}`);
    return answer(data);
  });
});

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);
const GMAIL: MailApp = { app: 'gmail', account: 'u/1/' };

const quarters = (make: (index: number) => object) =>
  Array.from({ length: 8 }, (_, index) => {
    const year = 2025 + Math.floor(index / 4);
    return { label: `${year} Q${(index % 4) + 1}`, start: Date.UTC(year, (index % 4) * 3, 1), end: Date.UTC(year, (index % 4) * 3 + 3, 1), ...make(index) };
  });

function emptyView(overrides: Partial<InsightsView> = {}): InsightsView {
  return {
    period: 'last-12-months',
    window: { start: NOW - 365 * DAY, end: NOW },
    at: NOW,
    counts: { clients: 0, projects: 0, valuedProjects: 0, feedback: 0, referrals: 0, realContacts: 0 },
    retention: { rate: { value: null, count: 0, of: 0 }, churn: null, byQuarter: quarters(() => ({ rate: { value: null, count: 0, of: 0 }, churn: null })) as never },
    repeatBusiness: { value: null, count: 0, of: 0 },
    lifetimeValue: [],
    nps: { score: null, responses: 0, promoters: 0, passives: 0, detractors: 0, few: false, byQuarter: quarters(() => ({ score: null, responses: 0 })) as never },
    checkIns: { kept: { value: null, count: 0, of: 0 }, keyKept: { value: null, count: 0, of: 0 }, mostOftenLate: [] },
    drifting: { total: 0, clients: [] },
    business: { perCurrency: [], makeKey: [], makeKeyTotal: 0, giftsDue: [], giftsDueTotal: 0 },
    referrals: { received: [], receivedTotal: 0, unthanked: [], unthankedTotal: 0 },
    engagement: Array.from({ length: 12 }, (_, index) => ({ month: `2026-${String(index + 1).padStart(2, '0')}`, contacts: 0, clients: 0, perClient: null })),
    ...overrides,
  };
}

const ada = { clientId: 'ada', name: 'Ada Lovelace', company: 'Analytical' };
const bob = { clientId: 'bob', name: 'Bob Stone', company: '' };
const cy = { clientId: 'cy', name: 'Cy Young', company: 'Pitch' };

function fullView(): InsightsView {
  return emptyView({
    counts: { clients: 3, projects: 5, valuedProjects: 4, feedback: 6, referrals: 2, realContacts: 40 },
    retention: {
      rate: { value: 0.82, count: 41, of: 50 },
      churn: 0.18,
      byQuarter: quarters((index) =>
        index === 0 ? { rate: { value: null, count: 0, of: 0 }, churn: null } : { rate: { value: 0.5 + index * 0.04, count: 5 + index, of: 10 + index }, churn: 0.5 - index * 0.04 },
      ) as never,
    },
    repeatBusiness: { value: 0.4, count: 2, of: 5 },
    lifetimeValue: [
      { currency: 'EUR', total: 36000, clients: 3, average: 12000 },
      { currency: 'USD', total: 5000, clients: 1, average: 5000 },
    ],
    nps: {
      score: 50,
      responses: 4,
      promoters: 2,
      passives: 2,
      detractors: 0,
      few: true,
      byQuarter: quarters((index) => (index < 6 ? { score: null, responses: 0 } : { score: index === 6 ? -20 : 50, responses: index === 6 ? 5 : 4 })) as never,
    },
    checkIns: {
      kept: { value: 0.75, count: 30, of: 40 },
      keyKept: { value: 0.9, count: 9, of: 10 },
      mostOftenLate: [{ ...bob, late: 3, due: 4 }],
    },
    drifting: {
      total: 1,
      clients: [{ ...cy, email: 'cy@pitch.example', lastContactAt: NOW - 60 * DAY, usualGapDays: 20, sinceDays: 60, ratio: 3 }],
    },
    business: {
      perCurrency: [
        {
          currency: 'EUR',
          total: 36000,
          clients: 2,
          vitalClients: 1,
          rows: [
            { ...ada, tier: 'active', own: 20000, referred: 10000, value: 30000, cumulative: 0.8333, vital: true, top: true },
            { ...bob, tier: 'key', own: 6000, referred: 0, value: 6000, cumulative: 1, vital: false, top: false },
          ],
        },
      ],
      makeKey: [{ ...ada, currency: 'EUR', value: 30000 }],
      makeKeyTotal: 1,
      giftsDue: [{ ...bob, lastThanksAt: null }],
      giftsDueTotal: 1,
    },
    referrals: {
      received: [{ ...ada, count: 2 }],
      receivedTotal: 1,
      unthanked: [{ referralId: 'ref-1', referrer: ada, referred: cy, at: NOW - 10 * DAY }],
      unthankedTotal: 1,
    },
    engagement: Array.from({ length: 12 }, (_, index) => ({
      month: `2026-${String(index + 1).padStart(2, '0')}`,
      contacts: index * 2,
      clients: 4,
      perClient: index === 0 ? null : (index * 2) / 4,
    })),
  });
}

function renderBody(view: InsightsView, onPainted = vi.fn()) {
  return render(
    <UndoProvider>
      <InsightsBody view={view} mail={GMAIL} onPainted={onPainted} />
    </UndoProvider>,
  );
}

/** The value cell of a figure's row. */
function valueOf(name: string): HTMLElement {
  const header = screen.getByRole('rowheader', { name });
  return header.closest('tr')!.querySelector('td')!;
}

describe('the figures table', () => {
  it('has the six row headers, exactly, in order', () => {
    renderBody(fullView());
    const table = screen.getByRole('table', { name: /Figures for the period/ });
    // Accessible names, exactly: the definition beside each name stays out of it.
    expect(within(table).getAllByRole('rowheader').map((header) => header.querySelector('.term')!.textContent)).toEqual([...FIGURES]);
    for (const name of FIGURES) expect(screen.getByRole('rowheader', { name })).toBeTruthy();
  });

  it('shows the view’s figures, money per currency and never added across', () => {
    renderBody(fullView());
    expect(valueOf('Retention rate').textContent).toContain(percent(0.82));
    expect(valueOf('Retention rate').textContent).toContain('41 of 50 clients');
    expect(valueOf('Churn rate').textContent).toContain(percent(0.18));
    expect(valueOf('Repeat business rate').textContent).toContain(percent(0.4));
    expect(valueOf('Repeat business rate').textContent).toContain('2 of 5 clients');
    const money_ = within(valueOf('Average lifetime value')).getAllByRole('listitem').map((item) => item.textContent);
    expect(money_).toEqual([`${money(12000, 'EUR')} (3 clients)`, `${money(5000, 'USD')} (1 client)`]);
    expect(money(12000, 'EUR')).toMatch(/€/);
    expect(valueOf('Average lifetime value').textContent).not.toContain(money(17000, 'EUR'));
    expect(valueOf('Net Promoter Score').textContent).toContain('+50');
    expect(valueOf('Net Promoter Score').textContent).toContain('4 responses');
    expect(valueOf('Net Promoter Score').textContent).toContain('Few responses');
    expect(valueOf('Check-ins kept').textContent).toContain(percent(0.75));
    expect(valueOf('Check-ins kept').textContent).toContain(`Key clients: ${percent(0.9)} (9 of 10 check-ins)`);
  });

  it('says "few responses" only under 5', () => {
    const view = fullView();
    view.nps = { ...view.nps, responses: 5, promoters: 3, few: false };
    renderBody(view);
    expect(valueOf('Net Promoter Score').textContent).not.toContain('Few responses');
  });

  it('with nothing recorded says what to record, never NaN, 0 % or an empty chart', () => {
    const { container } = renderBody(emptyView());
    const text = container.textContent!;
    expect(text).not.toMatch(/NaN/);
    expect(text).not.toMatch(/(^|[^\d])0\s?%/);
    expect(text).not.toMatch(/undefined|null/);
    expect(valueOf('Retention rate').textContent).toBe('Record calls, meetings or projects to see retention.');
    expect(valueOf('Churn rate').textContent).toBe('Record calls, meetings or projects to see churn.');
    expect(valueOf('Repeat business rate').textContent).toBe('Add projects to see repeat business.');
    expect(valueOf('Average lifetime value').textContent).toBe('Add projects with a value to see lifetime value.');
    expect(valueOf('Net Promoter Score').textContent).toBe('Record feedback to see your Net Promoter Score.');
    expect(valueOf('Check-ins kept').textContent).toMatch(/give clients a tier/);
    // No chart at all, each says what to record instead.
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.queryAllByRole('button', { name: 'Show as table' })).toHaveLength(0);
    expect(text).toContain('Record feedback to see your Net Promoter Score by quarter.');
    expect(text).toContain('Add projects with a value to see which clients bring most of your business');
  });

  it('all time has nothing before it: retention says to choose a shorter period', () => {
    renderBody(emptyView({ period: 'all-time', counts: { clients: 3, projects: 2, valuedProjects: 0, feedback: 0, referrals: 0, realContacts: 9 } }));
    expect(valueOf('Retention rate').textContent).toMatch(/choose a shorter period/);
  });

  it('explains each figure on keyboard focus and on hover, and Escape hides it', async () => {
    const user = userEvent.setup();
    renderBody(fullView());
    const term = screen.getByText('Net Promoter Score', { selector: '.term' });
    const tip = document.getElementById(term.getAttribute('aria-describedby')!)!;
    expect(tip.hidden).toBe(true);
    expect(tip.getAttribute('role')).toBe('tooltip');
    // Reached by Tab: the first focusable is the first figure's name.
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Retention rate');
    act(() => term.focus());
    await waitFor(() => expect(tip.hidden).toBe(false));
    expect(tip.textContent).toBe(EXPLANATIONS['Net Promoter Score']);
    expect(term).toHaveProperty('tabIndex', 0);
    // The description reaches assistive technology; the row header keeps its exact name.
    expect(screen.getByRole('rowheader', { name: 'Net Promoter Score' })).toBeTruthy();
    fireEvent.keyDown(term, { key: 'Escape' });
    act(() => term.blur());
    expect(tip.hidden).toBe(true);
    const repeat = screen.getByRole('rowheader', { name: 'Repeat business rate' });
    fireEvent.mouseEnter(repeat);
    const repeatTip = document.getElementById(repeat.querySelector('.term')!.getAttribute('aria-describedby')!)!;
    expect(repeatTip.hidden).toBe(false);
    expect(repeatTip.textContent).toMatch(/two or more/);
    fireEvent.mouseLeave(repeat);
    expect(repeatTip.hidden).toBe(true);
  });
});

describe('the charts', () => {
  it('name their latest figure', () => {
    renderBody(fullView());
    const names = screen.getAllByRole('img').map((img) => img.getAttribute('aria-label'));
    expect(names).toEqual([
      `Retention by quarter: 2026 Q4 ${percent(0.78)}, churn ${percent(0.22)}`,
      'Net Promoter Score by quarter: 2026 Q4 +50 (4 responses)',
      expect.stringMatching(/^Contacts per client by month: Dec 2026 5\.5$/),
      `Where the business comes from in EUR: 1 client of 2 bring 80 % of ${money(36000, 'EUR')}`,
    ]);
  });

  it('"Show as table" shows the same numbers as the view', async () => {
    const user = userEvent.setup();
    const view = fullView();
    renderBody(view);
    const retention = screen.getByRole('img', { name: /^Retention by quarter/ }).closest('figure')!;
    const toggle = within(retention).getByRole('button', { name: 'Show as table' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(retention).queryByRole('table')).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const table = within(retention).getByRole('table');
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)!.contains(table)).toBe(true);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    view.retention.byQuarter.forEach((point, index) => {
      const cells = [within(rows[index]!).getByRole('rowheader'), ...within(rows[index]!).getAllByRole('cell')].map((cell) => cell.textContent);
      expect(cells[0]).toBe(point.label);
      expect(cells[1]).toBe(percent(point.rate.value) ?? 'None active before');
      expect(cells[3]).toBe(String(point.rate.of));
    });

    const pareto = screen.getByRole('img', { name: /^Where the business comes from in EUR/ }).closest('figure')!;
    await user.click(within(pareto).getByRole('button', { name: 'Show as table' }));
    const paretoRows = within(within(pareto).getByRole('table')).getAllByRole('row').slice(1);
    expect(paretoRows.map((row) => row.textContent)).toEqual([
      `1Ada Lovelace (Analytical)${money(20000, 'EUR')}${money(10000, 'EUR')}${money(30000, 'EUR')}${percent(0.8333)}Yes`,
      `2Bob Stone${money(6000, 'EUR')}${money(0, 'EUR')}${money(6000, 'EUR')}${percent(1)}No`,
    ]);

    const nps = screen.getByRole('img', { name: /^Net Promoter Score by quarter/ }).closest('figure')!;
    await user.click(within(nps).getByRole('button', { name: 'Show as table' }));
    const npsRows = within(within(nps).getByRole('table')).getAllByRole('row').slice(1);
    expect(npsRows.map((row) => row.textContent)).toEqual(view.nps.byQuarter.map((point) => `${point.label}${point.score === null ? 'No responses' : point.score > 0 ? `+${point.score}` : String(point.score)}${point.responses}`));
    await user.click(within(nps).getByRole('button', { name: 'Show as table' }));
    expect(within(nps).queryByRole('table')).toBeNull();
  });

  it('draws the same numbers as the table, and is ready only once every chart has painted', async () => {
    plots.length = 0;
    const getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
    onTestFinished(() => getContext.mockRestore());
    const onPainted = vi.fn();
    const view = fullView();
    const { unmount } = renderBody(view, onPainted);
    await waitFor(() => expect(plots).toHaveLength(4));
    const [retention, nps, engagement, pareto] = plots as [FakePlot, FakePlot, FakePlot, FakePlot];
    expect(retention.options.series.map((series) => series.label)).toEqual([undefined, 'Retention', 'Churn']);
    expect(retention.data[1]).toEqual(view.retention.byQuarter.map((point) => (point.rate.value === null ? null : Math.round(point.rate.value * 1000) / 10)));
    expect(retention.data[2]).toEqual(view.retention.byQuarter.map((point) => (point.rate.value === null ? null : Math.round(point.churn! * 1000) / 10)));
    expect(nps.data[1]).toEqual(view.nps.byQuarter.map((point) => point.score));
    expect(engagement.data[1]).toEqual(view.engagement.map((point) => point.perClient));
    expect(pareto.data.slice(1)).toEqual([
      [30000, null],
      [null, 6000],
      [83.3, 100],
    ]);
    // Not ready while a chart has yet to paint.
    act(() => {
      retention.paint();
      nps.paint();
      engagement.paint();
    });
    expect(onPainted).not.toHaveBeenCalled();
    act(() => pareto.paint());
    expect(onPainted).toHaveBeenCalledWith(view);
    unmount();
    expect(plots.every((plot) => plot.destroyed)).toBe(true);
  });

  it('tells the page it is ready once every chart has painted', () => {
    const onPainted = vi.fn();
    const view = fullView();
    renderBody(view, onPainted);
    // happy-dom has no canvas: each chart counts as painted with its table and name.
    expect(onPainted).toHaveBeenCalledWith(view);
  });
});

describe('the lists', () => {
  it('drifting clients link to their page and "Write to them" in the mail app', () => {
    renderBody(fullView());
    const section = screen.getByRole('region', { name: /Drifting away/ });
    expect(within(section).getByRole('link', { name: 'Cy Young' }).getAttribute('href')).toBe('#client/cy');
    expect(section.textContent).toContain('60 days since last contact, usually every 20 days');
    const write = within(section).getByRole('link', { name: /Write to them/ });
    expect(write.getAttribute('href')).toBe('https://mail.google.com/mail/u/1/?view=cm&fs=1&to=cy%40pitch.example');
  });

  it('"Make Key" sends makeKey and offers Undo', async () => {
    const user = userEvent.setup();
    answers.makeKey = () => ({ undo: 'token-1' });
    answers.undo = () => ({});
    renderBody(fullView());
    await user.click(screen.getByRole('button', { name: /^Make Key/ }));
    expect(send).toHaveBeenCalledWith('makeKey', { clientId: 'ada' });
    expect(await screen.findByText('Made Ada Lovelace a Key client.')).toBeTruthy();
    // The row leaves with the next refresh: focus waits on the section's heading, not the page top.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Where the business comes from' }));
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(send).toHaveBeenCalledWith('undo', { token: 'token-1' });
  });

  it('"Thanked" marks the referral thanked and offers Undo when the reply carries a token', async () => {
    const user = userEvent.setup();
    answers.setReferralThanked = () => ({ undo: 'token-2' });
    renderBody(fullView());
    await user.click(screen.getByRole('button', { name: /^Thanked/ }));
    expect(send).toHaveBeenCalledWith('setReferralThanked', { id: 'ref-1', thanked: true });
    expect(await screen.findByText('Marked Ada Lovelace as thanked.')).toBeTruthy();
  });

  it('"Log a gift" opens a form with the gift kind that logs it', async () => {
    const user = userEvent.setup();
    answers.logInteraction = () => ({ undo: null });
    renderBody(fullView());
    await user.click(screen.getByRole('button', { name: /^Log a gift/ }));
    const form = screen.getByRole('form', { name: 'Log a gift for Bob Stone' });
    expect((within(form).getByLabelText('What') as HTMLSelectElement).value).toBe('gift');
    await user.type(within(form).getByLabelText('Notes'), 'Book');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('logInteraction', expect.objectContaining({ clientId: 'bob', kind: 'gift', text: 'Book' })));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Log a gift for Bob Stone' })).toBeNull());
  });

  it('referrals received list by referrer', () => {
    renderBody(fullView());
    const table = screen.getByRole('table', { name: /Referrals received/ });
    expect(within(table).getByRole('rowheader').textContent).toContain('Ada Lovelace');
    expect(within(table).getByRole('cell').textContent).toBe('2');
  });

  it('a list cut to its first rows says how many there are in all', () => {
    const view = fullView();
    renderBody({ ...view, business: { ...view.business, giftsDueTotal: 25 }, referrals: { ...view.referrals, unthankedTotal: 40 } });
    expect(screen.getByText('The first 1 of 25, longest without thanks first.')).toBeTruthy();
    expect(screen.getByText('The first 1 of 40, oldest first.')).toBeTruthy();
    // Lists carried whole say nothing more.
    expect(screen.queryByText(/highest value first/)).toBeNull();
  });
});

describe('Download CSV', () => {
  it('writes the figures shown, per currency and per quarter', () => {
    const csv = insightsCsv(fullView());
    const rows = Papa.parse<string[]>(csv.trim()).data;
    expect(rows[0]).toEqual(['period', 'from', 'to', 'figure', 'series', 'currency', 'value', 'count', 'of']);
    const from = rows[1]![1]!;
    expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const figures = rows.slice(1).map((row) => row.slice(3));
    expect(figures.slice(0, 8)).toEqual([
      ['Retention rate (%)', '', '', '82', '41', '50'],
      ['Churn rate (%)', '', '', '18', '9', '50'],
      ['Repeat business rate (%)', '', '', '40', '2', '5'],
      ['Average lifetime value', '', 'EUR', '12000', '3', ''],
      ['Average lifetime value', '', 'USD', '5000', '1', ''],
      ['Net Promoter Score', '', '', '50', '4', ''],
      ['Check-ins kept (%)', '', '', '75', '30', '40'],
      ['Check-ins kept, Key clients (%)', '', '', '90', '9', '10'],
    ]);
    expect(figures).toContainEqual(['Retention rate (%)', '2025 Q1', '', '', '0', '0']);
    expect(figures).toContainEqual(['Net Promoter Score', '2026 Q3', '', '-20', '5', '']);
    expect(figures).toContainEqual(['Contacts per client', '2026-12', '', '5.5', '22', '4']);
    expect(figures).toContainEqual(['Business value (80 % set)', 'Ada Lovelace', 'EUR', '30000', '', '']);
    expect(rows.every((row) => row[0] === 'last-12-months')).toBe(false); // the header row
    expect(rows.slice(1).every((row) => row[0] === 'last-12-months')).toBe(true);
    expect(csv).not.toMatch(/NaN|undefined|null/);
  });

  it('keeps a client name from running as a spreadsheet formula', () => {
    const view = fullView();
    view.business.perCurrency[0]!.rows[0]!.name = '=HYPERLINK("x")';
    expect(insightsCsv(view)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('names the file after the day', () => {
    expect(csvFileName(new Date(2026, 11, 7, 23, 30).getTime())).toBe('tend-insights-2026-12-07.csv');
  });

  it('the button downloads it', async () => {
    answers.getInsights = () => fullView();
    answers.getSettings = () => ({ mailApp: GMAIL });
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:insights';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    render(<Insights />);
    await userEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(clicked).toEqual([csvFileName(Date.now())]);
    expect(await created[0]!.text()).toBe(insightsCsv(fullView()));
    click.mockRestore();
  });
});

describe('the Insights view', () => {
  it('loads the chosen period, keeps it for the next visit, and says when it is ready', async () => {
    const asked: string[] = [];
    answers.getInsights = ({ period }) => {
      asked.push(period);
      return { ...fullView(), period };
    };
    answers.getSettings = () => ({ mailApp: null });
    const { container, unmount } = render(<Insights />);
    const root = container.querySelector('[data-insights]')!;
    expect(root.getAttribute('data-state')).toBe('loading');
    const picker = await screen.findByRole('combobox', { name: 'Period' });
    await waitFor(() => expect(root.getAttribute('data-state')).toBe('ready'));
    expect((picker as HTMLSelectElement).value).toBe('last-12-months');
    expect(asked).toEqual(['last-12-months']);
    expect(screen.getByRole('heading', { name: 'Figures: last 12 months' })).toBeTruthy();
    // Without a mail app seen, "Write to them" opens the system's mail app.
    expect(screen.getByRole('link', { name: /Write to them/ }).getAttribute('href')).toBe('mailto:cy@pitch.example');

    fireEvent.change(picker, { target: { value: 'this-year' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Figures: this year' })).toBeTruthy());
    await waitFor(() => expect(root.getAttribute('data-state')).toBe('ready'));
    expect(asked).toEqual(['last-12-months', 'this-year']);
    expect(await fakeBrowser.storage.local.get(PERIOD_KEY)).toEqual({ [PERIOD_KEY]: 'this-year' });
    unmount();

    render(<Insights />);
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Period' }) as HTMLSelectElement).value).toBe('this-year'));
    await waitFor(() => expect(asked).toEqual(['last-12-months', 'this-year', 'this-year']));
  });

  it('refreshes once after a burst of changes', async () => {
    let calls = 0;
    answers.getInsights = () => {
      calls += 1;
      return fullView();
    };
    answers.getSettings = () => ({ mailApp: null });
    const { container } = render(<Insights />);
    await waitFor(() => expect(container.querySelector('[data-state="ready"]')).toBeTruthy());
    expect(calls).toBe(1);
    for (let i = 0; i < 5; i++) live.push({ type: 'changed', topics: [`client:c${i}`] });
    await act(() => new Promise((resolve) => setTimeout(resolve, REFRESH_SETTLE_MS * 3)));
    expect(calls).toBe(2);
  });

  it('says so when the background fails', async () => {
    answers.getInsights = () => {
      throw new Error('database closed');
    };
    answers.getSettings = () => ({ mailApp: null });
    render(<Insights />);
    expect((await screen.findByRole('alert')).textContent).toContain('database closed');
  });
});
