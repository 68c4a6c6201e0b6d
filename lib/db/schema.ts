/**
 * The Dexie schema. Each shipped version stays as it was: a change is a new
 * `version(n)` with its own upgrade, never an edit of an old one.
 */
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Client, Detail, Feedback, FollowUp, Project, Referral, Resource, Setting } from '../model';
import type { Timeline } from './timeline-rows';
import type { StagingRow } from './staging-rows';
import { upgradeToV2 } from './upgrades/v2';
import { SCHEMA_V4, upgradeToV4 } from './upgrades/v4';
import { SCHEMA_V5 } from './upgrades/v5';

export const DB_NAME = 'tend';

/** Version 1, as shipped; kept so tests can make a version-1 database to upgrade. */
export const SCHEMA_V1 = Object.freeze({
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

/** Version 2's changes, as shipped; kept so tests can make a version-2 database to upgrade. */
export const SCHEMA_V2 = Object.freeze({
  // tier and updatedAt were never queried: [tier+nextDueAt] serves tier ranges.
  // Every index is paid for on each write of 10,000 imported clients.
  clients: 'id, *emails, *domains, *nameKeys, nextDueAt, [tier+nextDueAt]',
  // One row per client holding its interactions (lib/db/timelines.ts says why).
  timelines: 'clientId',
  interactions: null,
});

/** Version 3's change, as shipped (the staging table); kept so tests can make a version-3 database to upgrade. */
export const SCHEMA_V3 = Object.freeze({ staging: 'id, kind' });

export class TendDatabase extends Dexie {
  clients!: EntityTable<Client, 'id'>;
  details!: EntityTable<Detail, 'id'>;
  timelines!: EntityTable<Timeline, 'clientId'>;
  resources!: EntityTable<Resource, 'id'>;
  referrals!: EntityTable<Referral, 'id'>;
  followUps!: EntityTable<FollowUp, 'id'>;
  projects!: EntityTable<Project, 'id'>;
  feedback!: EntityTable<Feedback, 'id'>;
  settings!: EntityTable<Setting, 'key'>;
  staging!: Table<StagingRow, string>;

  constructor(name = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    // What must outlive the worker between two messages: a restore's uploaded file,
    // the safety copy a replace makes, the outcome of each write the page asked for
    // (lib/db/staging-rows.ts). A new table only: no row of an older version moves.
    this.version(3).stores(SCHEMA_V3);
    // Private notes per client and shares waiting to be sent (issue 15): lib/db/upgrades/v4.ts.
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    // Projects and feedback (issue 16): new tables only, lib/db/upgrades/v5.ts.
    this.version(5).stores(SCHEMA_V5);
  }
}
