/**
 * The Firefox end-to-end harness: the built extension (.output/firefox-mv3) in
 * Debian's Firefox ESR, driven over WebDriver BiDi (puppeteer-core), with the web
 * served offline (./firefox.ts). Playwright's runner runs the tests; puppeteer
 * drives the browser, because Playwright cannot load an extension into Firefox.
 *
 * Pages are found and clicked by role and accessible name, as in the Chromium suite,
 * with a small query (`findByRoleInPage`) run inside the page: puppeteer's ARIA selectors
 * need the CDP accessibility tree, which Firefox does not have.
 */
import { test as base, expect } from '@playwright/test';
import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';
import { EXTENSION_ORIGIN, GECKO_ID, launchFirefoxWithTend, type OfflineWeb, type ServedResponse } from './firefox';
import { bidi, openExtensionPage } from './pages';
import { readObjectStore } from '../e2e/read-store';

export { bidi, gotoExtensionPage, openExtensionPage, sidebarFrame, sleep } from './pages';

export { expect, EXTENSION_ORIGIN };

export const GMAIL_INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
export const GMAIL_CSP = "require-trusted-types-for 'script'";
export const OUTLOOK_HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'] as const;
export type OutlookHost = (typeof OUTLOOK_HOSTS)[number];

export interface FirefoxFixtures {
  /** Firefox, with Tend installed (named so as not to shadow Playwright's own `browser`). */
  firefox: Browser;
  /** The first tab (named so as not to shadow Playwright's own `page`). */
  tab: Page;
  web: OfflineWeb;
  /** The folder Firefox saves downloads to in this profile. */
  downloads: string;
  /** The browser's own window (toolbar, menus, popup panel), scripted over BiDi. */
  chrome: BrowserChrome;
}

export const test = base.extend<FirefoxFixtures & { session: Awaited<ReturnType<typeof launchFirefoxWithTend>> }>({
  session: async ({}, use) => {
    const session = await launchFirefoxWithTend();
    try {
      await use(session);
    } finally {
      await session.close();
    }
  },
  firefox: async ({ session }, use) => use(session.browser),
  web: async ({ session }, use) => use(session.web),
  downloads: async ({ session }, use) => use(session.downloads),
  tab: async ({ firefox }, use) => use((await firefox.pages())[0] ?? (await firefox.newPage())),
  chrome: async ({ firefox }, use) => use(await BrowserChrome.attach(firefox)),
});

// ---------------------------------------------------------------------------------
// Serving the mail hosts and articles
// ---------------------------------------------------------------------------------

export function serveGmail(web: OfflineWeb, html: string): string {
  web.serve('https://mail.google.com/', { body: html, documentsOnly: true, headers: { 'Content-Security-Policy': GMAIL_CSP } }, { match: 'prefix' });
  return GMAIL_INBOX_URL;
}

export function serveOutlook(web: OfflineWeb, host: OutlookHost, html: string): string {
  web.serve(`https://${host}/`, { body: html, documentsOnly: true }, { match: 'prefix' });
  return `https://${host}/mail/`;
}

export function servePage(web: OfflineWeb, url: string, html: string, response: Partial<ServedResponse> = {}): string {
  return web.serve(url, { body: html, ...response });
}

// ---------------------------------------------------------------------------------
// Finding things by role and name, inside a page or frame
// ---------------------------------------------------------------------------------

/** A name to match: the exact accessible name, or a pattern. */
export type NameMatch = string | RegExp;
type WireName = { exact: string } | { source: string; flags: string };
const wire = (name: NameMatch | undefined): WireName | null =>
  name === undefined ? null : typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags };

export interface RoleQuery {
  role: string;
  name?: NameMatch;
  /** Only inside the first element with this role and name. */
  within?: { role: string; name?: NameMatch };
}

/**
 * The query itself. Self-contained (puppeteer sends its source into the page, and
 * the popup's frame script gets the same source), so no closures and no `eval`:
 * extension pages' CSP forbids it. Implicit roles cover what Tend's pages use.
 */
function findByRoleInPage(query: WireQuery, mode: 'first' | 'count', doc: Document = document): Element | null | number {
  const implicit: Record<string, string> = {
    button: 'button, input[type=submit], input[type=button], [role=button]',
    checkbox: 'input[type=checkbox], [role=checkbox]',
    combobox: 'select, [role=combobox]',
    radio: 'input[type=radio], [role=radio]',
    textbox: 'textarea, input:not([type]), input[type=text], input[type=email], [role=textbox]',
    searchbox: 'input[type=search], [role=searchbox]',
    link: 'a[href], [role=link]',
    heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
    article: 'article, [role=article]',
    region: 'section[aria-label], section[aria-labelledby], [role=region]',
    form: 'form[aria-label], form[aria-labelledby], [role=form]',
    group: '[role=group], fieldset',
    status: '[role=status], output',
    alert: '[role=alert]',
    list: 'ul, ol, [role=list]',
    listitem: 'li, [role=listitem]',
    main: 'main, [role=main]',
    dialog: 'dialog, [role=dialog]',
  };
  const text = (el: Element) => (el.textContent || '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element, role: string) => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => { const ref = doc.getElementById(id); return ref ? text(ref) : ''; }).join(' ').trim();
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length) return Array.from(labels).map(text).join(' ').trim();
    if (el.tagName === 'INPUT' && ['submit', 'button'].includes((el as HTMLInputElement).type)) return (el as HTMLInputElement).value;
    if (/^(article|region|form|group|main|dialog|textbox|searchbox|checkbox|radio|combobox)$/.test(role)) return '';
    return text(el);
  };
  const all = (root: ParentNode, role: string, name: WireName | null) =>
    Array.from(root.querySelectorAll(implicit[role] || `[role=${role}]`)).filter((el) => {
      const explicit = el.getAttribute('role');
      if (explicit && explicit !== role) return false;
      if (!name) return true;
      const actual = nameOf(el, role);
      return 'exact' in name ? actual === name.exact : new RegExp(name.source, name.flags).test(actual);
    });
  let root: ParentNode | undefined = doc;
  if (query.within) root = all(doc, query.within.role, query.within.name)[0];
  if (!root) return mode === 'count' ? 0 : null;
  const found = all(root, query.role, query.name);
  return mode === 'count' ? found.length : found[0] || null;
}

type WireQuery = { role: string; name: WireName | null; within: { role: string; name: WireName | null } | null };
const wireQuery = (query: RoleQuery): WireQuery => ({
  role: query.role,
  name: wire(query.name),
  within: query.within ? { role: query.within.role, name: wire(query.within.name) } : null,
});

type Scope = Page | Frame;

/** Waits for the element with this role and name; a handle puppeteer can click and type into. */
export async function getByRole(scope: Scope, query: RoleQuery, { timeout = 10_000 }: { timeout?: number } = {}): Promise<ElementHandle<Element>> {
  const handle = await scope
    .waitForFunction(
      findByRoleInPage as (q: WireQuery, mode: string) => Element | null,
      { timeout, polling: 100 },
      wireQuery(query),
      'first',
    )
    .catch((error: unknown) => {
      throw new Error(`getByRole: no ${describe(query)} within ${timeout} ms (${String(error).slice(0, 200)})`);
    });
  return handle as ElementHandle<Element>;
}

/** How many elements have this role and name right now. */
export async function countByRole(scope: Scope, query: RoleQuery): Promise<number> {
  return (await scope.evaluate(findByRoleInPage as (q: WireQuery, mode: string) => number, wireQuery(query), 'count')) as number;
}

/** The text of the element with this role and name (waits for it). */
export async function textOf(scope: Scope, query: RoleQuery): Promise<string> {
  const handle = await getByRole(scope, query);
  try {
    return await handle.evaluate((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
  } finally {
    await handle.dispose();
  }
}

/** Clicks the element with this role and name as a person would (real input events). */
export async function clickByRole(scope: Scope, query: RoleQuery): Promise<void> {
  const handle = await getByRole(scope, query);
  try {
    await handle.click();
  } finally {
    await handle.dispose();
  }
}

/** Types into the field with this role and name, with real key events. */
export async function typeByRole(scope: Scope, query: RoleQuery, text: string): Promise<void> {
  const handle = await getByRole(scope, query);
  try {
    await handle.type(text);
  } finally {
    await handle.dispose();
  }
}

/** Waits until `text` shows in the scope's body. */
export async function waitForText(scope: Scope, text: string | RegExp, { timeout = 10_000 }: { timeout?: number } = {}): Promise<void> {
  const pattern = typeof text === 'string' ? { exact: text } : { source: text.source, flags: text.flags };
  await scope
    .waitForFunction(
      (p: WireName) => {
        const body = (document.body?.innerText ?? '').replace(/\s+/g, ' ');
        return 'exact' in p ? body.includes(p.exact) : new RegExp(p.source, p.flags).test(body);
      },
      { timeout, polling: 100 },
      pattern,
    )
    .catch(() => {
      throw new Error(`waitForText: "${String(text)}" did not show within ${timeout} ms`);
    });
}

function describe(query: RoleQuery): string {
  const one = (q: { role: string; name?: NameMatch }) => `${q.role}${q.name !== undefined ? ` "${String(q.name)}"` : ''}`;
  return query.within ? `${one(query)} in ${one(query.within)}` : one(query);
}

// ---------------------------------------------------------------------------------
// Extension pages, the sidebar frame, the database
// ---------------------------------------------------------------------------------

/** "Add client" on the person's row, then "Save client" in the prefilled form. */
export async function addClientFromSidebar(frame: Frame, name: string): Promise<void> {
  await clickByRole(frame, { role: 'button', name: 'Add client', within: { role: 'region', name: 'Not yet clients' } });
  await getByRole(frame, { role: 'form', name: 'New client' });
  await clickByRole(frame, { role: 'button', name: 'Save client', within: { role: 'form', name: 'New client' } });
  await getByRole(frame, { role: 'article', name });
}

/** Runs `fn` in a throwaway extension tab (where `browser.*` and the database are). */
export async function inExtensionPage<T, A>(browser: Browser, fn: (arg: A) => Promise<T> | T, arg: A, path = 'reader.html'): Promise<T> {
  const page = await openExtensionPage(browser, path);
  try {
    return (await page.evaluate(fn as (arg: unknown) => Promise<T>, arg as unknown)) as T;
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Sends one protocol message from an extension page, as that page would: each is
 * accepted only from the pages that really send it (lib/messaging/senders.ts).
 */
export async function callTend<T>(browser: Browser, name: string, data: unknown, from = 'dashboard.html'): Promise<T> {
  const reply = await inExtensionPage(
    browser,
    ([name, data]) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown; error?: string }> } } }).browser.runtime.sendMessage({ tend: 1, name, data }),
    [name, data] as const,
    from,
  );
  if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
  return reply.value as T;
}

/** A client with an address, imported from the dashboard (only the sidebar creates clients one by one); answers its id. */
export async function seedClient(browser: Browser, client: { name: string; email: string; company?: string }): Promise<string> {
  const row = { row: 1, name: client.name, emails: [client.email], company: client.company ?? '' };
  await callTend(browser, 'importContacts', { rows: [row], tier: 'active', dryRun: false });
  const id = (await readTable<{ id: string; emails: string[] }>(browser, 'clients')).find((c) => c.emails.includes(client.email.toLowerCase()))?.id;
  if (!id) throw new Error(`seedClient: ${client.email} was not imported`);
  return id;
}

/** Every row of a database table, read from a top-level extension page as a user's browser holds it. */
export async function readTable<T = Record<string, unknown>>(browser: Browser, table: string): Promise<T[]> {
  if (table === 'interactions') {
    const timelines = await readTable<{ json: string }>(browser, 'timelines');
    return timelines.flatMap((timeline) => JSON.parse(timeline.json) as T[]);
  }
  return inExtensionPage(browser, readObjectStore as (table: string) => Promise<T[]>, table);
}

/** The toolbar badge as Firefox shows it: text, colour (RGBA) and tooltip. */
export async function badge(browser: Browser): Promise<{ text: string; color: number[]; title: string }> {
  return inExtensionPage(
    browser,
    async () => {
      const action = (globalThis as unknown as { browser: { action: { getBadgeText(d: object): Promise<string>; getBadgeBackgroundColor(d: object): Promise<number[]>; getTitle(d: object): Promise<string> } } }).browser.action;
      const [text, color, title] = await Promise.all([action.getBadgeText({}), action.getBadgeBackgroundColor({}), action.getTitle({})]);
      return { text, color: [...color], title };
    },
    null,
  );
}

// ---------------------------------------------------------------------------------
// The browser's own window: toolbar button, context menu, popup panel, event page
// ---------------------------------------------------------------------------------

/** Tend's toolbar button's widget id: Firefox makes it from the add-on id. */
const ACTION_WIDGET_ID = `${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}-browser-action`;

export class BrowserChrome {
  private constructor(
    private readonly browser: Browser,
    private readonly context: string,
  ) {}

  static async attach(browser: Browser): Promise<BrowserChrome> {
    const tree = (await bidi(browser).send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })) as {
      result: { contexts: { context: string; url: string }[] };
    };
    const window = tree.result.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!window) throw new Error('BrowserChrome: no browser window (is Firefox started with --remote-allow-system-access?)');
    return new BrowserChrome(browser, window.context);
  }

  /** Evaluates `expression` (an async function body's value) in the browser window; JSON in, JSON out. */
  async evaluate<T>(body: string): Promise<T> {
    const expression = `(async () => JSON.stringify(await (async () => { ${body} })()))()`;
    const reply = (await bidi(this.browser).send('script.evaluate', {
      expression,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    const { result } = reply;
    if (result.type === 'exception') throw new Error(`in the browser window: ${result.exceptionDetails?.text}`);
    const value = result.result?.value;
    return (value === undefined ? undefined : JSON.parse(value)) as T;
  }

  /**
   * Presses Tend's toolbar button as a person would: the real button of the real
   * toolbar (pinned there first, as a user pins it), which grants `activeTab` to
   * the current tab and opens the popup panel. Returns the panel.
   */
  async pressToolbarButton(): Promise<PopupPanel> {
    await this.evaluate(`
      CustomizableUI.addWidgetToArea(${JSON.stringify(ACTION_WIDGET_ID)}, CustomizableUI.AREA_NAVBAR);
      const item = document.getElementById(${JSON.stringify(ACTION_WIDGET_ID)});
      if (!item) throw new Error('no toolbar button for Tend');
      (item.querySelector('.unified-extensions-item-action-button') ?? item).click();
    `);
    return this.waitForPopup();
  }

  /**
   * Presses one of Tend's keyboard shortcuts (e.g. 'Alt+Shift+S') through the key
   * binding Firefox made for it in the browser window (the `<key>` of Tend's keyset,
   * matched by its key and modifiers), as the keystroke would. BiDi's key input goes
   * to the page, never to the browser's own shortcuts.
   */
  async pressShortcut(shortcut: string): Promise<void> {
    const parts = shortcut.split('+');
    const key = parts.pop()!;
    const modifiers = parts.map((m) => m.toLowerCase()).sort().join(',');
    await this.evaluate(`
      const keyset = document.getElementById(${JSON.stringify(`ext-keyset-id-${GECKO_ID.replace(/[^a-z0-9_-]/gi, '_')}`)});
      const binding = [...(keyset?.children ?? [])].find((k) =>
        (k.getAttribute('key') || '').toUpperCase() === ${JSON.stringify(key.toUpperCase())} &&
        (k.getAttribute('modifiers') || '').split(',').sort().join(',') === ${JSON.stringify(modifiers)});
      if (!binding) throw new Error('Tend has no key binding ' + ${JSON.stringify(shortcut)});
      binding.doCommand();
      return null;
    `);
  }

  /**
   * Right-clicks `selector` in `page` with real input events, so Firefox opens its
   * page context menu, then chooses the menu item labelled `label`.
   */
  async chooseFromContextMenu(page: Page, selector: string, label: string): Promise<void> {
    await this.evaluate(`document.getElementById('contentAreaContextMenu').hidePopup(); return null;`);
    await page.click(selector, { button: 'right' });
    await this.evaluate(`
      const menu = document.getElementById('contentAreaContextMenu');
      const deadline = Date.now() + 5000;
      let item;
      while (!(item = [...menu.querySelectorAll('menuitem')].find((i) => !i.hidden && i.getAttribute('label') === ${JSON.stringify(label)}))) {
        if (Date.now() > deadline) throw new Error('no menu item ' + ${JSON.stringify(label)} + ' (menu ' + menu.state + ')');
        await new Promise((r) => setTimeout(r, 50));
      }
      menu.activateItem(item);
      return null;
    `);
  }

  /** The toolbar popup panel once it shows popup.html. */
  async waitForPopup({ timeout = 10_000 }: { timeout?: number } = {}): Promise<PopupPanel> {
    await this.evaluate(`
      const deadline = Date.now() + ${timeout};
      for (;;) {
        const panel = document.querySelector('browser[webextension-view-type=popup]');
        if (panel && panel.currentURI && panel.currentURI.spec.startsWith(${JSON.stringify(`${EXTENSION_ORIGIN}/popup.html`)})) return null;
        if (Date.now() > deadline) throw new Error('no popup panel opened');
        await new Promise((r) => setTimeout(r, 50));
      }
    `);
    return new PopupPanel(this);
  }

  /** True while the toolbar popup panel is open. */
  async popupIsOpen(): Promise<boolean> {
    return this.evaluate(`return !!document.querySelector('browser[webextension-view-type=popup]');`);
  }

  /**
   * Unloads Tend's background (its event page), as Firefox does after it was idle,
   * and resolves once it is stopped. The next event starts it again with fresh memory.
   */
  async unloadBackground(): Promise<void> {
    const state = await this.evaluate<string>(`
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      await extension.terminateBackground({ ignoreDevToolsAttached: true });
      return String(extension.backgroundState);
    `);
    if (state !== 'stopped') throw new Error(`unloadBackground: the background is ${state}, not stopped`);
  }

  /** Where Tend's event page stands: 'running', 'stopped', … */
  async backgroundState(): Promise<string> {
    return this.evaluate(`
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      return String(ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)}).backgroundState);
    `);
  }

  /** Runs `body` (code using `content`, the popup's window) in the open popup panel. */
  async evaluateInPopup<T>(body: string, arg: unknown = null): Promise<T> {
    const script = `
      (async () => {
        const arg = ${JSON.stringify(arg)};
        const findByRoleInPage = ${findByRoleInPage.toString()};
        const tendFindByRole = (query) => findByRoleInPage(query, 'first', content.document);
        try {
          const value = await (async () => { ${body} })();
          sendAsyncMessage('tend-e2e:popup', { ok: true, value: JSON.stringify(value ?? null) });
        } catch (error) {
          sendAsyncMessage('tend-e2e:popup', { ok: false, error: String(error) });
        }
      })();
    `;
    // The panel's <browser> can still be swapped while the popup opens; a script
    // loaded into the one being replaced never answers, so it is sent again.
    const reply = await this.evaluate<{ ok: boolean; value?: string; error?: string }>(`
      const deadline = Date.now() + 15000;
      for (;;) {
        const panel = document.querySelector('browser[webextension-view-type=popup]');
        if (!panel) throw new Error('the popup panel is not open');
        const mm = panel.messageManager;
        let listener;
        const answer = await Promise.race([
          new Promise((resolve) => {
            listener = (message) => resolve(message.data);
            mm.addMessageListener('tend-e2e:popup', listener);
            mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(script)}), false);
          }),
          new Promise((resolve) => setTimeout(() => resolve(null), 2000)),
        ]);
        mm.removeMessageListener('tend-e2e:popup', listener);
        if (answer) return answer;
        if (Date.now() > deadline) throw new Error('the popup did not answer');
      }
    `);
    if (!reply.ok) throw new Error(`in the popup: ${reply.error}`);
    return JSON.parse(reply.value ?? 'null') as T;
  }
}

/**
 * The toolbar popup panel. It is not a tab, so BiDi cannot script it; a frame script
 * loaded into its browser can (privileged, so its clicks are trusted events, as a
 * person's are).
 */
export class PopupPanel {
  constructor(private readonly chrome: BrowserChrome) {}

  /** Waits for the query (by role and name) to find something in the popup. */
  async waitFor(query: RoleQuery, { timeout = 10_000 }: { timeout?: number } = {}): Promise<void> {
    await this.chrome.evaluateInPopup(
      `const deadline = Date.now() + arg.timeout;
       while (!tendFindByRole(arg.query)) {
         if (Date.now() > deadline) throw new Error('no ' + JSON.stringify(arg.query) + ' in the popup: ' + content.document.body.innerText.slice(0, 300));
         await new Promise((r) => content.setTimeout(r, 50));
       }`,
      { query: wireQuery(query), timeout },
    );
  }

  async text(query: RoleQuery = { role: 'main' }): Promise<string> {
    await this.waitFor(query);
    return this.chrome.evaluateInPopup(`return (tendFindByRole(arg).textContent || '').replace(/\\s+/g, ' ').trim();`, wireQuery(query));
  }

  async click(query: RoleQuery): Promise<void> {
    await this.waitFor(query);
    await this.chrome.evaluateInPopup(`tendFindByRole(arg).click();`, wireQuery(query));
  }

  /**
   * Presses keys in the popup as a keyboard does: trusted key events from Firefox's
   * own text input processor, sent to the focused element with their default
   * actions (Tab moves focus, Space ticks a checkbox, a character is typed). Each
   * entry is one key, or a chord like 'Control+Enter'; `typed` text is one key per
   * character.
   */
  async press(...keys: string[]): Promise<void> {
    await this.chrome.evaluateInPopup(
      `const tip = Components.classes['@mozilla.org/text-input-processor;1'].createInstance(Components.interfaces.nsITextInputProcessor);
       if (!tip.beginInputTransactionForTests(content)) throw new Error('no input transaction in the popup');
       const KE = content.KeyboardEvent;
       const NAMED = {
         Enter: ['Enter', KE.DOM_VK_RETURN], Tab: ['Tab', KE.DOM_VK_TAB], Escape: ['Escape', KE.DOM_VK_ESCAPE],
         ArrowDown: ['ArrowDown', KE.DOM_VK_DOWN], ArrowUp: ['ArrowUp', KE.DOM_VK_UP], ArrowLeft: ['ArrowLeft', KE.DOM_VK_LEFT], ArrowRight: ['ArrowRight', KE.DOM_VK_RIGHT],
         Home: ['Home', KE.DOM_VK_HOME], End: ['End', KE.DOM_VK_END], Delete: ['Delete', KE.DOM_VK_DELETE], Backspace: ['Backspace', KE.DOM_VK_BACK_SPACE],
         Control: ['ControlLeft', KE.DOM_VK_CONTROL], Shift: ['ShiftLeft', KE.DOM_VK_SHIFT], Alt: ['AltLeft', KE.DOM_VK_ALT],
         ' ': ['Space', KE.DOM_VK_SPACE],
       };
       const eventOf = (key) => {
         const named = NAMED[key];
         if (named) return new KE('', { key, code: named[0], keyCode: named[1] });
         const upper = key.toUpperCase();
         return new KE('', { key, code: /[A-Z]/.test(upper) ? 'Key' + upper : '', keyCode: /[A-Z0-9]/.test(upper) ? upper.charCodeAt(0) : 0 });
       };
       for (const chord of arg) {
         const parts = chord.length > 1 ? chord.split('+') : [chord];
         const main = parts.pop();
         const held = parts.map(eventOf);
         for (const modifier of held) tip.keydown(modifier);
         tip.keydown(eventOf(main));
         tip.keyup(eventOf(main));
         for (const modifier of held.reverse()) tip.keyup(modifier);
         await new Promise((r) => content.setTimeout(r, 20));
       }`,
      keys,
    );
  }

  /** Types `text` one key per character (see press). */
  async type(text: string): Promise<void> {
    await this.press(...[...text]);
  }

  /** How many elements the query finds in the popup right now. */
  async count(query: RoleQuery): Promise<number> {
    return this.chrome.evaluateInPopup(`return findByRoleInPage(arg, 'count', content.document);`, wireQuery(query));
  }

  /** Whether the element the query finds has the keyboard focus. */
  async isFocused(query: RoleQuery): Promise<boolean> {
    await this.waitFor(query);
    return this.chrome.evaluateInPopup(`return tendFindByRole(arg) === content.document.activeElement;`, wireQuery(query));
  }

  /** Fills a field as typing would: its value set, then an input event. */
  async fill(query: RoleQuery, value: string): Promise<void> {
    await this.waitFor(query);
    await this.chrome.evaluateInPopup(
      `const field = tendFindByRole(arg.query);
       field.focus();
       field.value = arg.value;
       field.dispatchEvent(new content.Event('input', { bubbles: true }));`,
      { query: wireQuery(query), value },
    );
  }
}

