/**
 * A client's timeline: logging a call, meeting, note, check-in or gift (now or at a
 * past date), correcting or deleting any entry, reading it page by page, and the
 * latest conversation.
 */
import { Client, Interaction } from '../../model';
import { loggedDateProblem } from '../../domain/interactions';
import { movesLastContact, withContactsFrom, withSchedule } from '../../domain/schedule';
import { interactionsOf, newestFirst, storedTimeline, timelineOf } from '../../db/timelines';
import { contactTopics, meetingConfirmation } from '../contacts';
import { UserFacingError, type FeatureHandlers, type Input, type ServiceContext } from '../context';

const GONE = 'That interaction no longer exists: it may have been deleted in another tab.';

/**
 * What an edit may change, by kind. Logged interactions (call, meeting, note,
 * check-in, gift) are the user's own words: kind, date, text and subject. An email
 * seen on screen is a record of the page: its subject, direction and kind stay as
 * seen, but the user may add a note (its text), and correct its date when the page's
 * date could not be read (`dateUncertain`). A shared resource keeps its kind (the
 * resource's own record says it was shared) but its date and text may be corrected.
 */
function edited(current: Interaction, input: Input<'updateInteraction'>): Interaction {
  const next: Interaction = { ...current };
  if (input.text !== undefined) next.text = input.text;
  if (current.kind === 'email') {
    if (input.kind !== undefined) throw new UserFacingError('An email seen on screen stays an email: delete it and log the interaction instead.');
    if (input.subject !== undefined && input.subject !== current.subject) throw new UserFacingError('An email’s subject is as the page showed it and cannot be changed.');
    if (input.at !== undefined && input.at !== current.at) {
      if (!current.dateUncertain) throw new UserFacingError('This email’s date was read from the page and cannot be changed.');
      next.at = input.at;
      next.dateUncertain = false;
    }
    return next;
  }
  if (input.kind !== undefined && input.kind !== current.kind) {
    if (current.kind === 'shared-resource') throw new UserFacingError('A shared resource stays a share: delete it and log the interaction instead.');
    next.kind = input.kind;
  }
  if (input.subject !== undefined) next.subject = input.subject;
  if (input.at !== undefined) next.at = input.at;
  return next;
}

export function createInteractionHandlers(context: ServiceContext) {
  const { db, now, notify, newId, readSettings, requireClient, timeZone, touch } = context;

  function refuseBadDate(at: number | undefined) {
    if (at === undefined) return;
    const problem = loggedDateProblem(at, now());
    if (problem) throw new UserFacingError(problem);
  }

  /**
   * The client's last contact read afresh from its remaining timeline and its next
   * check-in after it, when `before` → `after` can have moved it. Inside the caller's
   * transaction (clients, settings).
   */
  async function recomputeContact(clientId: string, timeline: readonly Interaction[], before: Interaction, after: Interaction | null) {
    if (!movesLastContact(before, after)) return;
    const client = await requireClient(clientId);
    const next = withContactsFrom(client, timeline);
    if (next === client) return;
    const settings = await readSettings();
    await db.clients.put(Client.parse(withSchedule(touch(next), settings.tierCadences, timeZone)));
  }

  /** The open confirmation follow-ups a meeting started (closed ones are history and stay). */
  const openConfirmationsOf = async (meeting: Interaction) =>
    (await db.followUps.where('clientId').equals(meeting.clientId).toArray()).filter(
      (followUp) => followUp.kind === 'confirm-meeting' && followUp.sourceId === meeting.id && followUp.doneAt === null,
    );

  return {
    async logInteraction(input) {
      refuseBadDate(input.at);
      return context.logInteraction(input);
    },

    async updateInteraction(input) {
      refuseBadDate(input.at);
      const updated = await db.transaction('rw', [db.clients, db.timelines, db.followUps, db.settings], async () => {
        await requireClient(input.clientId);
        const row = await db.timelines.get(input.clientId);
        const timeline = interactionsOf(row);
        const index = timeline.findIndex((interaction) => interaction.id === input.id);
        if (index < 0) throw new UserFacingError(GONE);
        const before = timeline[index]!;
        const after = Interaction.parse(edited(before, input));
        timeline[index] = after;
        timeline.sort(newestFirst);
        await db.timelines.put(storedTimeline(input.clientId, timeline, row?.forgotten));
        await recomputeContact(input.clientId, timeline, before, after);
        // The 48-hour confirmation follows its meeting: moved with its date, gone when it is no meeting.
        const open = before.kind === 'meeting' ? await openConfirmationsOf(before) : [];
        if (after.kind === 'meeting') {
          if (before.kind !== 'meeting') await db.followUps.add(meetingConfirmation(after, newId(), now().getTime()));
          for (const followUp of open) {
            const moved = meetingConfirmation(after, followUp.id, followUp.createdAt);
            await db.followUps.put({ ...followUp, dueAt: moved.dueAt, text: moved.text });
          }
        } else if (open.length) {
          await db.followUps.bulkDelete(open.map((followUp) => followUp.id));
        }
        return after;
      });
      notify(contactTopics([input.clientId]));
      return { interaction: updated };
    },

    async deleteInteraction(input) {
      // Undo puts the entry back, with the last contact, next check-in and meeting confirmation it had.
      const { result: deleted, undo } = await context.undoable('Delete interaction', { clients: [input.clientId] }, () =>
        db.transaction('rw', [db.clients, db.timelines, db.followUps, db.settings], async () => {
          await requireClient(input.clientId);
          const row = await db.timelines.get(input.clientId);
          const timeline = interactionsOf(row);
          const gone = timeline.find((interaction) => interaction.id === input.id);
          if (!gone) return null;
          const rest = timeline.filter((interaction) => interaction !== gone);
          // A deleted email stays deleted: the conversation seen again must not record it again.
          const forgotten = [...(row?.forgotten ?? []), ...(gone.dedupeKey ? [gone.dedupeKey] : [])];
          if (rest.length || forgotten.length) await db.timelines.put(storedTimeline(input.clientId, rest, forgotten));
          else await db.timelines.delete(input.clientId);
          await recomputeContact(input.clientId, rest, gone, null);
          if (gone.kind === 'meeting') {
            const open = await openConfirmationsOf(gone);
            if (open.length) await db.followUps.bulkDelete(open.map((followUp) => followUp.id));
          }
          return gone;
        }),
      );
      if (deleted) notify(contactTopics([input.clientId]));
      return { interaction: deleted, undo };
    },

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
