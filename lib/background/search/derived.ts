/**
 * Derived state kept fresh from the database, for the search index: built in full
 * in chunks (yielding between them, so other messages are answered meanwhile),
 * then patched by id from a set of changed ids that gives up (asks for a rebuild)
 * when it grows too big.
 */
import type { Table } from 'dexie';

/** Lets other events (messages, IndexedDB callbacks) run between chunks of a build. */
export const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads a whole table in primary-key chunks, yielding between them. */
export async function readAll<T extends { id: string }>(table: Table<T, string, unknown>, size: number, each: (rows: T[]) => void): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const chunk: T[] = await (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(size).toArray();
    if (chunk.length === 0) return;
    each(chunk);
    after = chunk[chunk.length - 1]!.id;
    if (chunk.length < size) return;
    await yieldToEvents();
  }
}

/** A set of changed ids that gives up (asks for a rebuild) when it grows too big. */
export class Dirty {
  ids = new Set<string>();
  constructor(private readonly maxPatch: number) {}
  all = false;
  add(id: unknown): void {
    if (typeof id !== 'string' || this.all) return;
    this.ids.add(id);
    if (this.ids.size > this.maxPatch) {
      this.all = true;
      this.ids.clear();
    }
  }
  everything(): void {
    this.all = true;
    this.ids.clear();
  }
  take(): { all: boolean; ids: string[] } {
    const taken = { all: this.all, ids: [...this.ids] };
    this.all = false;
    this.ids.clear();
    return taken;
  }
}

/**
 * One part of the corpus (client rows, texts, resources): built in full in the
 * background (chunk by chunk, so other messages are answered meanwhile), then kept
 * fresh by patching what its Dirty set names. A change marked after a build took
 * the set is patched once the build is done, so nothing is missed.
 */
export class Derived<T> {
  private value: T | null = null;
  private building: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dirty: Dirty,
    private readonly reportError: (error: unknown) => void,
    private readonly rebuild: () => Promise<T>,
    private readonly patch: (value: T, ids: string[]) => Promise<void>,
  ) {}

  /** Starts a full build unless one is running; resolves when it is done. */
  build(): Promise<void> {
    this.building ??= (async () => {
      this.value = null;
      this.dirty.take();
      try {
        this.value = await this.rebuild();
      } finally {
        this.building = null;
      }
    })();
    return this.building;
  }

  /** Starts a build if there is nothing to patch yet; for warming up. */
  warm(): Promise<void> {
    if (this.value !== null && !this.dirty.all) return Promise.resolve();
    return this.build();
  }

  get ready(): boolean {
    return this.value !== null && this.building === null;
  }

  /** Up to date, or the build that must end first (started here if none runs). */
  private current(): Promise<{ value: T } | { pending: Promise<void> }> {
    // One patch at a time: a second caller must not see a value still being patched.
    const run = this.queue.then(async () => {
      if (this.building) return { pending: this.building };
      if (this.value === null || this.dirty.all) {
        const pending = this.build();
        pending.catch(this.reportError);
        return { pending };
      }
      const { ids } = this.dirty.take();
      if (ids.length) await this.patch(this.value, ids);
      return { value: this.value };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The value, waiting at most `ms` for a build; null if it is not done by then. Rejects when the build fails. */
  async get(ms = Infinity): Promise<T | null> {
    const deadline = performance.now() + ms;
    for (;;) {
      const state = await this.current();
      if ('value' in state) return state.value;
      const left = deadline - performance.now();
      if (left <= 0) return null;
      await (Number.isFinite(left) ? Promise.race([state.pending, sleep(left)]) : state.pending);
    }
  }
}

/**
 * The build and the patch of a part with one entry per record (client rows, saved
 * articles): every record read in chunks, or the changed ones read again by id.
 */
export function entriesById<T extends { id: string }, E>(
  table: Table<T, string, unknown>,
  chunk: number,
  entryOf: (record: T) => E,
): [rebuild: () => Promise<Map<string, E>>, patch: (map: Map<string, E>, ids: string[]) => Promise<void>] {
  return [
    async () => {
      const next = new Map<string, E>();
      await readAll(table, chunk, (records) => records.forEach((record) => next.set(record.id, entryOf(record))));
      return next;
    },
    async (map, ids) => {
      const found = await table.bulkGet(ids);
      ids.forEach((id, i) => {
        const record = found[i];
        if (record) map.set(id, entryOf(record));
        else map.delete(id);
      });
    },
  ];
}
