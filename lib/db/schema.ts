/**
 * The Dexie schema. Each shipped version stays as it was: a change is a new
 * `version(n)` with its own upgrade, never an edit of an old one.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Client, Detail, FollowUp, Interaction, Referral, Resource, Setting } from '../model';

export const DB_NAME = 'tend';

export class TendDatabase extends Dexie {
  clients!: EntityTable<Client, 'id'>;
  details!: EntityTable<Detail, 'id'>;
  interactions!: EntityTable<Interaction, 'id'>;
  resources!: EntityTable<Resource, 'id'>;
  referrals!: EntityTable<Referral, 'id'>;
  followUps!: EntityTable<FollowUp, 'id'>;
  settings!: EntityTable<Setting, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores({
      // emails/domains/nameKeys are multi-entry: recognition looks a thread's people
      // up by index, never by scanning thousands of clients.
      // nextDueAt: the badge counts overdue clients by range, not by a scan.
      // [tier+nextDueAt]: Today lists Key clients' overdue check-ins first, each
      // tier most overdue first, reading only the rows it shows.
      clients: 'id, *emails, *domains, *nameKeys, tier, nextDueAt, [tier+nextDueAt], updatedAt',
      details: 'id, clientId, date',
      // [clientId+at] gives a client's newest interactions by range; dedupeKey is
      // unique so a message seen twice is recorded once, even across tabs racing.
      interactions: 'id, clientId, [clientId+at], &dedupeKey, at',
      resources: 'id, &canonicalUrl, *clientIds, savedAt',
      referrals: 'id, referrerId, referredId',
      followUps: 'id, clientId, sourceId, dueAt',
      settings: 'key',
    });
  }
}
