/**
 * Projects and feedback (issue 16, items 1 and 2): recorded on the dashboard's
 * client page. Spread into the one protocol map in protocol.ts, so the router
 * validates them like every other message.
 *
 * Bad input is refused with a message naming the field in the words the form
 * shows (`fields`: the router puts the label before zod's message, "End day: …").
 */
import { z } from '../zod';
import { CalendarDay, Feedback, ProjectFields, projectProblem, type Feedback as FeedbackRow, type Project } from '../model';
import { isCalendarDay } from '../domain/calendar';
import { DASHBOARD } from './senders';
import { replyType, type Done, type Undoable } from './reply';

const id = z.string().min(1).max(64);

/** How the forms name each field: the router's refusals use these words. */
export const PROJECT_FIELD_LABELS = {
  title: 'Title',
  startDay: 'Start day',
  endDay: 'End day',
  status: 'Status',
  value: 'Value',
  currency: 'Currency',
  note: 'Note',
} as const;

export const FEEDBACK_FIELD_LABELS = {
  projectId: 'Project',
  day: 'Day',
  score: 'Score',
  note: 'Note',
  source: 'Source',
} as const;

/** A day the calendar has (the pattern alone lets 2026-02-31 through). */
const realDay = CalendarDay.refine(isCalendarDay, 'is not a day of the calendar');

/**
 * A project's value: a number or none. Checked as a number here first, so a string
 * ("12k") or NaN is refused as "not a number" rather than with zod's type words;
 * then the stored rules (lib/model.ts: not negative, not absurdly large).
 */
const projectValue = z
  .custom<number | null>((value) => value === null || (typeof value === 'number' && Number.isFinite(value)), { error: 'is not a number' })
  .pipe(ProjectFields.shape.value.unwrap());

/** A 0–10 score, checked as a number first for the same reason. */
const score = z.custom<number>((value) => typeof value === 'number' && Number.isFinite(value), { error: 'is not a number' }).pipe(Feedback.shape.score);

/** The fields a user edits (the record's id, client and times are the background's). */
const editable = {
  title: ProjectFields.shape.title,
  startDay: realDay,
  endDay: realDay.nullable(),
  status: ProjectFields.shape.status.unwrap(),
  value: projectValue,
  currency: ProjectFields.shape.currency.unwrap(),
  note: ProjectFields.shape.note.unwrap(),
};

/** Refuses a project whose fields disagree (an end before its start, a value without currency), at the field's path. */
function refuseInconsistent(project: Pick<Project, 'startDay' | 'endDay' | 'value' | 'currency'>, ctx: z.RefinementCtx): void {
  const problem = projectProblem(project);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
}

export const NewProjectInput = z
  .object({
    clientId: id,
    title: editable.title,
    startDay: editable.startDay,
    endDay: editable.endDay.default(null),
    status: editable.status.default('active'),
    value: editable.value.default(null),
    currency: editable.currency.default(null),
    note: editable.note.default(''),
  })
  .superRefine(refuseInconsistent);

/** Only the fields given change; the cross-field checks run on the project as it would be (features/projects.ts). */
export const ProjectChanges = z.object({
  id,
  title: editable.title.optional(),
  startDay: editable.startDay.optional(),
  endDay: editable.endDay.optional(),
  status: editable.status.optional(),
  value: editable.value.optional(),
  currency: editable.currency.optional(),
  note: editable.note.optional(),
});

export const NewFeedbackInput = z.object({
  clientId: id,
  /** The project it is about: one of this client's, or none. */
  projectId: id.nullable().default(null),
  day: realDay,
  score,
  note: Feedback.shape.note.unwrap().default(''),
  source: Feedback.shape.source.unwrap().default('email'),
});

export const projectMessages = {
  /** A project with a client; added as done, it also schedules "Ask for feedback" on Today. */
  addProject: { from: DASHBOARD, input: NewProjectInput, fields: PROJECT_FIELD_LABELS, reply: replyType<{ id: string }>() },
  /** Marked done: "Ask for feedback" on Today; moved away from done: that ask is withdrawn. */
  updateProject: { from: DASHBOARD, input: ProjectChanges, fields: PROJECT_FIELD_LABELS, reply: replyType<Done>() },
  /** Answers the deleted project (for the notice's words) and the Undo token. */
  deleteProject: { from: DASHBOARD, input: z.object({ id }), reply: replyType<{ project: Project | null } & Undoable>() },
  /** What a client said; closes the client's open "Ask for feedback". */
  recordFeedback: { from: DASHBOARD, input: NewFeedbackInput, fields: FEEDBACK_FIELD_LABELS, reply: replyType<{ id: string }>() },
  /** Answers the deleted feedback and the Undo token. */
  deleteFeedback: { from: DASHBOARD, input: z.object({ id }), reply: replyType<{ feedback: FeedbackRow | null } & Undoable>() },
} as const;
