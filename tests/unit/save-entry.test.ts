/**
 * The context menu's entry into saving: which items exist for which contexts, and
 * what choosing one opens. The end-to-end side (the items registered in Chromium,
 * the popup opened for real) is tests/e2e/context-menu.spec.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { MENU_LINK, MENU_PAGE, SAVE_MENUS, onSaveMenuClicked, saveMenuTarget } from '../../lib/background/save-entry';

describe('the save menu items', () => {
  it('one for pages (and selections on them), one for links, both on web pages only', () => {
    expect(SAVE_MENUS).toEqual([
      { id: MENU_PAGE, title: 'Save to Tend for…', contexts: ['page', 'selection'], documentUrlPatterns: ['http://*/*', 'https://*/*'] },
      { id: MENU_LINK, title: 'Save link to Tend for…', contexts: ['link'], targetUrlPatterns: ['http://*/*', 'https://*/*'] },
    ]);
  });
});

describe('what a menu click opens', () => {
  it('a link: the popup about that link, titled by the selected text', () => {
    expect(saveMenuTarget({ menuItemId: MENU_LINK, linkUrl: 'https://blog.example/post?utm_source=x', selectionText: '  A post  ' }, { id: 4 })).toEqual({
      kind: 'link',
      query: { link: 'https://blog.example/post?utm_source=x', title: 'A post' },
    });
  });

  it('a link without selected text: no title (the popup falls back to the address)', () => {
    expect(saveMenuTarget({ menuItemId: MENU_LINK, linkUrl: 'https://blog.example/post' }, undefined)).toEqual({
      kind: 'link',
      query: { link: 'https://blog.example/post', title: '' },
    });
  });

  it('a very long selection is cut to the title limit', () => {
    const target = saveMenuTarget({ menuItemId: MENU_LINK, linkUrl: 'https://x.example/', selectionText: 'x'.repeat(2000) }, { id: 1 });
    expect(target?.kind === 'link' && target.query.title.length).toBe(500);
  });

  it('a page: the save flow for the tab that was clicked', () => {
    expect(saveMenuTarget({ menuItemId: MENU_PAGE }, { id: 12 })).toEqual({ kind: 'page', tabId: 12, query: { tab: '12' } });
  });

  it('nothing for a page click outside a tab, a link item without a link, or another item', () => {
    expect(saveMenuTarget({ menuItemId: MENU_PAGE }, undefined)).toBeNull();
    expect(saveMenuTarget({ menuItemId: MENU_PAGE }, { id: -1 })).toBeNull();
    expect(saveMenuTarget({ menuItemId: MENU_LINK }, { id: 3 })).toBeNull();
    expect(saveMenuTarget({ menuItemId: 'someone-else' }, { id: 3 })).toBeNull();
  });
});

describe('the click listener', () => {
  it('a page opens the toolbar popup when the browser can', async () => {
    const openPopup = vi.fn(async () => {});
    const openWindow = vi.fn(async () => {});
    await onSaveMenuClicked({ menuItemId: MENU_PAGE }, { id: 7 }, { openPopup, openWindow });
    expect(openPopup).toHaveBeenCalledOnce();
    expect(openWindow).not.toHaveBeenCalled();
  });

  it('a page opens the popup as a window for that tab when the popup cannot open', async () => {
    const openPopup = vi.fn(async () => {
      throw new Error('Could not find an active browser window.');
    });
    const openWindow = vi.fn(async () => {});
    await onSaveMenuClicked({ menuItemId: MENU_PAGE }, { id: 7 }, { openPopup, openWindow });
    expect(openWindow).toHaveBeenCalledWith('/popup.html?tab=7');
    // And where action.openPopup does not exist at all (older browsers).
    const noPopup = vi.fn(async () => {});
    await onSaveMenuClicked({ menuItemId: MENU_PAGE }, { id: 8 }, { openWindow: noPopup });
    expect(noPopup).toHaveBeenCalledWith('/popup.html?tab=8');
  });

  it('a link always opens the window about the link (the toolbar popup reads tabs, not links)', async () => {
    const openPopup = vi.fn(async () => {});
    const openWindow = vi.fn(async (_path: string) => {});
    await onSaveMenuClicked({ menuItemId: MENU_LINK, linkUrl: 'https://blog.example/a b?x=1&y=2', selectionText: 'A & B' }, { id: 7 }, { openPopup, openWindow });
    expect(openPopup).not.toHaveBeenCalled();
    const path = openWindow.mock.calls[0]![0];
    const query = new URLSearchParams(path.split('?')[1]);
    expect(path.startsWith('/popup.html?')).toBe(true);
    expect(query.get('link')).toBe('https://blog.example/a b?x=1&y=2');
    expect(query.get('title')).toBe('A & B');
  });

  it('other items open nothing', async () => {
    const openPopup = vi.fn(async () => {});
    const openWindow = vi.fn(async () => {});
    await onSaveMenuClicked({ menuItemId: 'other' }, { id: 7 }, { openPopup, openWindow });
    expect(openPopup).not.toHaveBeenCalled();
    expect(openWindow).not.toHaveBeenCalled();
  });
});
