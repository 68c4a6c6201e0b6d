/**
 * Puts a saved resource into the reply the user is writing, when the sidebar asks
 * (through the background). Built from DOM nodes only: Gmail enforces Trusted
 * Types, so an HTML string would throw, and text never becomes markup anyway.
 *
 * Clicking in the sidebar moves focus out of the compose box, so the last focused
 * compose body and the caret in it are remembered as they change, also when the
 * body sits in a same-origin iframe (Outlook's editor sometimes does).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MailHostAdapter } from '../hosts/thread';
import { safeLink } from '../ui/safe-link';
import { isInsertLinkMessage, type InsertLinkMessage, type InsertLinkReply } from '../messaging/insert-message';

export function listenForInserts(ctx: ContentScriptContext, adapter: MailHostAdapter): void {
  let lastBody: HTMLElement | null = null;
  let lastRange: Range | null = null;

  const remember = () => {
    const body = adapter.findComposeBody(document);
    if (!body) return;
    const doc = body.ownerDocument;
    // A body in a frame (Outlook's editor sometimes is): hear its caret from now on.
    listenIn(doc);
    const selection = doc.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    if (range && body.contains(range.startContainer)) {
      lastBody = body;
      lastRange = range.cloneRange();
    } else if (body.contains(doc.activeElement)) {
      lastBody = body;
    }
  };

  // Caret and focus events stay inside their own document: a compose body in a
  // same-origin iframe fires none of them here, so its document gets the same
  // listeners once it is seen (a reloaded frame is a new document, heard anew).
  const heard = new WeakSet<Document>();
  function listenIn(doc: Document): void {
    if (heard.has(doc)) return;
    heard.add(doc);
    ctx.addEventListener(doc, 'focusin', remember, { capture: true });
    ctx.addEventListener(doc, 'selectionchange', remember);
    ctx.addEventListener(doc, 'keyup', remember, { capture: true });
    ctx.addEventListener(doc, 'mouseup', remember, { capture: true });
  }
  listenIn(document);
  // A framed editor must be heard before the user types in it. Frames are seen when
  // they finish loading (`load` does not bubble, but a capturing listener on the
  // document sees it), when this window loses focus to one, and at start.
  const hearFrame = (frame: Element | null) => {
    if (frame?.tagName !== 'IFRAME') return;
    let inner: Document | null = null;
    try {
      inner = (frame as HTMLIFrameElement).contentDocument;
    } catch {
      // Cross-origin: not ours to read (and not a compose box the adapter knows).
    }
    if (inner && adapter.findComposeBody(inner)) {
      listenIn(inner);
      remember();
    }
  };
  ctx.addEventListener(document, 'load', (event) => hearFrame(event.target as Element | null), { capture: true });
  ctx.addEventListener(window, 'blur', () => ctx.setTimeout(() => hearFrame(document.activeElement), 0));
  for (const frame of document.getElementsByTagName('iframe')) hearFrame(frame);

  const onMessage = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply: InsertLinkReply) => void) => {
    // Only our background (no tab) may ask; a mail page cannot message us at all.
    if (sender.id !== browser.runtime.id || sender.tab) return false;
    if (!isInsertLinkMessage(message)) return false;
    const body = lastBody?.isConnected ? lastBody : adapter.findComposeBody(document);
    if (!body) {
      sendResponse({ inserted: false });
      return false;
    }
    const range = lastRange && body === lastBody && body.contains(lastRange.startContainer) ? lastRange : null;
    insertLink(body, range, message);
    sendResponse({ inserted: true });
    return false;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
}

/**
 * Inserts "message <a href=url>title</a>" (the message the user typed in the
 * preview, then the link) at `range` (the caret), or at the top of `body` when there
 * is none, then fires `input` so the host saves the draft.
 */
export function insertLink(body: HTMLElement, range: Range | null, message: Pick<InsertLinkMessage, 'title' | 'url' | 'message'>): void {
  const doc = body.ownerDocument;
  const fragment = doc.createDocumentFragment();
  if (message.message) fragment.append(doc.createTextNode(`${message.message} `));
  // A saved page's web address only: anything else (an old backup's javascript:
  // link) goes into the reply as text, never as a link.
  const safe = safeLink(message.url, 'web');
  const link = doc.createElement(safe ? 'a' : 'span');
  if (safe) link.setAttribute('href', safe.href);
  link.textContent = message.title || message.url;
  fragment.append(link);
  const after = doc.createTextNode(' ');
  fragment.append(after);

  if (range) {
    range.deleteContents();
    range.insertNode(fragment);
  } else {
    const line = doc.createElement('div');
    line.append(fragment);
    body.insertBefore(line, body.firstChild);
  }
  // The caret after the inserted text, so typing goes on from there.
  const selection = doc.getSelection();
  if (selection) {
    const caret = doc.createRange();
    caret.setStartAfter(after);
    caret.collapse(true);
    selection.removeAllRanges();
    selection.addRange(caret);
  }
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
}
