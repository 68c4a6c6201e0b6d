/**
 * What each write to the database changes of the search corpus (client rows, their
 * searchable texts, saved articles), whoever makes it: one DBCore middleware per
 * database, telling every corpus built over it (a worker has one; tests make a
 * second to play a worker restart).
 *
 * A middleware rather than Dexie's table hooks: with a `deleting` hook subscribed,
 * Dexie turns `clear()` into reading and deleting every row one by one, which made
 * replacing 200,000 interactions in a restore take seconds longer. It must be in
 * place before the database opens (Dexie builds the stack then): the background
 * creates its corpus before the first query.
 */
import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Dexie } from 'dexie';
import type { Detail, Interaction } from '../../model';
import { interactionsOf, type Timeline } from '../../db/timelines';

export type CorpusPart = 'rows' | 'texts' | 'resources';
/** Ids changed per part, or 'all' when the table's parts must be rebuilt. */
export type CorpusChanges = readonly (readonly [CorpusPart, unknown])[] | 'all';
export type CorpusListener = (parts: readonly CorpusPart[], changes: CorpusChanges) => void;

/** The parts each watched table feeds. */
const PARTS: Readonly<Record<string, readonly CorpusPart[]>> = {
  clients: ['rows', 'texts'],
  details: ['texts'],
  timelines: ['texts'],
  resources: ['resources'],
};
/** Interactions whose text is searchable: what the user wrote, not email subjects. */
const TEXT_KINDS: ReadonlySet<Interaction['kind']> = new Set(['note', 'call', 'meeting']);

/** The texts search reads of a client's interactions: notes, calls and meetings that say something. */
export function searchableTexts(interactions: readonly Interaction[]): string[] {
  return interactions.filter((interaction) => TEXT_KINDS.has(interaction.kind) && interaction.text.trim()).map((interaction) => interaction.text);
}

/** What of a timeline search reads: recording an email leaves a client's texts as they were. */
const searchedText = (timeline: Timeline | undefined) => JSON.stringify(searchableTexts(interactionsOf(timeline)));

function keysOf(table: DBCoreTable, request: DBCoreMutateRequest): unknown[] {
  if (request.type === 'delete') return request.keys;
  if (request.type === 'deleteRange') return [];
  if (request.type === 'put' && request.updates) return request.updates.keys;
  return request.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
}

/**
 * What a write changes, worked out before it runs (a deletion's old row is gone
 * after). 'all' for a cleared table, or more rows than `maxPatch`.
 */
function changesOf(name: string, table: DBCoreTable, request: DBCoreMutateRequest, maxPatch: number): CorpusChanges | PromiseLike<CorpusChanges> {
  if (request.type === 'deleteRange') return 'all';
  const keys = keysOf(table, request);
  if (keys.length > maxPatch) return 'all';
  const after = request.type === 'delete' || (request.type === 'put' && request.updates) ? null : request.values;
  switch (name) {
    case 'clients':
      // A deleted client's texts go with it.
      return keys.flatMap((id) => (request.type === 'delete' ? [['rows', id], ['texts', id]] as const : [['rows', id]] as const));
    case 'resources':
      return keys.map((id) => ['resources', id] as const);
    case 'timelines':
      return table.getMany({ trans: request.trans, keys }).then((before: (Timeline | undefined)[]) =>
        keys.flatMap((clientId, i) => (after && searchedText(before[i]) === searchedText(after[i]) ? [] : [['texts', clientId] as const])),
      );
    case 'details':
      if (request.type === 'put' && request.updates) return 'all';
      // Both clients: the one a detail left (a merge) and the one it is now with.
      return table.getMany({ trans: request.trans, keys }).then((before: (Detail | undefined)[]) =>
        [...before, ...((after ?? []) as Detail[])].flatMap((detail) => (detail ? [['texts', detail.clientId] as const] : [])),
      );
    default:
      return [];
  }
}

const listenersOf = new WeakMap<Dexie, Set<CorpusListener>>();

/** Calls `listener` after every write that changes the corpus: at once, and again when its transaction commits. */
export function watchCorpusChanges(db: Dexie, listener: CorpusListener, maxPatch: number): void {
  let listeners = listenersOf.get(db);
  if (!listeners) {
    const all = new Set<CorpusListener>();
    listeners = all;
    listenersOf.set(db, all);
    db.use({
      stack: 'dbcore',
      name: 'tend-corpus-changes',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          const parts = PARTS[name];
          if (!parts) return table;
          return {
            ...table,
            // No async/await here: Dexie's transaction zone must reach the layers below.
            mutate: (request) => {
              const write = (changes: CorpusChanges) =>
                table.mutate(request).then((result) => {
                  // Now, and once committed: a read in between saw the old data.
                  const tell = () => all.forEach((notify) => notify(parts, changes));
                  tell();
                  (request.trans as unknown as IDBTransaction).addEventListener?.('complete', tell);
                  return result;
                });
              const changes = changesOf(name, table, request, maxPatch);
              return typeof changes === 'object' && 'then' in changes ? (changes.then(write) as Promise<DBCoreMutateResponse>) : write(changes);
            },
          };
        },
      }),
    });
  }
  listeners.add(listener);
}
