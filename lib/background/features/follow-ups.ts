/** Follow-ups (meeting confirmations, introductions) marked done or not done. */
import { clientTopic } from '../../messaging/topics';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';

export function createFollowUpHandlers(context: ServiceContext) {
  const { db, now, notify } = context;

  return {
    async completeFollowUp(input) {
      const followUp = await db.transaction('rw', db.followUps, async () => {
        const existing = await db.followUps.get(input.id);
        if (!existing) throw new UserFacingError('That follow-up no longer exists.');
        // Reopened after an email closed it (Undo on Today): that email never closes it again.
        const keptOpenDespite =
          !input.done && existing.closedBy ? [...existing.keptOpenDespite, existing.closedBy.interactionId].slice(-100) : existing.keptOpenDespite;
        await db.followUps.put({ ...existing, doneAt: input.done ? now().getTime() : null, closedBy: null, keptOpenDespite });
        return existing;
      });
      notify([clientTopic(followUp.clientId), 'today']);
      return {};
    },
  } satisfies FeatureHandlers;
}
