// @vitest-environment jsdom
/**
 * Extraction over a corpus of saved pages (tests/fixtures/articles): news, blogs,
 * documentation, long-form, German, a windows-1252 page, a page without a title,
 * and pages that are not articles. Every one yields a title; articles yield their
 * readable text without the site's chrome, and the rest become links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords, extractPage } from '../../lib/articles/extract';
import { MAX_ELEMENTS } from '../../lib/articles/limits';
import { Extraction } from '../../lib/articles/page';
import { sanitizeArticleHtml } from '../../lib/articles/sanitize';
import { canonicalUrlOf } from '../../lib/articles/canonical';

// A path, not a URL: under jsdom `URL` is the DOM's, which node:fs does not take.
const DIR = join(__dirname, '../fixtures/articles');
const files = readdirSync(DIR).filter((name) => name.endsWith('.html')).sort();

/** Decodes as a browser would: by the page's declared charset. */
function readPage(name: string, dir = DIR): string {
  const bytes = readFileSync(join(dir, name));
  const head = bytes.subarray(0, 4096).toString('latin1');
  const charset = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8';
  return new TextDecoder(charset).decode(bytes);
}

function parse(html: string, url: string): Document {
  // The base makes relative links resolve against the page's real address, as in the tab.
  const withBase = html.replace(/<head(\s[^>]*)?>/i, (head) => `${head}<base href="${url}">`);
  return new DOMParser().parseFromString(withBase, 'text/html');
}

function urlOf(html: string, name: string): string {
  return /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? `https://pages.example/${name}`;
}

/** What each page must be, and a phrase of its body that must be read. */
const EXPECTED: Record<string, { kind: 'article' | 'link'; title: RegExp; text?: string }> = {
  'blog-marathon-diary.html': { kind: 'article', title: /Berlin marathon training diary/, text: 'Fuelling is a skill' },
  'blog-pricing-consultants.html': { kind: 'article', title: /stopped charging by the hour/, text: 'three options in every proposal' },
  'blog-remote-team.html': { kind: 'article', title: /one-on-ones for remote teams/, text: 'what gave you energy this week' },
  'blog-sailing-croatia.html': { kind: 'article', title: /Dalmatian coast/, text: 'the bora arrived' },
  'blog-sourdough.html': { kind: 'article', title: /sourdough starter/i, text: 'nail polish remover' },
  'docs-api-webhooks.html': { kind: 'article', title: /Verify webhook signatures/, text: 'constant-time comparison' },
  'docs-git-rebase.html': { kind: 'article', title: /^Rebasing$/, text: 'golden rule' },
  'docs-http-caching.html': { kind: 'article', title: /HTTP caching/, text: 'If-None-Match' },
  'docs-postgres-index.html': { kind: 'article', title: /Partial indexes/, text: 'predicate of the partial index' },
  'latin1-wiener-kaffeehaus.html': { kind: 'article', title: /Wiener Kaffeehauskultur/, text: 'Für den Preis eines Kaffees kauft man Zeit' },
  'longform-lighthouse.html': { kind: 'article', title: /last lighthouse keepers/, text: 'four hours on and eight off' },
  'longform-soil.html': { kind: 'article', title: /rebuilding their soil/, text: 'spade test' },
  'longform-typography.html': { kind: 'article', title: /line length/, text: 'forty-five to seventy-five characters' },
  'news-chip-plant.html': { kind: 'article', title: /Chipmaker delays Ohio plant/, text: 'not start production before 2031' },
  'news-city-bikes.html': { kind: 'article', title: /protected bike lanes/, text: 'concrete kerbs' },
  'news-ecb-rates.html': { kind: 'article', title: /ECB holds interest rates/, text: 'Services prices' },
  'news-heatwave-de.html': { kind: 'article', title: /Hitzewelle/, text: 'Nachbarschaftspaten' },
  'news-short-brief.html': { kind: 'article', title: /library extends weekend/, text: 'reading mornings' },
  'nonarticle-app.html': { kind: 'link', title: /Q4 planning/ },
  'nonarticle-home.html': { kind: 'link', title: /Metro Daily/ },
  'nonarticle-search.html': { kind: 'link', title: /marathon training plan/ },
  'notitle-field-guide.html': { kind: 'article', title: /Chanterelles/, text: 'false chanterelle' },
  'running-marathon-training.html': { kind: 'article', title: /^How to train for your first marathon without getting hurt$/, text: 'Week nine, and how to get through it' },
};

describe('the article corpus', () => {
  it('has at least 20 pages, each with an expectation', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.filter((name) => !EXPECTED[name])).toEqual([]);
  });

  it.each(files)('%s: a title and readable text', (name) => {
    const html = readPage(name);
    const url = urlOf(html, name);
    const doc = parse(html, url);
    const before = doc.documentElement.outerHTML;
    const page = Extraction.parse(extractPage(doc, url));
    const expected = EXPECTED[name]!;
    // Readability ran on a clone: the page is untouched.
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(page.title).toMatch(expected.title);
    expect(page.title).not.toMatch(/\|/);
    expect(page.kind).toBe(expected.kind);
    if (expected.kind === 'article') {
      // The news brief is short (91 words) and still an article.
      expect(page.words).toBeGreaterThan(60);
      expect(page.readingMinutes).toBeGreaterThanOrEqual(1);
      const clean = sanitizeArticleHtml(page.contentHtml);
      const text = new DOMParser().parseFromString(clean, 'text/html').body.textContent!.replace(/\s+/g, ' ');
      expect(text).toContain(expected.text);
      // The site's chrome stayed behind.
      expect(text).not.toMatch(/Accept all|Subscribe for €1|Post comment|Was this page helpful|Most read|cookies for analytics/);
      expect(clean).not.toMatch(/<script|<form|\son\w+=|javascript:/i);
      // What the extraction hands over (and the popup stores) is sanitised already:
      // sanitising it again changes nothing.
      expect(page.contentHtml).toBe(clean);
    } else {
      expect(page.contentHtml).toBe('');
      expect(page.reason).toBe('not-an-article');
    }
    expect(canonicalUrlOf(page.url, page.declaredCanonical)).toMatch(/^https:\/\//);
  });

  it('reads the byline, site and description from metadata', () => {
    const html = readPage('running-marathon-training.html');
    const page = extractPage(parse(html, 'https://www.strideweekly.example/training/first-marathon-plan'), 'https://www.strideweekly.example/training/first-marathon-plan?utm_source=x');
    expect(page.site).toBe('Stride Weekly');
    expect(page.byline).toMatch(/Lena Hartmann/);
    expect(page.excerpt).toMatch(/sixteen-week plan/);
    expect(page.declaredCanonical[0]).toBe('https://www.strideweekly.example/training/first-marathon-plan');
    expect(page.text).toMatch(/marathon/);
  });
});

/**
 * Pages as the sites served them (tests/fixtures/articles/real-world, see SOURCE.md):
 * 14–340 KB each, with their navigation, ads, comments, inline scripts and styles,
 * in English, Spanish, French, Arabic, Chinese and Korean.
 */
describe('real-world pages', () => {
  const REAL = join(__dirname, '../fixtures/articles/real-world');
  const pages = JSON.parse(readFileSync(join(REAL, 'pages.json'), 'utf8')) as Record<string, { url: string; kind: 'article' | 'link'; title: string; text: string }>;
  const names = readdirSync(REAL).filter((name) => name.endsWith('.html')).sort();

  it('are at least 20, of every kind, each with an expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    expect(names.filter((name) => !pages[name])).toEqual([]);
    for (const kind of ['news-', 'blog-', 'docs-', 'longform-', 'nonarticle-']) expect(names.some((name) => name.startsWith(kind))).toBe(true);
  });

  /** What no article may keep: active content, handlers, script links, the site's styling. */
  const UNSAFE = /<(script|style|iframe|form|object|embed|svg)\b|\son\w+=|javascript:|\sstyle=|\sclass=/i;

  it.each(names)('%s: the story, without the site around it', (name) => {
    const expected = pages[name]!;
    const doc = parse(readPage(name, REAL), expected.url);
    const page = Extraction.parse(extractPage(doc, expected.url));
    expect(page.kind).toBe(expected.kind);
    expect(page.title).toMatch(new RegExp(expected.title));
    expect(page.text).not.toMatch(/background-repeat|function\s*\(|var \w+ ?=/);
    if (expected.kind === 'link') return;
    expect(page.words).toBeGreaterThan(250);
    // What is stored is clean as it stands; the reader page's second pass finds
    // nothing to remove (it may only re-nest what Readability built: a heading that
    // Readability left inside a paragraph parses out of it).
    expect(page.contentHtml).not.toMatch(UNSAFE);
    const shown = sanitizeArticleHtml(page.contentHtml);
    expect(sanitizeArticleHtml(shown)).toBe(shown);
    const textOf = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.textContent!.replace(/\s+/g, ' ');
    const text = textOf(shown);
    expect(text).toBe(textOf(page.contentHtml));
    expect(text).toContain(expected.text);
    expect(shown).not.toMatch(UNSAFE);
    for (const src of Array.from(new DOMParser().parseFromString(shown, 'text/html').images, (image) => image.getAttribute('src')!)) expect(src).toMatch(/^https:\/\//);
  });

  it('reads a Chinese story as an article, counting its characters as words', () => {
    const doc = parse(readPage('news-bbc-chinese.html', REAL), pages['news-bbc-chinese.html']!.url);
    const page = extractPage(doc, pages['news-bbc-chinese.html']!.url);
    expect(page.kind).toBe('article');
    // About 700 characters of Chinese: three minutes, not the one a count of spaces gives.
    expect(page.words).toBeGreaterThan(500);
    expect(page.readingMinutes).toBeGreaterThanOrEqual(2);
  });

  it('cuts the site or the author from the title, before or after it', () => {
    const title = (name: string) => extractPage(parse(readPage(name, REAL), pages[name]!.url), pages[name]!.url).title;
    expect(title('tech-techcrunch-zuckerberg.html')).toBe('2005 Zuckerberg Didn’t Want To Take Over The World');
    expect(title('news-telegraph-chilli.html')).toBe("World's hottest chilli contest leaves two in hospital");
    expect(title('news-politico-2012-map.html')).toBe('2012 map takes unfamiliar shape');
  });
});

describe('pages that are not ordinary articles', () => {
  it('a page with no title at all falls back to the address', () => {
    const doc = parse('<html><head></head><body><div>hello</div></body></html>', 'https://www.nothing.example/x');
    const page = extractPage(doc, 'https://www.nothing.example/x');
    expect(page.kind).toBe('link');
    expect(page.title).toBe('nothing.example');
  });

  it('a huge page (more elements than the cap) is saved as a link, without parsing', () => {
    const cells = '<span>x</span>'.repeat(MAX_ELEMENTS + 10);
    const doc = parse(`<html><head><title>Huge</title><meta name="description" content="Big"></head><body><p>${cells}</p></body></html>`, 'https://huge.example/');
    const page = extractPage(doc, 'https://huge.example/');
    expect(page).toMatchObject({ kind: 'link', reason: 'too-large', title: 'Huge', excerpt: 'Big', contentHtml: '' });
  });

  it('a PDF in the viewer is saved as a link', () => {
    const doc = parse('<html><head><title>report.pdf</title></head><body><embed type="application/pdf" src="about:blank"></body></html>', 'https://x.example/report.pdf');
    expect(extractPage(doc, 'https://x.example/report.pdf')).toMatchObject({ kind: 'link', reason: 'pdf', title: 'report.pdf' });
  });

  it('hostile metadata is bounded and validated', () => {
    const long = 'A'.repeat(10_000);
    const doc = parse(`<html><head><title>${long}</title><meta name="description" content="${long}"></head><body></body></html>`, 'https://x.example/');
    const page = Extraction.parse(extractPage(doc, 'https://x.example/'));
    expect(page.title.length).toBeLessThanOrEqual(500);
    expect(page.excerpt.length).toBeLessThanOrEqual(2000);
  });
});

describe('counting words for the reading time', () => {
  it('counts runs between spaces, hyphenated and accented words as one', () => {
    expect(countWords('  Ein Café, well-known —  since 1890.\n')).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('counts each Chinese or Japanese character, not their punctuation', () => {
    expect(countWords('梁振英道歉。')).toBe(5);
    expect(countWords('東京へ行きました、Tokyo')).toBe(9);
    // Korean spaces its words.
    expect(countWords('창의적 열정과 소통')).toBe(3);
  });
});
