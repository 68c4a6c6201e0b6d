/**
 * Who was active in a window of time (issue 16): a real two-way contact in it, or a
 * project overlapping it. Archived clients count too: the window may be in the past,
 * when they were clients.
 */
import type { ProjectStatus } from '../../model';
import { anyBetween } from './days';
import type { ClientFacts } from './facts';
import type { DayWindow } from './periods';

/** A project as the figures read it: its days as day numbers (`endDay` null while ongoing), its value in cents. */
export interface DayProject {
  clientId: string;
  status: ProjectStatus;
  startDay: number;
  endDay: number | null;
  /** In the currency's minor unit (Math.round(value × 100)), so sums are exact; null without a value or currency. */
  cents: number | null;
  currency: string | null;
}

/** Work was done: a proposed project is not work yet, and a lost one never was. */
export function isWork(status: ProjectStatus): boolean {
  return status === 'active' || status === 'done';
}

/** The project's days [start, end or ongoing] meet the window's. */
export function overlaps(project: Pick<DayProject, 'startDay' | 'endDay'>, window: Pick<DayWindow, 'firstDay' | 'endDay'>): boolean {
  return project.startDay < window.endDay && (project.endDay === null || project.endDay >= window.firstDay);
}

/** Active in the window: a real contact in it, or a project of work (active or done) overlapping it. */
export function isActiveIn(client: Pick<ClientFacts, 'realContacts'>, projects: readonly DayProject[] | undefined, window: DayWindow): boolean {
  if (anyBetween(client.realContacts, window.start, window.end)) return true;
  if (projects === undefined) return false;
  for (const project of projects) if (isWork(project.status) && overlaps(project, window)) return true;
  return false;
}
