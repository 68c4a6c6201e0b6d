/**
 * Undo for the one-click writes (issue 15: Add client, Add to company, Checked in,
 * Mark as shared, Not them, deleting a detail or an interaction). One mechanism for
 * all of them, so "Undo" always means the same thing: the records the write touched
 * are put back exactly as they were, last contact and next check-in included.
 *
 * How: a write names its scope, the clients and saved articles it may change. Just
 * before it runs, in the same transaction, everything of that scope is read (a
 * client's row, its timeline, details, follow-ups, projects, feedback and the
 * referrals it is part of, either side; the articles' rows); just after,
 * it is read again. What differs is kept in the `staging` table (it must outlive the
 * worker stopping between the click and Undo) under a random token the page gets
 * back. `undo(token)` puts the earlier records back in one transaction, but only if
 * they are still as the write left them: if something else changed them since (an
 * email recorded, an edit in another tab), Undo says so and changes nothing, rather
 * than silently throwing the later change away.
 *
 * A write that creates the client (Add client) names its scope after it ran
 * (`created`): before it, none of that client's records existed.
 */
import type { TendDatabase } from '../db/schema';
import type { Client, Detail, Feedback, FollowUp, Project, Referral, Resource } from '../model';
import type { Timeline } from '../db/timeline-rows';
import type { StagingRow } from '../db/staging-rows';
import { UserFacingError, type ServiceContext, type UndoScope } from './context';

/** Undo is offered for this long after the write (the page shows it for at least 8 s). */
export const UNDO_KEPT_MS = 10 * 60_000;
/** At most this many writes can be undone; older ones are forgotten first. */
const MAX_KEPT = 20;

interface ClientRecords {
  client: Client | null;
  timeline: Timeline | null;
  details: Detail[];
  followUps: FollowUp[];
  /**
   * Issue 16's parts. Optional: an undo row stored before they were captured (kept
   * up to UNDO_KEPT_MS across an update) lacks them, and a part not captured is
   * neither compared nor put back: it is left as it is.
   */
  projects?: Project[];
  feedback?: Feedback[];
  /** The referrals where the client is the referrer or the referred. */
  referrals?: Referral[];
}

/** The parts of a client's image, by the names their fingerprints are kept under. */
const CLIENT_PARTS = ['client', 'timeline', 'details', 'followUps', 'projects', 'feedback', 'referrals'] as const;

interface Image {
  clients: Record<string, ClientRecords>;
  resources: Record<string, Resource | null>;
}

export type UndoRow = Extract<StagingRow, { kind: 'undo' }>;

const undoRowId = (token: string) => `undo:${token}`;

/** The tables a scope covers, plus `staging` where the undo is kept. */
const tablesOf = (db: TendDatabase) => [db.clients, db.timelines, db.details, db.followUps, db.projects, db.feedback, db.referrals, db.resources, db.staging];

async function readImage(db: TendDatabase, scope: UndoScope): Promise<Image> {
  const image: Image = { clients: {}, resources: {} };
  for (const clientId of new Set(scope.clients ?? [])) {
    const [client, timeline, details, followUps, projects, feedback, referrals] = await Promise.all([
      db.clients.get(clientId),
      db.timelines.get(clientId),
      db.details.where('clientId').equals(clientId).toArray(),
      db.followUps.where('clientId').equals(clientId).toArray(),
      db.projects.where('clientId').equals(clientId).toArray(),
      db.feedback.where('clientId').equals(clientId).toArray(),
      referralsOf(db, clientId),
    ]);
    image.clients[clientId] = {
      client: client ?? null,
      timeline: timeline ?? null,
      details: details.sort(byId),
      followUps: followUps.sort(byId),
      projects: projects.sort(byId),
      feedback: feedback.sort(byId),
      referrals: referrals.sort(byId),
    };
  }
  for (const resourceId of new Set(scope.resources ?? [])) image.resources[resourceId] = (await db.resources.get(resourceId)) ?? null;
  return image;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The referrals a client is part of, either side (a client never refers themselves: no duplicates). */
const referralsOf = (db: TendDatabase, clientId: string) => db.referrals.where('referrerId').equals(clientId).or('referredId').equals(clientId).toArray();

/**
 * A short fingerprint of a record, to tell at Undo whether it is still as the write
 * left it without keeping a second copy of it (a timeline can hold thousands of
 * interactions). FNV-1a over the JSON, two 32-bit lanes.
 */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Each part of an image by a stable name, fingerprinted. */
function fingerprints(image: Image): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [clientId, records] of Object.entries(image.clients)) {
    for (const part of CLIENT_PARTS) {
      // A part an older undo row did not capture has no fingerprint: never compared.
      if (records[part] !== undefined) parts[`${part}:${clientId}`] = fingerprint(records[part]);
    }
  }
  for (const [resourceId, resource] of Object.entries(image.resources)) parts[`resource:${resourceId}`] = fingerprint(resource);
  return parts;
}

/** Only the parts the write changed are kept (and put back). */
function changedParts(before: Image, after: Image): { before: Image; after: Record<string, string> } | null {
  const was = fingerprints(before);
  const now = fingerprints(after);
  const kept: Image = { clients: {}, resources: {} };
  const afterKept: Record<string, string> = {};
  let changed = false;
  for (const [clientId, records] of Object.entries(before.clients)) {
    const names = CLIENT_PARTS.map((part) => `${part}:${clientId}`);
    if (names.every((name) => was[name] === now[name])) continue;
    changed = true;
    kept.clients[clientId] = records;
    for (const name of names) afterKept[name] = now[name]!;
  }
  for (const [resourceId, resource] of Object.entries(before.resources)) {
    const name = `resource:${resourceId}`;
    if (was[name] === now[name]) continue;
    changed = true;
    kept.resources[resourceId] = resource;
    afterKept[name] = now[name]!;
  }
  return changed ? { before: kept, after: afterKept } : null;
}

async function putBack(db: TendDatabase, image: Image, label: string): Promise<void> {
  for (const [clientId, records] of Object.entries(image.clients)) {
    // A deleted client's address may have gone to a client added since: two clients
    // with one address would make recognition guess. Refused (the transaction undoes what was put back).
    for (const email of records.client?.emails ?? []) {
      const owner = await db.clients.where('emails').equals(email).first();
      if (owner && owner.id !== clientId) {
        throw new UserFacingError(`Tend can't undo “${label}”: ${email} belongs to ${owner.name} now. Nothing was undone.`);
      }
    }
    if (records.client) await db.clients.put(records.client);
    else await db.clients.delete(clientId);
    if (records.timeline) await db.timelines.put(records.timeline);
    else await db.timelines.delete(clientId);
    await db.details.where('clientId').equals(clientId).delete();
    if (records.details.length) await db.details.bulkPut(records.details);
    await db.followUps.where('clientId').equals(clientId).delete();
    if (records.followUps.length) await db.followUps.bulkPut(records.followUps);
    // Not captured (an undo row from before issue 16): left as it is.
    if (records.projects) {
      await db.projects.where('clientId').equals(clientId).delete();
      if (records.projects.length) await db.projects.bulkPut(records.projects);
    }
    if (records.feedback) {
      await db.feedback.where('clientId').equals(clientId).delete();
      if (records.feedback.length) await db.feedback.bulkPut(records.feedback);
    }
    if (records.referrals) {
      await db.referrals.bulkDelete((await referralsOf(db, clientId)).map((referral) => referral.id));
      if (records.referrals.length) await db.referrals.bulkPut(records.referrals);
    }
  }
  for (const [resourceId, resource] of Object.entries(image.resources)) {
    if (resource) await db.resources.put(resource);
    else await db.resources.delete(resourceId);
  }
}

/** Forgets undos past their time, and the oldest beyond MAX_KEPT. Inside the caller's transaction. */
async function prune(db: TendDatabase, now: number): Promise<void> {
  const rows = (await db.staging.where('kind').equals('undo').toArray()) as UndoRow[];
  rows.sort((a, b) => b.at - a.at);
  const stale = rows.filter((row, index) => index >= MAX_KEPT || now - row.at > UNDO_KEPT_MS).map((row) => row.id);
  if (stale.length) await db.staging.bulkDelete(stale);
}

export interface Undo {
  /**
   * Runs `write` so that it can be undone, answering its result and the token for
   * `undo` (null when the write changed nothing, so there is nothing to undo).
   * With a `UndoScope`, `write` runs inside one transaction over the scope's tables:
   * it may use only the database (no browser API, no fetch). With `created`, it runs
   * as it is, and its scope is known from its result.
   */
  undoable: ServiceContext['undoable'];
  /**
   * Puts back what the write changed; answers the scope, and the clients on the other
   * side of the referrals it put back or took away (their pages show them), for the
   * pages to refresh. Refuses (UserFacingError) when it is gone or changed since.
   */
  undo(token: string): Promise<{ label: string; scope: UndoScope; referralPartners: string[] }>;
}

export function createUndo(db: TendDatabase, now: () => Date): Undo {
  async function keep(label: string, scope: UndoScope, before: Image, after: Image): Promise<string | null> {
    const changed = changedParts(before, after);
    if (!changed) return null;
    const token = crypto.randomUUID();
    const at = now().getTime();
    const row: UndoRow = { id: undoRowId(token), kind: 'undo', label, at, scope: { clients: [...(scope.clients ?? [])], resources: [...(scope.resources ?? [])] }, before: changed.before, after: changed.after };
    await db.staging.put(row);
    await prune(db, at);
    return token;
  }

  return {
    async undoable(label, scope, write) {
      if ('created' in scope) {
        const result = await write();
        const created = scope.created(result);
        const undo = await db.transaction('rw', tablesOf(db), async () => {
          const after = await readImage(db, created);
          const nothing: Image = { clients: {}, resources: {} };
          for (const clientId of Object.keys(after.clients)) {
            nothing.clients[clientId] = { client: null, timeline: null, details: [], followUps: [], projects: [], feedback: [], referrals: [] };
          }
          for (const resourceId of Object.keys(after.resources)) nothing.resources[resourceId] = null;
          return keep(label, created, nothing, after);
        });
        return { result, undo };
      }
      return db.transaction('rw', [...tablesOf(db), db.settings], async () => {
        const before = await readImage(db, scope);
        const result = await write();
        const undo = await keep(label, scope, before, await readImage(db, scope));
        return { result, undo };
      });
    },

    async undo(token) {
      return db.transaction('rw', tablesOf(db), async () => {
        const row = (await db.staging.get(undoRowId(token))) as UndoRow | undefined;
        if (!row || row.kind !== 'undo' || now().getTime() - row.at > UNDO_KEPT_MS) {
          throw new UserFacingError('This can no longer be undone.');
        }
        const currentImage = await readImage(db, row.scope);
        const current = fingerprints(currentImage);
        const changedSince = Object.entries(row.after).some(([name, print]) => current[name] !== print);
        if (changedSince) {
          throw new UserFacingError(`Tend can't undo “${row.label}”: it has changed since (another page or a new email). Nothing was undone.`);
        }
        const before = row.before as Image;
        await putBack(db, before, row.label);
        await db.staging.delete(row.id);
        const partners = new Set<string>();
        for (const [clientId, records] of Object.entries(before.clients)) {
          if (!records.referrals) continue;
          for (const referral of [...records.referrals, ...(currentImage.clients[clientId]?.referrals ?? [])]) {
            partners.add(referral.referrerId === clientId ? referral.referredId : referral.referrerId);
          }
        }
        return { label: row.label, scope: row.scope, referralPartners: [...partners] };
      });
    },
  };
}
