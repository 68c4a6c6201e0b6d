/**
 * Sharing a saved resource with a client (issue 15): private notes per client, and
 * "shared means sent". Inserting a link into a reply only marks it waiting to be
 * sent; it becomes shared (and counts as contact) when a message the user sent to
 * that client is seen holding the link, or when the user says so. Pure functions of
 * plain data: no I/O, every time a parameter.
 */
import type { PendingShare, Resource } from '../model';

/**
 * How much earlier than the insert a sent message may be dated and still count:
 * pages show times to the minute, and the mail server's clock is not the browser's.
 * A message older than that was sent before the link was inserted: another share.
 */
export const SENT_AFTER_INSERT_SLACK_MS = 5 * 60_000;

type Shares = Pick<Resource, 'sharedWith' | 'pendingShares' | 'pendingFor'>;

/** `pendingFor` is the index of `pendingShares`: always rebuilt from it, never edited apart. */
function withPending<T extends Shares>(resource: T, pendingShares: Record<string, PendingShare>): T {
  return { ...resource, pendingShares, pendingFor: Object.keys(pendingShares) };
}

/** Inserted into a reply to `clientId`: waiting to be sent (a share made earlier stays on record). */
export function withShareWaiting<T extends Shares>(resource: T, clientId: string, pending: PendingShare): T {
  return withPending(resource, { ...resource.pendingShares, [clientId]: pending });
}

/** Shared with `clientId` at `at` (seen sent, or the user said so): no longer waiting. */
export function withShareSent<T extends Shares>(resource: T, clientId: string, at: number): T {
  const { [clientId]: _sent, ...pendingShares } = resource.pendingShares;
  return withPending({ ...resource, sharedWith: { ...resource.sharedWith, [clientId]: at } }, pendingShares);
}

/** Back to "to share" for `clientId`: neither shared nor waiting to be sent. */
export function withShareUndone<T extends Shares>(resource: T, clientId: string): T {
  const { [clientId]: _shared, ...sharedWith } = resource.sharedWith;
  const { [clientId]: _pending, ...pendingShares } = resource.pendingShares;
  return withPending({ ...resource, sharedWith }, pendingShares);
}

/** Where a resource stands for one client. */
export type ShareState = 'to-share' | 'waiting-to-be-sent' | 'shared';

/**
 * Shared wins over waiting: "Share again" on a shared resource waits to be sent
 * anew, yet it was shared already.
 */
export function shareStateOf(resource: Shares, clientId: string): ShareState {
  if (resource.pendingShares[clientId] !== undefined) return 'waiting-to-be-sent';
  return resource.sharedWith[clientId] !== undefined ? 'shared' : 'to-share';
}

/** A private note with `added` appended, unless it holds that text already (saving twice adds nothing). */
export function appendNote(existing: string, added: string): string {
  const text = added.trim();
  if (!text || existing.includes(text)) return existing;
  return [existing, text].filter(Boolean).join('\n');
}

/** The notes with `clientId`'s set to `note` ('' removes it: no empty notes are kept). */
export function withNote(notes: Readonly<Record<string, string>>, clientId: string, note: string): Record<string, string> {
  const { [clientId]: _old, ...rest } = notes;
  return note.trim() ? { ...rest, [clientId]: note } : rest;
}

/** A message the user sent to a client, as the mail page showed it: when, and hashes of the links in its body. */
export interface SentMessage {
  clientId: string;
  at: number;
  linkHashes: readonly string[];
}

export interface ShareSeenSent {
  resourceId: string;
  clientId: string;
  /** When the message that carried the link was sent: the share's time. */
  at: number;
}

/**
 * The waiting shares that `sent` messages carried: a message the user sent to that
 * client, dated no earlier than the insert (less the slack), whose body links
 * include the resource's address (`hashesOf`: the hashes its URL and canonical URL
 * have). A message in another conversation counts too: the link reached the client
 * all the same. The earliest such message is the share's time.
 */
export function sharesSeenSent(
  resources: readonly Pick<Resource, 'id' | 'pendingShares'>[],
  sent: readonly SentMessage[],
  hashesOf: (resourceId: string) => readonly string[],
): ShareSeenSent[] {
  const found: ShareSeenSent[] = [];
  for (const resource of resources) {
    const hashes = hashesOf(resource.id);
    for (const [clientId, pending] of Object.entries(resource.pendingShares)) {
      const carriers = sent.filter(
        (message) =>
          message.clientId === clientId &&
          message.at >= pending.insertedAt - SENT_AFTER_INSERT_SLACK_MS &&
          message.linkHashes.some((hash) => hashes.includes(hash)),
      );
      if (carriers.length === 0) continue;
      found.push({ resourceId: resource.id, clientId, at: Math.min(...carriers.map((message) => message.at)) });
    }
  }
  return found;
}
