/** Today's view: what the user should do now (built by lib/background/today.ts). */
import type { FeatureHandlers, ServiceContext } from '../context';
import { buildToday } from '../today';

export function createTodayHandlers(context: ServiceContext) {
  const { db, now, timeZone, readSettings } = context;

  return {
    async getToday(input) {
      return buildToday(db, now(), await readSettings(), timeZone, input.overdueLimit);
    },
  } satisfies FeatureHandlers;
}
