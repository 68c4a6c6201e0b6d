/**
 * What the extraction script hands the popup, validated before use: it comes from
 * a script running in a page that may be hostile, so every field is bounded.
 */
import { z } from '../zod';
import { MAX_ARTICLE_HTML, MAX_SAMPLE_TEXT } from './limits';

export const Extraction = z.object({
  url: z.string().max(4000),
  declaredCanonical: z.array(z.string().max(4000)).max(4),
  kind: z.enum(['article', 'link']),
  reason: z.enum(['not-an-article', 'too-large', 'pdf']).nullable(),
  title: z.string().max(500),
  site: z.string().max(500),
  byline: z.string().max(500),
  excerpt: z.string().max(2000),
  contentHtml: z.string().max(MAX_ARTICLE_HTML),
  text: z.string().max(MAX_SAMPLE_TEXT),
  words: z.number().int().nonnegative(),
  readingMinutes: z.number().int().nonnegative(),
  lang: z.string().max(35),
});
export type Extraction = z.infer<typeof Extraction>;

/** Pages no extension may script: say so rather than fail obscurely. */
export function unsupportedPageMessage(url: string | undefined): string | null {
  if (!url) return 'Tend cannot read this tab. Open the page you want to save and try again.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Tend cannot read this tab.';
  }
  const host = parsed.hostname;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    if (parsed.protocol === 'file:') return 'Tend saves web pages; files on this computer cannot be saved.';
    return 'This is a browser page; extensions cannot read it, so there is nothing to save.';
  }
  if (host === 'chromewebstore.google.com' || (host === 'chrome.google.com' && parsed.pathname.startsWith('/webstore'))
    || host === 'microsoftedge.microsoft.com' || host === 'addons.mozilla.org') {
    return 'Browser store pages are protected: extensions cannot read them, so there is nothing to save.';
  }
  return null;
}

/** What an executeScript failure means, in words for the user. */
export function extractionErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/cannot access|cannot be scripted|extensions gallery|chrome:\/\/|permission|Missing host/i.test(text)) {
    return 'Tend cannot read this page (the browser does not let extensions into it). Nothing was saved.';
  }
  if (/No tab|tab was closed|Frame with ID 0 was removed|navigat/i.test(text)) {
    return 'The page changed while Tend was reading it. Press the button again.';
  }
  return 'Tend could not read this page. Nothing was saved.';
}
