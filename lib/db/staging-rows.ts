/**
 * The `staging` table (schema version 3): what must survive the background worker
 * stopping between two messages. An MV3 worker that goes idle loses its memory, so
 * nothing a later message needs may live only there.
 *
 * - `upload`: a restore's file, as the page sent it, piece by piece (one restore at a
 *   time): one meta row and one row per piece. Kept until the restore is written (in
 *   the same transaction) or another restore starts.
 * - `safety`: the data as it was before the last "replace everything" restore, as the
 *   text of a backup file in pieces, written in the replace's own transaction; it
 *   backs "Undo restore" and "Download the data as it was" until the next restore.
 * - `outcome`: that a write the page asked for (an import, a restore) was committed,
 *   written in its own transaction: a page whose message went unanswered (the worker
 *   stopped) asks whether it happened, and is told the truth either way.
 * - `undo`: what a one-click write changed, as it was before, so "Undo" can put it
 *   back (lib/background/undo.ts); kept for minutes, twenty at most.
 *
 * None of it is client data of its own: backups leave it out, "Delete all data"
 * deletes it.
 */
export type StagingRow =
  | { id: 'upload'; kind: 'upload-meta'; session: string; parts: number; chars: number; read: boolean; at: number }
  | { id: string; kind: 'upload'; index: number; text: string }
  | { id: 'safety'; kind: 'safety-meta'; at: number; counts: Record<string, number>; parts: number }
  | { id: string; kind: 'safety'; index: number; text: string }
  | { id: string; kind: 'outcome'; at: number; value: unknown }
  | {
      id: string;
      kind: 'undo';
      label: string;
      at: number;
      scope: { clients: string[]; resources: string[] };
      /** The records the write changed, as they were (lib/background/undo.ts reads them). */
      before: unknown;
      /** Fingerprints of the same records as the write left them. */
      after: Record<string, string>;
    };

export const UPLOAD_META = 'upload';
export const SAFETY_META = 'safety';
/** Pieces sort by id: the index padded. */
export const uploadPartId = (index: number) => `upload:${String(index).padStart(6, '0')}`;
export const safetyPartId = (index: number) => `safety:${String(index).padStart(6, '0')}`;
export const outcomeId = (op: string) => `outcome:${op}`;
