/**
 * Clients themselves: adding one (from the sidebar), their addresses, names,
 * fields, tags and domains, archiving, merging two records, deleting one (with
 * Undo), making one Key (with Undo), and the dashboard's client list and client page.
 */
import { CLIENT_LIST_LIMITS, Client, MAX_RESOURCE_NOTE_CHARS, Resource, type EmailAddress } from '../../model';
import { appendNote, withNote, withShareUndone } from '../../domain/shares';
import { EVERYTHING, clientTopic } from '../../messaging/topics';
import { QUIET_AFTER_DAYS } from '../../messaging/protocol-clients';
import { companyDomainOf } from '../../domain/addresses';
import { nameKey } from '../../domain/names';
import { cadenceOf } from '../../domain/checkin-policy';
import { firstOverLimit, union } from '../../domain/lists';
import { browserCountry, normalisePhones, unionPhones } from '../../domain/phones';
import { startOfToday, withSchedule } from '../../domain/schedule';
import { newestProjectFirst } from '../../domain/projects';
import { addInteractions, timelineOf } from '../../db/timelines';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';
import { projection, type IndexedRow } from '../search/index';

const DAY_MS = 86_400_000;

function withAddress(client: Client, email: EmailAddress): Client {
  const domain = companyDomainOf(email);
  return {
    ...client,
    emails: client.emails.includes(email) ? client.emails : [...client.emails, email],
    domains: domain && !client.domains.includes(domain) ? [...client.domains, domain] : client.domains,
  };
}

export function createClientHandlers(context: ServiceContext) {
  const { db, now, notify, timeZone, newId, readSettings, requireClient, touch } = context;

  async function ensureAddressIsFree(email: string, exceptClientId?: string): Promise<void> {
    const owner = await db.clients.where('emails').equals(email).first();
    if (owner && owner.id !== exceptClientId) {
      throw new UserFacingError(`${email} already belongs to ${owner.name}.`);
    }
  }

  async function schedule(client: Client): Promise<Client> {
    return Client.parse(withSchedule(touch(client), (await readSettings()).tierCadences, timeZone));
  }

  async function nameOf(ids: readonly string[]): Promise<Map<string, string>> {
    const clients = await db.clients.bulkGet([...new Set(ids)]);
    return new Map(clients.filter((client) => client !== undefined).map((client) => [client.id, client.name]));
  }

  /**
   * Who a client is changed (added, an address, a name): the sidebars recognise
   * people anew, and the messages already open in this one are recorded.
   */
  const identityTopics = (clientId: string) => [clientTopic(clientId), 'people', 'clients', 'today'] as const;

  return {
    async createClient(input, sender) {
      const at = now().getTime();
      const seenKey = input.seenName ? nameKey(input.seenName) : '';
      const ownKey = nameKey(input.name);
      let client = Client.parse({
        id: newId(),
        name: input.name,
        emails: [],
        company: input.company,
        role: input.role,
        nameKeys: [...new Set([ownKey, seenKey].filter(Boolean))],
        // A display name the user added this client from, with no address on the
        // page, is theirs for certain (Outlook often shows names only).
        confirmedNameKeys: !input.email && seenKey ? [seenKey] : [],
        createdAt: at,
        updatedAt: at,
      });
      if (input.email) client = withAddress(client, input.email);
      client = withSchedule(client, (await readSettings()).tierCadences, timeZone);
      // Undo (Add client, Add to company) removes the client and the history the open conversation gave them.
      const { undo } = await context.undoable('Add client', { created: () => ({ clients: [client.id] }) }, async () => {
        await db.transaction('rw', db.clients, async () => {
          if (input.email) await ensureAddressIsFree(input.email);
          await db.clients.add(client);
        });
        await context.recordOpenThread(sender);
      });
      notify(identityTopics(client.id));
      return { clientId: client.id, undo };
    },

    async addClientAddress(input, sender) {
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await ensureAddressIsFree(input.email, client.id);
        await db.clients.put(Client.parse(touch(withAddress(client, input.email))));
      });
      await context.recordOpenThread(sender);
      notify(identityTopics(input.clientId));
      return {};
    },

    async confirmClientName(input, sender) {
      const key = nameKey(input.name);
      if (!key) throw new UserFacingError('That name cannot be matched.');
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        const next = {
          ...client,
          nameKeys: client.nameKeys.includes(key) ? client.nameKeys : [...client.nameKeys, key],
          confirmedNameKeys: client.confirmedNameKeys.includes(key)
            ? client.confirmedNameKeys
            : [...client.confirmedNameKeys, key],
        };
        await db.clients.put(Client.parse(touch(next)));
      });
      await context.recordOpenThread(sender);
      notify(identityTopics(input.clientId));
      return {};
    },

    async rejectClientName(input) {
      const key = nameKey(input.name);
      if (!key) throw new UserFacingError('That name cannot be matched.');
      // Undo: the name is this client's possible name again (and asked about again).
      const { undo } = await context.undoable('Not them', { clients: [input.clientId] }, () => db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        // Rows written before "Not them" existed have no list yet.
        const rejected = client.rejectedNameKeys ?? [];
        if (rejected.includes(key)) return;
        if (rejected.length >= CLIENT_LIST_LIMITS.rejectedNameKeys) {
          throw new UserFacingError(`${client.name} already has ${CLIENT_LIST_LIMITS.rejectedNameKeys} names marked "Not them".`);
        }
        await db.clients.put(Client.parse(touch({ ...client, rejectedNameKeys: [...rejected, key] })));
      }));
      // The person is recognised anew (as nobody) in every sidebar showing them.
      notify(identityTopics(input.clientId));
      return { undo };
    },

    async updateClient(input) {
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        const { clientId: _id, phones: typed, ...changes } = input;
        // Numbers typed without a country code are read as the user's country's (the browser's language).
        const phones = typed ? normalisePhones(typed, browserCountry()).phones : (client.phones ?? []);
        const nameKeys = changes.name ? [...new Set([nameKey(changes.name), ...client.nameKeys])].filter(Boolean) : client.nameKeys;
        const next = { ...client, ...changes, phones, nameKeys };
        await db.clients.put(Client.parse(withSchedule(touch(next), tierCadences, timeZone)));
      });
      // A new name is matched in conversations (people) and shown on the pages of
      // the clients it referred or was referred by (they subscribe to this client).
      notify(identityTopics(input.clientId));
      return {};
    },

    async listClients(input) {
      const all = await context.search.rows();
      const todayStart = startOfToday(now(), timeZone);
      const quietBefore = now().getTime() - QUIET_AFTER_DAYS * DAY_MS;
      const tags = new Set<string>();
      let active = 0;
      let archived = 0;
      const matches: IndexedRow[] = [];
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
      const byName = (a: IndexedRow, b: IndexedRow) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1);
      // Never-contacted first, then longest ago: the clients drifting away lead.
      const byLastContact = (a: IndexedRow, b: IndexedRow) => (a.lastContactAt ?? -1) - (b.lastContactAt ?? -1) || byName(a, b);
      // Most overdue first; clients without a check-in rhythm last.
      const byNextDue = (a: IndexedRow, b: IndexedRow) => (a.nextDueAt ?? Infinity) - (b.nextDueAt ?? Infinity) || byName(a, b);
      matches.sort(input.sort === 'lastContact' ? byLastContact : input.sort === 'nextDue' ? byNextDue : byName);
      return {
        rows: matches.map(projection),
        counts: { active, archived },
        tags: [...tags].sort((a, b) => a.localeCompare(b)),
      };
    },

    async getClientPage(input) {
      const client = await requireClient(input.clientId);
      const [details, referredBy, referred, followUps, resources, interactionCount, settings] = await Promise.all([
        db.details.where('clientId').equals(client.id).toArray(),
        db.referrals.where('referredId').equals(client.id).toArray(),
        db.referrals.where('referrerId').equals(client.id).toArray(),
        db.followUps.where('clientId').equals(client.id).toArray(),
        db.resources.where('clientIds').equals(client.id).toArray(),
        // The stored count: the page's timeline reads its own page, so the JSON is not parsed here.
        db.timelines.get(client.id).then((timeline) => timeline?.count ?? 0),
        readSettings(),
      ]);
      details.sort((a, b) => b.updatedAt - a.updatedAt);
      // Issue 16: the client's projects and feedback, and the project form's default currency.
      const [projects, feedback, lastCurrency] = await Promise.all([
        db.projects.where('clientId').equals(client.id).toArray(),
        db.feedback.where('clientId').equals(client.id).toArray(),
        // The latest begun project with a currency, any client's: walks the startDay index from the end, stops at the first.
        db.projects.orderBy('startDay').reverse().filter((project) => project.currency !== null).first().then((project) => project?.currency ?? null),
      ]);
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
        projects: projects.sort(newestProjectFirst),
        feedback: feedback.sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : b.createdAt - a.createdAt)),
        lastCurrency,
        resources: resources
          .sort((a, b) => b.savedAt - a.savedAt)
          .map((resource: Resource) => ({
            id: resource.id,
            title: resource.title,
            url: resource.url,
            site: resource.site,
            /** This client's private note only. */
            note: resource.notes[client.id] ?? '',
            hasArticle: resource.contentHtml.length > 0,
            savedAt: resource.savedAt,
            sharedAt: resource.sharedWith[client.id] ?? null,
            waitingToBeSentSince: resource.pendingShares[client.id]?.insertedAt ?? null,
            /** Other clients it is saved for: removing it here keeps it for them. */
            otherClients: resource.clientIds.filter((id) => id !== client.id).length,
          })),
      };
    },

    async removeClientAddress(input) {
      await db.transaction('rw', db.clients, db.settings, async () => {
        const client = await requireClient(input.clientId);
        if (!client.emails.includes(input.email)) return;
        // Company domains stay: they are the company's, edited on their own.
        await db.clients.put(await schedule({ ...client, emails: client.emails.filter((email) => email !== input.email) }));
      });
      notify([clientTopic(input.clientId), 'people']);
      return {};
    },

    async setClientTags(input) {
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
      notify([clientTopic(input.clientId), 'clients']);
      return { tags };
    },

    async setClientDomains(input) {
      const domains = [...new Set(input.domains)];
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await db.clients.put(Client.parse(touch({ ...client, domains })));
      });
      notify([clientTopic(input.clientId), 'people']);
      return { domains };
    },

    async archiveClient(input) {
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        const archivedAt = input.archived ? (client.archivedAt ?? now().getTime()) : null;
        // withSchedule leaves archived clients without a due date: out of the badge and Today.
        await db.clients.put(Client.parse(withSchedule(touch({ ...client, archivedAt }), tierCadences, timeZone)));
      });
      notify(identityTopics(input.clientId));
      return {};
    },

    async mergeClients(input) {
      if (input.keepId === input.mergeId) throw new UserFacingError('Choose two different clients to merge.');
      const { tierCadences } = await readSettings();
      const { keepId, mergeId } = input;
      const kept = await db.transaction(
        'rw',
        [db.clients, db.details, db.timelines, db.resources, db.referrals, db.followUps, db.projects, db.feedback],
        async () => {
          const keep = await requireClient(keepId);
          const other = await requireClient(mergeId);
          const lastContacts = [keep.lastContactAt, other.lastContactAt].filter((at): at is number => at !== null);
          const lists = {
            emails: union(keep.emails, other.emails),
            domains: union(keep.domains, other.domains),
            nameKeys: union(keep.nameKeys, other.nameKeys),
            confirmedNameKeys: union(keep.confirmedNameKeys, other.confirmedNameKeys),
            tags: union(keep.tags, other.tags),
            phones: unionPhones(keep.phones ?? [], other.phones ?? []),
          };
          // Nothing is cut: a merge that would not fit is refused, saying what to trim.
          const over = firstOverLimit(lists);
          if (over) {
            throw new UserFacingError(`Together, ${keep.name} and ${other.name} have ${over}. Remove some from one of them first, then merge. Nothing was changed.`);
          }
          const merged: Client = {
            ...keep,
            ...lists,
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
            // Private notes and shares waiting to be sent (issue 15) follow the client too.
            const note = resource.notes[mergeId];
            if (note !== undefined) {
              const merged = appendNote(resource.notes[keepId] ?? '', note);
              // Refused, never cut (as the lists above): nothing is merged.
              if (merged.length > MAX_RESOURCE_NOTE_CHARS) {
                throw new UserFacingError(
                  `Their private notes on “${resource.title}” together are over the ${MAX_RESOURCE_NOTE_CHARS.toLocaleString('en')} characters a note holds. Shorten one of them, then merge again. Nothing was merged.`,
                );
              }
              resource.notes[keepId] = merged;
              delete resource.notes[mergeId];
            }
            const pending = resource.pendingShares[mergeId];
            if (pending !== undefined) {
              resource.pendingShares[keepId] ??= pending;
              delete resource.pendingShares[mergeId];
              resource.pendingFor = Object.keys(resource.pendingShares);
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

          // An open "Ask for feedback" moves with the follow-ups; its project (and feedback about it) moves here.
          await db.followUps.where('clientId').equals(mergeId).modify({ clientId: keepId });
          await db.projects.where('clientId').equals(mergeId).modify({ clientId: keepId });
          await db.feedback.where('clientId').equals(mergeId).modify({ clientId: keepId });
          await db.clients.delete(mergeId);
          const result = Client.parse(withSchedule(touch(merged), tierCadences, timeZone));
          await db.clients.put(result);
          return result;
        },
      );
      // Resources, referrals and follow-ups of other clients moved too: every page refreshes.
      notify([EVERYTHING]);
      return { clientId: kept.id };
    },

    async deleteClient(input) {
      const { name } = await requireClient(input.clientId);
      const clientId = input.clientId;
      // The articles saved for them change too (or go, when saved for them alone): in Undo's scope.
      const savedFor = (await db.resources.where('clientIds').equals(clientId).primaryKeys()) as string[];
      const { undo } = await context.undoable(`Delete ${name}`, { clients: [clientId], resources: savedFor }, async () => {
        await requireClient(clientId);
        const resources = await db.resources.where('clientIds').equals(clientId).toArray();
        // Saved for them since the scope was read: Undo could not put that article back, so nothing is deleted.
        if (resources.some((resource) => !savedFor.includes(resource.id))) {
          throw new UserFacingError(`An article was saved for ${name} meanwhile. Nothing was deleted: try again.`);
        }
        for (const resource of resources) {
          const clientIds = resource.clientIds.filter((id) => id !== clientId);
          if (clientIds.length === 0) await db.resources.delete(resource.id);
          else await db.resources.put(Resource.parse({ ...withShareUndone(resource, clientId), clientIds, notes: withNote(resource.notes, clientId, '') }));
        }
        const referrals = await db.referrals.where('referrerId').equals(clientId).or('referredId').equals(clientId).primaryKeys();
        await db.referrals.bulkDelete(referrals);
        await db.details.where('clientId').equals(clientId).delete();
        await db.followUps.where('clientId').equals(clientId).delete();
        await db.projects.where('clientId').equals(clientId).delete();
        await db.feedback.where('clientId').equals(clientId).delete();
        await db.timelines.delete(clientId);
        await db.clients.delete(clientId);
      });
      // Recognition, the badge, Today, search, the list and the pages of the clients
      // they referred or were referred by all change: every page refreshes.
      notify([EVERYTHING]);
      return { name, undo };
    },

    async makeKey(input) {
      const { tierCadences } = await readSettings();
      const { name } = await requireClient(input.clientId);
      // The rhythm follows the tier, as a tier changed on the profile (updateClient) does.
      const { undo } = await context.undoable(`Make ${name} Key`, { clients: [input.clientId] }, async () => {
        const client = await requireClient(input.clientId);
        if (client.tier === 'key') return;
        await db.clients.put(Client.parse(withSchedule(touch({ ...client, tier: 'key' }), tierCadences, timeZone)));
      });
      notify(identityTopics(input.clientId));
      return { undo };
    },
  } satisfies FeatureHandlers;
}
