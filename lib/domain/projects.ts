/**
 * Projects and feedback (issue 16): which project is a client's current one, and
 * when to ask for feedback after one is done. Pure: plain data in, plain data out.
 */
import type { Project } from '../model';
import { addDays } from './calendar';

/** How many days after a project ends Today offers "Ask for feedback": the client has had time to see the result. */
export const ASK_FEEDBACK_AFTER_DAYS = 3;

/**
 * The day "Ask for feedback" falls due for a project marked done: a few days after
 * its end day, or after today when it has none (it was marked done without one).
 */
export function askFeedbackDay(project: Pick<Project, 'endDay'>, today: string): string {
  return addDays(project.endDay ?? today, ASK_FEEDBACK_AFTER_DAYS);
}

/** Newest first: the later start, then the later creation (two begun the same day). */
export function newestProjectFirst(a: Pick<Project, 'startDay' | 'createdAt'>, b: Pick<Project, 'startDay' | 'createdAt'>): number {
  if (a.startDay !== b.startDay) return a.startDay < b.startDay ? 1 : -1;
  return b.createdAt - a.createdAt;
}

/**
 * The project the sidebar names for a client: the most recent active one, else the
 * latest proposed one; none when all are done or lost (nothing is going on).
 */
export function currentProject<P extends Pick<Project, 'status' | 'startDay' | 'createdAt'>>(projects: readonly P[]): P | null {
  for (const status of ['active', 'proposed'] as const) {
    const candidates = projects.filter((project) => project.status === status).sort(newestProjectFirst);
    if (candidates[0]) return candidates[0];
  }
  return null;
}
