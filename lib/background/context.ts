/**
 * What every handler of the data service is built from. Feature modules
 * (lib/background/features/<feature>.ts) receive a ServiceContext and return their
 * handlers, typed against the protocol map; createHandlers (handlers.ts) merges
 * them into the one map the router dispatches on.
 */
import type { TendDatabase } from '../db/schema';
import type { Client, Interaction, Settings } from '../model';
import type { MessageData, MessageName, MessageReply } from '../messaging/protocol';
import type { Topic } from '../messaging/topics';
import type { ThreadSnapshot } from '../hosts/thread';
import type { ThreadStore } from './threads';
import type { SearchIndex } from './search/index';

export interface ServiceDeps {
  db: TendDatabase;
  threads: ThreadStore;
  now: () => Date;
  /** Tells the open extension pages that showed these topics that data changed. Called once per write. */
  notify: (topics: readonly Topic[]) => void;
  newId?: () => string;
  /** The user's IANA time zone; the runtime's own when absent. */
  timeZone?: string;
  /** The search index, when the caller warms it up itself (the background does, on connect). */
  corpus?: SearchIndex;
  /**
   * How long a search waits for the note texts of the index to be built before it
   * answers over clients' own fields (`complete: false`). Default: until built.
   */
  searchWaitMs?: number;
}

/** What the sender is, as the router established it. */
export interface SenderInfo {
  tabId: number | null;
}

/** A message's input after validation (defaults filled in). */
export type Input<K extends MessageName> = MessageData<K>;

/** The handler of one message, as the protocol map declares it. */
export type Handler<K extends MessageName> = (input: MessageData<K>, sender: SenderInfo) => Promise<MessageReply<K>>;
/** Every message's handler: what createHandlers builds and the router dispatches on. */
export type ProtocolHandlers = { [K in MessageName]: Handler<K> };
/** Some messages' handlers: what one feature module returns (`satisfies FeatureHandlers`). */
export type FeatureHandlers = Partial<ProtocolHandlers>;

/** An error whose message is meant for the user, shown as is. */
export class UserFacingError extends Error {}

export interface ServiceContext extends ServiceDeps {
  newId: () => string;
  readSettings: () => Promise<Settings>;
  /** The client, or a UserFacingError when it was deleted meanwhile. */
  requireClient: (clientId: string) => Promise<Client>;
  /** The record with `updatedAt` set to now. */
  touch: <T extends { updatedAt: number }>(record: T) => T;
  /** Records an interaction, moves the check-in clock, creates follow-ups; notifies. */
  logInteraction: (input: { clientId: string; kind: Interaction['kind']; text: string; at?: number }) => Promise<{ id: string }>;
  /** Records the emails of a conversation with known clients; answers the clients whose timeline grew. */
  recordEmails: (snapshot: ThreadSnapshot) => Promise<string[]>;
  /**
   * A person just became a client from the sidebar of the open conversation: the
   * messages already on screen are their history too. Answers as recordEmails.
   */
  recordOpenThread: (sender: SenderInfo) => Promise<string[]>;
  /**
   * Closes the open meeting confirmations that emails already seen from a newly
   * confirmed own address keep; inside the caller's transaction. Answers the clients touched.
   */
  closeConfirmationsByConfirmedMail: () => Promise<Set<string>>;
  search: SearchIndex;
  /**
   * Runs a one-click write so that "Undo" can put back exactly what it changed,
   * answering its result and the token for `undo` (null: it changed nothing).
   * lib/background/undo.ts says how, and what `write` may do.
   */
  undoable: <T>(label: string, scope: UndoScope | { created: (result: T) => UndoScope }, write: () => Promise<T>) => Promise<{ result: T; undo: string | null }>;
}

/**
 * What a one-click write may change: these clients (their row, timeline, details,
 * follow-ups, projects, feedback, and the referrals they are part of) and these saved articles.
 */
export interface UndoScope {
  clients?: readonly string[];
  resources?: readonly string[];
}
