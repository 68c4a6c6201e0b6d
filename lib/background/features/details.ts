/** Personal details of a client: add, edit, delete (answering the deleted one, for Undo) and restore. */
import { Detail } from '../../model';
import { clientTopic, type Topic } from '../../messaging/topics';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';

/** A detail shows on its client's page and sidebar card; a dated one on Today too (dates coming up). */
function detailTopics(...details: readonly (Pick<Detail, 'clientId' | 'date'> | null | undefined)[]): Topic[] {
  const topics = new Set<Topic>();
  for (const detail of details) {
    if (!detail) continue;
    topics.add(clientTopic(detail.clientId));
    if (detail.date !== null) topics.add('today');
  }
  return [...topics];
}

export function createDetailHandlers(context: ServiceContext) {
  const { db, now, notify, newId, requireClient, touch } = context;

  return {
    async addDetail(input) {
      const at = now().getTime();
      const detail = Detail.parse({ ...input, id: newId(), createdAt: at, updatedAt: at });
      await db.transaction('rw', db.clients, db.details, async () => {
        await requireClient(input.clientId);
        await db.details.add(detail);
      });
      notify(detailTopics(detail));
      return { id: detail.id };
    },

    async updateDetail(input) {
      const [before, after] = await db.transaction('rw', db.details, async () => {
        const existing = await db.details.get(input.id);
        if (!existing) throw new UserFacingError('That detail was deleted meanwhile.');
        const next = Detail.parse(touch({ ...existing, ...input }));
        await db.details.put(next);
        return [existing, next] as const;
      });
      notify(detailTopics(before, after));
      return {};
    },

    async deleteDetail(input) {
      const existing = await db.details.get(input.id);
      // Already gone: its deletion told the pages then, so no topic now.
      if (!existing) return { detail: null, undo: null };
      const { undo } = await context.undoable('Delete detail', { clients: [existing.clientId] }, async () => {
        await db.details.delete(input.id);
      });
      notify(detailTopics(existing));
      return { detail: existing, undo };
    },
  } satisfies FeatureHandlers;
}
