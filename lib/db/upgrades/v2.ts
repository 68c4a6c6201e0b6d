/**
 * Schema 1 → 2: the interactions table becomes one timeline row per client.
 *
 * Rows move as they are (no validation that could drop one): a migration keeps
 * every byte the user had. If anything here throws, Dexie aborts the upgrade
 * transaction and the database stays at version 1 with its data intact.
 */
import type { Transaction } from 'dexie';
import type { Interaction } from '../../model';
import { timelinesOf } from '../timeline-rows';

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const rows = (await tx.table('interactions').toArray()) as Interaction[];
  // A row without a client id (never written by Tend, but possible in a hand-edited
  // database) is kept under '' rather than lost.
  const timelines = timelinesOf(rows.map((row) => (typeof row.clientId === 'string' ? row : { ...row, clientId: '' })));
  await tx.table('timelines').bulkAdd(timelines);
}
