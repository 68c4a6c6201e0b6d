// @vitest-environment happy-dom
/**
 * Copying the share text when no reply is open (the sidebar's "Insert into reply"),
 * and the sidebar frame's permission to use the clipboard. The real clipboard in
 * Chromium is checked end to end in tests/e2e/articles.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { copyText } from '../../lib/ui/clipboard';
import { mountSidebarFrame } from '../../lib/content/sidebar-frame';

const TEXT = 'How to train\nhttps://news.example/a\nFor Berlin';

/** happy-dom has no execCommand: give the document one for the test. */
function stubExecCommand(impl: (command: string) => boolean) {
  const fn = vi.fn(impl);
  Object.defineProperty(document, 'execCommand', { value: fn, configurable: true, writable: true });
  return fn;
}

describe('copyText', () => {
  beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => {
    vi.restoreAllMocks();
    delete (document as { execCommand?: unknown }).execCommand;
  });

  it('uses the Async Clipboard API when it is allowed', async () => {
    const writeText = vi.fn(async () => {});
    const execCommand = stubExecCommand(() => true);
    expect(await copyText(TEXT, { clipboard: { writeText } })).toBe('copied');
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(execCommand).not.toHaveBeenCalled();
  });

  it('falls back to execCommand on a hidden textarea holding the text, and cleans up', async () => {
    const writeText = vi.fn(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    let copied = '';
    stubExecCommand((command) => {
      // What is selected when "copy" runs: the hidden textarea's text.
      const area = document.querySelector('textarea');
      copied = command === 'copy' && area ? area.value.slice(area.selectionStart, area.selectionEnd) : '';
      return true;
    });
    expect(await copyText(TEXT, { clipboard: { writeText } })).toBe('copied-by-fallback');
    expect(copied).toBe(TEXT);
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('says so when neither way copies', async () => {
    const writeText = vi.fn(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    stubExecCommand(() => false);
    expect(await copyText(TEXT, { clipboard: { writeText } })).toBe('failed');
    stubExecCommand(() => {
      throw new Error('execCommand is gone');
    });
    expect(await copyText(TEXT, { clipboard: { writeText } })).toBe('failed');
    expect(document.querySelector('textarea')).toBeNull();
  });
});

describe('the sidebar frame', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is allowed to write to the clipboard, set before it loads', async () => {
    // The frame sits in a closed shadow root: catch the root as it is made.
    let shadow: ShadowRoot | null = null;
    const attach = Element.prototype.attachShadow;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      shadow = attach.call(this, init);
      return shadow;
    });
    // Records the frame's `allow` at the moment its address is set (and loads
    // nothing: happy-dom cannot load an extension page anyway).
    const srcSetWhen: Array<{ allow: string | null; src: string }> = [];
    vi.spyOn(HTMLIFrameElement.prototype, 'src', 'set').mockImplementation(function (this: HTMLIFrameElement, value: string) {
      srcSetWhen.push({ allow: this.getAttribute('allow'), src: value });
    });
    const mounted = await mountSidebarFrame(document, 'token');
    const frame = (shadow as ShadowRoot | null)?.querySelector('iframe');
    expect(frame?.getAttribute('allow')).toBe('clipboard-write');
    expect(srcSetWhen).toEqual([{ allow: 'clipboard-write', src: 'chrome-extension://test-extension-id/sidebar.html' }]);
    mounted.remove();
    vi.restoreAllMocks();
  });
});
