/**
 * The whole Insights view (issue 16) from plain facts: each figure by its own module
 * (activity, retention, business, nps, checkins, drift, engagement, referrals), over
 * the windows of periods.ts. Pure: `now` and the time zone are parameters.
 */
import { dayOf } from '../calendar';
import type { DayProject } from './activity';
import { averageLifetimeValue, business, giftsDue, lifetimeValues, makeKeySuggestions, repeatBusiness } from './business';
import { checkIns, distinctDays } from './checkins';
import { dayClock, dayNumber, dayString } from './days';
import { drifting } from './drift';
import { engagement } from './engagement';
import type { ClientFacts, InsightsInput } from './facts';
import { nps } from './nps';
import { lastMonths, lastQuarters, periodWindow, previousWindow } from './periods';
import { referralFigures } from './referrals';
import { activity, retention, retentionBetween } from './retention';
import { LIST_ROWS, type InsightsView, type Period } from './view';

/** The quarters the retention and NPS charts show, the current one included. */
export const QUARTERS = 8;
/** The months the engagement chart shows, the current one included. */
export const MONTHS = 12;

export function buildInsights(input: InsightsInput, period: Period, now: number, timeZone?: string): InsightsView {
  const dayOfTime = dayClock(timeZone);
  const today = dayOf(now, timeZone);
  const todayNumber = dayNumber(today);
  const clientsById = new Map<string, ClientFacts>(input.clients.map((client) => [client.id, client]));
  const known = (clientId: string) => clientsById.has(clientId);

  // Projects of a client no longer here are left out of every figure: the figures count clients.
  const projectsByClient = new Map<string, DayProject[]>();
  let projectCount = 0;
  let valuedProjects = 0;
  for (const project of input.projects) {
    if (!known(project.clientId)) continue;
    projectCount += 1;
    const valued = project.value !== null && project.currency !== null;
    if (valued) valuedProjects += 1;
    const dayProject: DayProject = {
      clientId: project.clientId,
      status: project.status,
      startDay: dayNumber(project.startDay),
      endDay: project.endDay === null ? null : dayNumber(project.endDay),
      // Cents, so that sums are exact (0.1 + 0.2 is not 0.3 in floating point).
      cents: valued ? Math.round(project.value! * 100) : null,
      currency: valued ? project.currency : null,
    };
    const list = projectsByClient.get(project.clientId);
    if (list) list.push(dayProject);
    else projectsByClient.set(project.clientId, [dayProject]);
  }
  const feedback = input.feedback.filter((row) => known(row.clientId));

  const window = periodWindow(period, today, timeZone, earliestDay(input, projectsByClient, feedback, dayOfTime));
  const previous = previousWindow(period, window, timeZone);
  // One more quarter than shown: the first shown needs the one before it for retention.
  const quarters = lastQuarters(today, timeZone, QUARTERS + 1);

  // Who was active in each quarter, worked out once: each quarter is the one after another's.
  const quarterActivity = quarters.map((quarter) => activity(input.clients, projectsByClient, quarter));
  const values = lifetimeValues(projectsByClient, window.endDay);
  const perCurrency = business(values, input.referrals, clientsById);
  // Each client's contact days, once for both check-ins and drifting.
  const contactDays = input.clients.map((client) => distinctDays(client.contacts, dayOfTime));
  let realContacts = 0;
  for (const client of input.clients) realContacts += client.realContacts.length;

  return {
    period,
    window: { start: window.start, end: window.end },
    at: now,
    counts: {
      clients: input.clients.length,
      projects: projectCount,
      valuedProjects,
      feedback: feedback.length,
      referrals: input.referrals.filter((referral) => known(referral.referrerId) && known(referral.referredId)).length,
      realContacts,
    },
    retention: {
      ...retention(input.clients, projectsByClient, window, previous),
      byQuarter: quarters.slice(1).map((quarter, i) => ({
        label: quarter.label,
        start: quarter.start,
        end: quarter.end,
        // The quarter before: calendar quarters are 90 to 92 days, so "the same length before" is the calendar's.
        ...retentionBetween(quarterActivity[i]!, quarterActivity[i + 1]!),
      })),
    },
    repeatBusiness: repeatBusiness(projectsByClient, window),
    lifetimeValue: averageLifetimeValue(values),
    nps: {
      ...nps(feedback, window),
      byQuarter: quarters.slice(1).map((quarter) => {
        const figure = nps(feedback, quarter);
        return { label: quarter.label, start: quarter.start, end: quarter.end, score: figure.score, responses: figure.responses };
      }),
    },
    checkIns: checkIns(input.clients, input.tierCadences, window, todayNumber, dayOfTime, contactDays),
    drifting: drifting(input.clients, input.tierCadences, todayNumber, dayOfTime, contactDays),
    business: { perCurrency, ...firstRows('makeKey', makeKeySuggestions(perCurrency, clientsById)), ...firstRows('giftsDue', giftsDue(input.clients, input.referrals, now)) },
    referrals: (({ received, unthanked }) => ({ ...firstRows('received', received), ...firstRows('unthanked', unthanked) }))(referralFigures(input.referrals, clientsById, window)),
    engagement: engagement(input.clients, lastMonths(today, timeZone, MONTHS)),
  };
}

/**
 * The day of the earliest record, where all time begins: a client added, a contact,
 * a project begun, feedback given, a referral made. (Private notes are not kept in the
 * facts; a note before everything else would not move a figure anyway.) Null for none.
 */
function earliestDay(input: InsightsInput, projectsByClient: ReadonlyMap<string, DayProject[]>, feedback: InsightsInput['feedback'], dayOfTime: (at: number) => number): string | null {
  let earliest = Infinity;
  for (const client of input.clients) {
    earliest = Math.min(earliest, dayOfTime(client.createdAt));
    if (client.contacts.length > 0) earliest = Math.min(earliest, dayOfTime(client.contacts[0]!));
    if (client.realContacts.length > 0) earliest = Math.min(earliest, dayOfTime(client.realContacts[0]!));
  }
  for (const projects of projectsByClient.values()) for (const project of projects) earliest = Math.min(earliest, project.startDay);
  for (const row of feedback) earliest = Math.min(earliest, dayNumber(row.day));
  for (const referral of input.referrals) earliest = Math.min(earliest, dayOfTime(referral.at));
  return Number.isFinite(earliest) ? dayString(earliest) : null;
}

/** A list to act on as the view carries it: its first LIST_ROWS rows, and how many there are in all. */
function firstRows<K extends string, T>(name: K, rows: readonly T[]): Record<K, T[]> & Record<`${K}Total`, number> {
  return { [name]: rows.slice(0, LIST_ROWS), [`${name}Total`]: rows.length } as Record<K, T[]> & Record<`${K}Total`, number>;
}
