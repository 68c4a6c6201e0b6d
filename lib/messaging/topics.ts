/**
 * What a write changed, as topics: the background publishes them with every write,
 * and each open page re-fetches only what shows one of them (issue 12; before, every
 * write made every sidebar and dashboard fetch everything again). Free of zod, so
 * both ends can use it.
 *
 * When in doubt a write names a broader topic, or EVERYTHING: a page that refreshes
 * for nothing costs a request, a page that misses a change shows stale data.
 */

/** Every page refreshes (an import, a restore, a merge, deleting everything). */
export const EVERYTHING = '*';

export type Topic =
  | typeof EVERYTHING
  /** Anything shown about one client: its record, details, timeline, check-in, resources, referrals, follow-ups. */
  | `client:${string}`
  /** The client list's rows: added or removed clients, names, companies, tiers, tags, last contact, next check-in. */
  | 'clients'
  /** Who is who: clients added, removed, archived, or their addresses, domains, names or the user's own addresses changed (what recognition reads). */
  | 'people'
  /** Today: check-ins due, dated details, follow-ups, resources waiting, the backup reminder. */
  | 'today'
  /** Saved resources in general. */
  | 'resources'
  | 'settings'
  /** The search index became complete (after a worker restart). */
  | 'search'
  /** One mail tab's open conversation; the hub hands it to that tab's pages as 'thread'. */
  | `thread:${number}`
  /** As a page subscribes to it: the conversation of the page's own tab. */
  | 'thread';

export const clientTopic = (clientId: string): Topic => `client:${clientId}`;
export const threadTopic = (tabId: number): Topic => `thread:${tabId}`;

/** Whether a change of `changed` concerns a page showing `shown`. */
export function concerns(shown: readonly string[], changed: readonly string[]): boolean {
  if (shown.includes(EVERYTHING) || changed.includes(EVERYTHING)) return true;
  return changed.some((topic) => shown.includes(topic));
}

/**
 * The topics of a change as one page is told them: another tab's conversation is
 * none of its business, its own tab's is 'thread'.
 */
export function topicsForPage(changed: readonly string[], pageTabId: number | undefined): string[] {
  const own = pageTabId === undefined ? null : threadTopic(pageTabId);
  const topics: string[] = [];
  for (const topic of changed) {
    if (!topic.startsWith('thread:')) topics.push(topic);
    else if (topic === own) topics.push('thread');
  }
  return [...new Set(topics)];
}
