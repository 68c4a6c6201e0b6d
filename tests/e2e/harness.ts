/**
 * The end-to-end harness: the built extension (.output/chrome-mv3) loaded into
 * Debian's Chromium, with every network request blocked unless a test serves it.
 *
 * Why it looks like this:
 * - Playwright's own browser download does not work on these machines, so we launch
 *   the system Chromium ourselves (`CHROMIUM_PATH`, default /usr/bin/chromium).
 * - Extensions only load into a persistent context, so `context` is overridden and a
 *   fresh profile directory is made (and removed) for every test.
 * - Gmail and Outlook are served offline at their real URLs, so the content scripts'
 *   `matches` decide injection exactly as on the real sites.
 * - Some things only the DevTools protocol can do (press the toolbar button, stop the
 *   service worker), so Chromium also listens on a free local debugging port.
 */
import { test as base, chromium, expect } from '@playwright/test';
import type {
  Browser,
  BrowserContext,
  CDPSession,
  Frame,
  Page,
  Route,
  Worker,
} from '@playwright/test';
import type { Browser as WebExt } from 'wxt/browser';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, extensionLaunchArgs } from './chromium';
import { addServed, findServed, type ServedEntry, type ServedResponse } from './served';

export type { ServedResponse };

// ---------------------------------------------------------------------------------
// Paths and constants
// ---------------------------------------------------------------------------------

/** Repository root (this file is tests/e2e/harness.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The Chromium build of the extension, as `npm run build` writes it (into TEND_OUT_DIR when set). */
export const EXTENSION_DIR = join(REPO_ROOT, process.env.TEND_OUT_DIR || '.output', 'chrome-mv3');
/** Debian's Chromium unless the environment names another binary. */
export { CHROMIUM_PATH };

/** Gmail enforces Trusted Types; its fixtures are served with this policy. */
export const GMAIL_CSP = "require-trusted-types-for 'script'";
/** Where a Gmail fixture is usually opened (any mail.google.com URL is served). */
export const GMAIL_INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
/** The Outlook on the web hosts Tend supports (kept apart from lib/ on purpose: the
 * tests should notice if the product stops covering one of them). */
export const OUTLOOK_HOSTS = [
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  'outlook.cloud.microsoft',
] as const;
export type OutlookHost = (typeof OUTLOOK_HOSTS)[number];

/** The `chrome` global as seen inside the service worker, for `worker.evaluate`
 * callbacks (they run in the browser; this only types them). */
export type Chrome = typeof WebExt;
declare const chrome: Chrome;

// ---------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------

export interface TendFixtures {
  /** A persistent Chromium context with the extension loaded and the network guarded. */
  context: BrowserContext;
  /** The first tab of that context (reused rather than opening a second one). */
  page: Page;
  /** The 32-letter id Chromium gave the unpacked extension. */
  extensionId: string;
  /** The extension's service worker as it was when the test started. Across a stop
   * this handle may hang or die: use `currentWorker` / `wakeServiceWorker`. */
  serviceWorker: Worker;
  /** A browser-level DevTools protocol session (Target.*, Extensions.*). */
  cdp: CDPSession;
}

/** Debugging port of each context we launched (needed to connect over CDP again). */
const debuggingPorts = new WeakMap<BrowserContext, number>();
/** Per CDP session: its port and the extra connections opened for popups. */
const cdpConnections = new WeakMap<CDPSession, { port: number; extra: Browser[] }>();

export const test = base.extend<TendFixtures>({
  // Overrides Playwright's own context: extensions need launchPersistentContext.
  context: async ({}, use) => {
    assertExtensionBuilt();
    const userDataDir = await mkdtemp(join(tmpdir(), 'tend-e2e-profile-'));
    const port = await freePort();
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          ...extensionLaunchArgs(EXTENSION_DIR),
          // For pressToolbarButton / stopServiceWorker (Extensions.* needs the second flag).
          `--remote-debugging-port=${port}`,
          '--enable-unsafe-extension-debugging',
        ],
      });
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      if (!existsSync(CHROMIUM_PATH)) {
        throw new Error(
          `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) ` +
            'or set CHROMIUM_PATH.',
        );
      }
      throw error;
    }
    debuggingPorts.set(context, port);
    await installNetworkGuard(context);
    try {
      await use(context);
    } finally {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    }
  },

  page: async ({ context }, use) => {
    await use(context.pages()[0] ?? (await context.newPage()));
  },

  serviceWorker: async ({ context }, use) => {
    const isExtensionWorker = (worker: Worker) => worker.url().startsWith('chrome-extension://');
    let worker = context.serviceWorkers().find(isExtensionWorker);
    if (!worker) {
      worker = await context
        .waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: 15_000 })
        .catch(() => {
          throw new Error(
            `The extension's service worker did not start within 15 s. Is ${EXTENSION_DIR} ` +
              'a complete build with a background entrypoint?',
          );
        });
    }
    await use(worker);
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },

  cdp: async ({ context }, use) => {
    const port = debuggingPorts.get(context);
    if (port === undefined) throw new Error('cdp fixture: context was not launched by the harness');
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const session = await browser.newBrowserCDPSession();
    const connection = { port, extra: [] as Browser[] };
    cdpConnections.set(session, connection);
    try {
      await use(session);
    } finally {
      // These are CDP connections to the test's browser: closing them disconnects,
      // the context fixture closes the browser itself.
      for (const extra of connection.extra) await extra.close().catch(() => {});
      await browser.close().catch(() => {});
    }
  },
});

export { expect };

function assertExtensionBuilt(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${EXTENSION_DIR} (manifest.json is missing): run npm run build first.`,
    );
  }
}

/** A local TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not get a free port'));
      });
    });
  });
}

// ---------------------------------------------------------------------------------
// Network: nothing leaves the machine unless a test serves it
// ---------------------------------------------------------------------------------

export interface ServeOptions {
  /** `prefix`: every URL starting with `url`; `exact`: that URL (the #fragment is
   * ignored, it never reaches the network). Default `exact`. */
  match?: 'prefix' | 'exact';
}

interface NetworkState {
  served: Map<string, ServedEntry>;
  blocked: string[];
}

const networkStates = new WeakMap<BrowserContext, NetworkState>();

/**
 * Routes every request of the context through the served table; whatever is not in
 * it is aborted and recorded. The table is looked up per request, so a test can
 * change what a URL returns at any time. The context fixture calls this; call it
 * yourself only for a context you launched another way.
 */
export async function installNetworkGuard(context: BrowserContext): Promise<void> {
  if (networkStates.has(context)) return;
  const state: NetworkState = { served: new Map(), blocked: [] };
  networkStates.set(context, state);
  await context.route('**/*', (route) => handleRequest(route, state));
  // WebSockets are not seen by route(): close them unanswered.
  await context.routeWebSocket(/.*/, (ws) => {
    state.blocked.push(`WEBSOCKET ${ws.url()}`);
    void ws.close();
  });
}

async function handleRequest(route: Route, state: NetworkState): Promise<void> {
  const request = route.request();
  const url = request.url();
  // Extension pages, data: and blob: URLs never touch the network.
  if (!/^https?:/i.test(url)) {
    await route.continue();
    return;
  }
  const entry = findServed(state.served.values(), url);
  if (entry && (!entry.documentsOnly || request.resourceType() === 'document')) {
    await route.fulfill({
      status: entry.status ?? 200,
      contentType: entry.contentType ?? 'text/html; charset=utf-8',
      headers: entry.headers,
      body: entry.body,
    });
    return;
  }
  state.blocked.push(`${request.method()} ${url}`);
  await route.abort('blockedbyclient');
}

function networkState(context: BrowserContext): NetworkState {
  const state = networkStates.get(context);
  if (!state) throw new Error('This context has no network guard (use the harness context fixture).');
  return state;
}

/** Serves (or re-serves, replacing the previous answer) `url`. Returns `url`. */
export function serve(
  context: BrowserContext,
  url: string,
  response: ServedResponse,
  options: ServeOptions = {},
): string {
  addServed(networkState(context).served, url, response, options.match ?? 'exact');
  return url;
}

/** Stops serving `url` (both an exact and a prefix entry); it is blocked again. */
export function unserve(context: BrowserContext, url: string): void {
  const { served } = networkState(context);
  const bare = url.split('#')[0];
  served.delete(`exact ${bare}`);
  served.delete(`prefix ${bare}`);
}

/** Every request the guard refused so far ("METHOD url"), to assert that the
 * extension called nothing outside. */
export function blockedRequests(context: BrowserContext): readonly string[] {
  return networkState(context).blocked;
}

export interface MailServeOptions {
  /** The page's Content-Security-Policy; `false` sends none. */
  csp?: string | false;
  /** Extra response headers. */
  headers?: Record<string, string>;
}

/**
 * Serves `html` as every Gmail document (https://mail.google.com/**), with Gmail's
 * Trusted Types enforcement unless `opts.csp` says otherwise. Call again to change
 * what the next load gets. Returns the inbox URL to open.
 */
export function serveGmail(context: BrowserContext, html: string, opts: MailServeOptions = {}): string {
  serve(
    context,
    'https://mail.google.com/',
    { body: html, documentsOnly: true, headers: mailHeaders(opts.csp ?? GMAIL_CSP, opts.headers) },
    { match: 'prefix' },
  );
  return GMAIL_INBOX_URL;
}

/**
 * Serves `html` as every document of one Outlook on the web host (no CSP unless
 * `opts.csp` gives one). Returns https://<host>/mail/ to open.
 */
export function serveOutlook(
  context: BrowserContext,
  host: OutlookHost,
  html: string,
  opts: MailServeOptions = {},
): string {
  if (!(OUTLOOK_HOSTS as readonly string[]).includes(host)) {
    throw new Error(`serveOutlook: ${host} is not one of ${OUTLOOK_HOSTS.join(', ')}`);
  }
  serve(
    context,
    `https://${host}/`,
    { body: html, documentsOnly: true, headers: mailHeaders(opts.csp ?? false, opts.headers) },
    { match: 'prefix' },
  );
  return `https://${host}/mail/`;
}

/** Serves `html` at exactly `url` (e.g. an article to save). Returns `url`. */
export function servePage(
  context: BrowserContext,
  url: string,
  html: string,
  opts: MailServeOptions = {},
): string {
  return serve(context, url, { body: html, headers: mailHeaders(opts.csp ?? false, opts.headers) });
}

function mailHeaders(csp: string | false, extra: Record<string, string> = {}): Record<string, string> {
  return csp === false ? { ...extra } : { 'Content-Security-Policy': csp, ...extra };
}

// ---------------------------------------------------------------------------------
// Trusted Types and single-page-app navigation
// ---------------------------------------------------------------------------------

export interface CspViolation {
  /** `event`: a securitypolicyviolation event in the page (main world, any frame);
   * `console`: a Trusted Types error Chromium logged (also catches sinks used where
   * no event listener of ours runs). One violation may appear once from each. */
  source: 'event' | 'console';
  /** e.g. `require-trusted-types-for` (events only). */
  directive?: string;
  blockedURI?: string;
  sample?: string;
  sourceFile?: string;
  lineNumber?: number;
  text?: string;
  frameUrl: string;
}

export interface TrustedTypesWatch {
  /** Filled live as violations happen. */
  readonly violations: CspViolation[];
  /** Lets pending violation reports arrive, then returns `violations`. */
  settle(): Promise<CspViolation[]>;
}

const watchedPages = new WeakMap<Page, TrustedTypesWatch>();

/**
 * Collects every CSP violation (on Gmail fixtures the only policy is Trusted Types)
 * of `page` and its frames. Call before `page.goto`: the listener is installed at
 * document start of each load, so it sees violations from the first script on.
 * Calling it again for the same page returns the same watch.
 */
export async function watchTrustedTypes(page: Page): Promise<TrustedTypesWatch> {
  const existing = watchedPages.get(page);
  if (existing) return existing;
  const violations: CspViolation[] = [];
  const watch: TrustedTypesWatch = {
    violations,
    async settle() {
      // Violation events are queued tasks and reach us through a binding: give both
      // a moment before the test asserts.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))).catch(() => {});
      await page.waitForTimeout(50);
      return violations;
    },
  };
  watchedPages.set(page, watch);

  // A binding (not a page-world array) so reports survive reloads and cannot be
  // overwritten by the page.
  await page.exposeBinding('__tendReportCspViolation', ({ frame }, report: Omit<CspViolation, 'source' | 'frameUrl'>) => {
    violations.push({ source: 'event', frameUrl: frame.url(), ...report });
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __tendReportCspViolation?: (r: unknown) => void })
      .__tendReportCspViolation;
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        report?.({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sample: event.sample,
          sourceFile: event.sourceFile,
          lineNumber: event.lineNumber,
        }),
      true,
    );
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /trusted ?types?|TrustedHTML|TrustedScript/i.test(text)) {
      violations.push({ source: 'console', text, frameUrl: message.location().url ?? page.url() });
    }
  });
  return watch;
}

let fixturePolicyCount = 0;

/**
 * Replaces the contents of the element matching `selector` with `html`, in the page
 * world, through a freshly named Trusted Types policy (`fixture-<n>`), so that the
 * swap itself is never a violation on a Trusted Types page. Used to change the open
 * conversation after an SPA navigation.
 */
export async function setHtmlUnderTrustedTypes(
  page: Page | Frame,
  selector: string,
  html: string,
): Promise<void> {
  fixturePolicyCount += 1;
  const policyName = `fixture-${fixturePolicyCount}`;
  await page.evaluate(
    ({ selector, html, policyName }) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`setHtmlUnderTrustedTypes: nothing matches ${selector}`);
      type Policy = { createHTML(input: string): string };
      const trustedTypes = (window as unknown as {
        trustedTypes?: { createPolicy(name: string, rules: { createHTML(s: string): string }): Policy };
      }).trustedTypes;
      element.innerHTML = trustedTypes
        ? trustedTypes.createPolicy(policyName, { createHTML: (s) => s }).createHTML(html)
        : html;
    },
    { selector, html, policyName },
  );
}

/**
 * Gmail-style navigation: sets `location.hash` (with or without the leading #) and
 * waits for the `hashchange` event. Swap the conversation afterwards with
 * setHtmlUnderTrustedTypes, as Gmail renders after the hash changes.
 */
export async function navigateGmailHash(page: Page, hash: string): Promise<void> {
  await page.evaluate(async (hash) => {
    const target = hash.startsWith('#') ? hash : `#${hash}`;
    if (location.hash === target) return;
    await new Promise<void>((resolve) => {
      window.addEventListener('hashchange', () => resolve(), { once: true });
      location.hash = target;
    });
  }, hash);
}

/**
 * Outlook-style navigation: `history.pushState` to `path` (no popstate fires, as in
 * the real app). Swap the reading pane afterwards.
 */
export async function outlookPushState(page: Page, path: string): Promise<void> {
  await page.evaluate((path) => history.pushState({}, '', path), path);
}

// ---------------------------------------------------------------------------------
// Service worker and toolbar badge
// ---------------------------------------------------------------------------------

/** The global toolbar button tooltip (the badge's explanation). */
export async function actionTitle(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getTitle({}));
}

/** The global badge text (what a tab without its own text shows). */
export async function badgeText(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** The badge text of one tab. */
export async function badgeTextForTab(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), tabId);
}

/**
 * The extension-side tab id of `page`. Tend has no `tabs` permission, so the worker
 * cannot find a tab by URL; instead the page is brought to the front and the worker
 * asks for the active tab of the page's window (Browser.getWindowForTarget gives the
 * same window id the extension APIs use). Bringing a tab to the front fires
 * tabs.onActivated, as a person switching tabs would.
 */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  const session = await page.context().newCDPSession(page);
  let windowId: number;
  try {
    ({ windowId } = await session.send('Browser.getWindowForTarget'));
  } finally {
    await session.detach().catch(() => {});
  }
  const ids = await worker.evaluate(
    async (windowId) => (await chrome.tabs.query({ windowId, active: true })).map((tab) => tab.id),
    windowId,
  );
  const [id] = ids;
  if (ids.length !== 1 || id === undefined) {
    throw new Error(`tabIdOf: expected one active tab in window ${windowId}, got ${JSON.stringify(ids)}`);
  }
  return id;
}

/** The manifest as the running extension sees it. */
export async function manifestOf(worker: Worker): Promise<WebExt.runtime.Manifest> {
  return worker.evaluate(() => chrome.runtime.getManifest());
}

/**
 * A live handle on the extension's service worker, waiting up to `timeout` for one.
 *
 * After a stop, Chromium 156 + Playwright 1.65 restart the worker under the same
 * target and Playwright keeps the same Worker handle: while the worker is stopped its
 * evaluate() hangs (it does not reject), and once a fresh worker runs it answers again,
 * with fresh memory. Other versions report a new `serviceworker` event instead and the
 * old handle stays dead. This handles both: it probes every known handle and any new
 * one until one answers. Probing does not start the worker: do what wakes it (see
 * wakeServiceWorker) before or while awaiting this.
 */
export async function currentWorker(
  context: BrowserContext,
  extensionId: string,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<Worker> {
  const isOurs = (worker: Worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`);
  const seen = new Set<Worker>();
  const onWorker = (worker: Worker) => void (isOurs(worker) && seen.add(worker));
  // Listen first, so a worker starting while we probe is not missed.
  context.on('serviceworker', onWorker);
  try {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      for (const worker of [...seen, ...context.serviceWorkers().filter(isOurs)]) {
        if (await isAlive(worker)) return worker;
      }
      await sleep(100);
    }
  } finally {
    context.off('serviceworker', onWorker);
  }
  throw new Error(
    `No running service worker for ${extensionId} within ${timeout} ms. ` +
      'Trigger something that starts it (wakeServiceWorker, a message, an extension page).',
  );
}

/** True if the worker answers within `ms` (a stopped worker's evaluate just hangs). */
async function isAlive(worker: Worker, ms = 500): Promise<boolean> {
  const probe = worker.evaluate(() => true).catch(() => false);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([probe, timeout]);
}

/**
 * Starts the extension's service worker if it is stopped, the way any extension event
 * does, and returns a live handle. It sends a runtime message (not an envelope Tend
 * knows, so the background ignores it) from the extension's manifest.json opened in a
 * throwaway tab: an extension-origin document that runs none of Tend's own code.
 */
export async function wakeServiceWorker(
  context: BrowserContext,
  extensionId: string,
  { timeout = 15_000 }: { timeout?: number } = {},
): Promise<Worker> {
  const page = await context.newPage();
  try {
    // `commit`: the JSON viewer document never reports `load` here.
    await page.goto(`chrome-extension://${extensionId}/manifest.json`, { waitUntil: 'commit' });
    await page.evaluate(() => {
      const runtime = (globalThis as unknown as { chrome: Chrome }).chrome.runtime;
      // No answer is expected; the message only has to be dispatched.
      runtime.sendMessage({ type: 'tend-e2e-wake' }).catch(() => {});
    });
    return await currentWorker(context, extensionId, { timeout });
  } finally {
    await page.close().catch(() => {});
  }
}

async function serviceWorkerTargets(cdp: CDPSession, extensionId: string) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(extensionId));
}

/**
 * Stops the extension's service worker the way Chrome's idle timeout does, so a test
 * can show nothing depends on its memory. Resolves once the target is gone. Until
 * the next event starts a fresh worker, evaluate() on a worker handle hangs; get a
 * live one with currentWorker or wakeServiceWorker. The toolbar badge lives in the
 * browser and survives.
 */
export async function stopServiceWorker(
  cdp: CDPSession,
  extensionId: string,
  { timeout = 10_000 }: { timeout?: number } = {},
): Promise<void> {
  let targets = await serviceWorkerTargets(cdp, extensionId);
  if (targets.length === 0) throw new Error(`stopServiceWorker: no running service worker for ${extensionId}`);
  const deadline = Date.now() + timeout;
  let askedAt = 0;
  while (targets.length > 0) {
    if (Date.now() > deadline) throw new Error(`stopServiceWorker: the worker was still running after ${timeout} ms`);
    // Asked again every two seconds: a worker still starting up (on a busy machine)
    // can let a close request pass and go on running.
    if (Date.now() - askedAt > 2_000) {
      askedAt = Date.now();
      for (const target of targets) await cdp.send('Target.closeTarget', { targetId: target.targetId }).catch(() => {});
    }
    await sleep(100);
    targets = await serviceWorkerTargets(cdp, extensionId);
  }
}

// ---------------------------------------------------------------------------------
// Toolbar button, popup, sidebar frame, extension pages
// ---------------------------------------------------------------------------------

/**
 * Presses the extension's toolbar button on the tab showing `pageUrl`, as a person
 * would (it grants `activeTab` to that tab), and returns the popup page.
 *
 * The popup does not belong to the persistent context Playwright launched, so it is
 * found through a second CDP connection made after it opened; that connection stays
 * open until the `cdp` fixture is torn down.
 */
export async function pressToolbarButton(
  cdp: CDPSession,
  extensionId: string,
  pageUrl: string,
  { timeout = 10_000 }: { timeout?: number } = {},
): Promise<Page> {
  const connection = cdpConnections.get(cdp);
  if (!connection) throw new Error('pressToolbarButton: use the cdp fixture of the harness');

  // A `tab` target is required: Extensions.triggerAction refuses a `page` target id.
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === pageUrl);
  if (!tab) {
    throw new Error(
      `pressToolbarButton: no tab at ${pageUrl} (tabs: ${targetInfos.map((t) => t.url).join(', ') || 'none'})`,
    );
  }
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  return waitForSavePopup(cdp, extensionId, { timeout });
}

/**
 * The extension's popup.html once it is open, whether as the toolbar popup (not
 * among the persistent context's pages: found over a second CDP connection) or as
 * a popup window (the context menu's way for links).
 */
export async function waitForSavePopup(
  cdp: CDPSession,
  extensionId: string,
  { timeout = 10_000 }: { timeout?: number } = {},
): Promise<Page> {
  const connection = cdpConnections.get(cdp);
  if (!connection) throw new Error('waitForSavePopup: use the cdp fixture of the harness');
  const isPopup = (page: Page) => {
    const url = page.url();
    return url.startsWith(`chrome-extension://${extensionId}/`) && new URL(url).pathname.endsWith('popup.html');
  };
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${connection.port}`);
    // Give the new connection a moment to attach to a popup that is still opening.
    for (let i = 0; i < 10; i += 1) {
      const popup = browser.contexts().flatMap((c) => c.pages()).find(isPopup);
      if (popup) {
        connection.extra.push(browser);
        await popup.waitForLoadState('domcontentloaded');
        return popup;
      }
      await sleep(100);
    }
    await browser.close().catch(() => {});
  }
  throw new Error(`waitForSavePopup: no popup.html of ${extensionId} opened within ${timeout} ms`);
}

/**
 * The sidebar's frame inside a mail page. Its host element sits in a closed shadow
 * root, so frame locators cannot reach it, but page.frames() lists it.
 */
export async function sidebarFrame(page: Page, { timeout = 15_000 }: { timeout?: number } = {}): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/sidebar.html'));
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `sidebarFrame: no /sidebar.html frame in ${page.url()} within ${timeout} ms ` +
          `(frames: ${page.frames().map((f) => f.url()).join(', ')})`,
      );
    }
    await sleep(100);
  }
}

/** Opens an extension page (e.g. `dashboard.html`) in a new tab of the context. */
export async function openExtensionPage(
  context: BrowserContext,
  extensionId: string,
  path: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\/+/, '')}`);
  return page;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
