// @vitest-environment happy-dom
/**
 * The history on screen (issue 15, item 4): the client page lists every interaction
 * with date, kind and text, a page at a time; "Log interaction" (kind, date, text) on
 * the client page and in the sidebar; "Edit" and "Delete" on each entry. Messages go
 * to a real background over fake-indexeddb, validated as the router does.
 */
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { protocol, type MessageName } from '../../lib/messaging/protocol';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions, timelineOf } from '../../lib/db/timelines';
import { Interaction } from '../../lib/model';
import { ClientPage } from '../../components/dashboard/ClientPage';
import { InteractionsSection } from '../../components/sidebar/InteractionsSection';
import { fromLocalInput, toLocalInput } from '../../components/LogInteractionForm';
import { fakeLivePort } from './support/live-port';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, TendError: class TendError extends Error {} }));

let live: ReturnType<typeof fakeLivePort>;
beforeAll(() => {
  live = fakeLivePort();
});

const DAY = 86_400_000;
const MINUTE = 60_000;
let db: TendDatabase;
let handlers: Handlers;
let clientId: string;
const none = { tabId: null };
/** A time on a whole minute, as the date input can show it. */
const minutesAgo = (minutes: number) => Math.floor(Date.now() / MINUTE) * MINUTE - minutes * MINUTE;

beforeEach(async () => {
  db = new TendDatabase(`history-ui-${crypto.randomUUID()}`);
  handlers = createHandlers({
    db,
    threads: { get: async () => null, set: async () => {} },
    now: () => new Date(),
    notify: () => setTimeout(() => live.push({ type: 'changed' })),
  });
  send.mockReset();
  send.mockImplementation(async (name: MessageName, data: unknown) => {
    const input = protocol[name].input.safeParse(data);
    if (!input.success) throw new Error(input.error.issues[0]?.message ?? 'invalid');
    return (handlers[name] as (input: unknown, sender: unknown) => Promise<unknown>)(input.data, none);
  });
  clientId = (await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, none)).clientId;
});

/** One interaction of each kind, written straight into the timeline (emails as the sidebar records them). */
async function everyKind() {
  const base = { clientId, createdAt: Date.now() };
  const rows = [
    { id: 'e-in', kind: 'email', direction: 'in', subject: 'Pricing question', at: minutesAgo(60), host: 'gmail' },
    { id: 'e-out', kind: 'email', direction: 'out', subject: 'Re: Pricing question', text: 'Sent the deck', at: minutesAgo(50), host: 'gmail' },
    { id: 'n', kind: 'note', text: 'Prefers mornings', at: minutesAgo(40) },
    { id: 'c', kind: 'call', text: 'Talked about Q3', at: minutesAgo(30) },
    { id: 'm', kind: 'meeting', text: 'Workshop', at: minutesAgo(20) },
    { id: 'k', kind: 'checkin', text: '', at: minutesAgo(10) },
    { id: 's', kind: 'shared-resource', text: 'On pricing\nhttps://example.com/pricing', at: minutesAgo(5) },
    { id: 'g', kind: 'gift', text: 'A book on looms', at: minutesAgo(2) },
  ].map((row) => Interaction.parse({ ...base, ...row }));
  await db.transaction('rw', db.timelines, () => addInteractions(db, rows));
}

const timelineRegion = async () => screen.findByRole('region', { name: 'Interactions' });
const entries = (region: HTMLElement) => within(within(region).getByRole('list', { name: 'Interactions, newest first' })).getAllByRole('listitem');
const whenOf = (entry: HTMLElement) => Number(new Date(entry.querySelector('time')!.getAttribute('datetime')!));

describe('the client page history', () => {
  it('lists every kind, notes included, newest first, with date, kind and text, and the total', async () => {
    await everyKind();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await waitFor(() => expect(entries(region)).toHaveLength(8));
    expect(within(region).getByText('8 interactions')).toBeTruthy();
    const texts = entries(region).map((entry) => entry.textContent!.replace(/Edit Delete$/, ''));
    expect(texts.map((text) => text.replace(/^.*?(Email|Note|Call|Meeting|Check-in|Shared|Gift)/, '$1'))).toEqual([
      'Gift A book on looms',
      'Shared On pricing\nhttps://example.com/pricing',
      'Check-in ',
      'Meeting Workshop',
      'Call Talked about Q3',
      'Note Prefers mornings',
      'Email to them Re: Pricing question · Sent the deck',
      'Email from them Pricing question',
    ]);
    expect(entries(region).map(whenOf)).toEqual([2, 5, 10, 20, 30, 40, 50, 60].map(minutesAgo));
    // The date is written with its time.
    const shown = entries(region)[0]!.querySelector('time')!.textContent!;
    expect(shown).toBe(new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }).format(minutesAgo(2)));
  });

  it('pages a long history, 50 at a time, Older and Newer', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => Interaction.parse({ id: `n${i}`, clientId, kind: 'note', text: `Note ${i}`, at: minutesAgo(i), createdAt: 0 }));
    await db.transaction('rw', db.timelines, () => addInteractions(db, rows));
    const user = userEvent.setup();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await waitFor(() => expect(within(region).getByText('1–50 of 120')).toBeTruthy());
    expect(within(region).getByText('120 interactions')).toBeTruthy();
    expect(entries(region)[0]!.textContent).toContain('Note 0');
    await user.click(within(region).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(within(region).getByText('51–100 of 120')).toBeTruthy());
    expect(entries(region)[0]!.textContent).toContain('Note 50');
    await user.click(within(region).getByRole('button', { name: 'Older' }));
    await waitFor(() => expect(entries(region)).toHaveLength(20));
    expect(within(region).getByRole('button', { name: 'Older' })).toHaveProperty('disabled', true);
    await user.click(within(region).getByRole('button', { name: 'Newer' }));
    await waitFor(() => expect(within(region).getByText('51–100 of 120')).toBeTruthy());
  });

  it('logs a meeting three days ago: kind, date and text; last contact and its confirmation follow', async () => {
    const user = userEvent.setup();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await user.click(within(region).getByRole('button', { name: 'Log interaction' }));
    const form = within(region).getByRole('form', { name: 'Log interaction' });
    // The date starts at now, in the browser's time zone.
    expect(Math.abs(fromLocalInput((within(form).getByLabelText('When') as HTMLInputElement).value) - Date.now())).toBeLessThan(MINUTE);
    await user.selectOptions(within(form).getByLabelText('What'), 'meeting');
    const at = minutesAgo(3 * 24 * 60);
    fireEvent.change(within(form).getByLabelText('When'), { target: { value: toLocalInput(at) } });
    await user.type(within(form).getByLabelText('Notes'), 'Pricing workshop');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(entries(region)).toHaveLength(1));
    expect(entries(region)[0]!.textContent).toContain('Meeting Pricing workshop');
    expect(whenOf(entries(region)[0]!)).toBe(at);
    expect(within(region).queryByRole('form', { name: 'Log interaction' })).toBeNull();
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(at);
    expect((await db.followUps.toArray()).map((f) => [f.kind, f.dueAt])).toEqual([['confirm-meeting', at + 2 * DAY]]);
  });

  it('refuses a date in the future, saying so, and logs nothing', async () => {
    const user = userEvent.setup();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await user.click(within(region).getByRole('button', { name: 'Log interaction' }));
    const form = within(region).getByRole('form', { name: 'Log interaction' });
    fireEvent.change(within(form).getByLabelText('When'), { target: { value: toLocalInput(Date.now() + DAY) } });
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toMatch(/in the future/);
    expect(await timelineOf(db, clientId)).toEqual([]);
  });

  it('edits an entry’s date and text, then deletes it: last contact follows', async () => {
    await handlers.logInteraction({ clientId, kind: 'call', text: 'Old call', at: minutesAgo(10 * 24 * 60) });
    await handlers.logInteraction({ clientId, kind: 'call', text: 'Quick call', at: minutesAgo(60) });
    const user = userEvent.setup();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await waitFor(() => expect(entries(region)).toHaveLength(2));
    await user.click(within(entries(region)[0]!).getByRole('button', { name: 'Edit' }));
    const form = within(region).getByRole('form', { name: 'Edit interaction' });
    expect((within(form).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('Quick call');
    expect((within(form).getByLabelText('When') as HTMLInputElement).value).toBe(toLocalInput(minutesAgo(60)));
    const earlier = minutesAgo(20 * 24 * 60);
    fireEvent.change(within(form).getByLabelText('When'), { target: { value: toLocalInput(earlier) } });
    await user.clear(within(form).getByLabelText('Notes'));
    await user.type(within(form).getByLabelText('Notes'), 'Long call');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(entries(region)[1]!.textContent).toContain('Long call'));
    expect(whenOf(entries(region)[1]!)).toBe(earlier);
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(minutesAgo(10 * 24 * 60));

    await user.click(within(entries(region)[0]!).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(entries(region)).toHaveLength(1));
    expect(entries(region)[0]!.textContent).toContain('Long call');
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(earlier);
  });

  it('an email seen on screen keeps its kind and its date read from the page, but takes a note', async () => {
    await everyKind();
    const user = userEvent.setup();
    render(<ClientPage clientId={clientId} />);
    const region = await timelineRegion();
    await waitFor(() => expect(entries(region)).toHaveLength(8));
    await user.click(within(entries(region)[7]!).getByRole('button', { name: 'Edit' }));
    const form = within(region).getByRole('form', { name: 'Edit interaction' });
    expect(within(form).queryByRole('combobox', { name: 'What' })).toBeNull();
    expect((within(form).getByLabelText('When') as HTMLInputElement).readOnly).toBe(true);
    await user.type(within(form).getByLabelText('Notes'), 'Asked about discounts');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(entries(region)[7]!.textContent).toContain('Pricing question · Asked about discounts'));
    expect((await timelineOf(db, clientId)).find((i) => i.id === 'e-in')).toMatchObject({ kind: 'email', at: minutesAgo(60), text: 'Asked about discounts' });
  });
});

describe('the sidebar history', () => {
  const renderSection = async () => {
    const view = render(<InteractionsSection clientId={clientId} clientName="Ada Lovelace" interactions={await timelineOf(db, clientId)} />);
    return { ...view, rerenderFromDb: async () => view.rerender(<InteractionsSection clientId={clientId} clientName="Ada Lovelace" interactions={await timelineOf(db, clientId)} />) };
  };

  it('logs an interaction with a past date: kind, date and text', async () => {
    const user = userEvent.setup();
    await renderSection();
    await user.click(screen.getByRole('button', { name: 'Log interaction' }));
    const form = screen.getByRole('form', { name: 'Log interaction' });
    await user.selectOptions(within(form).getByLabelText('What'), 'gift');
    const at = minutesAgo(2 * 24 * 60);
    fireEvent.change(within(form).getByLabelText('When'), { target: { value: toLocalInput(at) } });
    await user.type(within(form).getByLabelText('Notes'), 'Flowers for the launch');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(send).toHaveBeenCalledWith('logInteraction', { clientId, kind: 'gift', text: 'Flowers for the launch', at });
    expect((await timelineOf(db, clientId)).map((i) => [i.kind, i.at, i.text])).toEqual([['gift', at, 'Flowers for the launch']]);
    expect((await db.clients.get(clientId))!.lastContactAt).toBe(at);
  });

  it('Add note still opens the form as a note', async () => {
    const user = userEvent.setup();
    await renderSection();
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    const form = screen.getByRole('form', { name: 'New note' });
    expect((within(form).getByRole('combobox', { name: 'What' }) as HTMLSelectElement).value).toBe('note');
    // A note needs its words.
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Write the note.');
    await user.type(within(form).getByRole('textbox', { name: 'Notes' }), 'Prefers mornings');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await timelineOf(db, clientId)).map((i) => i.kind)).toEqual(['note']));
  });

  it('edits and deletes an entry', async () => {
    await handlers.logInteraction({ clientId, kind: 'call', text: 'Quick call', at: minutesAgo(60) });
    const user = userEvent.setup();
    const view = await renderSection();
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const form = screen.getByRole('form', { name: 'Edit interaction' });
    await user.selectOptions(within(form).getByLabelText('What'), 'meeting');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    const [edited] = await timelineOf(db, clientId);
    // The date was left alone: not even its seconds move.
    expect(edited).toMatchObject({ kind: 'meeting', at: minutesAgo(60), text: 'Quick call' });
    await view.rerenderFromDb();
    expect(screen.getByRole('listitem').textContent).toContain('Meeting');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await timelineOf(db, clientId)).toEqual([]));
  });
});
