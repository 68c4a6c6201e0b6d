/**
 * What every handler of the data service is built from. Feature modules
 * (resources, backup, …) receive a ServiceContext and return their handlers,
 * which createHandlers merges into the one map the router dispatches on.
 */
import type { TendDatabase } from '../db/schema';
import type { Client, Interaction, Settings } from '../model';
import type { MessageName, Protocol } from '../messaging/protocol';
import type { z } from '../zod';
import type { ThreadStore } from './threads';
import type { ClientCorpus } from './clients';

export interface ServiceDeps {
  db: TendDatabase;
  threads: ThreadStore;
  now: () => Date;
  /** Tells every open extension page that data changed. */
  notify: () => void;
  newId?: () => string;
  /** The user's IANA time zone; the runtime's own when absent. */
  timeZone?: string;
  /** The search index, when the caller warms it up itself (the background does, on connect). */
  corpus?: ClientCorpus;
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
export type Input<K extends MessageName> = z.output<Protocol[K]['input']>;

/** An error whose message is meant for the user, shown as is. */
export class UserFacingError extends Error {}

export interface ServiceContext extends ServiceDeps {
  newId: () => string;
  readSettings: () => Promise<Settings>;
  /** The client, or a UserFacingError when it was deleted meanwhile. */
  requireClient: (clientId: string) => Promise<Client>;
  /** The record with `updatedAt` set to now. */
  touch: <T extends { updatedAt: number }>(record: T) => T;
  /** Records an interaction, moves the check-in clock, creates follow-ups. */
  logInteraction: (input: { clientId: string; kind: Interaction['kind']; text: string; at?: number }) => Promise<{ id: string }>;
}
