/** The Insights view (issue 16): figures computed by lib/background/insights.ts. */
import type { FeatureHandlers, ServiceContext } from '../context';
import { computeInsights, watchInsightsRows } from '../insights';

export function createInsightsHandlers(context: ServiceContext) {
  const { db, now, timeZone } = context;
  // Built with the handlers, before the first query opens the database (see watchInsightsRows).
  const kept = watchInsightsRows(db);

  return {
    async getInsights(input) {
      return computeInsights(db, input.period, now(), timeZone, kept);
    },
  } satisfies FeatureHandlers;
}
