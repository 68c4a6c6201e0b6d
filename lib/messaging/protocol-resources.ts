/**
 * The resources feature's messages (save an article for clients, list what waits
 * to be shared, read it, insert it into a reply). Spread into the one protocol
 * map in protocol.ts, so the router validates them like every other message.
 *
 * The popup sanitised the article HTML already; the background cannot (a service
 * worker has no DOM), so it bounds every field here and strips the rest again.
 */
import { z } from '../zod';
import type { Resource } from '../model';
import { DASHBOARD, POPUP, READER, SIDEBAR, SIDEBAR_AND_DASHBOARD } from './senders';
import { replyType, type Done } from './reply';

const id = z.string().min(1).max(64);
const webUrl = z
  .string()
  .trim()
  .max(4000)
  .regex(/^https?:\/\//i, 'is not a web address');

export const SaveResourceInput = z.object({
  url: webUrl,
  /** As the page declared it; the background cleans it again (lib/articles/canonical.ts). */
  canonicalUrl: webUrl,
  title: z.string().trim().min(1, 'The page needs a title').max(500),
  site: z.string().trim().max(500).default(''),
  byline: z.string().trim().max(500).default(''),
  excerpt: z.string().trim().max(2000).default(''),
  /** Sanitised by the popup (DOMPurify); at most 2 MB. */
  contentHtml: z.string().max(2_000_000).default(''),
  note: z.string().trim().max(2000).default(''),
  clientIds: z.array(id).min(1, 'Pick at least one client').max(50),
});
export type SaveResourceInput = z.input<typeof SaveResourceInput>;

/** A resource without its article HTML: what lists show. */
export interface ResourceSummary {
  id: string;
  url: string;
  title: string;
  site: string;
  byline: string;
  excerpt: string;
  note: string;
  hasArticle: boolean;
  savedAt: number;
  /** When it was shared with the client asked about; null: waiting. */
  sharedAt: number | null;
}

/** One client offered in the save popup's picker. */
export interface PickerClient {
  id: string;
  name: string;
  company: string;
  emails: string[];
  lastContactAt: number | null;
  /** Why it is suggested: the open conversation, or words the article shares with them. */
  reason: 'conversation' | 'keywords' | null;
  /** Shared words, for the hint ("marathon, train"). */
  terms: string[];
}

export interface SaveContext {
  clients: PickerClient[];
  /** The resource already saved for this address, if any: saving again adds clients to it. */
  existing: { id: string; clientIds: string[]; note: string } | null;
}

export const resourceMessages = {
  /** Clients for the save popup: suggested first, then by last contact. */
  getSaveContext: {
    from: POPUP,
    input: z.object({ url: z.string().max(4000), text: z.string().max(20_000).default('') }),
    reply: replyType<SaveContext>(),
  },
  saveResource: { from: POPUP, input: SaveResourceInput, reply: replyType<{ resourceId: string; existed: boolean; added: number }>() },
  listClientResources: {
    from: SIDEBAR,
    input: z.object({ clientId: id }),
    reply: replyType<{ waiting: ResourceSummary[]; shared: ResourceSummary[] }>(),
  },
  getResource: { from: READER, input: z.object({ id }), reply: replyType<Resource>() },
  /**
   * From the sidebar: put the resource into the reply open in the sidebar's own mail
   * tab. Not inserted (no reply open): `text` is what to copy instead.
   */
  insertIntoReply: {
    from: SIDEBAR,
    input: z.object({ resourceId: id, clientId: id }),
    reply: replyType<{ inserted: false; text: string; sharedAt?: undefined } | { inserted: true; text: string; sharedAt: number }>(),
  },
  /** Record a share the user made themselves (after copying the link, or on the client page). */
  markResourceShared: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ resourceId: id, clientId: id }), reply: replyType<{ sharedAt: number }>() },
  /** Back to "to share" for this client (the share stays in their timeline as history). */
  markResourceUnshared: { from: DASHBOARD, input: z.object({ resourceId: id, clientId: id }), reply: replyType<Done>() },
  /** The resource's note ("why this is for them"); one note per resource, as saved. */
  setResourceNote: {
    from: DASHBOARD,
    input: z.object({ resourceId: id, note: z.string().trim().max(2000) }),
    reply: replyType<{ note: string }>(),
  },
  /** Unlinks the resource from this client; deletes it when no client is left. */
  removeResourceFromClient: {
    from: DASHBOARD,
    input: z.object({ resourceId: id, clientId: id }),
    reply: replyType<{ deleted: boolean; clientsLeft: number }>(),
  },
} as const;
