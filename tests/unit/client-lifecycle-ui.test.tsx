// @vitest-environment happy-dom
/**
 * Issue 16's client lifecycle as a person uses it, over a real background on
 * fake-indexeddb: "Delete client" asks first, naming what goes, then goes to the
 * client list with Undo; Today's "Thank your referrers" marks one thanked, with Undo;
 * the client page's "Mark … thanked" offers Undo too.
 */
import 'fake-indexeddb/auto';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, type MessageName } from '../../lib/messaging/protocol';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { TendDatabase } from '../../lib/db/schema';
import { Project } from '../../lib/model';
import { ClientPage, deleteQuestion } from '../../components/dashboard/ClientPage';
import { Today } from '../../components/dashboard/Today';
import { UndoProvider } from '../../components/UndoNotice';
import { fakeLivePort } from './support/live-port';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, TendError: class TendError extends Error {} }));

// One port for the whole file: pages keep the port they first connected to.
let live: ReturnType<typeof fakeLivePort>;
beforeAll(() => {
  live = fakeLivePort();
});

let db: TendDatabase;
let handlers: Handlers;
const none = { tabId: null };

beforeEach(() => {
  db = new TendDatabase(`lifecycle-ui-${crypto.randomUUID()}`);
  handlers = createHandlers({
    db,
    threads: { get: async () => null, set: async () => {} },
    now: () => new Date(),
    notify: () => setTimeout(() => live.push({ type: 'changed' })),
  });
  send.mockReset();
  // Validated as the router does, then the real handler.
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const input = protocol[name].input.safeParse(data);
    if (!input.success) throw new Error(input.error.issues[0]?.message ?? 'invalid');
    return (handlers[name] as (input: unknown, sender: unknown) => Promise<unknown>)(input.data, none);
  });
  window.location.hash = '';
});

async function newClient(name: string, email: string) {
  return (await handlers.createClient({ name, email, company: '', role: '' }, none)).clientId;
}

describe('deleteQuestion', () => {
  it('names what goes, and only what there is', () => {
    expect(deleteQuestion('Ada Lovelace', { projects: 3, feedback: 2, interactions: 120 })).toBe('Delete Ada Lovelace and their 3 projects, 2 feedback records and 120 interactions?');
    expect(deleteQuestion('Ada Lovelace', { projects: 1, feedback: 0, interactions: 1 })).toBe('Delete Ada Lovelace and their 1 project and 1 interaction?');
    expect(deleteQuestion('Ada Lovelace', { projects: 0, feedback: 0, interactions: 0 })).toBe('Delete Ada Lovelace?');
  });
});

describe('Delete client on the client page', () => {
  it('asks first, Cancel keeps them, Delete goes to the list with Undo, and Undo brings them back', async () => {
    const user = userEvent.setup();
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    await handlers.logInteraction({ clientId: ada, kind: 'call', text: 'Pricing' });
    const at = Date.now();
    await db.projects.add(Project.parse({ id: 'p-1', clientId: ada, title: 'Audit', startDay: '2026-01-05', createdAt: at, updatedAt: at }));
    render(
      <UndoProvider>
        <ClientPage clientId={ada} />
      </UndoProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Delete client' }));
    const confirm = screen.getByRole('group', { name: 'Delete client' });
    expect(confirm.textContent).toContain('Delete Ada Lovelace and their 1 project and 1 interaction?');
    // The safe choice has focus.
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Delete client' })).toBeNull();
    expect(await db.clients.get(ada)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Delete client' }));
    await user.click(within(screen.getByRole('group', { name: 'Delete client' })).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(window.location.hash).toBe('#clients'));
    expect(await db.clients.get(ada)).toBeUndefined();
    expect(await db.projects.get('p-1')).toBeUndefined();
    const notice = await screen.findByText('Deleted Ada Lovelace.');
    await user.click(within(notice.closest('[role="status"]') as HTMLElement).getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    expect((await db.clients.get(ada))!.name).toBe('Ada Lovelace');
    expect(await db.projects.get('p-1')).toBeTruthy();
  });
});

describe('Thank your referrers on Today', () => {
  it('"Thanked" takes the row off with Undo, and Undo puts it back', async () => {
    const user = userEvent.setup();
    const grace = await newClient('Grace Hopper', 'grace@navy.example');
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const { id } = await handlers.addReferral({ referrerId: grace, referredId: ada, said: 'Knows engines' });
    render(
      <UndoProvider>
        <Today />
      </UndoProvider>,
    );
    const section = await screen.findByRole('region', { name: /^Thank your referrers/ });
    const row = within(section).getByRole('listitem');
    expect(row.textContent).toContain('Grace Hopper');
    expect(row.textContent).toContain('Referred Ada Lovelace');
    expect(within(row).getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe(`#client/${ada}`);

    await user.click(within(row).getByRole('button', { name: 'Thanked Grace Hopper for referring Ada Lovelace' }));
    await screen.findByText('Grace Hopper is marked thanked for referring Ada Lovelace.');
    await waitFor(() => expect(screen.queryByRole('region', { name: /^Thank your referrers/ })).toBeNull());
    expect((await db.referrals.get(id))!.thankedAt).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    expect((await db.referrals.get(id))!.thankedAt).toBeNull();
    await screen.findByRole('region', { name: /^Thank your referrers/ });
  });

  it('is not shown when nobody is waiting to be thanked, and the summary counts them', async () => {
    const grace = await newClient('Grace Hopper', 'grace@navy.example');
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    render(<Today />);
    await screen.findByRole('region', { name: /^Overdue check-ins/ });
    expect(screen.queryByRole('region', { name: /^Thank your referrers/ })).toBeNull();
    await act(async () => {
      await handlers.addReferral({ referrerId: grace, referredId: ada, said: '' });
    });
    await screen.findByRole('region', { name: /^Thank your referrers/ });
    expect(screen.getByText(/1 referrer to thank/)).toBeTruthy();
  });
});

describe('the client page’s referrals', () => {
  it('"Mark … thanked" offers Undo', async () => {
    const user = userEvent.setup();
    const grace = await newClient('Grace Hopper', 'grace@navy.example');
    const ada = await newClient('Ada Lovelace', 'ada@analytical.example');
    const { id } = await handlers.addReferral({ referrerId: grace, referredId: ada, said: '' });
    render(
      <UndoProvider>
        <ClientPage clientId={ada} />
      </UndoProvider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Mark Grace Hopper thanked' }));
    await screen.findByText('Grace Hopper is marked thanked.');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await screen.findByText('Undone.');
    expect((await db.referrals.get(id))!.thankedAt).toBeNull();
  });
});
