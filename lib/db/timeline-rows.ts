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

/** A timelines row, as stored. */
export interface Timeline {
  clientId: string;
  /** How many interactions `json` holds. */
  count: number;
  /** The client's interactions, newest first (`at`, then id, both descending), as JSON. */
  json: string;
  /**
   * The dedupe keys of emails the user deleted from this history: the message is still
   * in the mailbox, and seeing it again must not bring it back. The newest
   * MAX_FORGOTTEN only; absent when none.
   */
  forgotten?: string[];
}

/** How many deleted emails a timeline remembers not to record again. */
export const MAX_FORGOTTEN = 1000;

export function storedTimeline(clientId: string, interactions: readonly Interaction[], forgotten: readonly string[] = []): Timeline {
  const row: Timeline = { clientId, count: interactions.length, json: JSON.stringify(interactions) };
  if (forgotten.length) row.forgotten = forgotten.slice(-MAX_FORGOTTEN);
  return row;
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
 * id, or same `dedupeKey`: a message seen again), any the user deleted (`forgotten`
 * dedupe keys) and repeats within `incoming`.
 * Pure: returns the new timeline and what was really added.
 */
export function mergeIntoTimeline(
  existing: readonly Interaction[],
  incoming: readonly Interaction[],
  forgotten: readonly string[] = [],
): { interactions: Interaction[]; added: Interaction[] } {
  const ids = new Set(existing.map((interaction) => interaction.id));
  const keys = new Set([...forgotten, ...existing.flatMap((interaction) => (interaction.dedupeKey ? [interaction.dedupeKey] : []))]);
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
export function byClient(rows: Iterable<Interaction>): Map<string, Interaction[]> {
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
