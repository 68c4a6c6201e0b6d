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
import { INTERACTION_KINDS, type Interaction, type InteractionKind } from '../model';

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

/** What Insights reads of an interaction: its kind, its direction and its time. */
export type StampVisitor = (kind: InteractionKind, direction: 'in' | 'out' | null, at: number) => void;

const KIND_KEY = '"kind":"';
const DIRECTION_KEY = '"direction":';
const AT_KEY = '"at":';
/** Each kind with its closing quote, to read a kind where it stands without cutting a string out. */
const QUOTED_KINDS = INTERACTION_KINDS.map((kind) => `${kind}"`);
let kindsRead = new Uint8Array(256);
let directionsRead = new Uint8Array(256);
let timesRead = new Float64Array(256);

/**
 * Each interaction's kind, direction and time, read from the row's text without
 * parsing the rest: Insights reads every interaction there is (200,000 and more), and
 * JSON.parse would build every object with all its fields for three of them to be
 * read. An interaction holds each of the three keys once and nothing nests inside it,
 * so the n-th occurrence of a key is the n-th interaction's; a key cannot occur inside
 * a string (its quotes would be escaped). When a row does not read that way (the keys
 * not exactly `count` times each, a value of another form), it is parsed instead.
 * Nothing is visited before the whole row has been read.
 */
export function eachStamp(timeline: Timeline, visit: StampVisitor): void {
  const { json, count } = timeline;
  if (count > kindsRead.length) {
    kindsRead = new Uint8Array(count * 2);
    directionsRead = new Uint8Array(count * 2);
    timesRead = new Float64Array(count * 2);
  }
  if (!readStamps(json, count)) {
    for (const interaction of interactionsOf(timeline)) visit(interaction.kind, interaction.direction, interaction.at);
    return;
  }
  for (let i = 0; i < count; i += 1) visit(INTERACTION_KINDS[kindsRead[i]!]!, directionsRead[i] === 1 ? 'in' : directionsRead[i] === 2 ? 'out' : null, timesRead[i]!);
}

/** Fills the module's buffers from the text; false when the row does not read as expected. */
function readStamps(json: string, count: number): boolean {
  let kindAt = 0;
  let directionAt = 0;
  let timeAt = 0;
  for (let i = 0; i < count; i += 1) {
    kindAt = json.indexOf(KIND_KEY, kindAt);
    if (kindAt < 0) return false;
    kindAt += KIND_KEY.length;
    let kind = 0;
    while (kind < QUOTED_KINDS.length && !json.startsWith(QUOTED_KINDS[kind]!, kindAt)) kind += 1;
    if (kind === QUOTED_KINDS.length) return false;
    kindsRead[i] = kind;

    directionAt = json.indexOf(DIRECTION_KEY, directionAt);
    if (directionAt < 0) return false;
    directionAt += DIRECTION_KEY.length;
    if (json.startsWith('null', directionAt)) directionsRead[i] = 0;
    else if (json.startsWith('"in"', directionAt)) directionsRead[i] = 1;
    else if (json.startsWith('"out"', directionAt)) directionsRead[i] = 2;
    else return false;

    timeAt = json.indexOf(AT_KEY, timeAt);
    if (timeAt < 0) return false;
    timeAt += AT_KEY.length;
    // A whole number of milliseconds, as Tend writes them; anything else (a fraction, an exponent) is parsed instead.
    let at = 0;
    let digits = 0;
    for (let code = json.charCodeAt(timeAt); code >= 48 && code <= 57; code = json.charCodeAt(++timeAt)) {
      at = at * 10 + (code - 48);
      digits += 1;
    }
    const after = json.charCodeAt(timeAt);
    if (digits === 0 || digits > 15 || (after !== 44 && after !== 125)) return false; // ',' or '}'
    timesRead[i] = at;
  }
  // Not one more of any key: then each interaction had its own.
  return json.indexOf(KIND_KEY, kindAt) < 0 && json.indexOf(DIRECTION_KEY, directionAt) < 0 && json.indexOf(AT_KEY, timeAt) < 0;
}
