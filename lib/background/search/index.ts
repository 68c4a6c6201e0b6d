/**
 * The search index: the in-memory corpus behind the client list and search
 * (lib/domain/search.ts ranks), never IndexedDB per keystroke. It is derived
 * state, nothing stored twice: built in the background as soon as an extension
 * page connects (or on the first list or search), in chunks so other messages are
 * answered meanwhile; patched per client after writes (a DBCore middleware marks
 * what changed, whoever wrote it: corpus-changes.ts); and rebuilt after a worker
 * restart. A search that arrives while the texts are still being read answers
 * over the clients' own fields first (`complete: false`).
 *
 * Kept rather than MiniSearch or FlexSearch (issue 12): see the README's
 * Performance section for the figures.
 */
import type { TendDatabase } from '../../db/schema';
import type { Client, Detail, Interaction } from '../../model';
import { eachInteraction, timelineOf } from '../../db/timelines';
import { clientEntry, resourceEntry, search, textEntry, type ClientEntry, type SearchResult, type TextEntry } from '../../domain/search';
import type { ClientRow } from '../../messaging/protocol-clients';
import { searchableTexts, watchCorpusChanges, type CorpusPart } from './corpus-changes';
import { Derived, Dirty, entriesById, readAll, yieldToEvents } from './derived';

/** Past this many changed records, rebuilding is cheaper than patching one by one. */
const MAX_PATCH = 500;
/**
 * Records read per IndexedDB request while building: bounded memory, few round
 * trips, and short enough that a message waits at most one chunk's work. Client
 * rows come in big chunks (the list and the first keystroke wait for them); details
 * and timelines in small ones (built in the background while the user works; a
 * timeline holds all of one client's interactions); saved articles in very small
 * ones (each may hold a page of HTML).
 */
const CHUNK = { clients: 10_000, texts: 2_000, timelines: 500, resources: 100 } as const;

/** A client's list row with what search and sorting read of it. */
export interface IndexedRow extends ClientRow {
  entry: ClientEntry;
  /** Normalised name, the sort key. */
  sortName: string;
}

export interface SearchIndex {
  /** Every client's row, built if need be (the list cannot show anything without them). */
  rows(): Promise<ReadonlyMap<string, IndexedRow>>;
  /**
   * Best matches for `query`. Client rows are always searched; texts and resources
   * are waited for at most `waitMs`, then left out (`complete: false`) while they
   * are still being built.
   */
  search(query: string, limit: number, waitMs?: number): Promise<SearchResult & { complete: boolean }>;
  /** Resolves when everything is indexed (building it if need be). */
  whenComplete(): Promise<void>;
  /**
   * Builds what is missing in the background, rows first (the list and the first
   * keystroke need them), then resources, then texts. Called when an extension
   * page connects: the search box is then ready before the user types.
   */
  warm(): Promise<void>;
  readonly ready: boolean;
}

/** What search reads of a client: details, and the text of notes, calls and meetings. */
function textsOf(details: readonly Detail[], interactions: readonly Interaction[]): string[] {
  return [...details.map((detail) => detail.text), ...searchableTexts(interactions)];
}

function rowOf(client: Client): IndexedRow {
  const entry = clientEntry({ ...client, archived: client.archivedAt !== null });
  return {
    id: client.id,
    name: client.name,
    company: client.company,
    tier: client.tier,
    tags: client.tags,
    lastContactAt: client.lastContactAt,
    nextDueAt: client.nextDueAt,
    archivedAt: client.archivedAt,
    entry,
    sortName: entry.nameN,
  };
}

/** The list row as the protocol sends it. */
export function projection(row: IndexedRow): ClientRow {
  const { entry: _entry, sortName: _sort, ...rest } = row;
  return rest;
}

export function reportBuildError(error: unknown): void {
  console.error('Tend: building the search index failed', error);
}

export function createSearchIndex(db: TendDatabase): SearchIndex {
  const dirtyRows = new Dirty(MAX_PATCH);
  const dirtyTexts = new Dirty(MAX_PATCH);
  const dirtyResources = new Dirty(MAX_PATCH);

  const dirtyOf: Record<CorpusPart, Dirty> = { rows: dirtyRows, texts: dirtyTexts, resources: dirtyResources };
  watchCorpusChanges(
    db,
    (parts, changes) => {
      if (changes === 'all') for (const part of parts) dirtyOf[part].everything();
      else for (const [part, id] of changes) dirtyOf[part].add(id);
    },
    MAX_PATCH,
  );

  const rows = new Derived(dirtyRows, reportBuildError, ...entriesById(db.clients, CHUNK.clients, rowOf));

  const texts = new Derived<Map<string, TextEntry>>(
    dirtyTexts,
    reportBuildError,
    async () => {
      const byClient = new Map<string, string[]>();
      const add = (clientId: string, text: string) => {
        const list = byClient.get(clientId);
        if (list) list.push(text);
        else byClient.set(clientId, [text]);
      };
      await readAll(db.details, CHUNK.texts, (chunk) => chunk.forEach((detail) => add(detail.clientId, detail.text)));
      await eachInteraction(
        db,
        (timeline) => {
          for (const text of searchableTexts(timeline)) add(timeline[0]!.clientId, text);
        },
        { chunk: CHUNK.timelines, pause: yieldToEvents },
      );
      const next = new Map<string, TextEntry>();
      let done = 0;
      for (const [clientId, list] of byClient) {
        next.set(clientId, textEntry(list));
        // Normalising is the CPU-heavy part: let messages through now and then.
        if (++done % 2000 === 0) await yieldToEvents();
      }
      return next;
    },
    async (map, ids) => {
      for (const clientId of ids) {
        const [details, interactions] = await Promise.all([db.details.where('clientId').equals(clientId).toArray(), timelineOf(db, clientId)]);
        const list = textsOf(details, interactions);
        if (list.length) map.set(clientId, textEntry(list));
        else map.delete(clientId);
      }
    },
  );

  const resources = new Derived(dirtyResources, reportBuildError, ...entriesById(db.resources, CHUNK.resources, resourceEntry));

  let warming: Promise<void> | null = null;

  return {
    rows: async () => (await rows.get())!,

    async search(query, limit, waitMs = Infinity) {
      const r = (await rows.get())!;
      const [t, s] = await Promise.all([texts.get(waitMs), resources.get(waitMs)]);
      const result = search(
        {
          clients: (function* () {
            for (const row of r.values()) yield row.entry;
          })(),
          texts: (clientId) => t?.get(clientId),
          resources: s?.values() ?? [],
        },
        query,
        limit,
      );
      return { ...result, complete: t !== null && s !== null };
    },

    async whenComplete() {
      await rows.get();
      await Promise.all([texts.get(), resources.get()]);
    },

    warm(): Promise<void> {
      warming ??= (async () => {
        try {
          // Each page connecting asks; only a fresh (or cleared) index has work to do.
          const fresh = !rows.ready || !resources.ready || !texts.ready;
          await rows.warm();
          await resources.warm();
          await texts.warm();
          if (!fresh) return;
          // One search over the whole corpus, so its code is compiled before the
          // first real keystroke (a fresh worker runs it cold several times slower).
          const [r, t, s] = await Promise.all([rows.get(), texts.get(), resources.get()]);
          search({ clients: [...r!.values()].map((row) => row.entry), texts: (id) => t!.get(id), resources: s!.values() }, 'e', 1);
        } catch (error) {
          reportBuildError(error);
        } finally {
          warming = null;
        }
      })();
      return warming;
    },

    get ready(): boolean {
      return rows.ready && texts.ready && resources.ready;
    },
  };
}
