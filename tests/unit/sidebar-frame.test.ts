// @vitest-environment happy-dom
/**
 * The folded sidebar's tab warns of an overdue check-in: only the background can
 * set or clear the dot (a runtime message from our extension, not from a tab, of
 * exactly the expected shape); a page script has no way in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mountSidebarFrame, type SidebarFrame } from '../../lib/content/sidebar-frame';

let frame: SidebarFrame;
let root: ShadowRoot;

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ sidebarCollapsed: true });
  // The panel's shadow root is closed to the page: the test keeps a handle on it.
  const attach = Element.prototype.attachShadow;
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    root = attach.call(this, init);
    return root;
  });
  frame = await mountSidebarFrame(document, 'frame-token-0123456789abcdef');
});
afterEach(() => {
  frame.remove();
  vi.restoreAllMocks();
});

const toggle = () => root.querySelector('button')!;
const dotShown = () => root.querySelector('.panel')!.matches('.collapsed.overdue') && root.querySelector('.dot') !== null;
const fromBackground = { id: fakeBrowser.runtime.id };
const tell = (message: unknown, sender: object = fromBackground) => fakeBrowser.runtime.onMessage.trigger(message, sender as never, () => undefined);

describe('the folded tab', () => {
  it('says "Tend: check-in overdue" with a dot while folded and the background says so', async () => {
    expect(toggle().getAttribute('aria-label')).toBe('Open the Tend sidebar');
    expect(dotShown()).toBe(false);

    await tell({ type: 'tend-checkin-overdue', overdue: true });
    expect(toggle().getAttribute('aria-label')).toBe('Tend: check-in overdue');
    expect(dotShown()).toBe(true);

    // Opened, the sidebar itself shows the check-in: the tab only collapses it.
    toggle().dispatchEvent(new MouseEvent('click'));
    await fakeBrowser.storage.local.set({ sidebarCollapsed: false });
    expect(toggle().getAttribute('aria-label')).toBe('Collapse the Tend sidebar');
    expect(dotShown()).toBe(false);
    await fakeBrowser.storage.local.set({ sidebarCollapsed: true });
    expect(toggle().getAttribute('aria-label')).toBe('Tend: check-in overdue');

    await tell({ type: 'tend-checkin-overdue', overdue: false });
    expect(toggle().getAttribute('aria-label')).toBe('Open the Tend sidebar');
    expect(dotShown()).toBe(false);
  });

  it('ignores messages from a tab, of another shape, and anything the page posts', async () => {
    await tell({ type: 'tend-checkin-overdue', overdue: true }, { id: fakeBrowser.runtime.id, tab: { id: 3 } });
    await tell({ type: 'tend-checkin-overdue', overdue: true }, { id: 'another-extension' });
    await tell({ type: 'tend-checkin-overdue', overdue: 'yes' });
    await tell({ type: 'tend-checkin-overdue', overdue: true, client: 'Ada' });
    window.postMessage({ type: 'tend-checkin-overdue', overdue: true }, '*');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(toggle().getAttribute('aria-label')).toBe('Open the Tend sidebar');
    expect(dotShown()).toBe(false);
  });
});
