/** The Insights view (issue 16): figures computed by lib/background/insights.ts. */
import type { FeatureHandlers, ServiceContext } from '../context';
import { computeInsights, watchInsightsRows } from '../insights';

export function createInsightsHandlers(context: ServiceContext) {
  const { db, now, timeZone } = context;
  // Built with the handlers, before the first query opens the database (see watchInsightsRows).
  const kept = watchInsightsRows(db);
  // One computation at a time: a second asked for meanwhile (another dashboard tab, a
  // period changed while the first is read) then finds the rows the first read kept,
  // rather than reading all of them a second time alongside.
  let running: Promise<unknown> = Promise.resolve();

  return {
    async getInsights(input) {
      const mine = running.catch(() => undefined).then(() => computeInsights(db, input.period, now(), timeZone, kept));
      running = mine;
      return mine;
    },
  } satisfies FeatureHandlers;
}
