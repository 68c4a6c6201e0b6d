// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { protocol, type MessageName } from '../../lib/messaging/protocol';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { TendDatabase } from '../../lib/db/schema';
import { Client } from '../../lib/model';
import { ClientsView } from '../../components/dashboard/ClientsView';
import { ClientPage } from '../../components/dashboard/ClientPage';
import { DashboardApp } from '../../components/dashboard/DashboardApp';

// Every message goes to a real background over fake-indexeddb, validated as the router does.
const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, TendError: class TendError extends Error {} }));

const liveListeners = new Set<(message: unknown) => void>();
beforeAll(() => {
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: (listener: (message: unknown) => void) => liveListeners.add(listener) },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
});

const NOW = new Date();
const DAY = 86_400_000;
let db: TendDatabase;
let handlers: Handlers;
const none = { tabId: null };

beforeEach(() => {
  db = new TendDatabase(`clients-ui-${crypto.randomUUID()}`);
  handlers = createHandlers({
    db,
    threads: { get: async () => null, set: async () => {} },
    now: () => new Date(),
    notify: () => setTimeout(() => act(() => liveListeners.forEach((listener) => listener({ type: 'changed' })))),
  });
  send.mockReset();
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const input = protocol[name].input.safeParse(data);
    if (!input.success) throw new Error(input.error.issues[0]?.message ?? 'invalid');
    return (handlers[name] as (input: unknown, sender: unknown) => Promise<unknown>)(input.data, none);
  });
  window.location.hash = '';
});

async function newClient(name: string, email: string | null, company = '') {
  return (await handlers.createClient({ name, email, company, role: '' }, none)).clientId;
}

function names() {
  return within(screen.getByRole('list', { name: 'Clients' }))
    .getAllByRole('listitem')
    .map((row) => within(row).getByRole('link').textContent);
}

describe('the clients list', () => {
  it('sorts and filters', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example', 'Analytical');
    const bob = await newClient('Bob Builder', 'bob@build.example');
    const cyd = await newClient('Cyd Charisse', null);
    await handlers.updateClient({ clientId: bob, tier: 'key' });
    await handlers.setClientTags({ clientId: cyd, tags: ['dance'] });
    await handlers.logInteraction({ clientId: ada, kind: 'call', text: '', at: NOW.getTime() - 200 * DAY });
    await handlers.logInteraction({ clientId: bob, kind: 'call', text: '', at: NOW.getTime() - DAY });
    await handlers.logInteraction({ clientId: cyd, kind: 'call', text: '', at: NOW.getTime() - 3 * DAY });

    render(<ClientsView />);
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Bob Builder', 'Cyd Charisse']));
    const ada_row = screen.getAllByRole('listitem')[0]!;
    expect(within(ada_row).getByRole('link')).toHaveProperty('hash', `#client/${ada}`);
    expect(ada_row.textContent).toContain('Analytical');
    expect(ada_row.textContent).toContain('Overdue by 170 days');

    await user.selectOptions(screen.getByLabelText('Sort by'), 'lastContact');
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Cyd Charisse', 'Bob Builder']));
    await user.selectOptions(screen.getByLabelText('Sort by'), 'nextDue');
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Bob Builder', 'Cyd Charisse']));

    await user.selectOptions(screen.getByLabelText('Tier'), 'key');
    await waitFor(() => expect(names()).toEqual(['Bob Builder']));
    await user.selectOptions(screen.getByLabelText('Tier'), '');
    await user.selectOptions(screen.getByLabelText('Tag'), 'dance');
    await waitFor(() => expect(names()).toEqual(['Cyd Charisse']));
    await user.selectOptions(screen.getByLabelText('Tag'), '');
    await user.click(screen.getByLabelText('No contact for 6 months'));
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace']));
    await user.click(screen.getByLabelText('No contact for 6 months'));
    await user.click(screen.getByLabelText('Overdue'));
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace']));
    await user.click(screen.getByLabelText('Overdue'));

    // Archiving (elsewhere) takes a client off the list at once; the Archived filter shows them.
    await handlers.archiveClient({ clientId: ada, archived: true });
    await waitFor(() => expect(names()).toEqual(['Bob Builder', 'Cyd Charisse']));
    expect(screen.getByRole('status').textContent).toContain('1 archived');
    await user.click(screen.getByLabelText('Archived'));
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace']));
  });

  it('renders only the rows in view of a long list', async () => {
    const at = NOW.getTime();
    await db.clients.bulkAdd(
      Array.from({ length: 5000 }, (_, i) =>
        Client.parse({ id: `c${String(i).padStart(5, '0')}`, name: `Client ${String(i).padStart(5, '0')}`, emails: [], nameKeys: [], createdAt: at, updatedAt: at }),
      ),
    );
    render(<ClientsView />);
    const list = await screen.findByRole('list', { name: 'Clients' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('5000');
    expect(screen.getByRole('status').textContent).toContain('5,000 clients');
  });
});

describe('the client page', () => {
  it('edits profile, addresses, tags, referrals, introductions; archives and merges', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example', 'Analytical');
    const bob = await newClient('Bob Builder', 'bob@build.example');
    await newClient('Charles Babbage', 'charles@engine.example');
    await handlers.addDetail({ clientId: ada, kind: 'hobby', text: 'Writes poetry', date: null, yearly: false });
    for (let i = 0; i < 55; i += 1) await handlers.logInteraction({ clientId: ada, kind: 'note', text: `Note ${i}`, at: NOW.getTime() - (i + 1) * 3_600_000 });

    render(<ClientPage clientId={ada} />);
    const page = await screen.findByRole('article', { name: 'Ada Lovelace' });
    expect(within(page).getByText('Writes poetry')).toBeTruthy();

    // Profile: tier and a custom cadence.
    const profile = within(page).getByRole('form', { name: 'Profile' });
    await user.selectOptions(within(profile).getByLabelText('Tier'), 'key');
    await user.click(within(profile).getByRole('button', { name: 'Save profile' }));
    await waitFor(async () => expect((await db.clients.get(ada))!.tier).toBe('key'));
    await waitFor(() => expect(within(page).getByText(/every 14 days/)).toBeTruthy());
    const profileAgain = within(page).getByRole('form', { name: 'Profile' });
    await user.click(within(profileAgain).getByRole('radio', { name: /Every/ }));
    await user.clear(within(profileAgain).getByLabelText('Days between check-ins'));
    await user.type(within(profileAgain).getByLabelText('Days between check-ins'), '7');
    await user.click(within(profileAgain).getByRole('button', { name: 'Save profile' }));
    await waitFor(async () => expect((await db.clients.get(ada))!.cadenceDays).toBe(7));

    // Addresses: invalid, taken, then added and removed.
    const addresses = within(page).getByRole('region', { name: 'Addresses' });
    await user.type(within(addresses).getByLabelText('New address'), 'not-an-address');
    await user.click(within(addresses).getByRole('button', { name: 'Add address' }));
    expect((await within(addresses).findByRole('alert')).textContent).toMatch(/is not an email address/);
    await user.clear(within(addresses).getByLabelText('New address'));
    await user.type(within(addresses).getByLabelText('New address'), 'bob@build.example');
    await user.click(within(addresses).getByRole('button', { name: 'Add address' }));
    await waitFor(() => expect(within(addresses).getByRole('alert').textContent).toBe('bob@build.example already belongs to Bob Builder.'));
    await user.clear(within(addresses).getByLabelText('New address'));
    await user.type(within(addresses).getByLabelText('New address'), 'ada@home.example');
    await user.click(within(addresses).getByRole('button', { name: 'Add address' }));
    await within(addresses).findByText('ada@home.example');
    await user.click(within(addresses).getByRole('button', { name: 'Remove ada@analytical.example' }));
    await waitFor(() => expect(within(addresses).queryByText('ada@analytical.example')).toBeNull());
    expect((await db.clients.get(ada))!.emails).toEqual(['ada@home.example']);

    // Tags.
    const tags = within(page).getByRole('form', { name: 'Tags' });
    await user.type(within(tags).getByRole('textbox'), 'poetry, math');
    await user.click(within(tags).getByRole('button', { name: 'Save tags' }));
    await waitFor(async () => expect((await db.clients.get(ada))!.tags).toEqual(['poetry', 'math']));

    // Timeline: newest first, 50 a page.
    const timeline = within(page).getByRole('region', { name: 'Interactions' });
    expect(within(timeline).getByText('1–50 of 55')).toBeTruthy();
    expect(within(timeline).getAllByRole('listitem')[0]!.textContent).toContain('Note 0');
    await user.click(within(timeline).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(timeline).getAllByRole('listitem')).toHaveLength(5));

    // Referred by Bob, and Bob thanked.
    const referrals = within(page).getByRole('region', { name: 'Referrals' });
    await user.type(within(referrals).getByLabelText('Who referred them?'), 'bob');
    await user.click(await within(referrals).findByRole('button', { name: /Bob Builder/ }));
    await user.type(within(referrals).getByLabelText('What they said'), 'She fixes pricing');
    await user.click(within(referrals).getByRole('button', { name: 'Add referral' }));
    const referredBy = await within(referrals).findByRole('list', { name: 'Referred by' });
    expect(referredBy.textContent).toContain('Bob Builder said “She fixes pricing”');
    await user.click(within(referredBy).getByRole('button', { name: 'Mark Bob Builder thanked' }));
    await waitFor(() => expect(referredBy.textContent).toContain('thanked'));
    expect((await db.referrals.toArray())[0]).toMatchObject({ referrerId: bob, referredId: ada, said: 'She fixes pricing' });

    // An introduction.
    const intros = within(page).getByRole('region', { name: 'Introductions' });
    await user.type(within(intros).getByLabelText('Introduced to'), 'Mary Somerville, for printing');
    await user.click(within(intros).getByRole('button', { name: 'Add introduction' }));
    await within(intros).findByText(/Mary Somerville, for printing/);
    expect((await db.followUps.toArray()).map((f) => f.kind)).toEqual(['introduction']);

    // Merge Charles into Ada.
    const merge = within(page).getByRole('region', { name: 'Merge' });
    await user.type(within(merge).getByLabelText('Client to merge into this one'), 'charles');
    await user.click(await within(merge).findByRole('button', { name: /Charles Babbage/ }));
    await user.click(within(merge).getByRole('button', { name: 'Merge Charles Babbage into Ada Lovelace' }));
    await waitFor(async () => expect(await db.clients.count()).toBe(2));
    await waitFor(() => expect(within(page).getByText('charles@engine.example')).toBeTruthy());

    // Archive and restore.
    await user.click(within(page).getByRole('button', { name: 'Archive' }));
    await within(page).findByRole('button', { name: 'Restore' });
    expect((await db.clients.get(ada))!.nextDueAt).toBeNull();
    await user.click(within(page).getByRole('button', { name: 'Restore' }));
    await within(page).findByRole('button', { name: 'Archive' });
    expect((await db.clients.get(ada))!.nextDueAt).not.toBeNull();
  });
});

describe('the client page’s resources', () => {
  const ARTICLE = { url: 'https://news.example/marathon', canonicalUrl: 'https://news.example/marathon', title: 'Marathon training', site: 'News', byline: '', excerpt: 'Train slowly.', contentHtml: '<p>Train slowly.</p>' };

  it('reads, edits the note, marks shared and not, removes from this client or deletes after asking', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const bob = await newClient('Bob Builder', 'bob@build.example');
    const shared = (await handlers.saveResource({ ...ARTICLE, note: 'For Berlin', clientIds: [ada, bob] })).resourceId;
    const own = (
      await handlers.saveResource({ ...ARTICLE, url: 'https://blog.example/pricing', canonicalUrl: 'https://blog.example/pricing', title: 'Pricing advice', contentHtml: '', note: '', clientIds: [ada] })
    ).resourceId;

    render(<ClientPage clientId={ada} />);
    const page = await screen.findByRole('article', { name: 'Ada Lovelace' });
    const section = within(page).getByRole('region', { name: 'Resources' });
    const item = (title: string) => within(section).getByRole('link', { name: title }).closest('li')!;

    // A saved copy opens in the reader; a link opens the page itself.
    expect(within(section).getByRole('link', { name: 'Marathon training' }).getAttribute('href')).toMatch(new RegExp(`/reader\\.html\\?id=${shared}$`));
    expect(within(section).getByRole('link', { name: 'Original of Marathon training' }).getAttribute('href')).toBe('https://news.example/marathon');
    expect(within(section).getByRole('link', { name: 'Pricing advice' }).getAttribute('href')).toBe('https://blog.example/pricing');
    expect(item('Marathon training').textContent).toContain('also for 1 other client');
    expect(item('Marathon training').querySelector('.resource-note')!.textContent).toBe('Private note: For Berlin');

    // Edit Ada's private note: Bob's stays his.
    await user.click(within(section).getByRole('button', { name: 'Edit note for Marathon training' }));
    const form = within(section).getByRole('form', { name: 'Note for Marathon training' });
    expect(within(form).getByLabelText('Private note').getAttribute('aria-describedby')).toBeTruthy();
    expect(form.textContent).toContain('Only you see it, and only for Ada Lovelace: it is never put into an email.');
    await user.clear(within(form).getByLabelText('Private note'));
    await user.type(within(form).getByLabelText('Private note'), 'Ask how the long runs go');
    await user.click(within(form).getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(item('Marathon training').textContent).toContain('Ask how the long runs go'));
    expect((await db.resources.get(shared))!.notes).toEqual({ [ada]: 'Ask how the long runs go', [bob]: 'For Berlin' });

    // Shared, then back to "to share".
    await user.click(within(section).getByRole('button', { name: 'Mark as shared Marathon training' }));
    await waitFor(() => expect(item('Marathon training').textContent).toContain(' · shared '));
    expect((await db.resources.get(shared))!.sharedWith[ada]).toBeTypeOf('number');
    await user.click(within(section).getByRole('button', { name: 'Mark as not shared Marathon training' }));
    await waitFor(() => expect(item('Marathon training').textContent).toContain('not shared yet'));
    expect((await db.resources.get(shared))!.sharedWith).toEqual({});

    // Removing one Bob also has: unlinked at once, kept for Bob.
    await user.click(within(section).getByRole('button', { name: 'Remove Marathon training from Ada Lovelace' }));
    await waitFor(() => expect(within(section).queryByRole('link', { name: 'Marathon training' })).toBeNull());
    expect(within(section).getByRole('status').textContent).toBe('“Marathon training” is removed from Ada Lovelace; it stays saved for 1 other client.');
    expect((await db.resources.get(shared))!.clientIds).toEqual([bob]);

    // Removing one only Ada has asks first; "Keep it" keeps it, "Delete" deletes it.
    await user.click(within(section).getByRole('button', { name: 'Remove Pricing advice from Ada Lovelace' }));
    const ask = within(section).getByRole('group', { name: 'Delete Pricing advice?' });
    await user.click(within(ask).getByRole('button', { name: 'Keep it' }));
    expect(await db.resources.get(own)).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Remove Pricing advice from Ada Lovelace' }));
    await user.click(within(section).getByRole('button', { name: 'Delete Pricing advice' }));
    await waitFor(() => expect(within(section).getByText('No articles saved for this client yet.')).toBeTruthy());
    expect(await db.resources.get(own)).toBeUndefined();
    expect(within(section).getByRole('status').textContent).toBe('“Pricing advice” is deleted.');
  });

  it('says when one waits to be sent (inserted into a reply not seen sent); Mark as shared ends the wait and checks in', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const id = (await handlers.saveResource({ ...ARTICLE, note: 'For Berlin', clientIds: [ada] })).resourceId;
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ inserted: true } as never);
    await handlers.insertIntoReply({ resourceId: id, clientId: ada, message: '' }, { tabId: 3 });
    render(<ClientPage clientId={ada} />);
    const page = await screen.findByRole('article', { name: 'Ada Lovelace' });
    const section = within(page).getByRole('region', { name: 'Resources' });
    const item = () => within(section).getByRole('link', { name: 'Marathon training' }).closest('li')!;
    expect(item().textContent).toContain('waiting to be sent (inserted into a reply');
    expect((await db.clients.get(ada))!.lastContactAt).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Mark as shared Marathon training' }));
    await waitFor(() => expect(item().textContent).toContain(' · shared '));
    expect(item().textContent).not.toContain('waiting to be sent');
    expect((await db.resources.get(id))!.pendingFor).toEqual([]);
    expect((await db.clients.get(ada))!.lastContactAt).toBeTypeOf('number');
  });
});

describe('the dashboard', () => {
  it('has a Clients view, a client route, and a search box focused with /', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await handlers.addDetail({ clientId: ada, kind: 'travel', text: 'Summer in Lisbon', date: null, yearly: false });
    window.location.hash = '#clients';
    render(<DashboardApp />);
    expect(screen.getByRole('link', { name: 'Clients' }).getAttribute('aria-current')).toBe('page');
    await screen.findByRole('list', { name: 'Clients' });

    await user.keyboard('/');
    const box = screen.getByRole('searchbox', { name: 'Search clients and resources' });
    expect(document.activeElement).toBe(box);
    await user.keyboard('lisb');
    const found = await screen.findByRole('list', { name: 'Clients found' });
    expect(found.textContent).toContain('Ada Lovelace');
    expect(found.textContent).toContain('Noted: Summer in Lisbon');
    await user.click(within(found).getByRole('link'));
    await waitFor(() => expect(window.location.hash).toBe(`#client/${ada}`));
    await screen.findByRole('article', { name: 'Ada Lovelace' });
  });
});
