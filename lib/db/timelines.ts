/**
 * A client's interactions are stored together, one `timelines` row per client,
 * newest first (schema version 2).
 *
 * Why not one row per interaction: IndexedDB pays per record (each put is a
 * request to the browser's storage process, and every index adds to it). A
 * consultant's history is mostly seen emails, hundreds of thousands of them, and a
 * restore of 200,000 interaction rows took over a minute in Chromium; as 10,000
 * timeline rows it is a few seconds. Every reader here wants one client's
 * interactions anyway (the sidebar's latest, the client page's timeline, merge,
 * the search texts), which is now one `get` with no secondary index to maintain.
 * The unit of a write is one client's row, inside the caller's transaction, so two
 * tabs recording the same message still record it once.
 *
 * The interactions are kept as JSON text beside their count. Structured clone writes
 * every property name of every object and rebuilds every object on each read; one
 * string per row is copied in and out whole (measured here on 200,000 interactions:
 * reading them all back takes 0.2 s rather than 1.3 s). A restore's preview and
 * write count every interaction without parsing any, and a client's timeline is one
 * JSON.parse. Only this module reads or writes the text.
 *
 * Backups keep listing interactions row by row (lib/backup/format.ts): the file
 * format does not follow the storage layout.
 */
import type { Interaction } from '../model';
import type { TendDatabase } from './schema';

/** A timelines row, as stored. */
export interface Timeline {
  clientId: string;
  /** How many interactions `json` holds. */
  count: number;
  /** The client's interactions, newest first (`at`, then id, both descending), as JSON. */
  json: string;
}

export function storedTimeline(clientId: string, interactions: readonly Interaction[]): Timeline {
  return { clientId, count: interactions.length, json: JSON.stringify(interactions) };
}

/** The interactions of a stored row (none for no row). Tend wrote the text: it is not validated again. */
export function interactionsOf(timeline: Timeline | undefined): Interaction[] {
  return timeline ? (JSON.parse(timeline.json) as Interaction[]) : [];
}

/** Timeline order: newest first; the same `at` falls back to the id, so the order is total. */
export function newestFirst(a: Pick<Interaction, 'at' | 'id'>, b: Pick<Interaction, 'at' | 'id'>): number {
  return b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * `incoming` added to a timeline, leaving out any interaction it already holds (same
 * id, or same `dedupeKey`: a message seen again) and repeats within `incoming`.
 * Pure: returns the new timeline and what was really added.
 */
export function mergeIntoTimeline(
  existing: readonly Interaction[],
  incoming: readonly Interaction[],
): { interactions: Interaction[]; added: Interaction[] } {
  const ids = new Set(existing.map((interaction) => interaction.id));
  const keys = new Set(existing.flatMap((interaction) => (interaction.dedupeKey ? [interaction.dedupeKey] : [])));
  const added: Interaction[] = [];
  for (const interaction of incoming) {
    if (ids.has(interaction.id) || (interaction.dedupeKey !== undefined && keys.has(interaction.dedupeKey))) continue;
    ids.add(interaction.id);
    if (interaction.dedupeKey !== undefined) keys.add(interaction.dedupeKey);
    added.push(interaction);
  }
  if (added.length === 0) return { interactions: [...existing], added };
  return { interactions: [...existing, ...added].sort(newestFirst), added };
}

/** Interaction rows by client, in the order given. */
function byClient(rows: Iterable<Interaction>): Map<string, Interaction[]> {
  const grouped = new Map<string, Interaction[]>();
  for (const row of rows) {
    const list = grouped.get(row.clientId);
    if (list) list.push(row);
    else grouped.set(row.clientId, [row]);
  }
  return grouped;
}

/** Interaction rows grouped into stored timelines (a restore, the schema upgrade). */
export function timelinesOf(rows: Iterable<Interaction>): Timeline[] {
  return [...byClient(rows)].map(([clientId, interactions]) => storedTimeline(clientId, interactions.sort(newestFirst)));
}

/** One client's interactions, newest first. */
export async function timelineOf(db: TendDatabase, clientId: string): Promise<Interaction[]> {
  return interactionsOf(await db.timelines.get(clientId));
}

/**
 * Adds interactions to their clients' timelines (run inside a transaction that
 * includes `db.timelines`). Returns those that were new; repeats are left out.
 */
export async function addInteractions(db: TendDatabase, rows: readonly Interaction[]): Promise<Interaction[]> {
  if (rows.length === 0) return [];
  const incoming = byClient(rows);
  const clientIds = [...incoming.keys()];
  const current = await db.timelines.bulkGet(clientIds);
  const writes: Timeline[] = [];
  const added: Interaction[] = [];
  clientIds.forEach((clientId, i) => {
    const merged = mergeIntoTimeline(interactionsOf(current[i]), incoming.get(clientId)!);
    if (merged.added.length === 0) return;
    writes.push(storedTimeline(clientId, merged.interactions));
    added.push(...merged.added);
  });
  if (writes.length) await db.timelines.bulkPut(writes);
  return added;
}

/**
 * Every interaction of every client, one client's timeline at a time, reading a
 * bounded number of rows per request; `pause` runs between requests (a build that
 * lets other messages through).
 */
export async function eachInteraction(
  db: TendDatabase,
  each: (interactions: Interaction[]) => void,
  { chunk = 2_000, pause }: { chunk?: number; pause?: () => Promise<void> } = {},
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const range: Timeline[] = await (after === null ? db.timelines.limit(chunk) : db.timelines.where(':id').above(after).limit(chunk)).toArray();
    for (const timeline of range) each(interactionsOf(timeline));
    if (range.length < chunk) return;
    after = range[range.length - 1]!.clientId;
    await pause?.();
  }
}

/** How many interactions there are, without parsing any. */
export async function countInteractions(db: TendDatabase): Promise<number> {
  let count = 0;
  await db.timelines.each((timeline) => (count += timeline.count));
  return count;
}

/** Every interaction, as rows (backups, tests). */
export async function allInteractions(db: TendDatabase): Promise<Interaction[]> {
  const rows: Interaction[] = [];
  await eachInteraction(db, (interactions) => rows.push(...interactions));
  return rows;
}
