// @vitest-environment happy-dom
/**
 * The client page's "Projects" and "Feedback" sections (issue 16) and Today's
 * "Ask for feedback". Messages go through the real router to a real background over
 * fake-indexeddb, so a refusal shows in the words the page gets.
 */
import 'fake-indexeddb/auto';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';
import { TendDatabase } from '../../lib/db/schema';
import { RECOMMEND_QUESTION } from '../../lib/model';
import { ClientPage } from '../../components/dashboard/ClientPage';
import { Today } from '../../components/dashboard/Today';
import { UndoProvider } from '../../components/UndoNotice';
import { fakeLivePort } from './support/live-port';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send, TendError: class TendError extends Error {} }));

let live: ReturnType<typeof fakeLivePort>;
beforeAll(() => {
  live = fakeLivePort();
});

let db: TendDatabase;
let handlers: Handlers;
let clientId: string;
const none = { tabId: null };

beforeEach(async () => {
  db = new TendDatabase(`projects-ui-${crypto.randomUUID()}`);
  handlers = createHandlers({
    db,
    threads: { get: async () => null, set: async () => {} },
    now: () => new Date(),
    notify: () => setTimeout(() => live.push({ type: 'changed' })),
  });
  send.mockReset();
  // As the dashboard's requests travel: through the router, whose refusal is the page's error.
  send.mockImplementation(async (name: string, data: unknown) => {
    const reply = await route(
      handlers,
      { tend: 1, name, data },
      { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/dashboard.html', tab: { id: 3 }, frameId: 0 } as never,
      fakeBrowser.runtime.id,
      'chrome-extension://x/',
      async () => null,
    );
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  });
  clientId = (await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, none)).clientId;
});

const page = () =>
  render(
    <UndoProvider>
      <ClientPage clientId={clientId} />
    </UndoProvider>,
  );

async function fillProject(user: ReturnType<typeof userEvent.setup>, fields: { title: string; start: string; end?: string; status?: string; value?: string; currency?: string }) {
  const form = await screen.findByRole('form', { name: 'New project' });
  await user.type(within(form).getByLabelText('Title'), fields.title);
  const start = within(form).getByLabelText('Start day');
  await user.clear(start);
  await user.type(start, fields.start);
  if (fields.end) await user.type(within(form).getByLabelText('End day'), fields.end);
  if (fields.status) await user.selectOptions(within(form).getByLabelText('Status'), fields.status);
  if (fields.value) await user.type(within(form).getByLabelText('Value (optional)'), fields.value);
  const currency = within(form).getByLabelText('Currency');
  await user.clear(currency);
  if (fields.currency) await user.type(currency, fields.currency);
  return form;
}

describe('the client page: Projects', () => {
  it('adds a project, lists it with its status, dates and value, edits and deletes it with Undo', async () => {
    const user = userEvent.setup();
    page();
    const section = await screen.findByRole('region', { name: 'Projects' });
    expect(within(section).getByRole('heading', { name: 'Projects' })).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Add project' }));
    const form = await fillProject(user, { title: 'Brand refresh', start: '2026-09-01', value: '12000', currency: 'eur' });
    await user.click(within(form).getByRole('button', { name: 'Save project' }));

    const list = await within(section).findByRole('list', { name: 'Projects, newest first' });
    const item = within(list).getByRole('listitem');
    expect(item.textContent).toContain('Brand refresh');
    expect(item.textContent).toContain('Active');
    expect(item.textContent).toContain('ongoing');
    expect(item.textContent).toContain(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(12000));

    await user.click(within(item).getByRole('button', { name: 'Edit project “Brand refresh”' }));
    const edit = await within(section).findByRole('form', { name: 'Edit project “Brand refresh”' });
    await user.selectOptions(within(edit).getByLabelText('Status'), 'done');
    await user.click(within(edit).getByRole('button', { name: 'Save project' }));
    await waitFor(() => expect(within(section).queryByRole('form')).toBeNull());
    await waitFor(() => expect(within(section).getByRole('listitem').textContent).toContain('Done'));
    expect((await db.followUps.toArray()).filter((f) => f.kind === 'ask-feedback')).toHaveLength(1);

    await user.click(within(section).getByRole('button', { name: 'Delete project “Brand refresh”' }));
    await waitFor(() => expect(within(section).queryByRole('list', { name: 'Projects, newest first' })).toBeNull());
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await db.projects.count()).toBe(1));
    expect(await within(section).findByRole('list', { name: 'Projects, newest first' })).toBeTruthy();
  });

  it('shows a refusal naming the field, and writes nothing', async () => {
    const user = userEvent.setup();
    page();
    const section = await screen.findByRole('region', { name: 'Projects' });
    await user.click(within(section).getByRole('button', { name: 'Add project' }));
    const form = await fillProject(user, { title: 'Backwards', start: '2026-09-01', end: '2026-08-01' });
    await user.click(within(form).getByRole('button', { name: 'Save project' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('End day: The end day is before the start day.');

    await user.clear(within(form).getByLabelText('End day'));
    await user.type(within(form).getByLabelText('Value (optional)'), '500');
    await user.type(within(form).getByLabelText('Currency'), 'XYZ');
    await user.click(within(form).getByRole('button', { name: 'Save project' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toMatch(/^Currency: is not a currency code Tend knows/));
    expect(await db.projects.count()).toBe(0);
  });
});

describe('the client page: Feedback', () => {
  it('records feedback with the recommend score, closes the ask, lists it, and deletes it with Undo', async () => {
    const user = userEvent.setup();
    const { id: projectId } = await handlers.addProject({ clientId, title: 'Brand refresh', startDay: '2026-09-01', endDay: '2026-10-01', status: 'done', value: null, currency: null, note: '' });
    page();
    const section = await screen.findByRole('region', { name: 'Feedback' });
    expect(within(section).getByRole('heading', { name: 'Feedback' })).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Record feedback' }));
    const form = await within(section).findByRole('form', { name: 'New feedback' });
    // The done project is offered first.
    expect((within(form).getByLabelText('Project') as HTMLSelectElement).value).toBe(projectId);
    await user.type(within(form).getByRole('spinbutton', { name: RECOMMEND_QUESTION }), '11');
    await user.click(within(form).getByRole('button', { name: 'Save feedback' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Score: is above 10');
    expect(await db.feedback.count()).toBe(0);

    const score = within(form).getByRole('spinbutton', { name: RECOMMEND_QUESTION });
    await user.clear(score);
    await user.type(score, '9');
    await user.selectOptions(within(form).getByLabelText('Source'), 'call');
    await user.type(within(form).getByLabelText('Note'), 'Would hire again');
    await user.click(within(form).getByRole('button', { name: 'Save feedback' }));

    const list = await within(section).findByRole('list', { name: 'Feedback, newest first' });
    expect(within(list).getByRole('listitem').textContent).toMatch(/Score 9 of 10.*Call.*on Brand refresh.*Would hire again/);
    expect((await db.followUps.toArray()).filter((f) => f.kind === 'ask-feedback' && f.doneAt === null)).toHaveLength(0);

    await user.click(within(list).getByRole('button', { name: /^Delete the feedback of / }));
    await waitFor(() => expect(within(section).queryByRole('list', { name: 'Feedback, newest first' })).toBeNull());
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await db.feedback.count()).toBe(1));
  });
});

describe('Today: Ask for feedback', () => {
  it('offers a new message with the recommend question, and "Not this time" closes it', async () => {
    const user = userEvent.setup();
    await handlers.addProject({ clientId, title: 'Brand refresh', startDay: '2025-09-01', endDay: '2025-10-01', status: 'done', value: null, currency: null, note: '' });
    render(<Today />);
    const section = await screen.findByRole('region', { name: 'Feedback to ask for' });
    expect(section.textContent).toContain('Ask Ada Lovelace for feedback on Brand refresh');
    // No mail page seen yet: the message opens in the mail app (mailto:).
    const assign = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
    await user.click(within(section).getByRole('button', { name: 'Ask for feedback' }));
    expect(assign).toHaveBeenCalledTimes(1);
    const href = new URL(String(assign.mock.calls[0]![0]).replace('mailto:', 'mailto://'));
    expect(String(assign.mock.calls[0]![0])).toMatch(/^mailto:ada@analytical\.example\?/);
    expect(href.searchParams.get('subject')).toBe('Feedback on Brand refresh');
    expect(href.searchParams.get('body')).toBe(RECOMMEND_QUESTION);
    await user.click(within(section).getByRole('button', { name: 'Not this time' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Feedback to ask for' })).toBeNull());
    expect((await db.followUps.toArray()).filter((f) => f.kind === 'ask-feedback' && f.doneAt === null)).toHaveLength(0);
  });
});
