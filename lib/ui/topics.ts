/**
 * The topics a page shows (lib/messaging/topics.ts), where they follow from what
 * it shows: a page re-fetches after a write only when one of them changed.
 */
import type { SidebarView } from '../messaging/protocol';
import type { ClientPageView } from '../messaging/protocol-clients';
import { clientTopic, type Topic } from '../messaging/topics';

/**
 * What the sidebar shows: its own tab's conversation, who is who (a person may
 * become a client anywhere), settings (own addresses, check-in rhythms), and the
 * clients in the conversation.
 */
export function sidebarTopics(view: SidebarView | undefined): Topic[] {
  const topics: Topic[] = ['thread', 'people', 'settings'];
  if (view?.state === 'conversation') {
    for (const person of view.people) if (person.client) topics.push(clientTopic(person.client.id));
  }
  return topics;
}

/**
 * What a client page shows: the client, settings (the tier's rhythm), and the
 * names of the clients they referred or were referred by.
 */
export function clientPageTopics(clientId: string, page: ClientPageView | undefined): Topic[] {
  const others = [...(page?.referredBy ?? []), ...(page?.referred ?? [])].flatMap(({ referral }) => [referral.referrerId, referral.referredId]);
  return [...new Set([clientId, ...others])].map(clientTopic).concat('settings');
}

/** Dashboard views whose topics are fixed. */
export const TODAY_TOPICS: readonly Topic[] = ['today'];
export const CLIENT_LIST_TOPICS: readonly Topic[] = ['clients'];
export const SETTINGS_TOPICS: readonly Topic[] = ['settings'];
