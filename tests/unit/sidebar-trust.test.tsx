// @vitest-environment happy-dom
/**
 * The sidebar frame shows and asks nothing until its content script handed it
 * the token, and nothing more once the background refused the token it got: a
 * mail page that frames sidebar.html itself gets neither search nor settings.
 */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NOT_ALLOWED } from '../../lib/messaging/names';
import type { SidebarView } from '../../lib/messaging/protocol';

const send = vi.hoisted(() => vi.fn());
const presentFrameToken = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, presentFrameToken, TendError: class TendError extends Error {} }));

beforeAll(() => {
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: () => {} },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
});

const NO_CONVERSATION: SidebarView = { state: 'no-conversation' };
const SETTINGS = { ownAddresses: [], detectedOwnAddresses: [], tierCadences: { key: 14, active: 30, occasional: 90, none: null }, dailySummary: false, lastBackupAt: null, backupReminderDays: 30, backupReminderSnoozedUntil: null };

beforeEach(() => {
  // The token is kept per page load: each test is a fresh frame.
  vi.resetModules();
  send.mockReset();
  presentFrameToken.mockReset();
});

/** The sidebar as its entrypoint starts it, in a fresh frame. */
async function startSidebar() {
  const { frameToken } = await import('../../lib/ui/frame-token');
  const { SidebarApp } = await import('../../components/sidebar/SidebarApp');
  void frameToken();
  return render(<SidebarApp />);
}

/** What the content script does: post the token from the parent (the mail page's window). */
function postToken(token: string) {
  act(() => {
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'tend-frame-token', token }, origin: 'https://mail.google.com', source: window.parent }));
  });
}

afterEach(cleanup);

const sentNames = () => send.mock.calls.map(([name]) => name as string);

describe('a sidebar frame without its token', () => {
  it('shows a neutral empty state and sends nothing; a guessed token is asked about once, then nothing more', async () => {
    send.mockImplementation(async () => {
      throw new Error(NOT_ALLOWED);
    });
    await startSidebar();
    expect(await screen.findByText('Nothing to show here.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByText('Your addresses')).toBeNull();
    expect(screen.queryByText(/Open a conversation/)).toBeNull();
    expect(send).not.toHaveBeenCalled();

    // The mail page posts a token of its own making: the background refuses it.
    postToken('guessed-token-000000000000');
    await waitFor(() => expect(sentNames()).toEqual(['getSidebarView']));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sentNames()).toEqual(['getSidebarView']);
    expect(screen.getByText('Nothing to show here.')).toBeTruthy();
    expect(screen.queryByRole('searchbox')).toBeNull();
    expect(screen.queryByText('Your addresses')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('a sidebar frame with its token', () => {
  it('presents the token with its requests and shows search and its addresses form', async () => {
    send.mockImplementation(async (name: string) => (name === 'getSidebarView' ? NO_CONVERSATION : name === 'getSettings' ? SETTINGS : { hits: [] }));
    await startSidebar();
    expect(sentNames()).toEqual([]);
    postToken('frame-token-0123456789abcdef');
    expect(await screen.findByText(/Open a conversation/)).toBeTruthy();
    expect(screen.getByRole('searchbox')).toBeTruthy();
    expect(screen.getByText('Your addresses')).toBeTruthy();
    expect(presentFrameToken).toHaveBeenCalledWith('frame-token-0123456789abcdef');
    await waitFor(() => expect(sentNames()).toContain('getSettings'));
    expect(send).toHaveBeenCalledWith('getSidebarView', { frameToken: 'frame-token-0123456789abcdef' });
  });
});
