/**
 * The one message the background sends a mail tab's content script: put this link
 * into the reply, with the message the user typed in the preview. It has no field
 * for a private note, so none can reach a mail page (issue 15). Free of zod (the mail page pays for every byte): a strict
 * hand-written shape check instead, used by the content script on receipt.
 */

export const INSERT_LINK_MESSAGE = 'tend-insert-link';

export interface InsertLinkMessage {
  type: typeof INSERT_LINK_MESSAGE;
  title: string;
  url: string;
  /** Typed by the user in the insert preview, for the client to read ('' for none). */
  message: string;
}

export interface InsertLinkReply {
  inserted: boolean;
}

const isString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length <= max;

/** Exactly the four keys (no note among them), bounded strings, and an http(s) URL (never javascript:). */
export function isInsertLinkMessage(value: unknown): value is InsertLinkMessage {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length !== 4) return false;
  if (record.type !== INSERT_LINK_MESSAGE) return false;
  if (!isString(record.title, 500) || !isString(record.message, 2000) || !isString(record.url, 4000)) return false;
  try {
    const url = new URL(record.url);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
