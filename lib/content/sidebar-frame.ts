/**
 * The sidebar's place in the mail page: a fixed panel at the right edge holding
 * the extension's sidebar page in a frame. Built with createElement only (Gmail
 * enforces Trusted Types, so HTML strings would throw), inside a closed shadow
 * root so the page sees neither the frame's URL nor our buttons' handlers.
 * No client data ever passes through here: it lives inside the frame.
 */
import { browser } from 'wxt/browser';
import { FRAME_TOKEN_MESSAGE } from '../messaging/names';
import { isCheckInOverdueMessage } from '../messaging/overdue-message';

export const SIDEBAR_WIDTH = 320;
const COLLAPSED_WIDTH = 28;
const COLLAPSED_KEY = 'sidebarCollapsed';

const PANEL_CSS = `
:host { all: initial; }
.panel { position: fixed; top: 0; right: 0; bottom: 0; z-index: 2147483000; display: flex;
  width: ${SIDEBAR_WIDTH}px; box-sizing: border-box; border-left: 1px solid rgba(127,127,127,.3);
  background: Canvas; color-scheme: light dark; font: 13px system-ui, sans-serif; }
.panel.collapsed { width: ${COLLAPSED_WIDTH}px; }
.panel.collapsed iframe { display: none; }
iframe { border: 0; flex: 1; height: 100%; min-width: 0; background: transparent; }
button { all: unset; box-sizing: border-box; cursor: pointer; width: ${COLLAPSED_WIDTH}px; flex: none;
  align-self: flex-start; height: 40px; text-align: center; color: CanvasText; font: 600 16px system-ui, sans-serif; }
.collapsed button { align-self: stretch; height: auto; writing-mode: vertical-rl; font-size: 12px; }
button:hover { background: rgba(127,127,127,.12); }
button:focus-visible { outline: 2px solid Highlight; outline-offset: -2px; }
.dot { display: none; }
.collapsed.overdue .dot { display: block; width: 10px; height: 10px; margin: 8px auto; border-radius: 50%;
  background: #d93025; box-shadow: 0 0 0 2px Canvas; forced-color-adjust: none; }
`;

/** Narrows the mail page instead of covering the message. */
function pageCss(width: number): string {
  return `html { margin-right: ${width}px !important; }`;
}

export interface SidebarFrame {
  remove(): void;
}

/**
 * Mounts the frame and hands it `frameToken` once it has loaded and the background
 * knows the token (`registered` settled). The token goes by postMessage to the
 * frame's window, which the page can neither read nor intercept; the background
 * answers only a sidebar frame that presents it.
 */
export async function mountSidebarFrame(doc: Document, frameToken: string, registered: Promise<unknown> = Promise.resolve()): Promise<SidebarFrame> {
  const host = doc.createElement('tend-sidebar');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = PANEL_CSS;
  const panel = doc.createElement('div');
  panel.className = 'panel';
  const toggle = doc.createElement('button');
  toggle.type = 'button';
  const label = doc.createElement('span');
  // The overdue warning on the folded tab (its words are in the button's name).
  const dot = doc.createElement('span');
  dot.className = 'dot';
  toggle.append(dot, label);
  const frame = doc.createElement('iframe');
  frame.title = 'Tend';
  // "Insert into reply" with no reply open copies the link: a cross-origin frame
  // may use the Async Clipboard API only if its embedder delegates it. Set before
  // `src`: the policy is fixed when the frame navigates.
  frame.setAttribute('allow', 'clipboard-write');
  const sidebarUrl = browser.runtime.getURL('/sidebar.html');
  frame.src = sidebarUrl;
  const handOver = () => frame.contentWindow?.postMessage({ type: FRAME_TOKEN_MESSAGE, token: frameToken }, new URL(sidebarUrl).origin);
  frame.addEventListener('load', () => void registered.then(handOver, handOver));
  panel.append(toggle, frame);
  shadow.append(style, panel);

  const squeeze = doc.createElement('style');
  doc.documentElement.append(host);
  (doc.head ?? doc.documentElement).append(squeeze);

  /** Whether a client certainly in the open conversation is overdue (the background says). */
  let overdue = false;

  function show(collapsed: boolean): void {
    panel.classList.toggle('collapsed', collapsed);
    panel.classList.toggle('overdue', overdue);
    label.textContent = collapsed ? 'Tend ‹' : '›';
    const folded = overdue ? 'Tend: check-in overdue' : 'Open the Tend sidebar';
    toggle.setAttribute('aria-label', collapsed ? folded : 'Collapse the Tend sidebar');
    toggle.setAttribute('aria-expanded', String(!collapsed));
    squeeze.textContent = pageCss(collapsed ? COLLAPSED_WIDTH : SIDEBAR_WIDTH);
  }

  let collapsed = (await browser.storage.local.get(COLLAPSED_KEY))[COLLAPSED_KEY] === true;
  show(collapsed);
  toggle.addEventListener('click', (event) => {
    // Only a real click: a page script's synthetic event cannot fold the sidebar.
    if (!event.isTrusted) return;
    collapsed = !collapsed;
    show(collapsed);
    void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed });
  });

  // The choice follows the user into every other mail tab.
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && COLLAPSED_KEY in changes) {
      collapsed = changes[COLLAPSED_KEY]?.newValue === true;
      show(collapsed);
    }
  };
  browser.storage.onChanged.addListener(onStorage);

  // Only our background can reach this listener (a page script cannot send
  // extension messages), and only the background, not another tab's script, may set it.
  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab || !isCheckInOverdueMessage(message)) return false;
    overdue = message.overdue;
    show(collapsed);
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);

  return {
    remove() {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onStorage);
      host.remove();
      squeeze.remove();
    },
  };
}
