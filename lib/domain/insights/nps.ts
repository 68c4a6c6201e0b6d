/** Net Promoter Score (issue 16) over each client's latest score in a window. */
import { dayNumber } from './days';
import type { InsightsFeedback } from './facts';
import type { DayWindow } from './periods';
import type { InsightsView } from './view';

/** Fewer responses than this: the score is shown with a "few responses" note. */
export const FEW_RESPONSES = 5;

/** The view's NPS figure for one window (the view adds its quarters). */
export type NpsFigure = Omit<InsightsView['nps'], 'byQuarter'>;

/** The recommend question's three groups: 9–10 promote, 7–8 are passive, 0–6 detract. */
export function npsGroup(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

/**
 * % promoters − % detractors over each client's latest feedback in the window (by
 * day, then by when it was recorded), rounded to a whole number, half away from
 * zero (−12.5 is −13, as 12.5 is 13; Math.round would make it −12). Null without responses.
 */
export function nps(feedback: readonly InsightsFeedback[], window: Pick<DayWindow, 'firstDay' | 'endDay'>, known: (clientId: string) => boolean = () => true): NpsFigure {
  const latest = new Map<string, { day: number; createdAt: number; score: number }>();
  for (const row of feedback) {
    if (!known(row.clientId)) continue;
    const day = dayNumber(row.day);
    if (day < window.firstDay || day >= window.endDay) continue;
    const current = latest.get(row.clientId);
    if (current === undefined || day > current.day || (day === current.day && row.createdAt > current.createdAt)) {
      latest.set(row.clientId, { day, createdAt: row.createdAt, score: row.score });
    }
  }
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const { score } of latest.values()) {
    const group = npsGroup(score);
    if (group === 'promoter') promoters += 1;
    else if (group === 'passive') passives += 1;
    else detractors += 1;
  }
  const responses = latest.size;
  return { score: responses > 0 ? roundHalfAway((100 * (promoters - detractors)) / responses) : null, responses, promoters, passives, detractors, few: responses < FEW_RESPONSES };
}

function roundHalfAway(value: number): number {
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  // Never −0: it would print as "-0" in a CSV.
  return rounded === 0 ? 0 : rounded;
}
