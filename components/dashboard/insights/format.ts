/**
 * Words and numbers for the Insights view: how each figure reads, what it means (the
 * issue's definitions, shown on hover and focus), what to record when there is
 * nothing to compute it from, and the CSV the view downloads. Pure, so the table,
 * the charts' accessible names, their "Show as table" and the CSV say the same.
 */
import Papa from 'papaparse';
import type { InsightsView, MoneyFigure, Period, Share } from '../../../lib/domain/insights/view';

export const PERIOD_LABELS: Record<Period, string> = {
  'last-90-days': 'Last 90 days',
  'last-12-months': 'Last 12 months',
  'this-year': 'This year',
  'all-time': 'All time',
};

const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const signedFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** A fraction as "82 %" in the user's locale; null stays null so no caller can print "NaN %". */
export function percent(value: number | null): string | null {
  return value === null || !Number.isFinite(value) ? null : percentFormat.format(value);
}

/** A number with at most one decimal ("2.5"). */
export function decimal(value: number): string {
  return decimalFormat.format(value);
}

/** An NPS score: "+40", "-10", "0". */
export function npsText(score: number): string {
  return signedFormat.format(score);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** An amount in its own currency ("€12,000"); an unknown code falls back to "12,000 XYZ" rather than throwing. */
export function money(amount: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      return `${decimal(amount)} ${currency}`;
    }
    moneyFormats.set(currency, format);
  }
  return format.format(amount);
}

/** "Nov 2026" for the engagement series' `YYYY-MM`. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  return match ? monthFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)) : month;
}

export function dayLabel(at: number): string {
  return dayFormat.format(at);
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? word : many}`;
}

/** "41 of 50" under a share. */
export function shareDetail(share: Share, of: string): string {
  return `${share.count.toLocaleString()} of ${plural(share.of, of)}`;
}

/** The figures table's rows: the names the tests and the issue rely on. */
export const FIGURES = [
  'Retention rate',
  'Churn rate',
  'Repeat business rate',
  'Average lifetime value',
  'Net Promoter Score',
  'Check-ins kept',
] as const;
export type FigureName = (typeof FIGURES)[number];

/** One line per figure, shown on hover and keyboard focus: the definitions. */
export const EXPLANATIONS: Record<FigureName, string> = {
  'Retention rate':
    'Of the clients active in the same length of time just before the period, the share also active in it (active: an email from them, a call, a meeting, or a project overlapping).',
  'Churn rate': 'The share of clients active just before the period who were not active in it: 100 % minus retention.',
  'Repeat business rate': 'Of the clients with at least one project that ended or is active, the share with two or more.',
  'Average lifetime value':
    'A client’s lifetime value is the sum of their projects’ values; the average is over clients with at least one valued project, per currency, never added across currencies.',
  'Net Promoter Score':
    'Over each client’s latest score in the period: the % of promoters (9–10) minus the % of detractors (0–6), from −100 to +100.',
  'Check-ins kept': 'Of the check-ins due in the period, the share that happened on or before their due day, for all clients and for Key clients.',
};

/** What one figure reads as: its value, a detail line, or what to record to see it. */
export interface FigureText {
  /** The figure ("82 %"), or null with `missing` saying what to record. */
  value: string | null;
  detail: string;
  missing: string;
  /** Extra lines: one per currency, Key clients' check-ins. */
  lines: string[];
  note: string;
}

function retentionMissing(view: InsightsView): string {
  if (view.period === 'all-time') return 'There is nothing before all time to compare with: choose a shorter period to see retention.';
  if (view.counts.realContacts === 0 && view.counts.projects === 0) return 'Record calls, meetings or projects to see retention.';
  return 'No client was active just before this period: record calls, meetings or projects over a longer time to see retention.';
}

export function figureText(view: InsightsView, name: FigureName): FigureText {
  const text: FigureText = { value: null, detail: '', missing: '', lines: [], note: '' };
  switch (name) {
    case 'Retention rate':
      text.value = percent(view.retention.rate.value);
      text.detail = `${shareDetail(view.retention.rate, 'client')} active before stayed active`;
      text.missing = retentionMissing(view);
      break;
    case 'Churn rate':
      text.value = view.retention.rate.value === null ? null : percent(view.retention.churn);
      text.detail = `${(view.retention.rate.of - view.retention.rate.count).toLocaleString()} of ${plural(view.retention.rate.of, 'client')} active before were not`;
      text.missing = retentionMissing(view).replace('see retention', 'see churn');
      break;
    case 'Repeat business rate':
      text.value = percent(view.repeatBusiness.value);
      text.detail = `${shareDetail(view.repeatBusiness, 'client')} with projects had two or more`;
      text.missing = 'Add projects to see repeat business.';
      break;
    case 'Average lifetime value':
      text.lines = view.lifetimeValue.map((figure) => lifetimeLine(figure));
      text.value = text.lines.length ? text.lines.join('; ') : null;
      text.missing = 'Add projects with a value to see lifetime value.';
      break;
    case 'Net Promoter Score':
      text.value = view.nps.score === null ? null : npsText(view.nps.score);
      text.detail = `${plural(view.nps.responses, 'response')}: ${plural(view.nps.promoters, 'promoter')}, ${plural(view.nps.passives, 'passive')}, ${plural(view.nps.detractors, 'detractor')}`;
      text.note = view.nps.score !== null && view.nps.few ? 'Few responses: fewer than 5, so read it with care.' : '';
      text.missing = 'Record feedback to see your Net Promoter Score.';
      break;
    case 'Check-ins kept': {
      const { kept, keyKept } = view.checkIns;
      text.value = percent(kept.value);
      text.detail = `${shareDetail(kept, 'check-in')} due were kept`;
      const key = percent(keyKept.value);
      text.lines = [key === null ? 'Key clients: no check-ins due; mark your most important clients as Key to see theirs.' : `Key clients: ${key} (${shareDetail(keyKept, 'check-in')})`];
      text.missing = 'No check-ins were due in this period: give clients a tier (a check-in rhythm) to see check-ins kept.';
      break;
    }
  }
  return text;
}

function lifetimeLine(figure: MoneyFigure): string {
  return `${money(figure.average, figure.currency)} (${plural(figure.clients, 'client')})`;
}

// ---------------------------------------------------------------------------
// Chart series as tables and accessible names
// ---------------------------------------------------------------------------

/** The latest point of a series that has a value, or null. */
export function latest<T>(points: readonly T[], has: (point: T) => boolean): T | null {
  for (let i = points.length - 1; i >= 0; i--) if (has(points[i]!)) return points[i]!;
  return null;
}

export function retentionName(view: InsightsView): string | null {
  const point = latest(view.retention.byQuarter, (p) => p.rate.value !== null);
  if (!point) return null;
  return `Retention by quarter: ${point.label} ${percent(point.rate.value)}, churn ${percent(point.churn)}`;
}

export function npsName(view: InsightsView): string | null {
  const point = latest(view.nps.byQuarter, (p) => p.score !== null);
  if (!point || point.score === null) return null;
  return `Net Promoter Score by quarter: ${point.label} ${npsText(point.score)} (${plural(point.responses, 'response')})`;
}

export function engagementName(view: InsightsView): string | null {
  const point = latest(view.engagement, (p) => p.perClient !== null);
  if (!point || point.perClient === null) return null;
  return `Contacts per client by month: ${monthLabel(point.month)} ${decimal(point.perClient)}`;
}

export function paretoName(group: InsightsView['business']['perCurrency'][number]): string {
  return `Where the business comes from in ${group.currency}: ${plural(group.vitalClients, 'client')} of ${group.clients.toLocaleString()} bring 80 % of ${money(group.total, group.currency)}`;
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

const isoDay = (at: number) => {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** A share as a percentage number for a spreadsheet (82.5), '' when there is none. */
const percentCell = (value: number | null) => (value === null ? '' : Math.round(value * 1000) / 10);

/** `tend-insights-2026-12-07.csv`, the day in local time. */
export function csvFileName(now: number): string {
  return `tend-insights-${isoDay(now)}.csv`;
}

/**
 * The figures shown, one per line: the headline figures (lifetime value one line per
 * currency), then the quarter and month series the charts draw. Shares are in percent.
 */
export function insightsCsv(view: InsightsView): string {
  const period = view.period;
  const from = isoDay(view.window.start);
  const to = isoDay(view.window.end - 1);
  const rows: Array<Array<string | number>> = [];
  const add = (figure: string, series: string, currency: string, value: string | number, count: string | number = '', of: string | number = '') =>
    rows.push([period, from, to, figure, series, currency, value, count, of]);
  const { rate } = view.retention;
  add('Retention rate (%)', '', '', percentCell(rate.value), rate.count, rate.of);
  add('Churn rate (%)', '', '', rate.value === null ? '' : percentCell(view.retention.churn), rate.value === null ? '' : rate.of - rate.count, rate.of);
  add('Repeat business rate (%)', '', '', percentCell(view.repeatBusiness.value), view.repeatBusiness.count, view.repeatBusiness.of);
  for (const figure of view.lifetimeValue) add('Average lifetime value', '', figure.currency, figure.average, figure.clients, '');
  add('Net Promoter Score', '', '', view.nps.score ?? '', view.nps.responses, '');
  add('Check-ins kept (%)', '', '', percentCell(view.checkIns.kept.value), view.checkIns.kept.count, view.checkIns.kept.of);
  add('Check-ins kept, Key clients (%)', '', '', percentCell(view.checkIns.keyKept.value), view.checkIns.keyKept.count, view.checkIns.keyKept.of);
  for (const point of view.retention.byQuarter) {
    add('Retention rate (%)', point.label, '', percentCell(point.rate.value), point.rate.count, point.rate.of);
    add('Churn rate (%)', point.label, '', point.rate.value === null ? '' : percentCell(point.churn), '', '');
  }
  for (const point of view.nps.byQuarter) add('Net Promoter Score', point.label, '', point.score ?? '', point.responses, '');
  for (const point of view.engagement) add('Contacts per client', point.month, '', point.perClient ?? '', point.contacts, point.clients);
  for (const group of view.business.perCurrency) {
    for (const row of group.rows) add(`Business value${row.vital ? ' (80 % set)' : ''}`, row.name, group.currency, row.value, '', '');
  }
  // Client names are the user's own text: a leading = or + must not run as a spreadsheet formula.
  return Papa.unparse({ fields: ['period', 'from', 'to', 'figure', 'series', 'currency', 'value', 'count', 'of'], data: rows }, { escapeFormulae: true });
}
