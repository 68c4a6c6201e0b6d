/**
 * Reading and writing the `timelines` table: one row per client holding all its
 * interactions (the row format and why: lib/db/timeline-rows.ts). The pure row
 * functions live there, apart from the database, so the schema and its upgrades
 * can use them without an import cycle; they are re-exported here for callers.
 */
import type { Interaction } from '../model';
import type { TendDatabase } from './schema';
import { byClient, interactionsOf, mergeIntoTimeline, storedTimeline, type Timeline } from './timeline-rows';

export { interactionsOf, mergeIntoTimeline, newestFirst, storedTimeline, timelinesOf, type Timeline } from './timeline-rows';

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
    const forgotten = current[i]?.forgotten ?? [];
    const merged = mergeIntoTimeline(interactionsOf(current[i]), incoming.get(clientId)!, forgotten);
    if (merged.added.length === 0) return;
    writes.push(storedTimeline(clientId, merged.interactions, forgotten));
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
