import { expect } from 'vitest';
import type { ThreadSnapshot } from '../../../lib/hosts/thread';

/** Attributes whose values are a fixed vocabulary, shown or not, never the user's. */
const VOCABULARY = new Set(['class', 'role', 'type', 'dir', 'tabindex', 'lang', 'aria-level', 'aria-expanded', 'aria-selected', 'aria-hidden', 'aria-checked', 'aria-multiline', 'aria-orientation', 'contenteditable', 'spellcheck', 'translate', 'method', 'enctype', 'cellpadding', 'hidefocus', 'loading', 'charset', 'aria-haspopup', 'aria-pressed', 'draggable', 'g_editable', 'gh']);

/**
 * Every piece of the page a report must not carry: each text (4+ characters with a
 * letter) and each attribute value (6+ characters) but class names and ARIA vocabulary.
 */
export function privatePieces(doc: Document): string[] {
  const pieces = new Set<string>();
  const walker = doc.createTreeWalker(doc.documentElement, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (text.length >= 4 && /\p{L}/u.test(text)) pieces.add(text);
  }
  for (const el of doc.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name)?.trim() ?? '';
      if (!VOCABULARY.has(name) && value.length >= 6) pieces.add(value);
    }
  }
  return [...pieces];
}

/**
 * "Tend can't read this conversation": nobody was read, the snapshot carries the
 * page's structure for a report, and that holds no text, name or address of the page.
 */
export function expectUnreadable(snapshot: ThreadSnapshot | null, doc: Document, host: string): string {
  expect(snapshot).not.toBeNull();
  expect(snapshot!.messages).toEqual([]);
  const diagnostics = snapshot!.diagnostics ?? '';
  expect(diagnostics).toContain(`host: ${host}`);
  expect(diagnostics.split('\n').length).toBeGreaterThan(5);
  expect(diagnostics).not.toContain('@');
  // The structure, apart from the first lines (host, the URL's shape, the page's language):
  const [, url, , ...structure] = diagnostics.split('\n');
  const body = structure.join('\n');
  const leaked = privatePieces(doc).filter((piece) => body.includes(piece));
  expect(leaked).toEqual([]);
  // The URL keeps only its folders: the open item's token or id is replaced.
  expect(url).toMatch(/^url: [a-z.]+\/[a-z0-9/*]*(#[a-z0-9/*]*)?$/);
  return diagnostics;
}
