/**
 * Small DOM and text helpers shared by the host adapters. They run inside the
 * content scripts, so this module imports nothing (no zod): the schemas in
 * `./thread` are enforced by the background, and the adapters only make sure
 * that what they send fits them (cut, never rejected).
 */
import type { Participant } from './thread';

/**
 * Mirrors of the caps in `./thread` (importing them would pull zod into the
 * content script). A unit test checks they stay equal.
 */
export const MAX_PARTICIPANTS = 500;
export const MAX_MESSAGES = 300;
export const MAX_NAME = 1000;
export const MAX_EMAIL = 320;
export const MAX_DATE = 200;
export const MAX_SUBJECT = 2000;
export const MAX_THREAD_ID = 1000;
export const MAX_MESSAGE_ID = 500;
export const MAX_URL = 4000;
export const MAX_DIAGNOSTICS = 20_000;
export const MAX_LOCALE = 35;

/** Whitespace runs (including NBSP and line breaks) to one space, trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
}

/** Cuts to `max` UTF-16 units without leaving half a surrogate pair behind. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** Same shape the background's `EmailAddress` schema accepts. */
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;
const EMAIL_IN_TEXT = /[^\s@<>()",;:'[\]]+@[^\s@<>()",;:'[\]]+\.[^\s@<>()",;:'[\]]+/;

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL && EMAIL.test(text);
}

/** The trimmed address if `raw` is one (a `mailto:` prefix and query are dropped), else null. */
export function cleanEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let text = raw.trim();
  if (/^mailto:/i.test(text)) {
    text = text.slice(7).split('?')[0] ?? '';
    try {
      text = decodeURIComponent(text);
    } catch {
      // Keep the raw text: a broken escape is not an address either way.
    }
  }
  text = text.replace(/^<|>$/g, '').trim();
  return isEmailAddress(text) ? text : null;
}

/** The first address found anywhere in a piece of text, or null. */
export function findEmail(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = EMAIL_IN_TEXT.exec(text);
  return match ? cleanEmail(match[0].replace(/\.+$/, '')) : null;
}

/**
 * Reads `Name <addr@x.com>`, `"Name" <addr>`, `Name (addr)`, a bare address or a
 * bare name. The name never contains the address part.
 */
export function parseNameAddress(raw: string): { name: string; email: string | null } {
  const text = collapseWhitespace(raw);
  const angled = /^(.*?)\s*<\s*([^<>]*)\s*>\s*$/.exec(text) ?? /^(.*?)\s*\(\s*([^()]*@[^()]*)\s*\)\s*$/.exec(text);
  if (angled) {
    const email = cleanEmail(angled[2]);
    if (email) return { name: unquote(angled[1] ?? ''), email };
  }
  const bare = cleanEmail(text);
  if (bare) return { name: '', email: bare };
  return { name: unquote(text), email: null };
}

function unquote(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  return (quoted ? (quoted[2] ?? '') : trimmed).trim();
}

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The visible text of an element, with emoji images read as their `alt` (Gmail
 * renders emoji in subjects as `img[data-emoji]`). Never parses markup: the
 * result is plain text from text nodes and attributes.
 */
export function readText(element: Element): string {
  let out = '';
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        out += child.nodeValue ?? '';
      } else if (child.nodeType === 1) {
        const el = child as Element;
        if (SKIPPED_TAGS.has(el.tagName) || el.hasAttribute('hidden')) continue;
        if (el.tagName === 'IMG') {
          out += el.getAttribute('alt') || el.getAttribute('data-emoji') || '';
        } else {
          walk(el);
        }
      }
    }
  };
  walk(element);
  return collapseWhitespace(out);
}

/** A participant that fits the background's schema: trimmed, clipped, address checked. */
export function participant(name: string | null | undefined, email: string | null | undefined): Participant {
  return { name: clip(collapseWhitespace(name ?? ''), MAX_NAME), email: cleanEmail(email) };
}

/** Participants without repeats (same address, or same name when there is no address), capped. */
export function uniqueParticipants(people: Participant[]): Participant[] {
  const seen = new Set<string>();
  const out: Participant[] = [];
  for (const person of people) {
    const key = person.email ? `@${person.email.toLowerCase()}` : `#${person.name.toLowerCase()}`;
    if (key === '#' || seen.has(key)) continue;
    seen.add(key);
    out.push(person);
    if (out.length >= MAX_PARTICIPANTS) break;
  }
  return out;
}

/** Only the elements that have no ancestor in the list (document order kept). */
export function outermost<T extends Element>(elements: Iterable<T>): T[] {
  const all = [...elements];
  const set = new Set<Element>(all);
  return all.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}

/**
 * For each unit (one per message), the largest element below `root` that holds
 * that unit and no other: the message's whole card, whatever the host's wrappers
 * are called this month. Works on structure alone, so it survives class renames.
 */
export function unitContainers(units: Element[], root: Element): Element[] {
  const counts = new Map<Element, number>();
  for (const unit of units) {
    for (let up = unit.parentElement; up && up !== root; up = up.parentElement) {
      counts.set(up, (counts.get(up) ?? 0) + 1);
    }
  }
  return units.map((unit) => {
    let box = unit;
    while (box.parentElement && box.parentElement !== root && counts.get(box.parentElement) === 1) {
      box = box.parentElement;
    }
    return box;
  });
}

/**
 * True when markup (not layout) hides `el` below `stop`: `hidden` or an inline
 * `display:none`. Not `aria-hidden`: that hides from screen readers only, and
 * mail hosts put it on visible decoration.
 */
export function hiddenByMarkup(el: Element, stop: Element | null): boolean {
  for (let up: Element | null = el; up && up !== stop; up = up.parentElement) {
    if (up.hasAttribute('hidden')) return true;
    const style = up.getAttribute('style');
    if (style && /display\s*:\s*none/i.test(style)) return true;
  }
  return false;
}

/** The account address in a page title such as "Inbox (3) - me@x.com - Gmail" (the last address part wins). */
export function emailInTitle(title: string): string | null {
  const parts = title.split(/\s+[-\u2013\u2014|]\s+/);
  for (let i = parts.length - 1; i >= 0; i--) {
    const email = cleanEmail(parts[i]);
    if (email) return email;
  }
  return null;
}

/** The candidate that is, or holds, the document's focused element. */
export function pickFocused<T extends Element>(candidates: T[], doc: Document): T | undefined {
  const active = doc.activeElement;
  if (!active) return undefined;
  return candidates.find((el) => el === active || el.contains(active));
}

/** How much of a message's visible text its snippet hash covers: what a collapsed card shows too. */
const SNIPPET_CHARS = 60;

/**
 * FNV-1a (32-bit) of the start of a message's visible text, whitespace collapsed
 * and lower-cased, as 8 hex digits; null when there is no text. Only the hash
 * leaves the page: it tells a message seen again apart without sending its words.
 */
export function snippetHash(text: string): string | null {
  const start = collapseWhitespace(text).toLowerCase().slice(0, SNIPPET_CHARS);
  if (!start) return null;
  let hash = 0x811c9dc5;
  for (let i = 0; i < start.length; i += 1) {
    hash ^= start.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The page's language from `<html lang>`, if it looks like a language tag. */
export function pageLocale(doc: Document): string | null {
  const lang = doc.documentElement?.getAttribute('lang')?.trim() ?? '';
  return /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/.test(lang) && lang.length <= MAX_LOCALE ? lang.replace(/_/g, '-') : null;
}
