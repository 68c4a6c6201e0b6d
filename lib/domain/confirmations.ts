/**
 * Promises: each meeting is to be confirmed by email within 48 hours.
 *
 * Pure functions: every "now" is a parameter.
 */
import type { Interaction } from '../model';

export const CONFIRM_WITHIN_MS = 48 * 60 * 60 * 1000;

export type Confirmation = {
  meetingId: string;
  clientId: string;
  meetingAt: number;
  dueAt: number;
  state: 'open' | 'late' | 'done';
};

/**
 * Each meeting's "confirm by email within 48 hours" follow-up, sorted by when it is
 * due: done once an email from the user to that client is seen after the meeting (or
 * the meeting is marked done by hand), late when 48 hours have passed without that,
 * open before. Entries of `meetings` that are not meetings are ignored.
 */
export function confirmations(
  meetings: readonly Pick<Interaction, 'id' | 'clientId' | 'at' | 'kind'>[],
  emails: readonly Pick<Interaction, 'clientId' | 'at' | 'kind' | 'direction'>[],
  doneMeetingIds: ReadonlySet<string>,
  now: Date,
): Confirmation[] {
  // Only the latest outgoing email per client matters: any email after the meeting closes it.
  const latestOut = new Map<string, number>();
  for (const email of emails) {
    if (email.kind !== 'email' || email.direction !== 'out' || !Number.isFinite(email.at)) continue;
    const seen = latestOut.get(email.clientId);
    if (seen === undefined || email.at > seen) latestOut.set(email.clientId, email.at);
  }
  const nowMs = now.getTime();
  const result: Confirmation[] = [];
  for (const meeting of meetings) {
    if (meeting.kind !== 'meeting' || !Number.isFinite(meeting.at)) continue;
    const dueAt = meeting.at + CONFIRM_WITHIN_MS;
    const out = latestOut.get(meeting.clientId);
    const done = doneMeetingIds.has(meeting.id) || (out !== undefined && out > meeting.at);
    result.push({
      meetingId: meeting.id,
      clientId: meeting.clientId,
      meetingAt: meeting.at,
      dueAt,
      state: done ? 'done' : nowMs > dueAt ? 'late' : 'open',
    });
  }
  return result.sort((a, b) => a.dueAt - b.dueAt || (a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0));
}
