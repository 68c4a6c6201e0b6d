/** "Undo" after a one-click write: puts back what it changed (lib/background/undo.ts), then tells the pages. */
import { clientTopic, type Topic } from '../../messaging/topics';
import type { FeatureHandlers, ServiceContext } from '../context';
import { createUndo } from '../undo';

export function createUndoHandlers(context: ServiceContext) {
  const { undo } = createUndo(context.db, context.now);
  return {
    async undo(input) {
      const { label, scope, referralPartners } = await undo(input.token);
      // Whatever the write changed: a client's record (who is who, the list, Today) or an article;
      // and the pages of the clients on the other side of the referrals it put back.
      const topics: Topic[] = [...new Set([...(scope.clients ?? []), ...referralPartners])].map(clientTopic);
      topics.push('people', 'clients', 'today');
      if (scope.resources?.length) topics.push('resources');
      context.notify(topics);
      return { label };
    },
  } satisfies FeatureHandlers;
}
