/** A client's timeline: logging a note, call or meeting, reading it page by page, and the latest conversation. */
import { timelineOf } from '../../db/timelines';
import type { FeatureHandlers, ServiceContext } from '../context';

export function createInteractionHandlers(context: ServiceContext) {
  const { db } = context;

  return {
    logInteraction: (input) => context.logInteraction(input),

    async listClientInteractions(input) {
      const timeline = await timelineOf(db, input.clientId);
      return { interactions: timeline.slice(input.offset, input.offset + input.limit), total: timeline.length };
    },

    async latestConversation(input) {
      // The newest email interaction that links back to its conversation.
      const latest = (await timelineOf(db, input.clientId)).find((interaction) => interaction.kind === 'email' && interaction.url !== '');
      return { url: latest?.url ?? null };
    },
  } satisfies FeatureHandlers;
}
