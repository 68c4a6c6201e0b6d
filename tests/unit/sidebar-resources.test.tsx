// @vitest-environment happy-dom
/**
 * The sidebar's resources (issue 15): "Insert into reply" first shows exactly what
 * goes into the email (title, link, an optional message) in a dialog; the private
 * note is shown as the user's own, never in the dialog, never sent. Inserted
 * resources wait to be sent; "Mark as shared" is the user saying it went.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ResourceSummary } from '../../lib/messaging/protocol-resources';
import { ResourcesSection } from '../../components/sidebar/ResourcesSection';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, presentFrameToken: vi.fn(), TendError: class TendError extends Error {} }));

beforeAll(() => {
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: () => {} },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
});

const NOTE = 'For Kofi: he worries about the Lisbon office';
const ARTICLE: ResourceSummary = {
  id: 'r-1',
  url: 'https://news.example/lisbon',
  title: 'Opening an office in Lisbon',
  site: 'News',
  byline: '',
  excerpt: '',
  note: NOTE,
  hasArticle: false,
  savedAt: 1,
  sharedAt: null,
  waitingToBeSentSince: null,
};

let lists: { waiting: ResourceSummary[]; waitingToBeSent: ResourceSummary[]; shared: ResourceSummary[] };

beforeEach(() => {
  send.mockReset();
  lists = { waiting: [ARTICLE], waitingToBeSent: [], shared: [] };
  send.mockImplementation(async (name: string) => {
    if (name === 'listClientResources') return lists;
    if (name === 'insertIntoReply') return { inserted: true, text: '', waitingToBeSentSince: 5 };
    if (name === 'markResourceShared') return { sharedAt: 6 };
    throw new Error(`unexpected ${name}`);
  });
});
afterEach(cleanup);

const calls = (name: string) => send.mock.calls.filter(([sent]) => sent === name).map(([, data]) => data as Record<string, unknown>);

async function showSection() {
  render(<ResourcesSection clientId="kofi" clientName="Kofi Mensah" />);
  return screen.findByRole('region', { name: 'Resources to share with Kofi Mensah' });
}

describe('the sidebar’s Insert into reply', () => {
  it('shows the private note as private, outside the dialog; the dialog shows the title and link, and no note', async () => {
    const user = userEvent.setup();
    const section = await showSection();
    expect(within(section).getByText(NOTE).closest('p')!.textContent).toBe(`Private note: ${NOTE}`);

    await user.click(within(section).getByRole('button', { name: 'Insert into reply' }));
    const dialog = within(section).getByRole('dialog', { name: 'Insert into reply' });
    expect(dialog.textContent).toContain(ARTICLE.title);
    expect(dialog.textContent).toContain(ARTICLE.url);
    expect(dialog.textContent).not.toContain(NOTE);
    expect(dialog.textContent).toContain('Your private note stays in Tend.');
    // The message field has the focus, ready to type.
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Message (optional)'));
    expect(calls('insertIntoReply')).toEqual([]);
  });

  it('“Insert” sends the typed message, never the note; the status says it waits to be sent', async () => {
    const user = userEvent.setup();
    const section = await showSection();
    await user.click(within(section).getByRole('button', { name: 'Insert into reply' }));
    const dialog = within(section).getByRole('dialog', { name: 'Insert into reply' });
    await user.type(within(dialog).getByLabelText('Message (optional)'), 'Thought of your move');
    await user.click(within(dialog).getByRole('button', { name: 'Insert' }));
    await waitFor(() => expect(calls('insertIntoReply')).toEqual([{ resourceId: 'r-1', clientId: 'kofi', message: 'Thought of your move' }]));
    expect(JSON.stringify(send.mock.calls)).not.toContain('Lisbon office');
    expect(await within(section).findByRole('status')).toHaveProperty('textContent', 'Inserted into your reply. It counts as shared once Tend sees the reply sent.');
    expect(within(section).queryByRole('dialog')).toBeNull();
  });

  it('Cancel and Escape close the dialog, insert nothing, and give the focus back', async () => {
    const user = userEvent.setup();
    const section = await showSection();
    const open = within(section).getByRole('button', { name: 'Insert into reply' });
    await user.click(open);
    await user.click(within(section).getByRole('button', { name: 'Cancel' }));
    expect(within(section).queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);

    await user.click(open);
    await user.type(within(section).getByLabelText('Message (optional)'), 'Half typed');
    await user.keyboard('{Escape}');
    expect(within(section).queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
    expect(calls('insertIntoReply')).toEqual([]);
  });

  it('a resource waiting to be sent says so, and “Mark as shared” tells the background', async () => {
    const user = userEvent.setup();
    lists = { waiting: [], waitingToBeSent: [{ ...ARTICLE, waitingToBeSentSince: Date.now() }], shared: [] };
    render(<ResourcesSection clientId="kofi" clientName="Kofi Mensah" />);
    const section = await screen.findByRole('region', { name: 'Waiting to be sent to Kofi Mensah' });
    expect(section.textContent).toContain('Waiting to be sent: inserted into a reply');
    await user.click(within(section).getByRole('button', { name: 'Mark as shared' }));
    await waitFor(() => expect(calls('markResourceShared')).toEqual([{ resourceId: 'r-1', clientId: 'kofi' }]));
  });

  it('a shared resource offers “Share again” and no “Mark as shared”', async () => {
    lists = { waiting: [], waitingToBeSent: [], shared: [{ ...ARTICLE, sharedAt: Date.now() }] };
    render(<ResourcesSection clientId="kofi" clientName="Kofi Mensah" />);
    const section = await screen.findByRole('region', { name: 'Shared with Kofi Mensah', hidden: true });
    expect(within(section).getByRole('button', { name: 'Insert into reply again', hidden: true }).textContent).toBe('Share again');
    expect(within(section).queryByRole('button', { name: 'Mark as shared', hidden: true })).toBeNull();
  });
});
