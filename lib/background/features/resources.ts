/**
 * Saved articles and links for clients: saving (one resource per canonical URL;
 * saving again adds clients), the save popup's client picker, what waits to be
 * shared per client, and inserting one into the reply open in a mail tab.
 *
 * Issue 15: each client has their own private note on a resource, which never
 * leaves Tend (the insert message has no field for it). Inserting makes a share
 * wait to be sent; it becomes shared, and counts as contact, only when the sent
 * message is seen (lib/background/contacts.ts) or the user marks it shared.
 */
import { browser } from 'wxt/browser';
import { MAX_RESOURCE_NOTE_CHARS, PendingShare, Resource, type Client, type Interaction } from '../../model';
import { appendNote, shareStateOf, withNote, withShareSent, withShareUndone, withShareWaiting } from '../../domain/shares';
import { eachInteraction } from '../../db/timelines';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';
import { clientTopic, type Topic } from '../../messaging/topics';
import { cleanUrl } from '../../articles/canonical';
import { suggestClients } from '../../domain/relevance';
import { normaliseEmail } from '../../domain/addresses';
import type { PickerClient, ReaderResource, ResourceSummary } from '../../messaging/protocol-resources';
import { INSERT_LINK_MESSAGE, type InsertLinkMessage, type InsertLinkReply } from '../../messaging/insert-message';
import { readLastThread } from '../last-thread';
import type { ThreadSnapshot } from '../../hosts/thread';

export interface ResourceOptions {
  /** Sends the insert request to the top frame of a mail tab; null when nothing answered. */
  sendToTab?: (tabId: number, message: InsertLinkMessage) => Promise<InsertLinkReply | null>;
  lastThread?: () => Promise<ThreadSnapshot | null>;
}

/** Clients listed in the picker at most (suggested and recent ones first). */
const PICKER_LIMIT = 2000;

async function defaultSendToTab(tabId: number, message: InsertLinkMessage): Promise<InsertLinkReply | null> {
  try {
    const reply = (await browser.tabs.sendMessage(tabId, message, { frameId: 0 })) as InsertLinkReply | undefined;
    return reply && typeof reply.inserted === 'boolean' ? reply : null;
  } catch {
    // No content script in that tab (reloaded extension, not a mail page).
    return null;
  }
}

function summaryOf(resource: Resource, clientId: string | null): ResourceSummary {
  return {
    id: resource.id,
    url: resource.url,
    title: resource.title,
    site: resource.site,
    byline: resource.byline,
    excerpt: resource.excerpt,
    note: clientId === null ? '' : (resource.notes[clientId] ?? ''),
    hasArticle: resource.contentHtml.length > 0,
    savedAt: resource.savedAt,
    sharedAt: clientId === null ? null : (resource.sharedWith[clientId] ?? null),
    waitingToBeSentSince: clientId === null ? null : (resource.pendingShares[clientId]?.insertedAt ?? null),
  };
}

/** The text to paste when no reply is open: the typed message, title, address (never a private note). */
export function plainShareText(resource: Pick<Resource, 'title' | 'url'>, message = ''): string {
  return [message.trim(), resource.title, resource.url].filter(Boolean).join('\n');
}

/** A note over the limit is refused, never cut: the user decides what to keep. */
function refuseLongNote(note: string): void {
  if (note.length <= MAX_RESOURCE_NOTE_CHARS) return;
  throw new UserFacingError(
    `This article is already saved with a note; with yours it would be ${note.length.toLocaleString('en')} characters, over the ${MAX_RESOURCE_NOTE_CHARS.toLocaleString('en')} a note holds. Shorten your note (or edit the saved one) and save again. Nothing was saved.`,
  );
}

export function createResourceHandlers(context: ServiceContext, options: ResourceOptions = {}) {
  const { db, now, notify, threads } = context;
  const sendToTab = options.sendToTab ?? defaultSendToTab;
  const lastThread = options.lastThread ?? readLastThread;

  async function requireResource(id: string): Promise<Resource> {
    const resource = await db.resources.get(id);
    if (!resource) throw new UserFacingError('That saved page no longer exists.');
    return resource;
  }

  /** The user's own notes, the only interactions that say what a client cares about. */
  async function notesOfEveryClient(): Promise<Interaction[]> {
    const notes: Interaction[] = [];
    await eachInteraction(db, (timeline) => notes.push(...timeline.filter((interaction) => interaction.kind === 'note')));
    return notes;
  }

  /** Clients of the last opened conversation, by address (the user's own is no client). */
  async function conversationClientIds(): Promise<string[]> {
    const snapshot = await lastThread().catch(() => null);
    if (!snapshot) return [];
    const emails = new Set<string>();
    for (const message of snapshot.messages) {
      for (const person of [message.from, ...message.to]) {
        const email = normaliseEmail(person.email);
        if (email) emails.add(email);
      }
    }
    if (emails.size === 0) return [];
    const clients = await db.clients.where('emails').anyOf([...emails]).toArray();
    return clients.filter((client) => client.archivedAt === null).map((client) => client.id);
  }

  /** A resource shows on the pages and sidebar cards of its clients, and on Today (resources to share). */
  const resourceTopics = (clientIds: readonly string[]): Topic[] => [...new Set(clientIds)].map(clientTopic).concat('resources', 'today');

  /**
   * The user says it was shared: shared now, with a shared-resource interaction
   * (a contact the user logged, so the check-in resets), in one transaction.
   */
  async function markShared(resourceId: string, clientId: string): Promise<number> {
    const at = now().getTime();
    await db.transaction('rw', [db.resources, db.clients, db.timelines, db.followUps, db.settings], async () => {
      const resource = await requireResource(resourceId);
      await db.resources.put(Resource.parse(withShareSent(resource, clientId, at)));
      // Joins this transaction (its tables are all in it): the share and the contact commit together.
      await context.logInteraction({ clientId, kind: 'shared-resource', text: `${resource.title}\n${resource.url}`.slice(0, 20_000), at });
    });
    notify(resourceTopics([clientId]));
    return at;
  }

  return {
    async getSaveContext(input) {
      const canonical = cleanUrl(input.url);
      const [clients, details, notes, fromConversation, existing] = await Promise.all([
        db.clients.filter((client) => client.archivedAt === null).toArray(),
        db.details.toArray(),
        notesOfEveryClient(),
        conversationClientIds(),
        canonical ? db.resources.where('canonicalUrl').equals(canonical).first() : undefined,
      ]);
      const texts = new Map<string, string[]>();
      for (const client of clients) texts.set(client.id, [client.company, client.role, ...client.tags]);
      for (const detail of details) texts.get(detail.clientId)?.push(detail.text);
      for (const note of notes) texts.get(note.clientId)?.push(note.text);
      const suggestions = input.text
        ? suggestClients(input.text, [...texts].map(([clientId, list]) => ({ clientId, texts: list })), 5).filter((s) => s.score >= 1)
        : [];

      const byRecent = [...clients].sort((a, b) => (b.lastContactAt ?? 0) - (a.lastContactAt ?? 0) || a.name.localeCompare(b.name));
      const byId = new Map(clients.map((client) => [client.id, client]));
      const picker: PickerClient[] = [];
      const seen = new Set<string>();
      const add = (client: Client | undefined, reason: PickerClient['reason'], terms: string[] = []) => {
        if (!client || seen.has(client.id)) return;
        seen.add(client.id);
        picker.push({ id: client.id, name: client.name, company: client.company, emails: client.emails, lastContactAt: client.lastContactAt, reason, terms });
      };
      for (const id of fromConversation) add(byId.get(id), 'conversation');
      for (const suggestion of suggestions) add(byId.get(suggestion.clientId), 'keywords', suggestion.terms.slice(0, 4));
      for (const client of byRecent) add(client, null);
      return {
        clients: picker.slice(0, PICKER_LIMIT),
        existing: existing ? { id: existing.id, clientIds: existing.clientIds } : null,
      };
    },

    async saveResource(input) {
      const url = cleanUrl(input.url) ?? input.url;
      const canonicalUrl = cleanUrl(input.canonicalUrl) ?? url;
      const at = now().getTime();
      let savedFor: string[] = [];
      const result = await db.transaction('rw', db.clients, db.resources, async () => {
        for (const clientId of input.clientIds) await context.requireClient(clientId);
        const existing = await db.resources.where('canonicalUrl').equals(canonicalUrl).first();
        // Its clients' pages show it (and how many others it is saved for).
        savedFor = [...input.clientIds, ...(existing?.clientIds ?? [])];
        if (existing) {
          const added = input.clientIds.filter((id) => !existing.clientIds.includes(id));
          // The popup's note is the private note of each client picked, added to theirs.
          let notes = existing.notes;
          for (const clientId of input.clientIds) {
            const note = appendNote(notes[clientId] ?? '', input.note);
            refuseLongNote(note);
            notes = withNote(notes, clientId, note);
          }
          await db.resources.put(
            Resource.parse({
              ...existing,
              clientIds: [...existing.clientIds, ...added],
              notes,
              // A link saved earlier becomes an article once the page could be read.
              contentHtml: existing.contentHtml || input.contentHtml,
              excerpt: existing.excerpt || input.excerpt,
              byline: existing.byline || input.byline,
            }),
          );
          return { resourceId: existing.id, existed: true, added: added.length };
        }
        const resource = Resource.parse({
          id: context.newId(),
          url,
          canonicalUrl,
          title: input.title,
          site: input.site,
          byline: input.byline,
          excerpt: input.excerpt,
          contentHtml: input.contentHtml,
          notes: Object.fromEntries(input.note ? input.clientIds.map((clientId) => [clientId, input.note]) : []),
          clientIds: [...new Set(input.clientIds)],
          sharedWith: {},
          savedAt: at,
        });
        await db.resources.add(resource);
        return { resourceId: resource.id, existed: false, added: resource.clientIds.length };
      });
      notify(resourceTopics(savedFor));
      return result;
    },

    async listClientResources(input) {
      const resources = await db.resources.where('clientIds').equals(input.clientId).toArray();
      const byState = { 'to-share': [] as Resource[], 'waiting-to-be-sent': [] as Resource[], shared: [] as Resource[] };
      for (const resource of resources) byState[shareStateOf(resource, input.clientId)].push(resource);
      const summaries = (list: Resource[]) => list.map((resource) => summaryOf(resource, input.clientId));
      return {
        waiting: summaries(byState['to-share']).sort((a, b) => b.savedAt - a.savedAt),
        waitingToBeSent: summaries(byState['waiting-to-be-sent']).sort((a, b) => b.waitingToBeSentSince! - a.waitingToBeSentSince!),
        shared: summaries(byState.shared).sort((a, b) => b.sharedAt! - a.sharedAt!),
      };
    },

    async getResource(input): Promise<ReaderResource> {
      // The reader is opened without a client: nobody's private note is shown there.
      const { notes: _notes, pendingShares: _pending, pendingFor: _pendingFor, sharedWith: _shared, ...page } = await requireResource(input.id);
      return page;
    },

    async insertIntoReply(input, sender) {
      const resource = await requireResource(input.resourceId);
      await context.requireClient(input.clientId);
      const text = plainShareText(resource, input.message);
      if (sender.tabId === null) return { inserted: false, text };
      // Title, link and the typed message: the message type has no room for a note.
      const reply = await sendToTab(sender.tabId, { type: INSERT_LINK_MESSAGE, title: resource.title, url: resource.url, message: input.message });
      if (!reply?.inserted) return { inserted: false, text };
      // A draft is not a share: it waits to be sent, in this conversation, with no
      // interaction and no check-in reset (the draft may yet be discarded).
      const conversation = (await threads.get(sender.tabId).catch(() => null))?.snapshot ?? null;
      const pending = PendingShare.parse({
        insertedAt: now().getTime(),
        host: conversation?.host ?? null,
        threadId: conversation?.threadId ?? null,
        url: conversation?.url ?? '',
      });
      await db.transaction('rw', db.resources, async () => {
        const current = await requireResource(resource.id);
        await db.resources.put(Resource.parse(withShareWaiting(current, input.clientId, pending)));
      });
      notify(resourceTopics([input.clientId]));
      return { inserted: true, text, waitingToBeSentSince: pending.insertedAt };
    },

    async markResourceShared(input) {
      await context.requireClient(input.clientId);
      // Undo puts the article back to "to share" (or "waiting to be sent") and the check-in where it was.
      const { result: sharedAt, undo } = await context.undoable('Mark as shared', { clients: [input.clientId], resources: [input.resourceId] }, () =>
        markShared(input.resourceId, input.clientId),
      );
      return { sharedAt, undo };
    },

    async markResourceUnshared(input) {
      await db.transaction('rw', db.resources, async () => {
        const resource = await requireResource(input.resourceId);
        if (shareStateOf(resource, input.clientId) === 'to-share') return;
        await db.resources.put(Resource.parse(withShareUndone(resource, input.clientId)));
      });
      notify(resourceTopics([input.clientId]));
      return {};
    },

    async setResourceNote(input) {
      await db.transaction('rw', db.resources, async () => {
        const existing = await requireResource(input.resourceId);
        if (!existing.clientIds.includes(input.clientId)) throw new UserFacingError('That saved page is not saved for this client any more.');
        await db.resources.put(Resource.parse({ ...existing, notes: withNote(existing.notes, input.clientId, input.note) }));
      });
      // A private note: only this client's pages show it (and the search finds it).
      notify(resourceTopics([input.clientId]));
      return { note: input.note };
    },

    async removeResourceFromClient(input) {
      let savedFor: string[] = [];
      const result = await db.transaction('rw', db.resources, async () => {
        const resource = await requireResource(input.resourceId);
        // The others' pages count the clients it is saved for.
        savedFor = resource.clientIds;
        if (!resource.clientIds.includes(input.clientId)) return { deleted: false, clientsLeft: resource.clientIds.length };
        const clientIds = resource.clientIds.filter((clientId) => clientId !== input.clientId);
        // Nobody's any more: the saved copy goes too.
        if (clientIds.length === 0) {
          await db.resources.delete(resource.id);
          return { deleted: true, clientsLeft: 0 };
        }
        // Their note and their share go with them.
        await db.resources.put(Resource.parse({ ...withShareUndone(resource, input.clientId), clientIds, notes: withNote(resource.notes, input.clientId, '') }));
        return { deleted: false, clientsLeft: clientIds.length };
      });
      notify(resourceTopics([input.clientId, ...savedFor]));
      return result;
    },
  } satisfies FeatureHandlers;
}
