/**
 * Puts a saved resource into the reply the user is writing, when the sidebar asks
 * (through the background). Built from DOM nodes only: Gmail enforces Trusted
 * Types, so an HTML string would throw, and text never becomes markup anyway.
 *
 * Clicking in the sidebar moves focus out of the compose box, so the last focused
 * compose body and the caret in it are remembered as they change.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MailHostAdapter } from '../hosts/thread';
import { isInsertLinkMessage, type InsertLinkMessage, type InsertLinkReply } from '../messaging/insert-message';

export function listenForInserts(ctx: ContentScriptContext, adapter: MailHostAdapter): void {
  let lastBody: HTMLElement | null = null;
  let lastRange: Range | null = null;

  const remember = () => {
    const body = adapter.findComposeBody(document);
    if (!body) return;
    const selection = body.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    if (range && body.contains(range.startContainer)) {
      lastBody = body;
      lastRange = range.cloneRange();
    } else if (body.contains(body.ownerDocument.activeElement)) {
      lastBody = body;
    }
  };
  ctx.addEventListener(document, 'focusin', remember, { capture: true });
  ctx.addEventListener(document, 'selectionchange', remember);
  ctx.addEventListener(document, 'keyup', remember, { capture: true });
  ctx.addEventListener(document, 'mouseup', remember, { capture: true });

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
 * Inserts "<a href=url>title</a> — note" at `range` (the caret), or at the top of
 * `body` when there is none, then fires `input` so the host saves the draft.
 */
export function insertLink(body: HTMLElement, range: Range | null, message: Pick<InsertLinkMessage, 'title' | 'url' | 'note'>): void {
  const doc = body.ownerDocument;
  const fragment = doc.createDocumentFragment();
  const link = doc.createElement('a');
  link.href = message.url;
  link.textContent = message.title || message.url;
  fragment.append(link);
  if (message.note) fragment.append(doc.createTextNode(` — ${message.note}`));
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
