/**
 * Reads the article out of a page: Readability on a clone of the document (the
 * page itself is never changed), plus the page's own metadata. Runs inside the tab
 * (entrypoints/extract.ts, injected by the popup with scripting.executeScript), so
 * it imports no zod and returns plain data: the popup validates it (page.ts) and
 * sanitises the HTML before anything is shown or stored.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';

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
  /** Unsanitised Readability output ('' for links). Never shown before DOMPurify. */
  contentHtml: string;
  /** Plain text sample (title, description, article text) for client suggestions. */
  text: string;
  words: number;
  readingMinutes: number;
  lang: string;
}

const clean = (value: string | null | undefined, max = 500) =>
  (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

function meta(doc: Document, ...keys: string[]): string {
  for (const key of keys) {
    const element = doc.querySelector<HTMLMetaElement>(`meta[property="${key}"], meta[name="${key}"]`);
    const content = clean(element?.getAttribute('content'), 2000);
    if (content) return content;
  }
  return '';
}

function declaredCanonical(doc: Document): string[] {
  const link = doc.querySelector<HTMLLinkElement>('link[rel~="canonical" i]')?.getAttribute('href');
  return [link, meta(doc, 'og:url')].map((value) => clean(value, 4000)).filter(Boolean);
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
  const site = clean(meta(doc, 'og:site_name', 'application-name', 'twitter:site').replace(/^@/, '')) || hostname;
  const description = clean(meta(doc, 'description', 'og:description', 'twitter:description'), 2000);
  const metaTitle = clean(meta(doc, 'og:title', 'twitter:title')) || clean(doc.title);
  const firstHeading = clean(doc.querySelector('h1')?.textContent);
  const fallbackTitle = withoutSiteSuffix(metaTitle || firstHeading, site) || hostname || url.slice(0, 200);
  const base = {
    url,
    declaredCanonical: declaredCanonical(doc),
    site,
    lang: clean(doc.documentElement?.getAttribute('lang'), 35),
  };
  const link = (reason: LinkReason): RawExtraction => {
    const text = clean(`${fallbackTitle} ${description} ${doc.body?.textContent?.slice(0, MAX_SAMPLE_TEXT) ?? ''}`, MAX_SAMPLE_TEXT);
    return {
      ...base,
      kind: 'link',
      reason,
      title: fallbackTitle,
      byline: clean(meta(doc, 'author', 'article:author')),
      excerpt: description,
      contentHtml: '',
      text,
      words: 0,
      readingMinutes: 0,
    };
  };

  // Chrome's PDF viewer (and any plugin document) has nothing Readability can read.
  if (doc.contentType === 'application/pdf' || doc.querySelector('embed[type="application/pdf"]')) return link('pdf');
  if (doc.getElementsByTagName('*').length > MAX_ELEMENTS) return link('too-large');
  if (!isProbablyReaderable(doc)) return link('not-an-article');

  let article: ReturnType<Readability['parse']> = null;
  try {
    article = new Readability(doc.cloneNode(true) as Document, { maxElemsToParse: MAX_ELEMENTS }).parse();
  } catch {
    article = null;
  }
  if (!article?.content || !article.textContent?.trim()) return link('not-an-article');
  if (article.content.length > MAX_ARTICLE_HTML) return link('too-large');

  const textContent = article.textContent;
  const words = countWords(textContent);
  const title = clean(article.title) ? withoutSiteSuffix(clean(article.title), site) : fallbackTitle;
  return {
    ...base,
    kind: 'article',
    reason: null,
    title: title || fallbackTitle,
    site: clean(article.siteName) || site,
    byline: clean(article.byline) || clean(meta(doc, 'author', 'article:author')),
    excerpt: clean(article.excerpt, 2000) || description,
    contentHtml: article.content,
    text: clean(`${title} ${description} ${textContent.slice(0, MAX_SAMPLE_TEXT)}`, MAX_SAMPLE_TEXT),
    words,
    readingMinutes: Math.max(1, Math.round(words / WORDS_PER_MINUTE)),
  };
}
