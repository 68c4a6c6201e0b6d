/**
 * Bundled into an IIFE by scripts/bench-articles.mjs and added to each corpus page
 * in Chromium: the same extraction and sanitising code the extension runs (the
 * extraction script's extractPage, which sanitises the article as Readability
 * serialises it; the popup stores that string as is), beside a bare Readability
 * parse (defaults, on a clone of the same page) for comparison.
 */
import { Readability, isProbablyReaderable } from '@mozilla/readability';
import { extractPage } from '../../lib/articles/extract';
import { sanitizeArticleHtml } from '../../lib/articles/sanitize';

/** Each sample times this many calls: the page's clock is coarse (0.1 ms). */
const BATCH = 10;

function bare(): number {
  const start = performance.now();
  for (let i = 0; i < BATCH; i += 1) new Readability(document.cloneNode(true) as Document).parse();
  return (performance.now() - start) / BATCH;
}

function full(): { ms: number; kind: string } {
  let kind = '';
  const start = performance.now();
  for (let i = 0; i < BATCH; i += 1) {
    kind = extractPage(document, location.href).kind;
  }
  return { ms: (performance.now() - start) / BATCH, kind };
}

/** Where Tend's extra time goes, for one page (not part of the ratio). */
export function breakdown() {
  const time = (fn: () => unknown) => {
    const start = performance.now();
    for (let i = 0; i < BATCH; i += 1) fn();
    return (performance.now() - start) / BATCH;
  };
  const page = extractPage(document, location.href);
  return {
    extract: time(() => extractPage(document, location.href)),
    // Not on the save path any more: what the reader page pays to sanitise again.
    sanitize: time(() => sanitizeArticleHtml(page.contentHtml)),
    readerable: time(() => isProbablyReaderable(document)),
    bare: time(() => new Readability(document.cloneNode(true) as Document).parse()),
  };
}

/** Alternates the two so drift (GC, frequency scaling) hits both alike. */
function run(times: number, warmup: number) {
  const bareMs: number[] = [];
  const fullMs: number[] = [];
  let kind = '';
  for (let i = 0; i < warmup + times; i += 1) {
    const b = bare();
    const f = full();
    kind = f.kind;
    if (i >= warmup) {
      bareMs.push(b);
      fullMs.push(f.ms);
    }
  }
  return { bareMs, fullMs, kind };
}

(globalThis as unknown as { __tendBench: typeof run; __tendBreakdown: typeof breakdown }).__tendBench = run;
(globalThis as unknown as { __tendBreakdown: typeof breakdown }).__tendBreakdown = breakdown;
