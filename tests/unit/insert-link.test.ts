// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { insertLink, listenForInserts } from '../../lib/content/insert-link';
import { outlookAdapter } from '../../lib/hosts/outlook';
import { INSERT_LINK_MESSAGE } from '../../lib/messaging/insert-message';

function composeBody(html = '<div>Hi Ada,</div><div><br></div>') {
  document.body.textContent = '';
  const body = document.createElement('div');
  body.setAttribute('contenteditable', 'true');
  body.setAttribute('role', 'textbox');
  // Test fixture only; the code under test never parses HTML.
  body.innerHTML = html;
  document.body.append(body);
  return body;
}

describe('inserting a link into a reply', () => {
  it('at the caret, as the typed message and a link, followed by an input event', () => {
    const body = composeBody();
    const text = body.firstChild!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.length);
    range.collapse(true);
    const onInput = vi.fn();
    body.addEventListener('input', onInput);
    insertLink(body, range, { title: 'Marathon training', url: 'https://news.example/a', message: 'For your Berlin run:' });
    const link = body.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://news.example/a');
    expect(link.textContent).toBe('Marathon training');
    expect(body.firstChild!.textContent).toBe('Hi Ada,For your Berlin run: Marathon training ');
    expect(onInput).toHaveBeenCalledTimes(1);
  });

  it('at the top when there is no caret in the reply', () => {
    const body = composeBody();
    insertLink(body, null, { title: 'T', url: 'https://news.example/a', message: '' });
    expect(body.firstElementChild!.querySelector('a')?.textContent).toBe('T');
    expect(body.textContent).toBe('T Hi Ada,');
  });

  it('markup in the title or message stays text', () => {
    const body = composeBody();
    insertLink(body, null, { title: '<img src=x onerror=alert(1)>', url: 'https://news.example/a', message: '<b>bold</b>' });
    expect(body.querySelector('img, b')).toBeNull();
    expect(body.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('remembering the caret, in the page and in a framed editor (Outlook)', () => {
  /** Just what listenForInserts uses of WXT's content script context. */
  function fakeContext() {
    const controller = new AbortController();
    const ctx = {
      addEventListener: (target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions) =>
        target.addEventListener(type, handler, { ...options, signal: controller.signal }),
      setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
      onInvalidated: (handler: () => void) => controller.signal.addEventListener('abort', handler),
    };
    return { ctx: ctx as unknown as ContentScriptContext, invalidate: () => controller.abort() };
  }

  const MESSAGE = { type: INSERT_LINK_MESSAGE, title: 'Marathon training', url: 'https://news.example/a', message: 'for Berlin' };
  const fromBackground = { id: fakeBrowser.runtime.id };

  async function ask(): Promise<unknown> {
    let reply: unknown;
    await fakeBrowser.runtime.onMessage.trigger(MESSAGE, fromBackground, (r: unknown) => {
      reply = r;
    });
    return reply;
  }

  /** An Outlook reading pane whose reply editor is in a same-origin iframe (srcdoc). */
  async function framedEditor(): Promise<{ frame: HTMLIFrameElement; body: HTMLElement; inner: Document }> {
    document.body.textContent = '';
    const pane = document.createElement('div');
    pane.id = 'editorParent_1';
    const frame = document.createElement('iframe');
    frame.setAttribute('srcdoc', '<div contenteditable="true" role="textbox" aria-label="Message body, press Alt+F10 to exit"><div>Hi Ada, see this: </div><div>Best, Jane</div></div>');
    pane.append(frame);
    document.body.append(pane);
    const inner = frame.contentDocument;
    if (!inner) throw new Error('happy-dom gave the frame no document');
    await vi.waitFor(() => expect(inner.querySelector('[contenteditable]')).not.toBeNull());
    return { frame, body: inner.querySelector<HTMLElement>('[contenteditable]')!, inner };
  }

  /** The user puts the caret at the end of the first line of `body`. */
  function placeCaret(body: HTMLElement, doc: Document) {
    const text = body.firstElementChild!.firstChild as Text;
    const range = doc.createRange();
    range.setStart(text, text.length);
    range.collapse(true);
    doc.getSelection()!.removeAllRanges();
    doc.getSelection()!.addRange(range);
    doc.dispatchEvent(new Event('selectionchange'));
  }

  let invalidate: () => void = () => {};
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => invalidate());

  it('a caret in the page: the link goes there', async () => {
    const body = composeBody('<div>Hi Ada, see this: </div><div>Best, Jane</div>');
    body.parentElement!.id = 'editorParent_1';
    const context = fakeContext();
    invalidate = context.invalidate;
    listenForInserts(context.ctx, outlookAdapter);
    placeCaret(body, document);
    // The click in the sidebar takes the selection away from the reply.
    document.getSelection()!.removeAllRanges();
    expect(await ask()).toEqual({ inserted: true });
    expect(body.firstElementChild!.textContent).toBe('Hi Ada, see this: for Berlin Marathon training ');
  });

  it('a caret in an editor inside an iframe: the link goes there, not to the top', async () => {
    const { body, inner } = await framedEditor();
    const context = fakeContext();
    invalidate = context.invalidate;
    // The frame is already there when the content script starts (document_idle).
    listenForInserts(context.ctx, outlookAdapter);
    placeCaret(body, inner);
    inner.getSelection()!.removeAllRanges();
    const onInput = vi.fn();
    body.addEventListener('input', onInput);
    expect(await ask()).toEqual({ inserted: true });
    expect(body.firstElementChild!.querySelector('a')?.getAttribute('href')).toBe('https://news.example/a');
    expect(body.firstElementChild!.textContent).toBe('Hi Ada, see this: for Berlin Marathon training ');
    expect(body.lastElementChild!.textContent).toBe('Best, Jane');
    expect(onInput).toHaveBeenCalledTimes(1);
  });

  it('an iframe editor that appears later (a reply opened after the page loaded) is heard too', async () => {
    document.body.textContent = '';
    const context = fakeContext();
    invalidate = context.invalidate;
    listenForInserts(context.ctx, outlookAdapter);
    const { frame, body, inner } = await framedEditor();
    // Its `load` reaches the page's capturing listener.
    frame.dispatchEvent(new Event('load'));
    placeCaret(body, inner);
    inner.getSelection()!.removeAllRanges();
    expect(await ask()).toEqual({ inserted: true });
    expect(body.firstElementChild!.textContent).toBe('Hi Ada, see this: for Berlin Marathon training ');
  });

  it('without a remembered caret the framed editor gets the link at its top', async () => {
    const { body } = await framedEditor();
    const context = fakeContext();
    invalidate = context.invalidate;
    listenForInserts(context.ctx, outlookAdapter);
    expect(await ask()).toEqual({ inserted: true });
    expect(body.firstElementChild!.textContent).toBe('for Berlin Marathon training ');
  });
});
