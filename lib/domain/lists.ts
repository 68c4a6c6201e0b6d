/**
 * Lists joined without cutting: a client's addresses, name keys and tags each have a
 * limit (CLIENT_LIST_LIMITS in lib/model.ts). Where two lists together go over it,
 * the caller refuses (or skips the row) with the message made here, naming the limit;
 * nothing is ever dropped quietly.
 */
import { CLIENT_LIST_LIMITS } from '../model';

export type ClientList = keyof typeof CLIENT_LIST_LIMITS;

const LABELS: Record<ClientList, string> = {
  emails: 'addresses',
  domains: 'company domains',
  nameKeys: 'names Tend recognises',
  confirmedNameKeys: 'confirmed display names',
  rejectedNameKeys: 'names marked "Not them"',
  phones: 'phone numbers',
  tags: 'tags',
};

/** The lists joined in order, each item once. */
export function union<T>(...lists: readonly (readonly T[])[]): T[] {
  return [...new Set(lists.flat())];
}

/** Null when `count` items fit in a client's `list`; otherwise what is over, naming the limit. */
export function overLimit(list: ClientList, count: number): string | null {
  const limit = CLIENT_LIST_LIMITS[list];
  return count <= limit ? null : `${count.toLocaleString('en')} ${LABELS[list]} (a client keeps up to ${limit})`;
}

/** The first of a client's lists that `lists` would put over its limit, described; null when all fit. */
export function firstOverLimit(lists: Partial<Record<ClientList, readonly unknown[]>>): string | null {
  for (const list of Object.keys(CLIENT_LIST_LIMITS) as ClientList[]) {
    const items = lists[list];
    const over = items ? overLimit(list, items.length) : null;
    if (over) return over;
  }
  return null;
}
