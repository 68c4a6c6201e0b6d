/**
 * The clients feature of the data service: the dashboard's client list and client
 * pages, merging, archiving, referrals, introductions, and search.
 *
 * Search and the list read an in-memory corpus (lib/domain/search.ts), never
 * IndexedDB per keystroke. It is derived state, nothing stored twice: built in the
 * background as soon as an extension page connects (or on the first list or
 * search), in chunks so other messages are answered meanwhile; patched per client
 * after writes (a DBCore middleware marks what changed, whoever wrote it); and
 * rebuilt after a worker restart. A search that arrives while the texts are still
 * being read answers over the clients' own fields first (`complete: false`).
 */
import type { Table } from 'dexie';
import { searchableTexts, watchCorpusChanges, type CorpusPart } from './corpus-changes';
import { Client, FollowUp, Referral, type Detail, type Interaction, type Resource } from '../model';
import { UserFacingError, type Input, type ServiceContext } from './context';
import type { TendDatabase } from '../db/schema';
import { addInteractions, eachInteraction, timelineOf } from '../db/timelines';
import { clientEntry, resourceEntry, search, textEntry, type ClientEntry, type TextEntry } from '../domain/search';
import { withSchedule, startOfToday } from '../domain/schedule';
import { cadenceOf } from '../domain/checkin-policy';
import { QUIET_AFTER_DAYS, type ClientRow } from '../messaging/protocol-clients';

const DAY_MS = 86_400_000;
/** An introduction is followed up ("did you two meet?") after two weeks. */
export const INTRODUCTION_FOLLOW_UP_DAYS = 14;
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

/** What search reads of a client: details, and the text of notes, calls and meetings. */
function textsOf(details: readonly Detail[], interactions: readonly Interaction[]): string[] {
  return [...details.map((detail) => detail.text), ...searchableTexts(interactions)];
}

interface Row extends ClientRow {
  entry: ClientEntry;
  /** Normalised name, the sort key. */
  sortName: string;
}

function rowOf(client: Client): Row {
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

function projection(row: Row): ClientRow {
  const { entry: _entry, sortName: _sort, ...rest } = row;
  return rest;
}

/** Lets other events (messages, IndexedDB callbacks) run between chunks of a build. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads a whole table in primary-key chunks, yielding between them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readAll<T extends { id: string }>(table: Table<T, string, any>, size: number, each: (rows: T[]) => void): Promise<void> {
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
class Dirty {
  ids = new Set<string>();
  all = false;
  add(id: unknown): void {
    if (typeof id !== 'string' || this.all) return;
    this.ids.add(id);
    if (this.ids.size > MAX_PATCH) {
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
class Derived<T> {
  private value: T | null = null;
  private building: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dirty: Dirty,
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
        pending.catch(reportBuildError);
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
function entriesById<T extends { id: string }, E>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  table: Table<T, string, any>,
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

function reportBuildError(error: unknown): void {
  console.error('Tend: building the search index failed', error);
}

/** The in-memory corpus behind the client list and search. */
export function createClientCorpus(db: TendDatabase) {
  const dirtyRows = new Dirty();
  const dirtyTexts = new Dirty();
  const dirtyResources = new Dirty();

  const dirtyOf: Record<CorpusPart, Dirty> = { rows: dirtyRows, texts: dirtyTexts, resources: dirtyResources };
  watchCorpusChanges(
    db,
    (parts, changes) => {
      if (changes === 'all') for (const part of parts) dirtyOf[part].everything();
      else for (const [part, id] of changes) dirtyOf[part].add(id);
    },
    MAX_PATCH,
  );

  const rows = new Derived(dirtyRows, ...entriesById(db.clients, CHUNK.clients, rowOf));

  const texts = new Derived<Map<string, TextEntry>>(
    dirtyTexts,
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

  const resources = new Derived(dirtyResources, ...entriesById(db.resources, CHUNK.resources, resourceEntry));

  let warming: Promise<void> | null = null;

  return {
    /** Client rows, built if need be (the list cannot show anything without them). */
    rows: async () => (await rows.get())!,
    /**
     * Everything search reads. Client rows are always there; texts and resources
     * are waited for at most `waitMs`, then left out (`complete: false`) while they
     * are still being built.
     */
    corpus: async (waitMs = Infinity) => {
      const r = (await rows.get())!;
      const [t, s] = await Promise.all([texts.get(waitMs), resources.get(waitMs)]);
      return { rows: r, texts: t, resources: s, complete: t !== null && s !== null };
    },
    /**
     * Builds what is missing in the background, rows first (the list and the first
     * keystroke need them), then resources, then texts. Called when an extension
     * page connects: the search box is then ready before the user types.
     */
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

export type ClientCorpus = ReturnType<typeof createClientCorpus>;

export function createClientHandlers(context: ServiceContext) {
  const { db, now, notify, timeZone, newId, readSettings, requireClient, touch } = context;
  const corpus = context.corpus ?? createClientCorpus(db);
  /** Waiting for the index to be whole, to tell the pages that searched meanwhile. */
  let announcing: Promise<void> | null = null;

  async function schedule(client: Client): Promise<Client> {
    return Client.parse(withSchedule(touch(client), (await readSettings()).tierCadences, timeZone));
  }

  async function nameOf(ids: readonly string[]): Promise<Map<string, string>> {
    const clients = await db.clients.bulkGet([...new Set(ids)]);
    return new Map(clients.filter((client) => client !== undefined).map((client) => [client.id, client.name]));
  }

  return {
    async listClients(input: Input<'listClients'>) {
      const all = await corpus.rows();
      const todayStart = startOfToday(now(), timeZone);
      const quietBefore = now().getTime() - QUIET_AFTER_DAYS * DAY_MS;
      const tags = new Set<string>();
      let active = 0;
      let archived = 0;
      const matches: Row[] = [];
      for (const row of all.values()) {
        for (const tag of row.tags) tags.add(tag);
        if (row.archivedAt === null) active += 1;
        else archived += 1;
        if ((row.archivedAt !== null) !== input.archived) continue;
        if (input.tier && row.tier !== input.tier) continue;
        if (input.tag && !row.tags.includes(input.tag)) continue;
        if (input.overdue && !(row.nextDueAt !== null && row.nextDueAt < todayStart)) continue;
        if (input.quiet && !(row.lastContactAt === null || row.lastContactAt < quietBefore)) continue;
        matches.push(row);
      }
      const byName = (a: Row, b: Row) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1);
      // Never-contacted first, then longest ago: the clients drifting away lead.
      const byLastContact = (a: Row, b: Row) => (a.lastContactAt ?? -1) - (b.lastContactAt ?? -1) || byName(a, b);
      // Most overdue first; clients without a check-in rhythm last.
      const byNextDue = (a: Row, b: Row) => (a.nextDueAt ?? Infinity) - (b.nextDueAt ?? Infinity) || byName(a, b);
      matches.sort(input.sort === 'lastContact' ? byLastContact : input.sort === 'nextDue' ? byNextDue : byName);
      return {
        rows: matches.map(projection),
        counts: { active, archived },
        tags: [...tags].sort((a, b) => a.localeCompare(b)),
      };
    },

    async getClientPage(input: Input<'getClientPage'>) {
      const client = await requireClient(input.clientId);
      const [details, referredBy, referred, followUps, resources, interactionCount, settings] = await Promise.all([
        db.details.where('clientId').equals(client.id).toArray(),
        db.referrals.where('referredId').equals(client.id).toArray(),
        db.referrals.where('referrerId').equals(client.id).toArray(),
        db.followUps.where('clientId').equals(client.id).toArray(),
        db.resources.where('clientIds').equals(client.id).toArray(),
        timelineOf(db, client.id).then((timeline) => timeline.length),
        readSettings(),
      ]);
      details.sort((a, b) => b.updatedAt - a.updatedAt);
      const names = await nameOf([...referredBy.map((r) => r.referrerId), ...referred.map((r) => r.referredId)]);
      const nameFor = (id: string) => names.get(id) ?? 'A deleted client';
      return {
        client,
        details,
        interactionCount,
        tierDefaultDays: settings.tierCadences[client.tier],
        cadenceDays: client.archivedAt === null ? cadenceOf(client, settings.tierCadences) : null,
        referredBy: referredBy.sort((a, b) => b.at - a.at).map((referral) => ({ referral, name: nameFor(referral.referrerId) })),
        referred: referred.sort((a, b) => b.at - a.at).map((referral) => ({ referral, name: nameFor(referral.referredId) })),
        introductions: followUps.filter((f) => f.kind === 'introduction').sort((a, b) => b.createdAt - a.createdAt),
        resources: resources
          .sort((a, b) => b.savedAt - a.savedAt)
          .map((resource: Resource) => ({
            id: resource.id,
            title: resource.title,
            url: resource.url,
            site: resource.site,
            note: resource.note,
            hasArticle: resource.contentHtml.length > 0,
            savedAt: resource.savedAt,
            sharedAt: resource.sharedWith[client.id] ?? null,
            /** Other clients it is saved for: removing it here keeps it for them. */
            otherClients: resource.clientIds.filter((id) => id !== client.id).length,
          })),
      };
    },

    async listClientInteractions(input: Input<'listClientInteractions'>) {
      const timeline = await timelineOf(db, input.clientId);
      return { interactions: timeline.slice(input.offset, input.offset + input.limit), total: timeline.length };
    },

    async removeClientAddress(input: Input<'removeClientAddress'>) {
      await db.transaction('rw', db.clients, db.settings, async () => {
        const client = await requireClient(input.clientId);
        if (!client.emails.includes(input.email)) return;
        // Company domains stay: they are the company's, edited on their own.
        await db.clients.put(await schedule({ ...client, emails: client.emails.filter((email) => email !== input.email) }));
      });
      notify();
      return {};
    },

    async setClientTags(input: Input<'setClientTags'>) {
      const seen = new Set<string>();
      const tags = input.tags.filter((tag) => {
        const key = tag.toLocaleLowerCase();
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await db.clients.put(Client.parse(touch({ ...client, tags })));
      });
      notify();
      return { tags };
    },

    async setClientDomains(input: Input<'setClientDomains'>) {
      const domains = [...new Set(input.domains)];
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await db.clients.put(Client.parse(touch({ ...client, domains })));
      });
      notify();
      return { domains };
    },

    async archiveClient(input: Input<'archiveClient'>) {
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        const archivedAt = input.archived ? (client.archivedAt ?? now().getTime()) : null;
        // withSchedule leaves archived clients without a due date: out of the badge and Today.
        await db.clients.put(Client.parse(withSchedule(touch({ ...client, archivedAt }), tierCadences, timeZone)));
      });
      notify();
      return {};
    },

    async mergeClients(input: Input<'mergeClients'>) {
      if (input.keepId === input.mergeId) throw new UserFacingError('Choose two different clients to merge.');
      const { tierCadences } = await readSettings();
      const { keepId, mergeId } = input;
      const kept = await db.transaction(
        'rw',
        [db.clients, db.details, db.timelines, db.resources, db.referrals, db.followUps],
        async () => {
          const keep = await requireClient(keepId);
          const other = await requireClient(mergeId);
          const union = <T,>(a: readonly T[], b: readonly T[]) => [...new Set([...a, ...b])];
          const lastContacts = [keep.lastContactAt, other.lastContactAt].filter((at): at is number => at !== null);
          const merged: Client = {
            ...keep,
            emails: union(keep.emails, other.emails).slice(0, 50),
            domains: union(keep.domains, other.domains).slice(0, 20),
            nameKeys: union(keep.nameKeys, other.nameKeys).slice(0, 50),
            confirmedNameKeys: union(keep.confirmedNameKeys, other.confirmedNameKeys).slice(0, 50),
            tags: union(keep.tags, other.tags).slice(0, 50),
            company: keep.company || other.company,
            role: keep.role || other.role,
            cadenceDays: keep.cadenceDays ?? other.cadenceDays,
            lastContactAt: lastContacts.length ? Math.max(...lastContacts) : null,
            createdAt: Math.min(keep.createdAt, other.createdAt),
          };

          await db.details.where('clientId').equals(mergeId).modify({ clientId: keepId });

          // Seen messages are recorded once per client (`<clientId>|host|key`): a
          // message both were in stays once, under the kept client.
          const moving = await timelineOf(db, mergeId);
          const rekeyed = moving.map((interaction) => ({
            ...interaction,
            clientId: keepId,
            dedupeKey: interaction.dedupeKey?.startsWith(`${mergeId}|`)
              ? `${keepId}|${interaction.dedupeKey.slice(mergeId.length + 1)}`
              : interaction.dedupeKey,
          }));
          await addInteractions(db, rekeyed);
          await db.timelines.delete(mergeId);

          await db.resources.where('clientIds').equals(mergeId).modify((resource) => {
            resource.clientIds = [...new Set(resource.clientIds.map((id) => (id === mergeId ? keepId : id)))];
            const sharedAt = resource.sharedWith[mergeId];
            if (sharedAt !== undefined) {
              const mine = resource.sharedWith[keepId];
              resource.sharedWith[keepId] = mine === undefined ? sharedAt : Math.max(mine, sharedAt);
              delete resource.sharedWith[mergeId];
            }
          });

          const referrals = await db.referrals.where('referrerId').equals(mergeId).or('referredId').equals(mergeId).toArray();
          for (const referral of referrals) {
            const next = {
              ...referral,
              referrerId: referral.referrerId === mergeId ? keepId : referral.referrerId,
              referredId: referral.referredId === mergeId ? keepId : referral.referredId,
            };
            // One referred the other: after merging it would be a referral to oneself.
            if (next.referrerId === next.referredId) await db.referrals.delete(referral.id);
            else await db.referrals.put(next);
          }

          await db.followUps.where('clientId').equals(mergeId).modify({ clientId: keepId });
          await db.clients.delete(mergeId);
          const result = Client.parse(withSchedule(touch(merged), tierCadences, timeZone));
          await db.clients.put(result);
          return result;
        },
      );
      notify();
      return { clientId: kept.id };
    },

    async addReferral(input: Input<'addReferral'>) {
      if (input.referrerId === input.referredId) throw new UserFacingError('A client cannot refer themselves.');
      const referral = Referral.parse({
        id: newId(),
        referrerId: input.referrerId,
        referredId: input.referredId,
        said: input.said,
        at: input.at ?? now().getTime(),
      });
      await db.transaction('rw', db.clients, db.referrals, async () => {
        await requireClient(input.referrerId);
        await requireClient(input.referredId);
        await db.referrals.add(referral);
      });
      notify();
      return { id: referral.id };
    },

    async setReferralThanked(input: Input<'setReferralThanked'>) {
      await db.transaction('rw', db.referrals, async () => {
        const referral = await db.referrals.get(input.id);
        if (!referral) throw new UserFacingError('That referral no longer exists.');
        await db.referrals.put({ ...referral, thankedAt: input.thanked ? now().getTime() : null });
      });
      notify();
      return {};
    },

    async deleteReferral(input: Input<'deleteReferral'>) {
      await db.referrals.delete(input.id);
      notify();
      return {};
    },

    async addIntroduction(input: Input<'addIntroduction'>) {
      const at = now().getTime();
      const followUp = FollowUp.parse({
        id: newId(),
        clientId: input.clientId,
        kind: 'introduction',
        text: input.text,
        dueAt: at + INTRODUCTION_FOLLOW_UP_DAYS * DAY_MS,
        createdAt: at,
      });
      await db.transaction('rw', db.clients, db.followUps, async () => {
        await requireClient(input.clientId);
        await db.followUps.add(followUp);
      });
      notify();
      return { id: followUp.id };
    },

    async search(input: Input<'search'>) {
      const started = performance.now();
      // Right after a worker restart the texts may still be building: rather than keep
      // the first keystroke waiting, answer over the clients' own fields and say so
      // (`complete: false`). Once the index is whole, open pages are told (as after a
      // write), and a search box showing an incomplete answer asks again.
      const { rows, texts, resources, complete } = await corpus.corpus(context.searchWaitMs);
      if (!complete) {
        announcing ??= corpus
          .corpus()
          .then(() => notify(), reportBuildError)
          .finally(() => (announcing = null));
      }
      const result = search(
        {
          clients: (function* () {
            for (const row of rows.values()) yield row.entry;
          })(),
          texts: (clientId) => texts?.get(clientId),
          resources: resources?.values() ?? [],
        },
        input.query,
        input.limit,
      );
      return { ...result, complete, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}
