/**
 * What a content script reads from the open conversation and sends to the
 * background. Validated there with these schemas: the page controls the DOM the
 * snapshot comes from, so every field is bounded and nothing in it is trusted as markup.
 */
import { z } from '../zod';
import { MailHost, MailLinkUrl } from '../model';
import { MAX_LINK_HASHES } from './links';

/** Hard caps: a thread with more is cut, never rejected (a 200-person cc list is real). */
export const MAX_PARTICIPANTS = 500;
export const MAX_MESSAGES = 300;
export const MAX_DIAGNOSTICS = 20_000;

const pageText = z.string().max(1000);

export const Participant = z.object({
  /** Display name as shown (may be empty). */
  name: pageText,
  /** Address as on the page, or null where the host shows only a name (Outlook). */
  email: z.string().max(320).nullable(),
});
export type Participant = z.infer<typeof Participant>;

export const ThreadMessage = z.object({
  /** The host's own id for the message, when the page carries one. */
  hostMessageId: z.string().max(500).nullable(),
  from: Participant,
  to: z.array(Participant).max(MAX_PARTICIPANTS),
  /** The full date as the page shows it (a `title` attribute, a heading), unparsed. */
  dateText: z.string().max(200).nullable(),
  /**
   * A hash of the start of the message's visible text (never the text itself): with
   * the sender and the message's position it recognises a message seen again when
   * the page gives neither an id nor a readable date (older and simpler markup).
   */
  snippetHash: z.string().max(16).nullable().optional(),
  /**
   * Hashes of the web links in the message's body (lib/hosts/links.ts), never the
   * links: a sent reply that carries a saved resource marks it shared. Absent or
   * empty when the body is not shown (a collapsed message).
   */
  linkHashes: z.array(z.string().max(16)).max(MAX_LINK_HASHES).optional(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const ThreadSnapshot = z.object({
  host: MailHost,
  /** The host's conversation id when readable (Gmail's legacy thread id, Outlook's item id). */
  threadId: z.string().max(1000).nullable(),
  subject: z.string().max(2000),
  /** Where the conversation is open: becomes the interactions' link back, so a mail page's address only. */
  url: MailLinkUrl,
  /** The signed-in user's address, when the page shows it. */
  accountAddress: z.string().max(320).nullable(),
  messages: z.array(ThreadMessage).max(MAX_MESSAGES),
  /** The page's language (BCP 47, from `<html lang>`): dates are read in it. */
  locale: z.string().max(35).nullable().optional(),
  /** The signed-in user's display name, where the page shows it (never offered as a client). */
  accountName: pageText.nullable().optional(),
  /**
   * Set only when a conversation is open (the URL says so) but nobody could be read
   * from it: the page's structure with every text, name and address left out, for
   * the user to copy into a report ("Tend can't read this conversation").
   */
  diagnostics: z.string().max(MAX_DIAGNOSTICS).nullable().optional(),
});
export type ThreadSnapshot = z.infer<typeof ThreadSnapshot>;

/**
 * A mail host's reader: pure functions over a Document and a URL, so they can be
 * tested on saved pages. One per host family, all behind this interface.
 */
export interface MailHostAdapter {
  readonly host: MailHost;
  /** The signed-in user's address, if the page shows it anywhere. */
  readAccountAddress(doc: Document, url: URL): string | null;
  /** The open conversation, or null when none is open (list view, settings, loading). */
  readThread(doc: Document, url: URL): ThreadSnapshot | null;
  /** The reply or compose body the user is typing in, if one is open. */
  findComposeBody(doc: Document): HTMLElement | null;
}
