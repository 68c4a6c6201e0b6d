/**
 * Contact with a client, whichever way it happens (an email seen in a conversation,
 * a note, call or meeting logged, a resource shared): the interaction recorded in
 * their timeline, their last contact and next check-in moved on, and the meeting
 * follow-ups it starts or closes. Shared by several features, so it is here rather
 * than in one of them.
 */
import { Client, FollowUp, Interaction, Resource, type Settings } from '../model';
import type { ThreadSnapshot } from '../hosts/thread';
import { emailInteractionsFromThread } from '../domain/interactions';
import { CONFIRM_WITHIN_MS, closingEmail } from '../domain/confirmations';
import { normaliseEmail } from '../domain/addresses';
import { withContact, withSchedule } from '../domain/schedule';
import { clientTopic } from '../messaging/topics';
import { addInteractions, timelineOf } from '../db/timelines';
import type { SenderInfo, ServiceContext } from './context';
import { recogniseAll } from './recognition';
import { sharesSeenSent, withShareSent, type SentMessage } from '../domain/shares';
import { linkHash } from '../hosts/links';

type ContactFunctions = 'logInteraction' | 'recordEmails' | 'recordOpenThread' | 'closeConfirmationsByConfirmedMail';
type Base = Omit<ServiceContext, ContactFunctions | 'search' | 'undoable'>;
type Contacts = Pick<ServiceContext, ContactFunctions>;

/** A meeting is confirmed by email within 48 hours: the promise is kept in view as this follow-up. */
export function meetingConfirmation(meeting: Interaction, id: string, createdAt: number): FollowUp {
  return FollowUp.parse({
    id,
    clientId: meeting.clientId,
    kind: 'confirm-meeting',
    sourceId: meeting.id,
    // A follow-up's text is shorter than a note's: the start of it names the meeting.
    text: meeting.text.slice(0, 2000),
    dueAt: meeting.at + CONFIRM_WITHIN_MS,
    createdAt,
  });
}

/** What a contact with these clients changes on screen: their pages, the list (last contact, next check-in), Today. */
export const contactTopics = (clientIds: Iterable<string>) => [...[...new Set(clientIds)].map(clientTopic), 'clients', 'today'] as const;

export function createContacts(base: Base): Contacts {
  const { db, threads, now, notify, timeZone, newId, readSettings, requireClient, touch } = base;

  /**
   * Closes the open meeting confirmations of these clients that one of `emails`
   * keeps (lib/domain/confirmations.ts: sent after the meeting, from a confirmed
   * address), noting which email closed it. Runs inside the caller's transaction
   * (followUps must be in its scope); answers the clients whose follow-ups closed.
   */
  async function closeConfirmations(clientIds: Iterable<string>, emailsOf: (clientId: string) => Promise<readonly Interaction[]>, confirmed: ReadonlySet<string>) {
    const closed = new Set<string>();
    if (confirmed.size === 0) return closed;
    for (const clientId of new Set(clientIds)) {
      const open = (await db.followUps.where('clientId').equals(clientId).toArray()).filter(
        (followUp) => followUp.kind === 'confirm-meeting' && followUp.doneAt === null,
      );
      if (open.length === 0) continue;
      const emails = await emailsOf(clientId);
      for (const followUp of open) {
        const email = closingEmail(followUp, emails, confirmed);
        if (!email?.from) continue;
        const closedBy = { interactionId: email.id, subject: email.subject, at: email.at, from: email.from, url: email.url };
        await db.followUps.put({ ...followUp, doneAt: now().getTime(), closedBy });
        closed.add(clientId);
      }
    }
    return closed;
  }

  /** The addresses the user confirmed as theirs, normalised. */
  const confirmedAddresses = (settings: Settings) => new Set(settings.ownAddresses.map((address) => normaliseEmail(address)).filter((a) => a !== null));

  /**
   * Moves each touched client's last contact and next check-in on, and closes the
   * meeting confirmations an outgoing email keeps. Runs inside the caller's
   * transaction (clients, followUps and settings must be in its scope).
   */
  async function applyContacts(added: readonly Interaction[]): Promise<void> {
    const settings = await readSettings();
    const byClient = new Map<string, Interaction[]>();
    for (const interaction of added) byClient.set(interaction.clientId, [...(byClient.get(interaction.clientId) ?? []), interaction]);
    for (const [clientId, interactions] of byClient) {
      const client = await db.clients.get(clientId);
      if (!client) continue;
      let next = client;
      for (const interaction of interactions) next = withContact(next, interaction.kind, interaction.at);
      if (next !== client) await db.clients.put(Client.parse(withSchedule(touch(next), settings.tierCadences, timeZone)));
    }
    const emailed = [...byClient].filter(([, interactions]) => interactions.some((i) => i.kind === 'email' && i.direction === 'out'));
    await closeConfirmations(
      emailed.map(([clientId]) => clientId),
      async (clientId) => byClient.get(clientId) ?? [],
      confirmedAddresses(settings),
    );
  }

  /**
   * After the user confirms an address as theirs: the emails already seen from it
   * keep the meeting confirmations they answer, as they would have had it been
   * confirmed first. Runs inside the caller's transaction (timelines, followUps,
   * settings); answers the clients whose follow-ups closed.
   */
  async function closeConfirmationsByConfirmedMail(): Promise<Set<string>> {
    const open = await db.followUps.filter((followUp) => followUp.kind === 'confirm-meeting' && followUp.doneAt === null).toArray();
    return closeConfirmations(
      open.map((followUp) => followUp.clientId),
      (clientId) => timelineOf(db, clientId),
      confirmedAddresses(await readSettings()),
    );
  }

  async function recordEmails(snapshot: ThreadSnapshot): Promise<string[]> {
    const { own, people, snapshot: seen } = await recogniseAll(base, snapshot);
    // Only certain matches record history: a "probably" guess must not write.
    const certain = new Map<string, Client>();
    for (const { person, recognition } of people) {
      if (recognition.kind !== 'client') continue;
      if (person.email) certain.set(person.email, recognition.client);
      if (person.nameKey) certain.set(`name:${person.nameKey}`, recognition.client);
    }
    if (certain.size === 0) return [];
    const drafts = emailInteractionsFromThread(seen, certain, own, now());
    if (drafts.length === 0) return [];
    const createdAt = now().getTime();
    const rows = drafts.map((draft) => Interaction.parse({ ...draft, id: newId(), createdAt }));
    const sent = sentWithLinks(seen, certain, own);
    const tables = [db.timelines, db.clients, db.followUps, db.settings, ...(sent.length > 0 ? [db.resources] : [])];
    return db.transaction('rw', tables, async () => {
      const shares = sent.length > 0 ? await sharesSent(seen, sent) : [];
      const fresh = await addInteractions(db, [...rows, ...shares]);
      if (fresh.length) await applyContacts(fresh);
      return [...new Set(fresh.map((interaction) => interaction.clientId))];
    });
  }

  /**
   * The messages of the thread the user sent to a client that carry links (their
   * hashes: the page sends no link itself). Most conversations have none, and then
   * no resource is read at all.
   */
  function sentWithLinks(snapshot: ThreadSnapshot, certain: ReadonlyMap<string, Client>, own: ReadonlySet<string>): SentMessage[] {
    return snapshot.messages.flatMap((message) => {
      const linkHashes = message.linkHashes ?? [];
      if (linkHashes.length === 0) return [];
      // The same rules as the thread's email interactions: who the user wrote to, and when.
      return emailInteractionsFromThread({ ...snapshot, messages: [message] }, certain, own, now())
        .filter((email) => email.direction === 'out')
        .map((email) => ({ clientId: email.clientId, at: email.at, linkHashes }));
    });
  }

  /**
   * Shares waiting to be sent that these sent messages carried become shared, at
   * the message's time, each with a shared-resource interaction: the link did go
   * to the client. Only resources waiting for one of these clients are read (the
   * `pendingFor` index). Runs inside recordEmails' transaction; answers the
   * interactions to add (once shared, a share no longer waits, so seeing the
   * conversation again adds nothing).
   */
  async function sharesSent(snapshot: ThreadSnapshot, sent: readonly SentMessage[]): Promise<Interaction[]> {
    const waiting = await db.resources.where('pendingFor').anyOf([...new Set(sent.map((message) => message.clientId))]).toArray();
    if (waiting.length === 0) return [];
    const byId = new Map(waiting.map((resource) => [resource.id, resource]));
    const hashesOf = (id: string) => {
      const resource = byId.get(id)!;
      return [linkHash(resource.url), linkHash(resource.canonicalUrl)].filter((hash) => hash !== null);
    };
    const found = sharesSeenSent(waiting, sent, hashesOf);
    const createdAt = now().getTime();
    const interactions: Interaction[] = [];
    for (const { resourceId, clientId, at } of found) {
      const resource = byId.get(resourceId)!;
      const next = withShareSent(resource, clientId, at);
      byId.set(resourceId, next);
      await db.resources.put(Resource.parse(next));
      interactions.push(
        Interaction.parse({
          id: newId(),
          clientId,
          kind: 'shared-resource',
          text: `${resource.title}\n${resource.url}`.slice(0, 20_000),
          at,
          host: snapshot.host,
          url: snapshot.url,
          dedupeKey: `${clientId}|shared|${resourceId}|${at}`.slice(0, 1000),
          createdAt,
        }),
      );
    }
    return interactions;
  }

  async function recordOpenThread(sender: SenderInfo): Promise<string[]> {
    const tab = sender.tabId === null ? null : await threads.get(sender.tabId);
    return tab?.snapshot ? recordEmails(tab.snapshot) : [];
  }

  async function logInteraction(input: { clientId: string; kind: Interaction['kind']; text: string; at?: number }) {
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
      if (interaction.kind === 'meeting') await db.followUps.add(meetingConfirmation(interaction, newId(), at));
    });
    // A shared resource is shown per client (its page, Today's resources to share): covered by these.
    notify(contactTopics([interaction.clientId]));
    return { id: interaction.id };
  }

  return { logInteraction, recordEmails, recordOpenThread, closeConfirmationsByConfirmedMail };
}
