/**
 * Reads the article out of a page: Readability on a clone of the document (the
 * page itself is never changed), plus the page's own metadata. Runs inside the tab
 * (entrypoints/extract.ts, injected by the popup with scripting.executeScript), so
 * it imports no zod and returns plain data: the popup validates it (page.ts).
 *
 * The article HTML is sanitised here, on the element Readability built, before it
 * is ever turned into a string (Readability's `serializer` option): the string the
 * popup gets, and stores, is already clean, and the article is parsed once rather
 * than serialised, parsed again by DOMPurify and serialised again. This runs in the
 * extension's isolated world on a detached clone: the page's scripts cannot reach
 * the clone or the sanitiser. The reader page sanitises again before showing.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { sanitizeArticleElement } from './sanitize';

/** A document with more elements than this is not parsed (a 10 MB page, an app). */
export const MAX_ELEMENTS = 40_000;
/** Article HTML longer than this is not kept; the page is saved as a link. */
export const MAX_ARTICLE_HTML = 2_000_000;
/** Text handed back for suggesting clients. */
export const MAX_SAMPLE_TEXT = 20_000;
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

/** "The Title | Site" → "The Title", when the tail is the site's name. */
function withoutSiteSuffix(title: string, site: string): string {
  if (!site) return title;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ']) {
    const at = title.lastIndexOf(separator);
    if (at > 0 && title.slice(at + separator.length).trim().toLowerCase() === site.toLowerCase()) return title.slice(0, at).trim();
  }
  return title;
}

function countWords(text: string): number {
  const matches = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return matches ? matches.length : 0;
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
    return withoutSiteSuffix(metaTitle || clean(doc.querySelector('h1')?.textContent), site) || hostname || url.slice(0, 200);
  };
  const base = {
    url,
    declaredCanonical: declaredCanonical(doc, metas),
    site,
    lang: clean(doc.documentElement?.getAttribute('lang'), 35),
  };
  const link = (reason: LinkReason): RawExtraction => {
    const title = fallbackTitle();
    const text = clean(`${title} ${description} ${doc.body?.textContent?.slice(0, MAX_SAMPLE_TEXT) ?? ''}`, MAX_SAMPLE_TEXT);
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
  if (!isProbablyReaderable(doc)) return link('not-an-article');

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
  const title = (clean(article.title) && withoutSiteSuffix(clean(article.title), site)) || fallbackTitle();
  return {
    ...base,
    kind: 'article',
    reason: null,
    title,
    site: clean(article.siteName) || site,
    byline: clean(article.byline) || clean(meta(metas, 'author', 'article:author')),
    excerpt: clean(article.excerpt, 2000) || description,
    contentHtml: article.content,
    text: clean(`${title} ${description} ${textContent.slice(0, MAX_SAMPLE_TEXT)}`, MAX_SAMPLE_TEXT),
    words,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
