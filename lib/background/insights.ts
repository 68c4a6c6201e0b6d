/**
 * The Insights view (issue 16), read in one pass: each table whole (clients,
 * projects, feedback, referrals, settings) and every timeline row once, in bounded
 * chunks, never a query per client. Of each timeline only the kind, direction and
 * time of each interaction are read (`eachStamp`, without parsing the rest of the
 * text), and kept as lists of times (lib/domain/insights/facts.ts); the pure
 * builder (lib/domain/insights/build.ts) does the rest.
 *
 * Reading 10,000 clients, their timelines (200,000 interactions, some 50 MB of text)
 * and 20,000 projects is most of the time, so what was read is kept between
 * computations (`KeptRows`): a write to one of those rows, whoever makes it, marks
 * its id to be read again (a DBCore middleware, as the search index's;
 * lib/background/search/corpus-changes.ts says why not table hooks), and the next
 * computation reads only the rows written since. Referrals and settings (a few rows)
 * are read afresh each time.
 */
import type { DBCoreMutateRequest, DBCoreTable, Table } from 'dexie';
import type { TendDatabase } from '../db/schema';
import { eachStamp, type Timeline } from '../db/timeline-rows';
import type { Client, Feedback, Project } from '../model';
import { buildInsights } from '../domain/insights/build';
import { clientFactsOf, contactTimes, type ContactTimes } from '../domain/insights/facts';
import type { InsightsView, Period } from '../domain/insights/view';
import { Dirty } from './search/derived';
import { readSettings } from './settings';

/** Rows read per request: bounded, so 10,000 clients' histories are never in memory at once as text. */
const ROWS_PER_READ = 2_000;
/** More rows of a table written than this since the last computation: read it all again. */
const MAX_PATCH = 2_000;

/** The tables whose rows are kept between computations. */
const KEPT_TABLES = ['clients', 'timelines', 'projects', 'feedback'] as const;
type KeptTable = (typeof KEPT_TABLES)[number];

interface Kept<V> {
  /** Each row (for timelines: its contact times) by primary key; null before the first full read. */
  rows: Map<string, V> | null;
  changed: Dirty;
}

/** What was read of each kept table, kept fresh by the writes the middleware sees. */
export interface KeptRows {
  /** Whether the middleware is in the database's stack: without it nothing is kept (nothing would say what changed). */
  watching: boolean;
  clients: Kept<Client>;
  timelines: Kept<ContactTimes>;
  projects: Kept<Project>;
  feedback: Kept<Feedback>;
}

/**
 * Keeps what Insights reads between computations. Must be called before the database
 * opens (Dexie builds its middleware stack then); if it is open already, every
 * computation reads everything (`watching` stays false).
 */
export function watchInsightsRows(db: TendDatabase): KeptRows {
  const kept: KeptRows = {
    watching: false,
    clients: { rows: null, changed: new Dirty(MAX_PATCH) },
    timelines: { rows: null, changed: new Dirty(MAX_PATCH) },
    projects: { rows: null, changed: new Dirty(MAX_PATCH) },
    feedback: { rows: null, changed: new Dirty(MAX_PATCH) },
  };
  db.use({
    stack: 'dbcore',
    name: 'tend-insights-rows',
    create: (down) => {
      // (Re)opened: what was kept may predate writes made meanwhile by another connection.
      kept.watching = true;
      for (const name of KEPT_TABLES) kept[name].rows = null;
      return {
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (!(KEPT_TABLES as readonly string[]).includes(name)) return table;
          const { changed } = kept[name as KeptTable];
          const mark = (keys: readonly unknown[] | 'all') => {
            if (keys === 'all') changed.everything();
            else for (const key of keys) changed.add(key);
          };
          return {
            ...table,
            // No async/await here: Dexie's transaction zone must reach the layers below.
            mutate: (request) =>
              table.mutate(request).then((result) => {
                const keys = changedKeys(table, request);
                // Now, and again once committed: a computation reading in between saw the old row.
                mark(keys);
                (request.trans as unknown as IDBTransaction).addEventListener?.('complete', () => mark(keys));
                return result;
              }),
          };
        },
      };
    },
  });
  return kept;
}

function changedKeys(table: DBCoreTable, request: DBCoreMutateRequest): readonly unknown[] | 'all' {
  if (request.type === 'deleteRange') return 'all';
  if (request.type === 'delete') return request.keys;
  if (request.type === 'put' && request.updates) return request.updates.keys;
  return request.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
}

/**
 * The table's rows (derived by `derive`) by primary key: what was kept, with the rows
 * written since read again; all of it read when nothing is kept, or too much changed.
 * `changed` was taken before the reading transaction began.
 */
async function current<T, V>(
  table: Table<T, string, unknown>,
  keyOf: (row: T) => string,
  derive: (row: T) => V,
  kept: Kept<V> | null,
  changed: { all: boolean; ids: string[] },
): Promise<Map<string, V>> {
  let rows = kept !== null && !changed.all ? kept.rows : null;
  if (rows === null) {
    rows = new Map();
    let after: string | null = null;
    for (;;) {
      const chunk: T[] = await (after === null ? table.limit(ROWS_PER_READ) : table.where(':id').above(after).limit(ROWS_PER_READ)).toArray();
      for (const row of chunk) rows.set(keyOf(row), derive(row));
      if (chunk.length < ROWS_PER_READ) break;
      after = keyOf(chunk[chunk.length - 1]!);
    }
  } else if (changed.ids.length > 0) {
    const found = await table.bulkGet(changed.ids);
    const map = rows;
    changed.ids.forEach((id, i) => {
      const row = found[i];
      if (row) map.set(id, derive(row));
      else map.delete(id);
    });
  }
  if (kept !== null) kept.rows = rows;
  return rows;
}

const timesOf = (row: Timeline): ContactTimes => contactTimes(row.count, (visit) => eachStamp(row, visit));
const NO_TIMES: ContactTimes = { realContacts: [], contacts: [], gifts: [] };
const same = <T>(row: T): T => row;
const EVERYTHING = { all: true, ids: [] };

export async function computeInsights(db: TendDatabase, period: Period, now: Date, timeZone?: string, kept?: KeptRows): Promise<InsightsView> {
  const watched = kept?.watching ? kept : null;
  // Taken before reading: a write committing after this is marked again, for the next computation.
  const changed = (name: KeptTable) => (watched ? watched[name].changed.take() : EVERYTHING);
  const changes = { clients: changed('clients'), timelines: changed('timelines'), projects: changed('projects'), feedback: changed('feedback') };
  // One read transaction: the figures come from one state of the data, not a write half-seen.
  const input = await db.transaction('r', [db.clients, db.timelines, db.projects, db.feedback, db.referrals, db.settings], async () => {
    const [clients, times, projects, feedback, referrals, settings] = await Promise.all([
      current(db.clients, (client) => client.id, same, watched?.clients ?? null, changes.clients),
      current(db.timelines, (row) => row.clientId, timesOf, watched?.timelines ?? null, changes.timelines),
      current(db.projects, (project) => project.id, same, watched?.projects ?? null, changes.projects),
      current(db.feedback, (row) => row.id, same, watched?.feedback ?? null, changes.feedback),
      db.referrals.toArray(),
      readSettings(db),
    ]);
    return {
      clients: [...clients.values()].map((client) => clientFactsOf(client, times.get(client.id) ?? NO_TIMES)),
      projects: [...projects.values()],
      feedback: [...feedback.values()],
      referrals,
      tierCadences: settings.tierCadences,
    };
  });
  return buildInsights(input, period, now.getTime(), timeZone);
}
