/**
 * The clients feature's messages (dashboard client list and pages, merge, archive,
 * referrals, introductions, search). Spread into the one protocol map in
 * protocol.ts, so the router validates them like every other message.
 */
import { z } from '../zod';
import { EmailAddress, Tier, type Client, type Detail, type Feedback, type FollowUp, type Interaction, type Project, type Referral } from '../model';
import type { SearchResult } from '../domain/search';
import { DASHBOARD, SIDEBAR_AND_DASHBOARD } from './senders';
import { replyType, type Done, type Undoable } from './reply';

const id = z.string().min(1).max(64);

export const CLIENT_SORTS = ['name', 'lastContact', 'nextDue'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** No contact for this long counts as "quiet" in the list filter (about six months). */
export const QUIET_AFTER_DAYS = 182;

export const ClientListQuery = z.object({
  sort: z.enum(CLIENT_SORTS).default('name'),
  tier: Tier.nullable().default(null),
  tag: z.string().max(500).nullable().default(null),
  overdue: z.boolean().default(false),
  /** No contact for QUIET_AFTER_DAYS days (or never). */
  quiet: z.boolean().default(false),
  /** true: archived clients only; false: archived clients left out. */
  archived: z.boolean().default(false),
});
export type ClientListQuery = z.infer<typeof ClientListQuery>;

/** What a client list row shows: a compact projection, never details or history. */
export interface ClientRow {
  id: string;
  name: string;
  company: string;
  tier: Tier;
  tags: string[];
  lastContactAt: number | null;
  nextDueAt: number | null;
  archivedAt: number | null;
}

export interface ClientList {
  rows: ClientRow[];
  counts: { active: number; archived: number };
  /** Every tag in use, for the filter. */
  tags: string[];
}

/** A referral with the other client's name ('A deleted client' when gone). */
export interface NamedReferral {
  referral: Referral;
  name: string;
}

/** Everything the dashboard's client page shows. */
export interface ClientPageView {
  client: Client;
  details: Detail[];
  interactionCount: number;
  tierDefaultDays: number | null;
  /** The client's rhythm in days; null when archived or without one. */
  cadenceDays: number | null;
  referredBy: NamedReferral[];
  referred: NamedReferral[];
  introductions: FollowUp[];
  /** The client's projects, newest first (issue 16). */
  projects: Project[];
  /** What the client said, newest first. */
  feedback: Feedback[];
  /** The currency of the latest project with a value, any client's: the form's default; null: none yet. */
  lastCurrency: string | null;
  resources: Array<{
    id: string;
    title: string;
    url: string;
    site: string;
    /** The user's private note for this client (each client's is its own). */
    note: string;
    hasArticle: boolean;
    savedAt: number;
    sharedAt: number | null;
    /** Inserted into a reply to this client that Tend has not seen sent; null: none waiting. */
    waitingToBeSentSince: number | null;
    /** Other clients it is saved for: removing it here keeps it for them. */
    otherClients: number;
  }>;
}

export interface SearchReply extends SearchResult {
  /** false: answered before the note texts were indexed (a worker restart); ask again later. */
  complete: boolean;
  tookMs: number;
}

const tag = z.string().trim().min(1).max(100);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'is not a domain such as acme.com');

export const clientMessages = {
  listClients: { from: DASHBOARD, input: ClientListQuery, reply: replyType<ClientList>() },
  getClientPage: { from: DASHBOARD, input: z.object({ clientId: id }), reply: replyType<ClientPageView>() },
  listClientInteractions: {
    from: DASHBOARD,
    input: z.object({ clientId: id, offset: z.number().int().min(0).max(1_000_000).default(0), limit: z.number().int().min(1).max(200).default(50) }),
    reply: replyType<{ interactions: Interaction[]; total: number }>(),
  },
  removeClientAddress: { from: DASHBOARD, input: z.object({ clientId: id, email: EmailAddress }), reply: replyType<Done>() },
  setClientTags: { from: DASHBOARD, input: z.object({ clientId: id, tags: z.array(tag).max(50) }), reply: replyType<{ tags: string[] }>() },
  setClientDomains: { from: DASHBOARD, input: z.object({ clientId: id, domains: z.array(domain).max(20) }), reply: replyType<{ domains: string[] }>() },
  archiveClient: { from: DASHBOARD, input: z.object({ clientId: id, archived: z.boolean() }), reply: replyType<Done>() },
  /** Moves everything of `mergeId` to `keepId` and deletes `mergeId`, in one transaction. */
  mergeClients: { from: DASHBOARD, input: z.object({ keepId: id, mergeId: id }), reply: replyType<{ clientId: string }>() },
  /**
   * Deletes the client and everything of theirs (timeline, details, follow-ups,
   * projects, feedback, the referrals they are part of, their place in saved
   * articles) in one transaction, with Undo; answers their name for the notice.
   */
  deleteClient: { from: DASHBOARD, input: z.object({ clientId: id }), reply: replyType<{ name: string } & Undoable>() },
  /** "Make Key" (Insights): the client's tier becomes Key, the check-in rhythm follows; with Undo. */
  makeKey: { from: DASHBOARD, input: z.object({ clientId: id }), reply: replyType<Undoable>() },
  addReferral: {
    from: DASHBOARD,
    input: z.object({ referrerId: id, referredId: id, said: z.string().trim().max(2000).default(''), at: z.number().int().nonnegative().optional() }),
    reply: replyType<{ id: string }>(),
  },
  /** Undo is offered when it marks thanked (null otherwise, and when it changed nothing). */
  setReferralThanked: { from: DASHBOARD, input: z.object({ id, thanked: z.boolean() }), reply: replyType<Undoable>() },
  deleteReferral: { from: DASHBOARD, input: z.object({ id }), reply: replyType<Done>() },
  /** An introduction made for a client: a follow-up ("how did it go?") due in two weeks. */
  addIntroduction: {
    from: DASHBOARD,
    input: z.object({ clientId: id, text: z.string().trim().min(1, 'Say whom you introduced them to').max(2000) }),
    reply: replyType<{ id: string }>(),
  },
  search: {
    from: SIDEBAR_AND_DASHBOARD,
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    reply: replyType<SearchReply>(),
  },
} as const;
