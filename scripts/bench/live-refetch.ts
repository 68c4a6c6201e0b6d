/**
 * How many pages fetch again after one write, with a dashboard (Today) and two
 * sidebars open on different conversations: before issue 12 every write made every
 * open page fetch again; now a page fetches only when the write's topics meet what
 * it shows. Runs the real handlers over fake-indexeddb, the hub's per-page topics
 * (topicsForPage) and the pages' own topic lists; no browser. Used by the unit test
 * tests/unit/live-topics.test.tsx and printed by `node scripts/bench-live.mjs`.
 */
import { createHandlers } from '../../lib/background/handlers';
import type { TabThread, ThreadStore } from '../../lib/background/threads';
import { TendDatabase } from '../../lib/db/schema';
import type { ThreadSnapshot } from '../../lib/hosts/thread';
import { concerns, topicsForPage, type Topic } from '../../lib/messaging/topics';
import { sidebarTopics, TODAY_TOPICS } from '../../lib/ui/topics';

const ME = 'me@consulting.example';
const TOKEN = 'frame-token-0123456789abcdef';

function thread(threadId: string, name: string, email: string): ThreadSnapshot {
  return {
    host: 'gmail',
    threadId,
    subject: `Hello from ${name}`,
    url: `https://mail.google.com/mail/u/0/#inbox/${threadId}`,
    accountAddress: ME,
    messages: [{ hostMessageId: `#msg-${threadId}`, from: { name, email }, to: [{ name: 'Me', email: ME }], dateText: 'Mon, Oct 5, 2026, 3:42 PM' }],
  };
}

interface Page {
  name: string;
  tabId: number | undefined;
  shows: () => readonly Topic[];
}

export interface RefetchFigure {
  write: string;
  /** Pages that fetched again before issue 12: every open page, for every write. */
  before: number;
  /** Pages that fetch again now. */
  after: number;
  /** Which ones. */
  pages: string[];
}

export async function measureRefetches(): Promise<RefetchFigure[]> {
  const tabs = new Map<number, TabThread>();
  const threads: ThreadStore = {
    get: async (tabId) => tabs.get(tabId) ?? null,
    set: async (tabId, value) => void (value ? tabs.set(tabId, value) : tabs.delete(tabId)),
  };
  let told: (readonly Topic[])[] = [];
  const db = new TendDatabase(`live-refetch-${crypto.randomUUID()}`);
  const handlers = createHandlers({ db, threads, now: () => new Date(2026, 10, 23, 12), notify: (topics) => void told.push(topics) });
  try {
    const { clientId: ada } = await handlers.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    await handlers.createClient({ name: 'Bob Builder', email: 'bob@builders.example', company: '', role: '' }, { tabId: null });
    await handlers.threadChanged({ snapshot: thread('a1', 'Ada Lovelace', 'ada@analytical.example'), frameToken: TOKEN }, { tabId: 1 });
    await handlers.threadChanged({ snapshot: thread('b1', 'Bob Builder', 'bob@builders.example'), frameToken: TOKEN }, { tabId: 2 });
    const viewA = await handlers.getSidebarView({ frameToken: TOKEN }, { tabId: 1 });
    const viewB = await handlers.getSidebarView({ frameToken: TOKEN }, { tabId: 2 });
    const pages: Page[] = [
      { name: 'dashboard (Today)', tabId: 10, shows: () => TODAY_TOPICS },
      { name: 'sidebar A (Ada)', tabId: 1, shows: () => sidebarTopics(viewA) },
      { name: 'sidebar B (Bob)', tabId: 2, shows: () => sidebarTopics(viewB) },
    ];

    const writes: [string, () => Promise<unknown>][] = [
      ['add a detail to Ada (sidebar A)', () => handlers.addDetail({ clientId: ada, kind: 'hobby', text: 'Rows on Sundays', date: null, yearly: false })],
      ['add a dated detail to Ada (a birthday: Today lists dates)', () => handlers.addDetail({ clientId: ada, kind: 'family', text: 'Birthday', date: '1990-11-30', yearly: true })],
      ['log a note for Ada', () => handlers.logInteraction({ clientId: ada, kind: 'note', text: 'Asked about pricing' })],
      ['open another conversation in tab 1 (nobody in it is a client)', () => handlers.threadChanged({ snapshot: thread('a2', 'Someone New', 'new@elsewhere.example'), frameToken: TOKEN }, { tabId: 1 })],
      ['add a new client', () => handlers.createClient({ name: 'Cyd Charisse', email: 'cyd@dance.example', company: '', role: '' }, { tabId: null })],
    ];
    const figures: RefetchFigure[] = [];
    for (const [write, run] of writes) {
      told = [];
      await run();
      const refetched = pages.filter((page) => told.some((changed) => concerns(page.shows(), topicsForPage(changed, page.tabId))));
      figures.push({ write, before: pages.length * told.length, after: refetched.length, pages: refetched.map((page) => page.name) });
    }
    return figures;
  } finally {
    db.close();
    await db.delete();
  }
}
