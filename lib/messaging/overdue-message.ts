/**
 * What the background tells a mail tab's content script after working out its
 * sidebar: whether a client certainly in the open conversation is overdue for a
 * check-in, so the folded sidebar's tab can still warn. One boolean and nothing
 * else: client data never enters the mail page. Free of zod (the mail page pays
 * for every byte): a strict hand-written shape check, used on receipt.
 */

export const CHECKIN_OVERDUE_MESSAGE = 'tend-checkin-overdue';

export interface CheckInOverdueMessage {
  type: typeof CHECKIN_OVERDUE_MESSAGE;
  overdue: boolean;
}

/** Exactly `type` and a boolean `overdue`. */
export function isCheckInOverdueMessage(value: unknown): value is CheckInOverdueMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Object.keys(record).length === 2 && record.type === CHECKIN_OVERDUE_MESSAGE && typeof record.overdue === 'boolean';
}
