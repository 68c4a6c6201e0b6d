/**
 * The data service: what each message does. Plain async functions over the
 * database, a thread store and a clock, so they run the same in the service worker
 * and in unit tests.
 */
import { Client, Detail, FollowUp, Interaction, type EmailAddress, type Settings } from '../model';
import { UserFacingError, type Input, type SenderInfo, type ServiceContext, type ServiceDeps } from './context';
import type { MessageName, PersonView, SidebarView } from '../messaging/protocol';
import type { ThreadSnapshot } from '../hosts/thread';
import { companyDomainOf, normaliseEmail } from '../domain/addresses';
import { nameKey } from '../domain/names';
import { correspondentsOf, lookupKeys, recognise, type Correspondent, type Recognition } from '../domain/recognition';
import { emailInteractionsFromThread } from '../domain/interactions';
import { cadenceOf, checkInStatus, snoozeDay } from '../domain/checkin-policy';
import { describeCheckIn } from '../domain/checkin-wording';
import { CONFIRM_WITHIN_MS } from '../domain/confirmations';
import { upcomingDates } from '../domain/upcoming-dates';
import { withContact, withSchedule } from '../domain/schedule';
import { addInteractions, timelineOf } from '../db/timelines';
import { buildToday } from './today';
import { readSettings as readStoredSettings } from './settings';
import { createClientHandlers } from './clients';
import { createBackupHandlers } from './backup';
import { createResourceHandlers } from './resources';


/** The sidebar lists every known person, and unknown ones up to this many. */
export const MAX_PEOPLE_SHOWN = 25;
const INTERACTIONS_SHOWN = 10;



export function createHandlers(deps: ServiceDeps) {
  const { db, threads, now, notify, timeZone } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  const readSettings = () => readStoredSettings(db);

  async function ownAddresses(snapshot: ThreadSnapshot | null): Promise<Set<string>> {
    const settings = await readSettings();
    const own = new Set<string>([...settings.ownAddresses, ...settings.detectedOwnAddresses]);
    const account = normaliseEmail(snapshot?.accountAddress);
    if (account) own.add(account);
    return own;
  }

  async function rememberAccountAddress(snapshot: ThreadSnapshot): Promise<void> {
    const account = normaliseEmail(snapshot.accountAddress);
    if (!account) return;
    await db.transaction('rw', db.settings, async () => {
      const settings = await readSettings();
      if (settings.detectedOwnAddresses.includes(account)) return;
      const detected = [...settings.detectedOwnAddresses, account].slice(-50);
      await db.settings.put({ key: 'detectedOwnAddresses', value: detected });
    });
  }

  /** Clients that could be any of these people, fetched by index. */
  async function candidatesFor(people: readonly Correspondent[]): Promise<Client[]> {
    const keys = lookupKeys(people);
    const [byEmail, byName, byDomain] = await Promise.all([
      keys.emails.length ? db.clients.where('emails').anyOf(keys.emails).toArray() : [],
      keys.nameKeys.length ? db.clients.where('nameKeys').anyOf(keys.nameKeys).toArray() : [],
      keys.domains.length ? db.clients.where('domains').anyOf(keys.domains).toArray() : [],
    ]);
    const unique = new Map<string, Client>();
    for (const client of [...byEmail, ...byName, ...byDomain]) unique.set(client.id, client);
    return [...unique.values()];
  }

  async function recogniseAll(snapshot: ThreadSnapshot) {
    const own = await ownAddresses(snapshot);
    const people = correspondentsOf(snapshot, own);
    const candidates = await candidatesFor(people);
    return { own, people: people.map((person) => ({ person, recognition: recognise(person, candidates) })) };
  }

  /**
   * Moves each touched client's last contact and next check-in on, and closes the
   * meeting confirmations an outgoing email keeps. Runs inside the caller's
   * transaction (clients, followUps and settings must be in its scope).
   */
  async function applyContacts(added: readonly Interaction[]): Promise<void> {
    const { tierCadences } = await readSettings();
    const byClient = new Map<string, Interaction[]>();
    for (const interaction of added) byClient.set(interaction.clientId, [...(byClient.get(interaction.clientId) ?? []), interaction]);
    for (const [clientId, interactions] of byClient) {
      const client = await db.clients.get(clientId);
      if (!client) continue;
      let next = client;
      for (const interaction of interactions) next = withContact(next, interaction.kind, interaction.at);
      if (next !== client) await db.clients.put(Client.parse(withSchedule(touch(next), tierCadences, timeZone)));
      const emailedAt = Math.max(
        ...interactions.filter((i) => i.kind === 'email' && i.direction === 'out').map((i) => i.at),
      );
      if (Number.isFinite(emailedAt)) {
        const open = await db.followUps.where('clientId').equals(clientId).toArray();
        for (const followUp of open) {
          const meetingAt = followUp.dueAt - CONFIRM_WITHIN_MS;
          if (followUp.kind === 'confirm-meeting' && followUp.doneAt === null && emailedAt > meetingAt) {
            await db.followUps.put({ ...followUp, doneAt: now().getTime() });
          }
        }
      }
    }
  }

  async function recordEmails(snapshot: ThreadSnapshot): Promise<number> {
    const { own, people } = await recogniseAll(snapshot);
    // Only certain matches record history: a "probably" guess must not write.
    const certain = new Map<string, Client>();
    for (const { person, recognition } of people) {
      if (recognition.kind !== 'client') continue;
      if (person.email) certain.set(person.email, recognition.client);
      if (person.nameKey) certain.set(`name:${person.nameKey}`, recognition.client);
    }
    if (certain.size === 0) return 0;
    const drafts = emailInteractionsFromThread(snapshot, certain, own, now());
    if (drafts.length === 0) return 0;
    const createdAt = now().getTime();
    const rows = drafts.map((draft) => Interaction.parse({ ...draft, id: newId(), createdAt }));
    return db.transaction('rw', [db.timelines, db.clients, db.followUps, db.settings], async () => {
      const fresh = await addInteractions(db, rows);
      if (fresh.length) await applyContacts(fresh);
      return fresh.length;
    });
  }

  /**
   * A person just became a client from the sidebar of the open conversation: the
   * messages already on screen are their history too.
   */
  async function recordOpenThread(sender: SenderInfo): Promise<void> {
    const tab = sender.tabId === null ? null : await threads.get(sender.tabId);
    if (tab?.snapshot) await recordEmails(tab.snapshot);
  }

  async function personView(person: Correspondent, recognition: Recognition): Promise<PersonView> {
    const base = { name: person.name, email: person.email, isSender: person.isSender };
    const empty = { details: [], interactions: [], checkIn: null, upcoming: [] };
    if (recognition.kind === 'unknown') return { ...base, match: 'unknown', client: null, ...empty };
    if (recognition.kind === 'colleague') return { ...base, match: 'colleague', client: recognition.client, ...empty };
    const client = recognition.client;
    const [details, interactions] = await Promise.all([
      db.details.where('clientId').equals(client.id).toArray(),
      timelineOf(db, client.id).then((timeline) => timeline.slice(0, INTERACTIONS_SHOWN)),
    ]);
    details.sort((a, b) => b.updatedAt - a.updatedAt);
    const { tierCadences } = await readSettings();
    return {
      ...base,
      match: recognition.kind === 'client' ? 'client' : 'probable',
      client,
      details,
      interactions,
      checkIn: checkInOf(client, tierCadences),
      upcoming: upcomingDates(details, now(), undefined, timeZone),
    };
  }

  function checkInOf(client: Client, tiers: Settings['tierCadences']) {
    const cadenceDays = client.archivedAt === null ? cadenceOf(client, tiers) : null;
    const status = checkInStatus({ ...client, cadenceDays }, now(), timeZone);
    return { ...status, text: describeCheckIn(status) };
  }

  async function requireClient(clientId: string): Promise<Client> {
    const client = await db.clients.get(clientId);
    if (!client) throw new UserFacingError('That client no longer exists.');
    return client;
  }

  async function ensureAddressIsFree(email: string, exceptClientId?: string): Promise<void> {
    const owner = await db.clients.where('emails').equals(email).first();
    if (owner && owner.id !== exceptClientId) {
      throw new UserFacingError(`${email} already belongs to ${owner.name}.`);
    }
  }

  function withAddress(client: Client, email: EmailAddress): Client {
    const domain = companyDomainOf(email);
    return {
      ...client,
      emails: client.emails.includes(email) ? client.emails : [...client.emails, email],
      domains: domain && !client.domains.includes(domain) ? [...client.domains, domain] : client.domains,
    };
  }

  function touch<T extends { updatedAt: number }>(record: T): T {
    return { ...record, updatedAt: now().getTime() };
  }

  async function logInteraction(input: Omit<Input<'logInteraction'>, 'kind'> & { kind: Interaction['kind'] }) {
    const at = now().getTime();
    const interaction = Interaction.parse({
      id: newId(),
      clientId: input.clientId,
      kind: input.kind,
      text: input.text,
      at: input.at ?? at,
      createdAt: at,
    });
    await db.transaction('rw', [db.clients, db.timelines, db.followUps, db.settings], async () => {
      await requireClient(input.clientId);
      await addInteractions(db, [interaction]);
      await applyContacts([interaction]);
      if (interaction.kind === 'meeting') {
        // A meeting is confirmed by email within 48 hours: the promise is kept in view.
        await db.followUps.add(
          FollowUp.parse({
            id: newId(),
            clientId: interaction.clientId,
            kind: 'confirm-meeting',
            sourceId: interaction.id,
            text: interaction.text,
            dueAt: interaction.at + CONFIRM_WITHIN_MS,
            createdAt: at,
          }),
        );
      }
    });
    notify();
    return { id: interaction.id };
  }

  /** What feature modules get to build their handlers with. */
  const context: ServiceContext = { ...deps, newId, readSettings, requireClient, touch, logInteraction };

  const handlers = {
    ...featureHandlers(context),

    async threadChanged(input: Input<'threadChanged'>, sender: SenderInfo) {
      if (sender.tabId === null) throw new UserFacingError('A conversation must come from a mail tab.');
      await threads.set(sender.tabId, { snapshot: input.snapshot, frameToken: input.frameToken });
      if (input.snapshot) {
        await rememberAccountAddress(input.snapshot);
        await recordEmails(input.snapshot);
      }
      notify();
      return { ok: true as const };
    },

    async getSidebarView(input: Input<'getSidebarView'>, sender: SenderInfo): Promise<SidebarView> {
      const tab = sender.tabId === null ? null : await threads.get(sender.tabId);
      // Only the frame our content script made (it holds the token) sees the thread.
      const snapshot = tab && tab.frameToken === input.frameToken ? tab.snapshot : null;
      if (!snapshot) return { state: 'no-conversation' };
      const { people } = await recogniseAll(snapshot);
      // Every client is shown; the others (unknown people, possible colleagues) fill
      // the rest up to the cap, so a 200-person cc list stays a glanceable sidebar.
      const isClient = (kind: Recognition['kind']) => kind === 'client' || kind === 'probable';
      const clientCount = people.filter((entry) => isClient(entry.recognition.kind)).length;
      let room = Math.max(0, MAX_PEOPLE_SHOWN - clientCount);
      const shown = people.filter((entry) => isClient(entry.recognition.kind) || room-- > 0);
      const views = await Promise.all(shown.map(({ person, recognition }) => personView(person, recognition)));
      return { state: 'conversation', subject: snapshot.subject, people: views, more: people.length - shown.length };
    },

    async createClient(input: Input<'createClient'>, sender: SenderInfo) {
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
      await db.transaction('rw', db.clients, async () => {
        if (input.email) await ensureAddressIsFree(input.email);
        await db.clients.add(client);
      });
      await recordOpenThread(sender);
      notify();
      return { clientId: client.id };
    },

    async addClientAddress(input: Input<'addClientAddress'>, sender: SenderInfo) {
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await ensureAddressIsFree(input.email, client.id);
        await db.clients.put(Client.parse(touch(withAddress(client, input.email))));
      });
      await recordOpenThread(sender);
      notify();
      return {};
    },

    async confirmClientName(input: Input<'confirmClientName'>, sender: SenderInfo) {
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
      await recordOpenThread(sender);
      notify();
      return {};
    },

    async addDetail(input: Input<'addDetail'>) {
      const at = now().getTime();
      const detail = Detail.parse({ ...input, id: newId(), createdAt: at, updatedAt: at });
      await db.transaction('rw', db.clients, db.details, async () => {
        await requireClient(input.clientId);
        await db.details.add(detail);
      });
      notify();
      return { id: detail.id };
    },

    async updateDetail(input: Input<'updateDetail'>) {
      await db.transaction('rw', db.details, async () => {
        const existing = await db.details.get(input.id);
        if (!existing) throw new UserFacingError('That detail was deleted meanwhile.');
        await db.details.put(Detail.parse(touch({ ...existing, ...input })));
      });
      notify();
      return {};
    },

    async deleteDetail(input: Input<'deleteDetail'>) {
      const detail = await db.transaction('rw', db.details, async () => {
        const existing = await db.details.get(input.id);
        if (existing) await db.details.delete(input.id);
        return existing ?? null;
      });
      notify();
      // Handed back so the sidebar can offer Undo without keeping its own copy.
      return { detail };
    },

    async restoreDetail(input: Input<'restoreDetail'>) {
      await db.transaction('rw', db.clients, db.details, async () => {
        await requireClient(input.detail.clientId);
        await db.details.put(input.detail);
      });
      notify();
      return {};
    },

    logInteraction,

    async checkedIn(input: Input<'checkedIn'>) {
      return logInteraction({ clientId: input.clientId, kind: 'checkin', text: '' });
    },

    async snooze(input: Input<'snooze'>) {
      const day = snoozeDay(now(), 'until' in input ? { until: input.until } : { weeks: input.weeks }, timeZone);
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await db.clients.put(Client.parse(withSchedule(touch({ ...client, snoozedUntil: day }), tierCadences, timeZone)));
      });
      notify();
      return { snoozedUntil: day };
    },

    async updateClient(input: Input<'updateClient'>) {
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        const { clientId: _id, ...changes } = input;
        const nameKeys = changes.name ? [...new Set([nameKey(changes.name), ...client.nameKeys])].filter(Boolean) : client.nameKeys;
        const next = { ...client, ...changes, nameKeys };
        await db.clients.put(Client.parse(withSchedule(touch(next), tierCadences, timeZone)));
      });
      notify();
      return {};
    },

    async completeFollowUp(input: Input<'completeFollowUp'>) {
      await db.transaction('rw', db.followUps, async () => {
        const followUp = await db.followUps.get(input.id);
        if (!followUp) throw new UserFacingError('That follow-up no longer exists.');
        await db.followUps.put({ ...followUp, doneAt: input.done ? now().getTime() : null });
      });
      notify();
      return {};
    },

    async latestConversation(input: Input<'latestConversation'>) {
      // The newest email interaction that links back to its conversation.
      const latest = (await timelineOf(db, input.clientId)).find((interaction) => interaction.kind === 'email' && interaction.url !== '');
      return { url: latest?.url ?? null };
    },

    async getToday(input: Input<'getToday'>) {
      return buildToday(db, now(), await readSettings(), timeZone, input.overdueLimit);
    },

    async getSettings(_input: Input<'getSettings'>) {
      return readSettings();
    },

    async snoozeBackupReminder(input: Input<'snoozeBackupReminder'>) {
      const until = now().getTime() + input.days * 86_400_000;
      await db.settings.put({ key: 'backupReminderSnoozedUntil', value: until });
      notify();
      return { snoozedUntil: until };
    },

    async saveOwnAddresses(input: Input<'saveOwnAddresses'>) {
      await db.settings.put({ key: 'ownAddresses', value: [...new Set(input.addresses)] });
      notify();
      return {};
    },

    async saveSettings(input: Input<'saveSettings'>) {
      await db.transaction('rw', db.settings, db.clients, async () => {
        if (input.dailySummary !== undefined) await db.settings.put({ key: 'dailySummary', value: input.dailySummary });
        if (input.tierCadences) {
          await db.settings.put({ key: 'tierCadences', value: input.tierCadences });
          // New tier defaults move every client's next check-in, in the same transaction.
          const tiers = input.tierCadences;
          await db.clients.toCollection().modify((client) => {
            client.nextDueAt = withSchedule(client, tiers, timeZone).nextDueAt;
          });
        }
      });
      notify();
      return readSettings();
    },
  } satisfies { [K in MessageName]: (input: Input<K>, sender: SenderInfo) => Promise<unknown> };

  return handlers;
}

export { UserFacingError, type SenderInfo, type ServiceDeps } from './context';

/**
 * Handlers of feature modules (lib/background/<feature>.ts), each built from the
 * shared context; their messages are in the one protocol map like all others.
 */
function featureHandlers(context: ServiceContext) {
  return {
    ...createClientHandlers(context),
    ...createBackupHandlers(context),
    ...createResourceHandlers(context),
  };
}

export type Handlers = ReturnType<typeof createHandlers>;
export type Outputs = { [K in MessageName]: Awaited<ReturnType<Handlers[K]>> };
