/**
 * The clients feature of the data service: the dashboard's client list and client
 * pages, merging, archiving, referrals, introductions, and search.
 *
 * Search and the list read an in-memory corpus (lib/domain/search.ts), never
 * IndexedDB per keystroke. It is derived state: built lazily (client rows on the
 * first list or search, texts and resources on the first search), patched per
 * client after writes (a DBCore middleware marks what changed, whoever wrote it), and
 * simply rebuilt after a worker restart.
 */
import type { DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Table } from 'dexie';
import { Client, FollowUp, Referral, type Detail, type Interaction, type Resource } from '../model';
import { UserFacingError, type Input, type ServiceContext } from './context';
import type { TendDatabase } from '../db/schema';
import { addInteractions, eachInteraction, interactionsOf, timelineOf, type Timeline } from '../db/timelines';
import { clientEntry, resourceEntry, search, textEntry, type ClientEntry, type ResourceEntry, type TextEntry } from '../domain/search';
import { withSchedule, startOfToday } from '../domain/schedule';
import { cadenceOf } from '../domain/cadence';
import { QUIET_AFTER_DAYS, type ClientRow } from '../messaging/protocol-clients';

const DAY_MS = 86_400_000;
/** An introduction is followed up ("did you two meet?") after two weeks. */
export const INTRODUCTION_FOLLOW_UP_DAYS = 14;
/** Past this many changed records, rebuilding is cheaper than patching one by one. */
const MAX_PATCH = 500;
/** Records read per IndexedDB request while building (bounded memory, few round trips). */
const CHUNK = 20_000;
/** Interactions whose text is searchable: what the user wrote, not email subjects. */
const TEXT_KINDS: ReadonlySet<Interaction['kind']> = new Set(['note', 'call', 'meeting']);

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

/** Reads a whole table in primary-key chunks. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readAll<T extends { id: string }>(table: Table<T, string, any>, each: (rows: T[]) => void): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const chunk: T[] = await (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(CHUNK).toArray();
    if (chunk.length === 0) return;
    each(chunk);
    after = chunk[chunk.length - 1]!.id;
    if (chunk.length < CHUNK) return;
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

/** The in-memory corpus behind the client list and search. */
export function createClientCorpus(db: TendDatabase) {
  let rows: Map<string, Row> | null = null;
  let texts: Map<string, TextEntry> | null = null;
  let resources: Map<string, ResourceEntry> | null = null;
  const dirtyRows = new Dirty();
  const dirtyTexts = new Dirty();
  const dirtyResources = new Dirty();
  let queue: Promise<unknown> = Promise.resolve();

  /** What of a timeline search reads: recording an email leaves a client's texts as they were. */
  const searchedText = (timeline: Timeline | undefined) =>
    JSON.stringify(interactionsOf(timeline).filter((interaction) => TEXT_KINDS.has(interaction.kind)).map((interaction) => interaction.text));

  type Mark = readonly [Dirty, unknown];
  type Marks = readonly Mark[] | 'all';
  const keysOf = (table: DBCoreTable, request: DBCoreMutateRequest): unknown[] => {
    if (request.type === 'delete') return request.keys;
    if (request.type === 'deleteRange') return [];
    if (request.type === 'put' && request.updates) return request.updates.keys;
    return request.keys ?? request.values.map((value) => table.schema.primaryKey.extractKey!(value));
  };

  /**
   * Which parts of the corpus a write changes, worked out before it runs (a deletion's
   * old row is gone after). 'all' asks for a rebuild: a cleared table, or more rows
   * than patching one by one is worth.
   */
  function marksOf(name: string, table: DBCoreTable, request: DBCoreMutateRequest): Marks | PromiseLike<Marks> {
    if (request.type === 'deleteRange') return 'all';
    const keys = keysOf(table, request);
    if (keys.length > MAX_PATCH) return 'all';
    const after = request.type === 'delete' || (request.type === 'put' && request.updates) ? null : request.values;
    switch (name) {
      case 'clients':
        // A deleted client's texts go with it.
        return keys.flatMap((id): Mark[] => (request.type === 'delete' ? [[dirtyRows, id], [dirtyTexts, id]] : [[dirtyRows, id]]));
      case 'resources':
        return keys.map((id): Mark => [dirtyResources, id]);
      case 'timelines':
        return table.getMany({ trans: request.trans, keys }).then((before: (Timeline | undefined)[]) =>
          keys.flatMap((clientId, i): Mark[] => (after && searchedText(before[i]) === searchedText(after[i]) ? [] : [[dirtyTexts, clientId]])),
        );
      case 'details':
        // Both clients: the one a detail left (a merge) and the one it is now with.
        if (request.type === 'put' && request.updates) return 'all';
        return table.getMany({ trans: request.trans, keys }).then((before: (Detail | undefined)[]) =>
          [...before, ...((after ?? []) as Detail[])].flatMap((detail): Mark[] => (detail ? [[dirtyTexts, detail.clientId]] : [])),
        );
      default:
        return [];
    }
  }

  /**
   * Every write to these tables, whoever makes it, marks what it changed: now, and
   * again once its transaction commits (a read in between saw the old data). A DBCore
   * middleware rather than Dexie's table hooks: with a `deleting` hook subscribed,
   * Dexie turns `clear()` into reading and deleting every row one by one, which made
   * replacing 200,000 interactions in a restore take seconds longer.
   */
  const PARTS: Record<string, Dirty[]> = {
    clients: [dirtyRows, dirtyTexts],
    details: [dirtyTexts],
    timelines: [dirtyTexts],
    resources: [dirtyResources],
  };
  db.use({
    stack: 'dbcore',
    name: 'tend-client-corpus',
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
            const write = (marks: Marks) =>
              table.mutate(request).then((result) => {
                const apply = () => {
                  if (marks === 'all') for (const dirty of parts) dirty.everything();
                  else for (const [dirty, id] of marks) dirty.add(id);
                };
                apply();
                (request.trans as unknown as IDBTransaction).addEventListener?.('complete', apply);
                return result;
              });
            const marks = marksOf(name, table, request);
            return typeof marks === 'object' && 'then' in marks ? (marks.then(write) as Promise<DBCoreMutateResponse>) : write(marks);
          },
        };
      },
    }),
  });

  /** One refresh at a time: two keystrokes must not build twice. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function freshRows(): Promise<Map<string, Row>> {
    const { all, ids } = dirtyRows.take();
    if (!rows || all) {
      const next = new Map<string, Row>();
      await readAll(db.clients, (chunk) => chunk.forEach((client) => next.set(client.id, rowOf(client))));
      rows = next;
      return rows;
    }
    if (ids.length) {
      const found = await db.clients.bulkGet(ids);
      ids.forEach((id, i) => {
        const client = found[i];
        if (client) rows!.set(id, rowOf(client));
        else rows!.delete(id);
      });
    }
    return rows;
  }

  function textsOf(details: readonly Detail[], interactions: readonly Interaction[]): string[] {
    return [
      ...details.map((detail) => detail.text),
      ...interactions.filter((interaction) => TEXT_KINDS.has(interaction.kind) && interaction.text.trim()).map((interaction) => interaction.text),
    ];
  }

  async function freshTexts(): Promise<Map<string, TextEntry>> {
    const { all, ids } = dirtyTexts.take();
    if (!texts || all) {
      const byClient = new Map<string, string[]>();
      const add = (clientId: string, text: string) => {
        const list = byClient.get(clientId);
        if (list) list.push(text);
        else byClient.set(clientId, [text]);
      };
      await readAll(db.details, (chunk) => chunk.forEach((detail) => add(detail.clientId, detail.text)));
      await eachInteraction(db, (timeline) => {
        for (const interaction of timeline) if (TEXT_KINDS.has(interaction.kind) && interaction.text.trim()) add(interaction.clientId, interaction.text);
      });
      const next = new Map<string, TextEntry>();
      for (const [clientId, list] of byClient) next.set(clientId, textEntry(list));
      texts = next;
      return texts;
    }
    for (const clientId of ids) {
      const [details, interactions] = await Promise.all([
        db.details.where('clientId').equals(clientId).toArray(),
        timelineOf(db, clientId),
      ]);
      const list = textsOf(details, interactions);
      if (list.length) texts.set(clientId, textEntry(list));
      else texts.delete(clientId);
    }
    return texts;
  }

  async function freshResources(): Promise<Map<string, ResourceEntry>> {
    const { all, ids } = dirtyResources.take();
    if (!resources || all) {
      const next = new Map<string, ResourceEntry>();
      await readAll(db.resources, (chunk) => chunk.forEach((resource) => next.set(resource.id, resourceEntry(resource))));
      resources = next;
      return resources;
    }
    if (ids.length) {
      const found = await db.resources.bulkGet(ids);
      ids.forEach((id, i) => {
        const resource = found[i];
        if (resource) resources!.set(id, resourceEntry(resource));
        else resources!.delete(id);
      });
    }
    return resources;
  }

  return {
    rows: () => serial(freshRows),
    corpus: () =>
      serial(async () => {
        const [r, t, s] = [await freshRows(), await freshTexts(), await freshResources()];
        return { rows: r, texts: t, resources: s };
      }),
  };
}

export type ClientCorpus = ReturnType<typeof createClientCorpus>;

export function createClientHandlers(context: ServiceContext) {
  const { db, now, notify, timeZone, newId, readSettings, requireClient, touch } = context;
  const corpus = createClientCorpus(db);

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
            savedAt: resource.savedAt,
            sharedAt: resource.sharedWith[client.id] ?? null,
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
      const { rows, texts, resources } = await corpus.corpus();
      const result = search(
        {
          clients: (function* () {
            for (const row of rows.values()) yield row.entry;
          })(),
          texts: (clientId) => texts.get(clientId),
          resources: resources.values(),
        },
        input.query,
        input.limit,
      );
      return { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  };
}
