// @vitest-environment jsdom
/**
 * The save popup as a person uses it, with the tab and the background stood in
 * for: what the tab's extraction script returns is a message from the page's
 * renderer, so the popup validates it, and cleans the article once more before it
 * is stored, whatever the script in the tab did. (jsdom: DOMPurify needs a complete
 * DOM, and happy-dom's is not one.)
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SavePopup } from '../../components/popup/SavePopup';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, TendError: class TendError extends Error {} }));

const URL_ = 'https://www.strideweekly.example/training/first-marathon-plan';

/** What a compromised renderer could answer instead of extractPage's clean result. */
const forged = {
  url: URL_,
  declaredCanonical: [`${URL_}?utm_source=newsletter`],
  kind: 'article',
  reason: null,
  title: 'How to train for your first marathon',
  site: 'Stride Weekly',
  byline: 'Lena Hartmann',
  excerpt: 'A sixteen-week plan.',
  contentHtml: '<p>Run slowly.</p><img src="x" onerror="alert(1)"><script>steal()</script><a href="javascript:alert(2)">go</a><form action="https://evil.example"><input name="q"></form>',
  text: 'marathon training plan',
  words: 1200,
  readingMinutes: 5,
  lang: 'en',
};

beforeEach(() => {
  fakeBrowser.reset();
  send.mockReset();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url: URL_ }] as never);
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript: vi.fn(async () => [{ result: forged }]) };
  send.mockImplementation(async (name: string) => {
    if (name === 'getSaveContext') return { clients: [{ id: 'c1', name: 'Ada Lovelace', company: 'Analytical', reason: 'keywords', terms: ['marathon'] }], existing: null };
    if (name === 'saveResource') return { resourceId: 'r1', existed: false };
    throw new Error(`unexpected ${name}`);
  });
});

describe('the save popup', () => {
  it('shows what the tab read, and stores the article cleaned again', async () => {
    render(<SavePopup />);
    expect(await screen.findByRole('heading', { name: 'How to train for your first marathon' })).toBeTruthy();
    expect(screen.getByText('Stride Weekly · Lena Hartmann · 5 min read')).toBeTruthy();
    await userEvent.click(await screen.findByRole('checkbox', { name: /Ada Lovelace/ }));
    await userEvent.click(screen.getByRole('button', { name: /^Save/ }));
    await screen.findByText('Saved for Ada Lovelace.');

    const [, saved] = send.mock.calls.find(([name]) => name === 'saveResource')!;
    expect(saved).toMatchObject({ canonicalUrl: URL_, title: 'How to train for your first marathon', clientIds: ['c1'] });
    expect(saved.contentHtml).toContain('<p>Run slowly.</p>');
    expect(saved.contentHtml).toContain('>go</a>');
    expect(saved.contentHtml).not.toMatch(/onerror|<script|steal|javascript:|<form|<input|<img/i);
  });

  it('a tab that answers something else than an extraction is refused, and nothing is saved', async () => {
    (fakeBrowser as unknown as { scripting: { executeScript: unknown } }).scripting.executeScript = vi.fn(async () => [{ result: { ...forged, words: 'many' } }]);
    render(<SavePopup />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/could not read this page/));
    expect(send).not.toHaveBeenCalledWith('saveResource', expect.anything());
  });
});

describe('the save popup from the keyboard', () => {
  const CLIENTS = [
    { id: 'c1', name: 'Ada Lovelace', company: 'Analytical', emails: ['ada@analytical.example'], reason: 'keywords', terms: ['marathon'] },
    { id: 'c2', name: 'Grace Hopper', company: 'US Navy', emails: ['grace@navy.example'], reason: null, terms: [] },
    { id: 'c3', name: 'Alan Turing', company: 'Bletchley', emails: ['alan@bletchley.example'], reason: null, terms: [] },
  ];

  beforeEach(() => {
    // The popup closes itself after a save; jsdom's window must outlive it for the next test.
    vi.spyOn(window, 'close').mockImplementation(() => {});
    send.mockImplementation(async (name: string) => {
      if (name === 'getSaveContext') return { clients: CLIENTS, existing: null };
      if (name === 'saveResource') return { resourceId: 'r1', existed: false };
      throw new Error(`unexpected ${name}`);
    });
  });

  async function ready() {
    render(<SavePopup />);
    const search = await screen.findByRole('searchbox', { name: 'Find a client' });
    await screen.findByRole('checkbox', { name: /Alan Turing/ });
    return search;
  }
  const savedWith = () => send.mock.calls.find(([name]) => name === 'saveResource')?.[1];

  it('starts in Find a client; arrows move through the matches, Space and Enter pick, Ctrl+Enter saves', async () => {
    const search = await ready();
    expect(document.activeElement).toBe(search);
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /Ada Lovelace/ }));
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /Alan Turing/ }));
    // The last match stays the last.
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: /Alan Turing/ }));
    await userEvent.keyboard(' ');
    expect((screen.getByRole('checkbox', { name: /Alan Turing/ }) as HTMLInputElement).checked).toBe(true);
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect((screen.getByRole('checkbox', { name: /Grace Hopper/ }) as HTMLInputElement).checked).toBe(true);
    // Enter on a match picks, it does not save.
    expect(savedWith()).toBeUndefined();
    // Up from the first match goes back to the search.
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(search);
    // The picked clients show as chips, each removable.
    const chips = screen.getByRole('list', { name: 'Chosen clients' });
    expect(within(chips).getAllByRole('listitem').map((chip) => chip.textContent)).toEqual(['Alan Turing×', 'Grace Hopper×']);
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByText('Saved for Alan Turing, Grace Hopper.');
    expect(savedWith()).toMatchObject({ clientIds: ['c3', 'c2'] });
  });

  it('Enter in the search picks the first match and clears the search for the next', async () => {
    const search = await ready();
    await userEvent.type(search, 'navy');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    await userEvent.keyboard('{Enter}');
    expect((search as HTMLInputElement).value).toBe('');
    expect(within(screen.getByRole('list', { name: 'Chosen clients' })).getByText('Grace Hopper')).toBeTruthy();
    expect(savedWith()).toBeUndefined();
    // Typing on a match goes on searching.
    await userEvent.keyboard('{ArrowDown}t');
    expect(document.activeElement).toBe(search);
    expect((search as HTMLInputElement).value).toBe('t');
  });

  it('says "Pick at least one client" on Save with nobody picked, and stops saying it once someone is', async () => {
    const search = await ready();
    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    expect(screen.getByRole('alert').textContent).toBe('Pick at least one client.');
    expect(search.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(search);
    expect(savedWith()).toBeUndefined();
    await userEvent.keyboard('{ArrowDown} ');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(search.getAttribute('aria-invalid')).toBeNull();
    // Removing the chip again does not bring the error back before the next Save.
    await userEvent.click(screen.getByRole('button', { name: 'Remove Ada Lovelace' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /^Save/ }));
    expect(screen.getByRole('alert').textContent).toBe('Pick at least one client.');
  });

  it('removes a chip from the keyboard, focus staying among the chips', async () => {
    await ready();
    await userEvent.keyboard('{ArrowDown} {ArrowDown} ');
    const remove = screen.getByRole('button', { name: 'Remove Ada Lovelace' });
    remove.focus();
    await userEvent.keyboard('{Delete}');
    expect(screen.queryByRole('button', { name: 'Remove Ada Lovelace' })).toBeNull();
    expect((screen.getByRole('checkbox', { name: /Ada Lovelace/ }) as HTMLInputElement).checked).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Grace Hopper' })));
  });

  it('takes at most 8 Tab stops from Find a client to Save, with clients picked and a note', async () => {
    const search = await ready();
    await userEvent.keyboard('{ArrowDown} {ArrowDown} {ArrowDown} ');
    search.focus();
    const save = screen.getByRole('button', { name: /^Save/ });
    let stops = 0;
    while (document.activeElement !== save && stops < 20) {
      await userEvent.tab();
      stops += 1;
    }
    expect(document.activeElement).toBe(save);
    // The chips are one stop, the matches one, then the note and Save.
    expect(stops).toBe(4);
    expect(stops).toBeLessThanOrEqual(8);
    expect(screen.getByRole('textbox', { name: 'Private note (only you see it)' })).toBeTruthy();
  });
});
