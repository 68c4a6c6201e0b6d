/**
 * Projects and feedback (issue 16, items 1 and 2) over fake-indexeddb: adding,
 * editing and deleting them; bad input refused through the router with the field
 * named as the form names it, and nothing written; the "Ask for feedback" follow-up
 * a project marked done leaves on Today; the sidebar's one line.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { route } from '../../lib/background/router';
import { memoryThreads } from './support/threads';
import { askFeedbackDay, currentProject } from '../../lib/domain/projects';
import { composeLink } from '../../lib/domain/compose-link';
import type { ThreadSnapshot } from '../../lib/hosts/thread';
import type { MessageData } from '../../lib/messaging/protocol';

const NOW = new Date(2026, 10, 23, 12, 0); // Monday 23 November 2026, local time
const none = { tabId: null };

let db: TendDatabase;
let handlers: Handlers;
let notify: ReturnType<typeof vi.fn<(topics: readonly string[]) => void>>;
let clock: Date;

beforeEach(() => {
  fakeBrowser.reset();
  db = new TendDatabase(`projects-${crypto.randomUUID()}`);
  notify = vi.fn<(topics: readonly string[]) => void>();
  clock = NOW;
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => clock, notify });
});

async function newClient(name = 'Ada Lovelace', email = 'ada@analytical.example') {
  return (await handlers.createClient({ name, email, company: '', role: '' }, none)).clientId;
}

/** A request as the dashboard sends it, through the router (validation and its words included). */
function fromDashboard(name: string, data: unknown) {
  return route(
    handlers,
    { tend: 1, name, data },
    { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/dashboard.html', tab: { id: 3 }, frameId: 0 } as never,
    fakeBrowser.runtime.id,
    'chrome-extension://x/',
    async () => null,
  );
}

const project = (clientId: string, fields: Record<string, unknown> = {}) => ({
  clientId,
  title: 'Brand refresh',
  startDay: '2026-09-01',
  endDay: null,
  status: 'active',
  value: 12000,
  currency: 'EUR',
  note: '',
  ...fields,
}) as MessageData<'addProject'>;

const openAsks = async () => (await db.followUps.toArray()).filter((f) => f.kind === 'ask-feedback' && f.doneAt === null);

describe('projects: add, edit, delete', () => {
  it('adds a project through the router, and the client page lists it newest first', async () => {
    const ada = await newClient();
    const first = await fromDashboard('addProject', project(ada, { currency: 'eur' }));
    expect(first.ok).toBe(true);
    await handlers.addProject({ ...project(ada), title: 'Pricing workshop', startDay: '2026-10-05', status: 'proposed', value: null, currency: null });
    const page = await handlers.getClientPage({ clientId: ada });
    expect(page.projects.map((p) => [p.title, p.status, p.currency])).toEqual([
      ['Pricing workshop', 'proposed', null],
      ['Brand refresh', 'active', 'EUR'],
    ]);
    expect(page.lastCurrency).toBe('EUR');
    expect(notify).toHaveBeenLastCalledWith(expect.arrayContaining([`client:${ada}`, 'clients', 'today']));
  });

  it('edits only the fields given', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada));
    await handlers.updateProject({ id, title: 'Brand refresh, phase 2', endDay: '2026-12-01' });
    const stored = (await db.projects.get(id))!;
    expect(stored).toMatchObject({ title: 'Brand refresh, phase 2', endDay: '2026-12-01', value: 12000, currency: 'EUR', status: 'active' });
    expect(stored.updatedAt).toBe(NOW.getTime());
  });

  it('deletes a project with an Undo token, and its open ask goes with it', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-10' }));
    expect(await openAsks()).toHaveLength(1);
    const reply = await handlers.deleteProject({ id });
    expect(reply.project?.title).toBe('Brand refresh');
    expect(reply.undo).toEqual(expect.any(String));
    expect(await db.projects.get(id)).toBeUndefined();
    expect(await openAsks()).toHaveLength(0);
    expect(await handlers.deleteProject({ id })).toEqual({ project: null, undo: null });
  });

  it('Undo of a deletion puts the project and its ask back', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-10' }));
    const { undo } = await handlers.deleteProject({ id });
    await handlers.undo({ token: undo! });
    expect((await db.projects.get(id))?.title).toBe('Brand refresh');
    expect(await openAsks()).toHaveLength(1);
  });
});

describe('bad input is refused, naming the field, and nothing is written', () => {
  const refusals: Array<[string, Record<string, unknown>, RegExp]> = [
    ['an end before the start', { startDay: '2026-09-01', endDay: '2026-08-31' }, /^End day: The end day is before the start day\.$/],
    ['a value that is not a number', { value: '12k' }, /^Value: is not a number$/],
    ['a value that is NaN', { value: Number.NaN }, /^Value: is not a number$/],
    ['a negative value', { value: -5 }, /^Value: cannot be negative$/],
    ['an unknown currency', { currency: 'XYZ' }, /^Currency: is not a currency code Tend knows/],
    ['a value without its currency', { currency: null }, /^Currency: A value needs its currency/],
    ['a day the calendar lacks', { startDay: '2026-02-31' }, /^Start day: is not a day of the calendar$/],
    ['no title', { title: '  ' }, /^Title: A title is needed$/],
  ];
  it.each(refusals)('a project with %s', async (_, fields, message) => {
    const ada = await newClient();
    const reply = await fromDashboard('addProject', project(ada, fields));
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(message);
    expect(await db.projects.count()).toBe(0);
    expect(await db.followUps.count()).toBe(0);
  });

  it('an edit that would end the project before it starts', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada));
    const reply = await fromDashboard('updateProject', { id, endDay: '2026-01-01' });
    expect(reply).toEqual({ ok: false, error: 'End day: The end day is before the start day.' });
    const stored = await fromDashboard('updateProject', { id, currency: 'ABC' });
    expect(stored).toMatchObject({ ok: false, error: expect.stringMatching(/^Currency: /) });
    expect((await db.projects.get(id))!.endDay).toBeNull();
    expect((await db.projects.get(id))!.currency).toBe('EUR');
  });

  const feedbackRefusals: Array<[string, unknown, RegExp]> = [
    ['above 10', 11, /^Score: is above 10$/],
    ['below 0', -1, /^Score: is below 0$/],
    ['not whole', 7.5, /^Score: is not a whole number$/],
    ['not a number', 'nine', /^Score: is not a number$/],
  ];
  it.each(feedbackRefusals)('a score %s', async (_, score, message) => {
    const ada = await newClient();
    const reply = await fromDashboard('recordFeedback', { clientId: ada, day: '2026-11-20', score, source: 'call' });
    expect(!reply.ok && reply.error).toMatch(message);
    expect(await db.feedback.count()).toBe(0);
  });

  it('feedback about another client’s project', async () => {
    const ada = await newClient();
    const charles = await newClient('Charles Babbage', 'charles@engine.example');
    const { id } = await handlers.addProject(project(charles));
    await expect(handlers.recordFeedback({ clientId: ada, projectId: id, day: '2026-11-20', score: 9, note: '', source: 'email' })).rejects.toThrow(/^Project: /);
    expect(await db.feedback.count()).toBe(0);
  });
});

describe('"Ask for feedback" after a project is done', () => {
  it('is due three days after the end day (or after today without one)', () => {
    expect(askFeedbackDay({ endDay: '2026-11-10' }, '2026-11-23')).toBe('2026-11-13');
    expect(askFeedbackDay({ endDay: null }, '2026-11-23')).toBe('2026-11-26');
  });

  it('is created when a project is added as done, once, and shows on Today when due', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-10' }));
    const [ask] = await openAsks();
    expect(ask).toMatchObject({ clientId: ada, sourceId: id, dueAt: new Date(2026, 10, 13).getTime() });
    // Saving it again as done (a new note) asks no second time.
    await handlers.updateProject({ id, status: 'done', note: 'Went well' });
    expect(await openAsks()).toHaveLength(1);

    const today = await handlers.getToday({});
    expect(today.askFeedback).toEqual([{ client: expect.objectContaining({ id: ada }), followUp: expect.objectContaining({ id: ask!.id }), project: { id, title: 'Brand refresh' } }]);
    // Not a meeting to confirm.
    expect(today.confirmations).toEqual([]);
  });

  it('waits until it is due', async () => {
    const ada = await newClient();
    await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-22' }));
    expect((await handlers.getToday({})).askFeedback).toEqual([]);
    clock = new Date(2026, 10, 25, 0, 0);
    expect((await handlers.getToday({})).askFeedback).toHaveLength(1);
  });

  it('is created when a project is updated to done, and withdrawn when it is reopened', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada));
    expect(await openAsks()).toHaveLength(0);
    await handlers.updateProject({ id, status: 'done' });
    const [ask] = await openAsks();
    // No end day: three days from today.
    expect(ask!.dueAt).toBe(new Date(2026, 10, 26).getTime());
    await handlers.updateProject({ id, endDay: '2026-11-20' });
    expect((await openAsks())[0]!.dueAt).toBe(new Date(2026, 10, 23).getTime());
    await handlers.updateProject({ id, status: 'active' });
    expect(await openAsks()).toHaveLength(0);
  });

  it('closes when feedback is recorded for the client, about any project or none', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-10' }));
    const other = await handlers.addProject(project(ada, { title: 'Retainer', startDay: '2026-06-01', status: 'done', endDay: '2026-11-01' }));
    expect(await openAsks()).toHaveLength(2);
    notify.mockClear();
    const { id: feedbackId } = await handlers.recordFeedback({ clientId: ada, projectId: null, day: '2026-11-23', score: 9, note: 'Lovely', source: 'call' });
    expect(await openAsks()).toHaveLength(0);
    expect(notify).toHaveBeenCalledWith(expect.arrayContaining([`client:${ada}`, 'today']));
    expect((await handlers.getToday({})).askFeedback).toEqual([]);
    const page = await handlers.getClientPage({ clientId: ada });
    expect(page.feedback.map((f) => [f.id, f.score, f.source])).toEqual([[feedbackId, 9, 'call']]);
    expect(page.projects.map((p) => p.id)).toEqual([id, other.id]);
  });

  it('closes with "Not this time" and stays closed', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada, { status: 'done', endDay: '2026-11-10' }));
    const [ask] = await openAsks();
    await handlers.completeFollowUp({ id: ask!.id, done: true });
    expect(await openAsks()).toHaveLength(0);
    await handlers.updateProject({ id, note: 'Invoice sent' });
    expect(await openAsks()).toHaveLength(0);
  });

  it('opens a new message with the project in the subject and the recommend question in the body', () => {
    const link = new URL(composeLink({ app: 'gmail', account: 'u/0/' }, 'ada@analytical.example', { subject: 'Brand refresh & more', body: 'How likely?' })!);
    expect(link.searchParams.get('su')).toBe('Brand refresh & more');
    expect(link.searchParams.get('body')).toBe('How likely?');
    expect(composeLink({ app: 'mailto' }, 'ada@analytical.example', { subject: 'A b', body: 'C' })).toBe('mailto:ada@analytical.example?subject=A%20b&body=C');
    expect(composeLink({ app: 'outlook', origin: 'https://outlook.office.com' }, 'a@b.example', { subject: 'S' })).toBe('https://outlook.office.com/mail/deeplink/compose?to=a%40b.example&subject=S');
  });
});

describe('feedback', () => {
  it('deletes with an Undo token, and Undo puts it back', async () => {
    const ada = await newClient();
    const { id } = await handlers.recordFeedback({ clientId: ada, projectId: null, day: '2026-11-20', score: 6, note: '', source: 'survey' });
    const reply = await handlers.deleteFeedback({ id });
    expect(reply.feedback?.score).toBe(6);
    expect(await db.feedback.count()).toBe(0);
    await handlers.undo({ token: reply.undo! });
    expect((await db.feedback.get(id))?.score).toBe(6);
  });

  it('about a deleted project stays the client’s, about no project', async () => {
    const ada = await newClient();
    const { id } = await handlers.addProject(project(ada));
    const feedback = await handlers.recordFeedback({ clientId: ada, projectId: id, day: '2026-11-20', score: 8, note: '', source: 'email' });
    await handlers.deleteProject({ id });
    expect((await db.feedback.get(feedback.id))?.projectId).toBeNull();
  });
});

describe('the sidebar’s current project', () => {
  const at = (startDay: string, status: string, createdAt = 0) => ({ startDay, status: status as never, createdAt });
  it('is the most recent active project, else the latest proposed, else none', () => {
    expect(currentProject([at('2026-01-01', 'active'), at('2026-05-01', 'active'), at('2026-09-01', 'proposed')])).toEqual(at('2026-05-01', 'active'));
    expect(currentProject([at('2026-01-01', 'proposed'), at('2026-03-01', 'proposed'), at('2026-09-01', 'done')])).toEqual(at('2026-03-01', 'proposed'));
    expect(currentProject([at('2026-01-01', 'done'), at('2026-03-01', 'lost')])).toBeNull();
    expect(currentProject([at('2026-03-01', 'active', 1), at('2026-03-01', 'active', 2)])).toEqual(at('2026-03-01', 'active', 2));
  });

  it('is in the person view of a client in the open conversation', async () => {
    const ada = await newClient();
    await handlers.addProject(project(ada));
    await handlers.addProject(project(ada, { title: 'Old work', startDay: '2025-01-01', status: 'done', endDay: '2025-02-01' }));
    const snapshot: ThreadSnapshot = {
      host: 'gmail',
      threadId: 't1',
      subject: 'Hello',
      url: 'https://mail.google.com/mail/u/0/#inbox/t1',
      accountAddress: 'me@consulting.example',
      messages: [{ hostMessageId: '#m1', from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [{ name: 'Me', email: 'me@consulting.example' }], dateText: 'Mon, Nov 23, 2026, 9:00 AM' }],
    };
    const token = 'frame-token-0123456789abcdef';
    await handlers.threadChanged({ snapshot, frameToken: token }, { tabId: 7 });
    const view = await handlers.getSidebarView({ frameToken: token }, { tabId: 7 });
    if (view.state !== 'conversation') throw new Error(view.state);
    expect(view.people[0]!.project).toEqual({ title: 'Brand refresh', status: 'active' });
  });
});
