/**
 * Projects and feedback (issue 16, items 1 and 2): add, edit and delete a client's
 * projects, record and delete feedback, and the "Ask for feedback" follow-up a
 * project marked done leaves on Today (closed by feedback from that client, or by
 * "Not this time", which is completeFollowUp).
 */
import { Feedback, FollowUp, ProjectFields, projectProblem, type Project } from '../../model';
import { askFeedbackDay } from '../../domain/projects';
import { dayOf, startOfDayAt } from '../../domain/calendar';
import { PROJECT_FIELD_LABELS } from '../../messaging/protocol-projects';
import { clientTopic, type Topic } from '../../messaging/topics';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';

/** A project or feedback shows on its client's page, the sidebar line and the client list; an ask on Today. */
const topicsOf = (clientId: string): Topic[] => [clientTopic(clientId), 'clients', 'today'];

export function createProjectHandlers(context: ServiceContext) {
  const { db, now, notify, newId, requireClient, touch, timeZone } = context;

  /** The open asks for feedback on this project (closed ones are history and stay). */
  const openAsksFor = async (project: Pick<Project, 'id' | 'clientId'>) =>
    (await db.followUps.where('sourceId').equals(project.id).toArray()).filter(
      (followUp) => followUp.kind === 'ask-feedback' && followUp.doneAt === null && followUp.clientId === project.clientId,
    );

  /**
   * Keeps "Ask for feedback" in step with the project's status: done has one open
   * ask (due a few days after its end, moved if the end day changes); any other
   * status has none. Inside the caller's transaction (projects, followUps).
   */
  async function syncAsk(project: Project): Promise<void> {
    const open = await openAsksFor(project);
    if (project.status !== 'done') {
      if (open.length) await db.followUps.bulkDelete(open.map((followUp) => followUp.id));
      return;
    }
    const at = now().getTime();
    const dueAt = startOfDayAt(askFeedbackDay(project, dayOf(at, timeZone)), timeZone);
    const [first, ...extra] = open;
    if (extra.length) await db.followUps.bulkDelete(extra.map((followUp) => followUp.id));
    if (first) {
      if (first.dueAt !== dueAt && project.endDay !== null) await db.followUps.put({ ...first, dueAt });
      return;
    }
    await db.followUps.add(FollowUp.parse({ id: newId(), clientId: project.clientId, kind: 'ask-feedback', sourceId: project.id, text: project.title, dueAt, createdAt: at }));
  }

  return {
    async addProject(input) {
      const at = now().getTime();
      const project = ProjectFields.parse({ ...input, id: newId(), createdAt: at, updatedAt: at });
      await db.transaction('rw', db.clients, db.projects, db.followUps, async () => {
        await requireClient(input.clientId);
        await db.projects.add(project);
        await syncAsk(project);
      });
      notify(topicsOf(project.clientId));
      return { id: project.id };
    },

    async updateProject(input) {
      const { id, ...changes } = input;
      const project = await db.transaction('rw', db.projects, db.followUps, async () => {
        const existing = await db.projects.get(id);
        if (!existing) throw new UserFacingError('That project was deleted meanwhile.');
        const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
        const next = ProjectFields.parse(touch({ ...existing, ...defined }));
        // The checks between fields, on the project as it would be: an end day alone can come before the start kept.
        const problem = projectProblem(next);
        if (problem) throw new UserFacingError(`${PROJECT_FIELD_LABELS[problem.field]}: ${problem.message}`);
        await db.projects.put(next);
        if (next.status !== existing.status || next.endDay !== existing.endDay || next.title !== existing.title) await syncAsk(next);
        return next;
      });
      notify(topicsOf(project.clientId));
      return {};
    },

    async deleteProject(input) {
      const existing = await db.projects.get(input.id);
      // Already gone: its deletion told the pages then.
      if (!existing) return { project: null, undo: null };
      // Scoped by client: Undo puts back the project and the ask it had (lib/background/undo.ts).
      const { undo } = await context.undoable('Delete project', { clients: [existing.clientId] }, () =>
        db.transaction('rw', db.projects, db.followUps, db.feedback, async () => {
          await db.projects.delete(existing.id);
          const open = await openAsksFor(existing);
          if (open.length) await db.followUps.bulkDelete(open.map((followUp) => followUp.id));
          // Feedback about it stays the client's, about no project in particular.
          await db.feedback.where('clientId').equals(existing.clientId).filter((row) => row.projectId === existing.id).modify({ projectId: null });
        }),
      );
      notify(topicsOf(existing.clientId));
      return { project: existing, undo };
    },

    async recordFeedback(input) {
      const at = now().getTime();
      const feedback = Feedback.parse({ ...input, id: newId(), createdAt: at });
      await db.transaction('rw', db.clients, db.projects, db.feedback, db.followUps, async () => {
        await requireClient(input.clientId);
        if (feedback.projectId !== null) {
          const project = await db.projects.get(feedback.projectId);
          if (!project || project.clientId !== feedback.clientId) throw new UserFacingError('Project: that project is not one of this client’s (deleted meanwhile?).');
        }
        await db.feedback.add(feedback);
        // Any feedback from the client answers the ask, whichever project it speaks of.
        const open = (await db.followUps.where('clientId').equals(feedback.clientId).toArray()).filter(
          (followUp) => followUp.kind === 'ask-feedback' && followUp.doneAt === null,
        );
        for (const followUp of open) await db.followUps.put({ ...followUp, doneAt: at });
      });
      notify(topicsOf(feedback.clientId));
      return { id: feedback.id };
    },

    async deleteFeedback(input) {
      const existing = await db.feedback.get(input.id);
      if (!existing) return { feedback: null, undo: null };
      const { undo } = await context.undoable('Delete feedback', { clients: [existing.clientId] }, () =>
        db.transaction('rw', db.feedback, async () => {
          await db.feedback.delete(existing.id);
        }),
      );
      notify(topicsOf(existing.clientId));
      return { feedback: existing, undo };
    },
  } satisfies FeatureHandlers;
}
