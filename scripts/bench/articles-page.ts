/**
 * Bundled into an IIFE by scripts/bench-articles.mjs and added to each corpus page
 * in Chromium: the same extraction and sanitising code the extension runs (the
 * extraction script's extractPage, which sanitises the article as Readability
 * serialises it), beside a bare Readability parse (defaults, on a clone of the same
 * page) for comparison. The popup's second sanitising on Save, off the path to the
 * preview, is what breakdown() reports as `resanitize`.
 */
import { Readability } from '@mozilla/readability';
import { extractPage } from '../../lib/articles/extract';
import { sanitizeArticleElement, sanitizeArticleHtml } from '../../lib/articles/sanitize';

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

/**
 * Where Tend's time goes, for the current page (not part of the ratio): the parse as
 * Tend configures it (keepClasses, an article serialised as is), the same with
 * DOMPurify cleaning the article where it lies, and what the reader page pays to
 * sanitise the stored string again.
 */
export function breakdown() {
  const time = (fn: () => unknown) => {
    const start = performance.now();
    for (let i = 0; i < BATCH; i += 1) fn();
    return (performance.now() - start) / BATCH;
  };
  const page = extractPage(document, location.href);
  const parse = (serializer: (root: Element) => string) =>
    new Readability(document.cloneNode(true) as Document, { keepClasses: true, serializer: (root: Node) => serializer(root as Element) }).parse();
  const variants = {
    bare: () => new Readability(document.cloneNode(true) as Document).parse(),
    readability: () => parse((root) => root.innerHTML),
    sanitized: () => parse((root) => sanitizeArticleElement(root)),
    resanitize: () => sanitizeArticleHtml(page.contentHtml),
  };
  // Interleaved rounds, medians: drift (GC, frequency scaling) hits every variant alike.
  const samples: Record<keyof typeof variants, number[]> = { bare: [], readability: [], sanitized: [], resanitize: [] };
  for (let round = 0; round < 9; round += 1) {
    for (const name of Object.keys(variants) as (keyof typeof variants)[]) samples[name].push(time(variants[name]));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    bare: median(samples.bare),
    readability: median(samples.readability),
    sanitize: median(samples.sanitized) - median(samples.readability),
    resanitize: page.contentHtml ? median(samples.resanitize) : 0,
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
