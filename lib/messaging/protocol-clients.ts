/**
 * The clients feature's messages (dashboard client list and pages, merge, archive,
 * referrals, introductions, search). Spread into the one protocol map in
 * protocol.ts, so the router validates them like every other message.
 */
import { z } from '../zod';
import { EmailAddress, Tier } from '../model';

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

const tag = z.string().trim().min(1).max(100);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'is not a domain such as acme.com');

export const clientMessages = {
  listClients: { from: 'extension', input: ClientListQuery },
  getClientPage: { from: 'extension', input: z.object({ clientId: id }) },
  listClientInteractions: {
    from: 'extension',
    input: z.object({ clientId: id, offset: z.number().int().min(0).max(1_000_000).default(0), limit: z.number().int().min(1).max(200).default(50) }),
  },
  removeClientAddress: { from: 'extension', input: z.object({ clientId: id, email: EmailAddress }) },
  setClientTags: { from: 'extension', input: z.object({ clientId: id, tags: z.array(tag).max(50) }) },
  setClientDomains: { from: 'extension', input: z.object({ clientId: id, domains: z.array(domain).max(20) }) },
  archiveClient: { from: 'extension', input: z.object({ clientId: id, archived: z.boolean() }) },
  /** Moves everything of `mergeId` to `keepId` and deletes `mergeId`, in one transaction. */
  mergeClients: { from: 'extension', input: z.object({ keepId: id, mergeId: id }) },
  addReferral: {
    from: 'extension',
    input: z.object({ referrerId: id, referredId: id, said: z.string().trim().max(2000).default(''), at: z.number().int().nonnegative().optional() }),
  },
  setReferralThanked: { from: 'extension', input: z.object({ id, thanked: z.boolean() }) },
  deleteReferral: { from: 'extension', input: z.object({ id }) },
  /** An introduction made for a client: a follow-up ("how did it go?") due in two weeks. */
  addIntroduction: { from: 'extension', input: z.object({ clientId: id, text: z.string().trim().min(1, 'Say whom you introduced them to').max(2000) }) },
  search: { from: 'extension', input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }) },
} as const;
