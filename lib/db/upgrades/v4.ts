/**
 * Schema 3 → 4 (issue 15):
 *
 * - A resource's one `note`, shared by every client it was saved for, becomes a
 *   private note for each of those clients (the same text for each: nothing is
 *   lost, and from now on each client's note is edited apart). A resource starts
 *   with no share waiting to be sent (`pendingShares`, indexed by `pendingFor`).
 * - Every client row gets `phones: []` and `rejectedNameKeys: []` where it lacks
 *   them: rows are read as stored, without parsing, so old rows must have them.
 *
 * Rows are changed in place, never validated (a check that could drop a row would
 * lose data). If anything here throws, Dexie aborts the upgrade transaction and the
 * database stays at version 3 with its data intact.
 */
import type { Transaction } from 'dexie';

type Row = Record<string, unknown>;

/** Version 4's changes, as shipped: the resources waiting to be sent to a client, by index. */
export const SCHEMA_V4 = Object.freeze({
  resources: 'id, &canonicalUrl, *clientIds, savedAt, *pendingFor',
});

export function resourceToV4(row: Row): void {
  const note = typeof row.note === 'string' ? row.note : '';
  const clientIds = Array.isArray(row.clientIds) ? row.clientIds.filter((id): id is string => typeof id === 'string') : [];
  if (!(typeof row.notes === 'object' && row.notes !== null && !Array.isArray(row.notes))) {
    row.notes = note.trim() ? Object.fromEntries(clientIds.map((clientId) => [clientId, note])) : {};
  }
  // Saved for nobody (never written by Tend): the note stays where it was rather than be lost.
  if (clientIds.length > 0 || !note.trim()) delete row.note;
  if (typeof row.pendingShares !== 'object' || row.pendingShares === null) row.pendingShares = {};
  if (!Array.isArray(row.pendingFor)) row.pendingFor = Object.keys(row.pendingShares as Row);
}

export function clientToV4(row: Row): void {
  if (!Array.isArray(row.phones)) row.phones = [];
  if (!Array.isArray(row.rejectedNameKeys)) row.rejectedNameKeys = [];
}

export async function upgradeToV4(tx: Transaction): Promise<void> {
  await tx.table('resources').toCollection().modify((row: Row) => resourceToV4(row));
  await tx.table('clients').toCollection().modify((row: Row) => clientToV4(row));
}
