/**
 * Contact with a client, whichever way it happens (an email seen in a conversation,
 * a note, call or meeting logged, a resource shared): the interaction recorded in
 * their timeline, their last contact and next check-in moved on, and the meeting
 * follow-ups it starts or closes. Shared by several features, so it is here rather
 * than in one of them.
 */
import { Client, FollowUp, Interaction, type Settings } from '../model';
import type { ThreadSnapshot } from '../hosts/thread';
import { emailInteractionsFromThread } from '../domain/interactions';
import { CONFIRM_WITHIN_MS, closingEmail } from '../domain/confirmations';
import { normaliseEmail } from '../domain/addresses';
import { withContact, withSchedule } from '../domain/schedule';
import { clientTopic } from '../messaging/topics';
import { addInteractions, timelineOf } from '../db/timelines';
import type { SenderInfo, ServiceContext } from './context';
import { recogniseAll } from './recognition';

type ContactFunctions = 'logInteraction' | 'recordEmails' | 'recordOpenThread' | 'closeConfirmationsByConfirmedMail';
type Base = Omit<ServiceContext, ContactFunctions | 'search'>;
type Contacts = Pick<ServiceContext, ContactFunctions>;

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
    return db.transaction('rw', [db.timelines, db.clients, db.followUps, db.settings], async () => {
      const fresh = await addInteractions(db, rows);
      if (fresh.length) await applyContacts(fresh);
      return [...new Set(fresh.map((interaction) => interaction.clientId))];
    });
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
    // A shared resource is shown per client (its page, Today's resources to share): covered by these.
    notify(contactTopics([interaction.clientId]));
    return { id: interaction.id };
  }

  return { logInteraction, recordEmails, recordOpenThread, closeConfirmationsByConfirmedMail };
}
