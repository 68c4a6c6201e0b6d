// @vitest-environment jsdom
/**
 * The save popup as a person uses it, with the tab and the background stood in
 * for: what the tab's extraction script returns is a message from the page's
 * renderer, so the popup validates it, and cleans the article once more before it
 * is stored, whatever the script in the tab did. (jsdom: DOMPurify needs a complete
 * DOM, and happy-dom's is not one.)
 */
import { render, screen, waitFor } from '@testing-library/react';
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
