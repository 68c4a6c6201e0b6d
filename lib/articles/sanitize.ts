/**
 * The one sanitiser for article HTML: what is stored and what the reader page shows
 * both pass through here (DOMPurify needs a DOM, so this runs in the extraction
 * script and in extension pages, never in the service worker). Two entry points,
 * one configuration: `sanitizeArticleElement` cleans the element Readability built
 * where it lies (the extraction script, lib/articles/extract.ts: no second parse of
 * the article), `sanitizeArticleHtml` cleans a string (the reader page, which
 * must not trust what is stored). An allow-list, not a block-list:
 * text structure, links to web pages and https images survive; scripts, handlers,
 * styles, forms, frames, SVG/MathML, srcset and every other way to load or run
 * something do not.
 */
import createDOMPurify, { type Config } from 'dompurify';

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol',
  'p', 'pre', 'q', 's', 'samp', 'section', 'article', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'u', 'ul', 'var',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'datetime', 'lang', 'dir'];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // The contents of these go too, not only the tags.
  FORBID_CONTENTS: ['script', 'style', 'template', 'noscript', 'svg', 'math', 'iframe', 'object', 'embed', 'form', 'select', 'textarea', 'button', 'title'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

const isHttps = (value: string) => /^https:\/\//i.test(value.trim());
const isWebOrMail = (value: string) => /^(https?:\/\/|mailto:)/i.test(value.trim());

type Purifier = ReturnType<typeof createDOMPurify>;
const purifiers = new WeakMap<object, Purifier>();

function purifierFor(win: Window & typeof globalThis): Purifier {
  let purifier = purifiers.get(win);
  if (purifier) return purifier;
  purifier = createDOMPurify(win);
  // Without a usable DOM DOMPurify hands its input back unchanged: refuse instead.
  if (!purifier.isSupported) throw new Error('Cannot sanitise here: no DOM.');
  // Configured once: parsing a config on every call costs about as much as
  // sanitising a short article. IN_PLACE only applies when given a node.
  purifier.setConfig({ ...CONFIG, IN_PLACE: true, RETURN_DOM: false, RETURN_DOM_FRAGMENT: false });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    const element = node as Element;
    if (element.tagName === 'A') {
      const href = element.getAttribute('href');
      // Readability made links absolute; anything else (javascript:, data:, relative) is dropped.
      if (href !== null && !isWebOrMail(href)) element.removeAttribute('href');
      if (element.hasAttribute('href')) {
        element.setAttribute('rel', 'noopener noreferrer nofollow');
        element.setAttribute('target', '_blank');
      }
    } else if (element.tagName === 'IMG') {
      const src = element.getAttribute('src');
      // Only https images: an http one is mixed content, a data: one can be anything.
      if (!src || !isHttps(src)) element.remove();
      else element.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifiers.set(win, purifier);
  return purifier;
}

const KEPT_ATTRIBUTES = new Set(ALLOWED_ATTR);

/**
 * Removes every attribute outside the allow-list, in one plain walk. Not a safety
 * measure (DOMPurify checks everything after it): a speed one. A page's article
 * is full of ids, data-* and aria-* attributes, and DOMPurify's removal of each
 * costs far more than this (it records every one in `removed`).
 */
function dropUnlistedAttributes(root: Element): void {
  const strip = (element: Element) => {
    for (const name of element.getAttributeNames()) if (!KEPT_ATTRIBUTES.has(name)) element.removeAttribute(name);
  };
  strip(root);
  for (const element of root.getElementsByTagName('*')) strip(element);
}

/** Sanitised article HTML, as a string. `win` defaults to the current window. */
export function sanitizeArticleHtml(html: string, win: Window & typeof globalThis = window): string {
  if (!html) return '';
  const purifier = purifierFor(win);
  const clean = purifier.sanitize(html) as unknown as string;
  // DOMPurify lists what it removed until its next call: let those nodes go now.
  purifier.removed = [];
  return clean;
}

/**
 * Sanitised article nodes, ready to append to a page: the stored HTML is parsed
 * into an inert document (DOMParser: nothing in it runs or loads), cleaned there in
 * place, and handed over as a fragment. The reader page shows articles this way,
 * so no markup string is ever written into a live page.
 */
export function sanitizeArticleFragment(html: string, win: Window & typeof globalThis = window): DocumentFragment {
  const fragment = win.document.createDocumentFragment();
  if (!html) return fragment;
  const inert = new win.DOMParser().parseFromString(html, 'text/html');
  const root = inert.createElement('div');
  root.append(...inert.body.childNodes);
  sanitizeArticleElement(root, win);
  fragment.append(...root.childNodes);
  return fragment;
}

/**
 * Sanitises `root` and everything in it in place (the same allow-list and hooks)
 * and returns its inner HTML. For a detached element of a document Tend owns, such
 * as Readability's article in a cloned document: nothing on the page can see it
 * while it is being cleaned. `root` itself must be an allowed element (a div).
 */
export function sanitizeArticleElement(root: Element, win: Window & typeof globalThis = window): string {
  const purifier = purifierFor(win);
  dropUnlistedAttributes(root);
  purifier.sanitize(root);
  // DOMPurify lists what it removed until its next call; those nodes keep the whole
  // cloned page alive: let them go now.
  purifier.removed = [];
  return root.innerHTML;
}
