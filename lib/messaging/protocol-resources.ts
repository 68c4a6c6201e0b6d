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
import { replyType, type Done, type Undoable } from './reply';

/** The longest message typed in the insert preview (it goes into the reply with the link). */
export const MAX_INSERT_MESSAGE_CHARS = 2000;

/** A saved page as the reader shows it: everything but the private notes and the shares. */
export type ReaderResource = Omit<Resource, 'notes' | 'pendingShares' | 'pendingFor' | 'sharedWith'>;

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
  /** The user's private note for the client asked about: shown in Tend only, never inserted. */
  note: string;
  hasArticle: boolean;
  savedAt: number;
  /** When it was shared with the client asked about (seen sent, or marked by the user); null: not yet. */
  sharedAt: number | null;
  /** When it was inserted into a reply to them that Tend has not seen sent yet; null: none waiting. */
  waitingToBeSentSince: number | null;
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
  existing: { id: string; clientIds: string[] } | null;
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
    /** `waiting`: not shared yet; `waitingToBeSent`: inserted into a reply not seen sent; `shared`: seen sent or marked. */
    reply: replyType<{ waiting: ResourceSummary[]; waitingToBeSent: ResourceSummary[]; shared: ResourceSummary[] }>(),
  },
  /** The saved page for the reader, without anyone's private notes (the reader is opened without a client). */
  getResource: { from: READER, input: z.object({ id }), reply: replyType<ReaderResource>() },
  /**
   * From the sidebar: put the resource's title and link, and the message the user
   * typed in the preview, into the reply open in the sidebar's own mail tab. No
   * private note is ever sent to the mail page. Inserted: it waits to be sent (no
   * share and no contact until a sent message with the link is seen). Not inserted
   * (no reply open): `text` is what to copy instead.
   */
  insertIntoReply: {
    from: SIDEBAR,
    input: z.object({ resourceId: id, clientId: id, message: z.string().trim().max(MAX_INSERT_MESSAGE_CHARS).default('') }),
    reply: replyType<{ inserted: false; text: string; waitingToBeSentSince?: undefined } | { inserted: true; text: string; waitingToBeSentSince: number }>(),
  },
  /**
   * The user says it was shared (after copying the link, from a reply Tend did not
   * see sent, on the client page): shared now, and a contact they logged.
   */
  markResourceShared: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ resourceId: id, clientId: id }), reply: replyType<{ sharedAt: number } & Undoable>() },
  /** Back to "to share" for this client (the share stays in their timeline as history). */
  markResourceUnshared: { from: DASHBOARD, input: z.object({ resourceId: id, clientId: id }), reply: replyType<Done>() },
  /** The user's private note for one client ("why this is for them"); '' removes it. Each client's note is its own. */
  setResourceNote: {
    from: DASHBOARD,
    input: z.object({ resourceId: id, clientId: id, note: z.string().trim().max(2000) }),
    reply: replyType<{ note: string }>(),
  },
  /** Unlinks the resource from this client; deletes it when no client is left. */
  removeResourceFromClient: {
    from: DASHBOARD,
    input: z.object({ resourceId: id, clientId: id }),
    reply: replyType<{ deleted: boolean; clientsLeft: number }>(),
  },
} as const;
