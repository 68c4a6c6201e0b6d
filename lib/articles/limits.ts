/**
 * How much of a page the extraction reads and hands over. Apart from extract.ts so
 * that the popup, which validates against these, does not bundle Readability and
 * DOMPurify along with them.
 */

/** A document with more elements than this is not parsed (a 10 MB page, an app). */
export const MAX_ELEMENTS = 40_000;
/** Article HTML longer than this is not kept; the page is saved as a link. */
export const MAX_ARTICLE_HTML = 2_000_000;
/** Text handed back for suggesting clients. */
export const MAX_SAMPLE_TEXT = 20_000;
