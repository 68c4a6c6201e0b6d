/**
 * Reads the article out of a page: Readability on a clone of the document (the
 * page itself is never changed), plus the page's own metadata. Runs inside the tab
 * (entrypoints/extract.ts, injected by the popup with scripting.executeScript), so
 * it imports no zod and returns plain data: the popup validates it (page.ts).
 *
 * The article HTML is sanitised here, on the element Readability built, before it
 * is ever turned into a string (Readability's `serializer` option): the string the
 * popup gets is already clean, and the article is parsed once rather than
 * serialised, parsed again by DOMPurify and serialised again. This runs in the
 * extension's isolated world on a detached clone: the page's scripts cannot reach
 * the clone or the sanitiser. Still, it runs in the web page's renderer, so the
 * popup sanitises again on Save, and the reader page again before showing.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { MAX_ARTICLE_HTML, MAX_ELEMENTS, MAX_SAMPLE_TEXT } from './limits';
import { sanitizeArticleElement } from './sanitize';

const WORDS_PER_MINUTE = 230;

export type ExtractionKind = 'article' | 'link';
/** Why a page became a link: not an article, too big, or a PDF. */
export type LinkReason = 'not-an-article' | 'too-large' | 'pdf' | null;

export interface RawExtraction {
  url: string;
  /** rel=canonical, then og:url, as written on the page (maybe relative). */
  declaredCanonical: string[];
  kind: ExtractionKind;
  reason: LinkReason;
  title: string;
  site: string;
  byline: string;
  excerpt: string;
  /** Readability's article, sanitised by DOMPurify as it was serialised ('' for links). */
  contentHtml: string;
  /** Plain text sample (title, description, article text) for client suggestions. */
  text: string;
  words: number;
  readingMinutes: number;
  lang: string;
}

const clean = (value: string | null | undefined, max = 500) =>
  (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

type Metas = Map<string, Element>;

/**
 * The page's <meta> elements by `property` and by `name`, the first of each in
 * document order (as `querySelector('meta[property=k], meta[name=k]')` finds
 * them), read in one pass: a query per key walked the whole page each time, a
 * dozen times per extraction.
 */
function metasOf(doc: Document): Metas {
  const metas: Metas = new Map();
  for (const element of Array.from(doc.getElementsByTagName('meta'))) {
    for (const attribute of ['property', 'name']) {
      const key = element.getAttribute(attribute);
      if (key && !metas.has(key)) metas.set(key, element);
    }
  }
  return metas;
}

function meta(metas: Metas, ...keys: string[]): string {
  for (const key of keys) {
    const content = clean(metas.get(key)?.getAttribute('content'), 2000);
    if (content) return content;
  }
  return '';
}

function declaredCanonical(doc: Document, metas: Metas): string[] {
  const link = Array.from(doc.getElementsByTagName('link'))
    .find((element) => (element.getAttribute('rel') ?? '').toLowerCase().split(/[\t\n\f\r ]+/).includes('canonical'))
    ?.getAttribute('href');
  return [link, meta(metas, 'og:url')].map((value) => clean(value, 4000)).filter(Boolean);
}

/**
 * A site's name as a title would spell it: "telegraph" for "www.telegraph.co.uk" (a
 * title says "… - Telegraph"), the name itself when it is not a host name.
 */
function siteKey(value: string): string {
  const name = value.trim().toLowerCase().replace(/^www\./, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(name)) return name;
  const labels = name.split('.').slice(0, -1);
  // co.uk, com.au, org.nz…: the label before those is the name.
  if (labels.length > 1 && ['co', 'com', 'net', 'org', 'gov', 'ac', 'edu'].includes(labels[labels.length - 1]!)) labels.pop();
  return labels[labels.length - 1] ?? name;
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' » '];

/**
 * "The Title | Site" or "Site | The Title" → "The Title", when the part cut off is
 * one of the site's names (its og:site_name, Readability's site name, its host) or
 * the author's ("The Title - Jane Doe"). A leading name is cut only from articles:
 * "Metro Daily – News for the city" is a home page's title, and its name the point.
 */
function withoutSiteName(title: string, names: string[], { leading }: { leading: boolean }): string {
  const keys = new Set(names.filter(Boolean).map(siteKey));
  if (keys.size === 0) return title;
  const isSite = (part: string) => keys.has(siteKey(part));
  for (const separator of TITLE_SEPARATORS) {
    const last = title.lastIndexOf(separator);
    if (last > 0 && isSite(title.slice(last + separator.length))) return title.slice(0, last).trim();
    const first = title.indexOf(separator);
    if (leading && first > 0 && isSite(title.slice(0, first)) && title.length > first + separator.length) return title.slice(first + separator.length).trim();
  }
  return title;
}

/** Chinese, Japanese and Korean script: one character says what a short word does. */
const hasCjk = (text: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text);

const isSpace = (code: number) => code <= 32 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029;
/** Han and kana, which are written without spaces between words. */
const isHanOrKana = (code: number) => (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
/** CJK punctuation and full-width forms: they end a word and are none. */
const isCjkPunctuation = (code: number) => (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff65);

/**
 * Words, for the reading time: runs of anything but spaces. Chinese and Japanese put
 * no spaces between words, so each Han or kana character counts as one, as word
 * processors count them (Korean spaces its words and is counted by them). One
 * pass over the characters: a Unicode regular expression matching every word cost
 * several times as much on a long article.
 */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || isCjkPunctuation(code)) inWord = false;
    else if (isHanOrKana(code)) {
      words += 1;
      inWord = false;
    } else if (!inWord) {
      words += 1;
      inWord = true;
    }
  }
  return words;
}

/**
 * Readability's "is this an article?" test counts characters per paragraph (140
 * at least). A paragraph of Chinese says in 50 characters what English says in
 * 140: a page titled in CJK script is judged by thresholds scaled to match, or a
 * Chinese news story would be saved as a bare link.
 */
function isReadable(doc: Document, title: string): boolean {
  if (isProbablyReaderable(doc)) return true;
  return hasCjk(title) && isProbablyReaderable(doc, { minContentLength: 50, minScore: 10 });
}

const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg']);

/**
 * The text a person could read in `root`, up to `max` characters: unlike
 * textContent, without the CSS and scripts pages keep in their body, which would
 * otherwise become "keywords" for suggesting clients.
 */
function readableText(root: Element, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.nodeType === 1 && NOT_TEXT.has(node.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node && length < max; node = walker.nextNode()) {
    if (node.nodeType !== 3) continue;
    const text = node.nodeValue ?? '';
    parts.push(text);
    length += text.length;
  }
  return parts.join(' ').slice(0, max);
}

/** Reads `doc` (the live page or any parsed document); never modifies it. */
export function extractPage(doc: Document, url: string): RawExtraction {
  const hostname = (() => {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      return '';
    }
  })();
  const metas = metasOf(doc);
  const site = clean(meta(metas, 'og:site_name', 'application-name', 'twitter:site').replace(/^@/, '')) || hostname;
  const description = clean(meta(metas, 'description', 'og:description', 'twitter:description'), 2000);
  // The page's own title, for links and for articles Readability found no title for.
  const fallbackTitle = () => {
    const metaTitle = clean(meta(metas, 'og:title', 'twitter:title')) || clean(doc.title);
    return withoutSiteName(metaTitle || clean(doc.querySelector('h1')?.textContent), [site, hostname], { leading: false }) || hostname || url.slice(0, 200);
  };
  const base = {
    url,
    declaredCanonical: declaredCanonical(doc, metas),
    site,
    lang: clean(doc.documentElement?.getAttribute('lang'), 35),
  };
  const link = (reason: LinkReason): RawExtraction => {
    const title = fallbackTitle();
    const text = clean(`${title} ${description} ${doc.body ? readableText(doc.body, MAX_SAMPLE_TEXT) : ''}`, MAX_SAMPLE_TEXT);
    return {
      ...base,
      kind: 'link',
      reason,
      title,
      byline: clean(meta(metas, 'author', 'article:author')),
      excerpt: description,
      contentHtml: '',
      text,
      words: 0,
      readingMinutes: 0,
    };
  };

  // Chrome's PDF viewer (and any plugin document) has nothing Readability can read.
  if (doc.contentType === 'application/pdf' || Array.from(doc.getElementsByTagName('embed')).some((embed) => embed.getAttribute('type') === 'application/pdf')) return link('pdf');
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return link('too-large');
  if (!isReadable(doc, doc.title)) return link('not-an-article');

  let article: ReturnType<Readability['parse']> = null;
  try {
    // No maxElemsToParse: the clone has the count checked just above, and counting
    // again would walk the whole clone once more.
    article = new Readability(doc.cloneNode(true) as Document, {
      // Classes go with every other attribute outside the allow-list in the
      // sanitiser's one walk: Readability need not walk the article for them first.
      keepClasses: true,
      serializer: (root: Node) => sanitizeArticleElement(root as Element),
    }).parse();
  } catch {
    // Readability gave up, or DOMPurify refused to clean the article in place.
    article = null;
  }
  if (!article?.content || !article.textContent?.trim()) return link('not-an-article');
  if (article.content.length > MAX_ARTICLE_HTML) return link('too-large');

  const textContent = article.textContent;
  const words = countWords(textContent);
  const byline = clean(article.byline) || clean(meta(metas, 'author', 'article:author'));
  // "Title - Author" is as common a tail as "Title | Site".
  const title = (clean(article.title) && withoutSiteName(clean(article.title), [site, clean(article.siteName), hostname, byline], { leading: true })) || fallbackTitle();
  return {
    ...base,
    kind: 'article',
    reason: null,
    title,
    site: clean(article.siteName) || site,
    byline,
    excerpt: clean(article.excerpt, 2000) || description,
    contentHtml: article.content,
    text: clean(`${title} ${description} ${textContent.slice(0, MAX_SAMPLE_TEXT)}`, MAX_SAMPLE_TEXT),
    words,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
