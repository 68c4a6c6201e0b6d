/**
 * The Insights view's message (issue 16): the dashboard asks for the figures of a
 * period, the background computes them in one pass (lib/background/insights.ts).
 * Spread into the one protocol map in protocol.ts.
 */
import { z } from '../zod';
import { DEFAULT_PERIOD, PERIODS, type InsightsView } from '../domain/insights/view';
import { DASHBOARD } from './senders';
import { replyType } from './reply';

export const insightsMessages = {
  getInsights: { from: DASHBOARD, input: z.object({ period: z.enum(PERIODS).default(DEFAULT_PERIOD) }), reply: replyType<InsightsView>() },
};
