/**
 * What the Insights view shows (issue 16), as the background computes it in one pass
 * (lib/background/insights.ts) and the dashboard draws it (components/dashboard/insights/).
 * Plain data: every figure is a number or null, never NaN. A null figure means there
 * is nothing to compute it from; the page then says what to record to see it.
 *
 * Shares are fractions (0–1); the page formats them. Money is per currency and never
 * added across currencies. Days are calendar days in the user's time zone.
 */

export const PERIODS = ['last-90-days', 'last-12-months', 'this-year', 'all-time'] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 'last-12-months';

/**
 * The most rows a list to act on carries (Make Key, Log a gift, referrers): the first
 * ones are those to act on first, and with 10,000 clients a list of thousands would
 * be neither read nor cheap to draw. Each list comes with the count of all.
 */
export const LIST_ROWS = 20;

/** A share with what it is a share of: `value` is null when `of` is 0. */
export interface Share {
  value: number | null;
  /** How many count (the numerator). */
  count: number;
  /** Out of how many (the denominator). */
  of: number;
}

/** A window of time: [start, end), milliseconds. */
export interface Window {
  start: number;
  end: number;
}

/** A quarter of the calendar, as the charts label it ("2026 Q3"). */
export interface QuarterPoint extends Window {
  label: string;
}

export interface MoneyFigure {
  /** ISO 4217 code. */
  currency: string;
  /** Sum over the clients counted, in the currency's major unit. */
  total: number;
  /** Clients with at least one valued project in this currency. */
  clients: number;
  /** total / clients. */
  average: number;
}

export interface ClientRef {
  clientId: string;
  name: string;
  company: string;
}

export interface ParetoRow extends ClientRef {
  tier: 'key' | 'active' | 'occasional' | 'none';
  /** Their own projects' value. */
  own: number;
  /** The lifetime value of the clients they referred. */
  referred: number;
  /** own + referred. */
  value: number;
  /** Cumulative share of the currency's total, this row included (0–1). */
  cumulative: number;
  /** In the smallest set bringing 80 % of the value (clients tied with the last one in are in too). */
  vital: boolean;
  /** In the top 20 % of clients with value, by value. */
  top: boolean;
}

export interface InsightsView {
  period: Period;
  /** The period's window; for all time, from the earliest record to now. */
  window: Window;
  /** When it was computed. */
  at: number;
  /** What there is to compute from: the page's empty states read these. */
  counts: { clients: number; projects: number; valuedProjects: number; feedback: number; referrals: number; realContacts: number };

  /**
   * Of the clients active in the window of the same length just before the period,
   * the share also active in the period. Null value for all time (nothing before it).
   * Churn is 1 − retention, given too so both ends agree on rounding.
   */
  retention: { rate: Share; churn: number | null; byQuarter: Array<QuarterPoint & { rate: Share; churn: number | null }> };
  /** Of the clients with a project active or done (overlapping the period), the share with two or more. */
  repeatBusiness: Share;
  /** Average lifetime value, per currency, over clients with a valued project (projects begun by the period's end). */
  lifetimeValue: MoneyFigure[];
  /** Over each client's latest score in the period. */
  nps: {
    score: number | null;
    responses: number;
    promoters: number;
    passives: number;
    detractors: number;
    /** Fewer than 5 responses: shown with a "few responses" note. */
    few: boolean;
    byQuarter: Array<QuarterPoint & { score: number | null; responses: number }>;
  };
  /** Check-ins due in the period, kept on or before their due day. */
  checkIns: {
    kept: Share;
    keyKept: Share;
    /** Most late first (at most 10). */
    mostOftenLate: Array<ClientRef & { late: number; due: number }>;
  };
  /** Time since last contact over 1.5× their usual gap, most drifted first (at most 50; `total` counts all). */
  drifting: {
    total: number;
    clients: Array<ClientRef & { email: string | null; lastContactAt: number; usualGapDays: number; sinceDays: number; ratio: number }>;
  };
  /** Where the business comes from, one ranking per currency (rows capped at 200; counts are of all). */
  business: {
    perCurrency: Array<{ currency: string; total: number; clients: number; vitalClients: number; rows: ParetoRow[] }>;
    /** Top-20 % clients who are not Key: "Make Key" (at most LIST_ROWS, highest value first; `makeKeyTotal` counts all). */
    makeKey: Array<ClientRef & { currency: string; value: number }>;
    makeKeyTotal: number;
    /** Key clients with no gift or thank-you logged in 12 months: "Log a gift" (at most LIST_ROWS; `giftsDueTotal` counts all). */
    giftsDue: Array<ClientRef & { lastThanksAt: number | null }>;
    giftsDueTotal: number;
  };
  referrals: {
    /** Received in the period, by referrer, most first (at most LIST_ROWS referrers; `receivedTotal` counts all). */
    received: Array<ClientRef & { count: number }>;
    receivedTotal: number;
    /** Referrers not yet thanked, oldest first, any period (at most LIST_ROWS; `unthankedTotal` counts all). */
    unthanked: Array<{ referralId: string; referrer: ClientRef; referred: ClientRef; at: number }>;
    unthankedTotal: number;
  };
  /** Real contacts per client per month, the last 12 months, oldest first. */
  engagement: Array<{ month: string; contacts: number; clients: number; perClient: number | null }>;
}
