/**
 * Every link Tend renders to an address it keeps goes through here: a stored URL
 * is data, never script. Web pages (http, https) open in a new tab; a link back to
 * a conversation must be a page of the mail hosts' own origins and is the only link
 * that opens in the mail tab itself (target _top); Tend's own pages (the reader)
 * open in a new tab. Anything else (a javascript: or data: URL from an old backup)
 * is shown as its text, never followed (components/SafeLink.tsx renders either;
 * the content script's "Insert into reply" asks here too).
 */
import { browser } from 'wxt/browser';
import { isMailPageUrl, isWebUrl } from '../hosts/origins';

/** What the address is meant to be: a web page, a mail conversation, or one of Tend's pages. */
export type LinkKind = 'web' | 'mail' | 'tend';

export interface LinkAttributes {
  href: string;
  target: '_blank' | '_top';
  rel: string;
}

/** The attributes of a link to `url`, or null when it is not a safe address of that kind. */
export function safeLink(url: string | null | undefined, kind: LinkKind): LinkAttributes | null {
  if (!url) return null;
  let href: string;
  try {
    href = new URL(url).href;
  } catch {
    return null;
  }
  if (kind === 'mail') return isMailPageUrl(href) ? { href, target: '_top', rel: 'noreferrer' } : null;
  const safe = kind === 'web' ? isWebUrl(href) : href.startsWith(browser.runtime.getURL('/'));
  // noreferrer implies noopener: the opened page gets no handle on ours.
  return safe ? { href, target: '_blank', rel: 'noreferrer' } : null;
}
