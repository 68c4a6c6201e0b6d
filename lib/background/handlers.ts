/**
 * The data service's composition root: every feature's handlers (one module per
 * feature in lib/background/features/), built from one shared context, merged into
 * the one map the router dispatches on. Plain async functions over the database, a
 * thread store and a clock, so they run the same in the service worker and in unit
 * tests. The map is checked against the protocol (ProtocolHandlers): a message
 * without a handler, or a handler answering the wrong shape, does not compile.
 */
import type { ProtocolHandlers, ServiceDeps } from './context';
import { createServiceContext } from './service-context';
import { createSidebarHandlers } from './features/sidebar';
import { createClientHandlers } from './features/clients';
import { createDetailHandlers } from './features/details';
import { createInteractionHandlers } from './features/interactions';
import { createCheckInHandlers } from './features/check-ins';
import { createFollowUpHandlers } from './features/follow-ups';
import { createTodayHandlers } from './features/today';
import { createReferralHandlers } from './features/referrals';
import { createResourceHandlers } from './features/resources';
import { createSearchHandlers } from './features/search';
import { createSettingsHandlers } from './features/settings';
import { createBackupHandlers } from './features/backup';
import { createFirstRunHandlers } from './features/first-run';
import { createUndoHandlers } from './features/undo';
import { createInsightsHandlers } from './features/insights';
import { createProjectHandlers } from './features/projects';

export function createHandlers(deps: ServiceDeps) {
  const context = createServiceContext(deps);
  const handlers = {
    ...createSidebarHandlers(context),
    ...createClientHandlers(context),
    ...createDetailHandlers(context),
    ...createInteractionHandlers(context),
    ...createCheckInHandlers(context),
    ...createFollowUpHandlers(context),
    ...createTodayHandlers(context),
    ...createReferralHandlers(context),
    ...createResourceHandlers(context),
    ...createSearchHandlers(context),
    ...createSettingsHandlers(context),
    ...createBackupHandlers(context),
    ...createFirstRunHandlers(context),
    ...createUndoHandlers(context),
    ...createInsightsHandlers(context),
    ...createProjectHandlers(context),
  } satisfies ProtocolHandlers;
  return handlers;
}

/** The handlers as built (a handler that ignores its sender can be called without one). */
export type Handlers = ReturnType<typeof createHandlers>;
export { UserFacingError, type SenderInfo, type ServiceDeps } from './context';
