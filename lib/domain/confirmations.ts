/**
 * Promises: each meeting is to be confirmed by email within 48 hours.
 *
 * Pure functions: every "now" is a parameter.
 */
import type { FollowUp, Interaction } from '../model';
import { normaliseEmail } from './addresses';

export const CONFIRM_WITHIN_MS = 48 * 60 * 60 * 1000;

/** When the meeting behind a confirmation follow-up took place (it is due 48 hours later). */
export const meetingTimeOf = (followUp: Pick<FollowUp, 'dueAt'>): number => followUp.dueAt - CONFIRM_WITHIN_MS;

export type SeenEmail = Pick<Interaction, 'id' | 'clientId' | 'kind' | 'direction' | 'at' | 'from'>;

/**
 * The email that keeps a meeting's "confirm by email within 48 hours" promise, or
 * null: the first email seen on screen that the user sent to that client after the
 * meeting, from one of the addresses the user confirmed as their own. An address
 * merely read from the mail page's account area does not count (the page could be
 * lying, issue 13, item 4), nor does an email the user said did not confirm it
 * (Undo on Today). Only open meeting confirmations are closed this way.
 */
export function closingEmail<T extends SeenEmail>(
  followUp: Pick<FollowUp, 'kind' | 'clientId' | 'dueAt' | 'doneAt' | 'keptOpenDespite'>,
  emails: readonly T[],
  confirmedAddresses: ReadonlySet<string>,
): T | null {
  if (followUp.kind !== 'confirm-meeting' || followUp.doneAt !== null) return null;
  const meetingAt = meetingTimeOf(followUp);
  let first: T | null = null;
  for (const email of emails) {
    if (email.kind !== 'email' || email.direction !== 'out' || email.clientId !== followUp.clientId) continue;
    if (!(email.at > meetingAt) || followUp.keptOpenDespite.includes(email.id)) continue;
    const from = normaliseEmail(email.from);
    if (from === null || !confirmedAddresses.has(from)) continue;
    if (first === null || email.at < first.at) first = email;
  }
  return first;
}
