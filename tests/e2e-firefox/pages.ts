/**
 * Puppeteer helpers for Tend's pages in Firefox that need no test runner, so the
 * Firefox bench (scripts/bench/firefox.ts) uses them too: raw BiDi commands, the
 * sidebar frame in a mail page, extension pages.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { EXTENSION_ORIGIN } from './firefox';

/**
 * Raw WebDriver BiDi commands, for what puppeteer does not wrap (the browser's own
 * window, navigating without waiting). puppeteer's BiDi browser has the connection;
 * its types do not list it.
 */
export function bidi(browser: Browser): { send(method: string, params: object): Promise<unknown> } {
  const connection = (browser as unknown as { connection?: { send(method: string, params: object): Promise<unknown> } }).connection;
  if (!connection) throw new Error('bidi: not a WebDriver BiDi browser');
  return connection;
}

/**
 * The sidebar's frame inside a mail page. Its host element sits in a closed shadow
 * root; BiDi lists the frame anyway. Found by its document's address (puppeteer
 * reports such a frame's URL as about:blank).
 */
export async function sidebarFrame(page: Page, { timeout = 15_000 }: { timeout?: number } = {}): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(`${EXTENSION_ORIGIN}/sidebar.html`)) {
        await frame.waitForFunction(() => document.readyState !== 'loading' && document.querySelector('main, [role=main], body > div > *'), { timeout: 10_000 });
        return frame;
      }
    }
    if (Date.now() > deadline) throw new Error(`sidebarFrame: no sidebar.html frame in ${page.url()} within ${timeout} ms`);
    await sleep(100);
  }
}

/** Opens an extension page (e.g. `dashboard.html`) in a new tab. */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await gotoExtensionPage(page, path);
  return page;
}

/**
 * Loads an extension page in `page`. Not `page.goto`: Firefox sends BiDi no
 * navigation events for moz-extension documents, so puppeteer would wait for a
 * load it never hears of. The document is polled instead.
 */
export async function gotoExtensionPage(page: Page, path: string, { timeout = 10_000 }: { timeout?: number } = {}): Promise<void> {
  const url = `${EXTENSION_ORIGIN}/${path.replace(/^\/+/, '')}`;
  // The page cannot navigate itself to a moz-extension URL; BiDi can, not waiting.
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  await bidi(page.browser()).send('browsingContext.navigate', { context, url, wait: 'none' });
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await page.evaluate(() => [location.href, document.readyState] as const).catch(() => ['', ''] as const);
    if (state[0] === url && state[1] === 'complete') return;
    if (Date.now() > deadline) throw new Error(`gotoExtensionPage: ${url} did not load within ${timeout} ms (at ${state[0]}, ${state[1]})`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
