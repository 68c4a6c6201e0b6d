/**
 * Which links a message's body holds, as hashes only (issue 15, "shared means
 * sent"): the background tells a sent reply that carries a resource's link from
 * one that does not, while no word, address or link of a mail's body leaves the
 * page (issue 13: bodies never become people or writes). Shared by the Gmail and
 * Outlook adapters and by the background, which hashes a resource's addresses the
 * same way.
 */
import { cleanUrl } from '../articles/canonical';

/** At most this many links per message: a newsletter with hundreds says nothing more. */
export const MAX_LINK_HASHES = 50;

/**
 * cyrb53 of the address as Tend stores a saved page's (lib/articles/canonical.ts:
 * tracking parameters and fragment gone), as hex; null for anything but http(s).
 */
export function linkHash(url: string): string | null {
  const clean = cleanUrl(url);
  if (!clean) return null;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < clean.length; i += 1) {
    const code = clean.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/**
 * The address a link really goes to: Outlook's Safe Links show a message's links
 * wrapped (`https://….safelinks.protection.outlook.com/?url=<the link>&…`).
 */
function unwrapped(href: string): string {
  try {
    const url = new URL(href);
    if (url.hostname.endsWith('.safelinks.protection.outlook.com')) return url.searchParams.get('url') ?? href;
  } catch {
    // Not a URL: linkHash says no.
  }
  return href;
}

/**
 * The hashes of the web links in one message's body, in order, without repeats,
 * at most MAX_LINK_HASHES. Links in quoted text (a `blockquote`: the message being
 * answered) are left out: they are what the other side sent, not what this message did.
 */
export function linkHashesIn(body: Element | null | undefined): string[] {
  if (!body) return [];
  const hashes = new Set<string>();
  for (const anchor of body.querySelectorAll('a[href]')) {
    if (hashes.size >= MAX_LINK_HASHES) break;
    const quote = anchor.closest('blockquote');
    if (quote && body.contains(quote)) continue;
    // One odd link must never make the conversation unreadable: it is left out.
    let hash: string | null = null;
    try {
      hash = linkHash(unwrapped(anchor.getAttribute('href') ?? ''));
    } catch {
      hash = null;
    }
    if (hash) hashes.add(hash);
  }
  return [...hashes];
}
