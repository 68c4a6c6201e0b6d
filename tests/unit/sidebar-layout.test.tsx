// @vitest-environment happy-dom
/**
 * The sidebar's card and conversation (issue 15): sections fold and remember it
 * before their first paint, a big conversation folds its strangers into "N other
 * people" (Add client only once expanded, a filter past 10), and a name-only match
 * asks "Is this … from …?" with Yes and Not them.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Client } from '../../lib/model';
import type { PersonView, SidebarView } from '../../lib/messaging/protocol';

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

const SETTINGS = { ownAddresses: [], detectedOwnAddresses: [], tierCadences: { key: 14, active: 30, occasional: 90, none: null }, dailySummary: false, lastBackupAt: null, backupReminderDays: 30, backupReminderSnoozedUntil: null };

const KOFI = Client.parse({
  id: 'kofi',
  name: 'Kofi Mensah',
  company: 'Baobab Capital',
  emails: ['kofi@baobab.example'],
  nameKeys: ['kofi mensah'],
  createdAt: 1,
  updatedAt: 1,
});

function person(fields: Partial<PersonView> & { name: string }): PersonView {
  return { email: null, isSender: false, match: 'unknown', client: null, details: [], interactions: [], checkIn: null, upcoming: [], ...fields };
}

const knownKofi = person({
  name: 'Kofi Mensah',
  email: 'kofi@baobab.example',
  match: 'client',
  client: KOFI,
  checkIn: { state: 'overdue', days: 12, text: 'Check-in overdue by 12 days' },
  details: [{ id: 'd1', clientId: 'kofi', kind: 'family', text: 'Daughter Ama starts school', date: null, yearly: false, createdAt: 1, updatedAt: 1 }],
});

const strangers = (count: number) => Array.from({ length: count }, (_, i) => person({ name: `Person ${i}`, email: `person${i}@crowd.example` }));

function conversation(people: PersonView[], more = 0): SidebarView {
  return { state: 'conversation', subject: 'Hello', people, more, ownAddressQuestion: null };
}

beforeEach(() => {
  // Each test is a fresh sidebar page: the remembered folds are read once per page.
  vi.resetModules();
  fakeBrowser.reset();
  send.mockReset();
});
afterEach(cleanup);

/** The sidebar as its entrypoint starts it, handed its token, showing `view`. */
async function startSidebar(view: SidebarView) {
  send.mockImplementation(async (name: string) => {
    if (name === 'getSidebarView') return view;
    if (name === 'getSettings') return SETTINGS;
    if (name === 'listClientResources') return { waiting: [], waitingToBeSent: [], shared: [] };
    return {};
  });
  const { frameToken } = await import('../../lib/ui/frame-token');
  const { SidebarApp } = await import('../../components/sidebar/SidebarApp');
  void frameToken();
  const rendered = render(<SidebarApp />);
  act(() => {
    window.dispatchEvent(
      new MessageEvent('message', { data: { type: 'tend-frame-token', token: 'frame-token-0123456789abcdef' }, origin: 'https://mail.google.com', source: window.parent }),
    );
  });
  return rendered;
}

const foldButton = (card: HTMLElement, name: RegExp) => within(card).getByRole('button', { name });

describe('folding sections', () => {
  it('opens Check-in, Details and Interactions by default, and remembers a fold across sidebar pages', async () => {
    await startSidebar(conversation([knownKofi]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    const details = foldButton(card, /^Details/);
    expect(details.getAttribute('aria-expanded')).toBe('true');
    expect(within(card).getByRole('region', { name: 'Personal details of Kofi Mensah' })).toBeTruthy();
    expect(foldButton(card, /^Check-in/).getAttribute('aria-expanded')).toBe('true');

    fireEvent.click(details);
    expect(details.getAttribute('aria-expanded')).toBe('false');
    expect(within(card).queryByRole('region', { name: 'Personal details of Kofi Mensah' })).toBeNull();
    await waitFor(async () => expect(await fakeBrowser.storage.local.get('sidebarFolds')).toEqual({ sidebarFolds: { details: false } }));

    // A new page (another conversation, a reload): Details is folded from its first paint.
    cleanup();
    vi.resetModules();
    await startSidebar(conversation([knownKofi]));
    const again = await screen.findByRole('article', { name: 'Kofi Mensah' });
    expect(foldButton(again, /^Details/).getAttribute('aria-expanded')).toBe('false');
    expect(foldButton(again, /^Check-in/).getAttribute('aria-expanded')).toBe('true');
    expect(within(again).queryByRole('region', { name: 'Personal details of Kofi Mensah' })).toBeNull();
  });

  it('says the check-in state on the folded Check-in heading', async () => {
    await fakeBrowser.storage.local.set({ sidebarFolds: { 'check-in': false } });
    await startSidebar(conversation([knownKofi]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    const checkIn = foldButton(card, /^Check-in/);
    expect(checkIn.getAttribute('aria-expanded')).toBe('false');
    expect(checkIn.textContent).toContain('Check-in overdue by 12 days');
    expect(within(card).queryByRole('button', { name: 'Checked in' })).toBeNull();
    fireEvent.click(checkIn);
    expect(within(card).getByRole('button', { name: 'Checked in' })).toBeTruthy();
  });

  it('ignores a stored preference of the wrong shape', async () => {
    await fakeBrowser.storage.local.set({ sidebarFolds: { details: 'no' } });
    await startSidebar(conversation([knownKofi]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    expect(foldButton(card, /^Details/).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('a big conversation', () => {
  it('lists clients first and folds 200 strangers into "200 other people", with Add client only once expanded', async () => {
    await startSidebar(conversation([knownKofi, ...strangers(200)]));
    const toggle = await screen.findByRole('button', { name: /^200 other people/ });
    expect(screen.getByRole('article', { name: 'Kofi Mensah' })).toBeTruthy();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByRole('button', { name: 'Add client' })).toHaveLength(0);
    expect(screen.queryByText(/more people/)).toBeNull();

    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('button', { name: 'Add client' })).toHaveLength(200);
    const filter = screen.getByRole('searchbox', { name: 'Filter people' });
    fireEvent.change(filter, { target: { value: 'person17' } });
    // person17, person170 … person179: by address as well as by name.
    expect(screen.getAllByRole('button', { name: 'Add client' })).toHaveLength(11);
    fireEvent.change(filter, { target: { value: 'Person 199' } });
    expect(screen.getAllByRole('button', { name: 'Add client' })).toHaveLength(1);
    fireEvent.change(filter, { target: { value: 'nobody-like-this' } });
    expect(screen.queryAllByRole('button', { name: 'Add client' })).toHaveLength(0);
    expect(screen.getByText(/Nobody here matches/)).toBeTruthy();
  });

  it('keeps the ordinary one-stranger email one click away, and lists up to 3 directly', async () => {
    await startSidebar(conversation(strangers(3)));
    expect(await screen.findAllByRole('button', { name: 'Add client' })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: /other people/ })).toBeNull();
  });

  it('folds 4, without a filter box up to 10, and counts colleagues and people not sent', async () => {
    const colleague = person({ name: 'Ama Owusu', email: 'ama@baobab.example', match: 'colleague', client: KOFI });
    await startSidebar(conversation([colleague, ...strangers(3)]));
    const toggle = await screen.findByRole('button', { name: /^4 other people/ });
    expect(screen.queryByRole('button', { name: 'Add to Baobab Capital?' })).toBeNull();
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Add to Baobab Capital?' })).toBeTruthy();
    expect(screen.queryByRole('searchbox', { name: 'Filter people' })).toBeNull();

    cleanup();
    vi.resetModules();
    await startSidebar(conversation(strangers(8), 5));
    fireEvent.click(await screen.findByRole('button', { name: /^13 other people/ }));
    expect(screen.getByRole('searchbox', { name: 'Filter people' })).toBeTruthy();
  });
});

describe('a name-only match', () => {
  const probable = person({ name: 'Kofi Mensah', match: 'probable', client: KOFI });

  it('asks "Is this Kofi Mensah from Baobab Capital?" with Yes and Not them', async () => {
    await startSidebar(conversation([probable]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    expect(within(card).getByText('Is this Kofi Mensah from Baobab Capital?')).toBeTruthy();
    expect(card.textContent).not.toMatch(/Kofi Mensah Kofi Mensah/);
    fireEvent.click(within(card).getByRole('button', { name: 'Yes' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('confirmClientName', { clientId: 'kofi', name: 'Kofi Mensah' }));
  });

  it('Not them tells the background this display name is not that client', async () => {
    await startSidebar(conversation([probable]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    fireEvent.click(within(card).getByRole('button', { name: 'Not them' }));
    await waitFor(() => expect(send).toHaveBeenCalledWith('rejectClientName', { clientId: 'kofi', name: 'Kofi Mensah' }));
  });

  it('names the known address when the client has no company', async () => {
    await startSidebar(conversation([{ ...probable, client: { ...KOFI, company: '' } }]));
    const card = await screen.findByRole('article', { name: 'Kofi Mensah' });
    expect(within(card).getByText('Is this Kofi Mensah (kofi@baobab.example)?')).toBeTruthy();
  });
});
