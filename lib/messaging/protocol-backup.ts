/**
 * Import, export and backup messages (lib/background/backup.ts), spread into the
 * one protocol map. All come from the dashboard page ('extension').
 *
 * A backup can outgrow one runtime message (Chrome caps a message at 64 MiB; 200,000
 * interactions are about that), so it travels in chunks: export reads one snapshot
 * and hands it out table by table; a restore stages the validated rows, then writes
 * them all in one transaction.
 */
import { z } from '../zod';
import { Tier } from '../model';
import { ImportRow } from '../backup/contacts';
import { ROW_SCHEMAS, TABLES } from '../backup/format';

const token = z.string().min(8).max(100);
export const TableName = z.enum(TABLES);
/** Rows per chunk message, either way. */
export const BACKUP_CHUNK_ROWS = 20_000;
export const MAX_IMPORT_ROWS = 100_000;
export const DELETE_ALL_CONFIRMATION = 'delete everything';

const stage = <T extends z.ZodType>(table: (typeof TABLES)[number], schema: T) =>
  z.object({ session: token, table: z.literal(table), rows: z.array(schema).max(BACKUP_CHUNK_ROWS) });

export const backupMessages = {
  /** Contacts read from a CSV or vCard file: previewed (dryRun) or imported in one transaction. */
  importContacts: {
    from: 'extension',
    input: z.object({ rows: z.array(ImportRow).max(MAX_IMPORT_ROWS), tier: Tier.default('none'), dryRun: z.boolean() }),
  },
  /** Reads every table (or those named) in one read transaction; chunks follow. */
  backupExportStart: { from: 'extension', input: z.object({ tables: z.array(TableName).min(1).max(TABLES.length).optional() }) },
  backupExportChunk: {
    from: 'extension',
    input: z.object({ token, table: TableName, offset: z.number().int().nonnegative(), limit: z.number().int().min(1).max(BACKUP_CHUNK_ROWS) }),
  },
  /** Ends an export; `recordBackup` notes a full backup as taken now (for the reminder). */
  backupExportFinish: { from: 'extension', input: z.object({ token, recordBackup: z.boolean() }) },
  /** One chunk of a backup to restore, validated row by row on receipt. */
  restoreStage: {
    from: 'extension',
    input: z.discriminatedUnion('table', [
      stage('clients', ROW_SCHEMAS.clients),
      stage('details', ROW_SCHEMAS.details),
      stage('interactions', ROW_SCHEMAS.interactions),
      stage('resources', ROW_SCHEMAS.resources),
      stage('referrals', ROW_SCHEMAS.referrals),
      stage('followUps', ROW_SCHEMAS.followUps),
      stage('settings', ROW_SCHEMAS.settings),
    ]),
  },
  /** Previews (dryRun) or writes the staged backup in one transaction: merge into, or replace, the data. */
  restoreBackup: {
    from: 'extension',
    input: z.object({ session: token, mode: z.enum(['merge', 'replace']), dryRun: z.boolean() }),
  },
  deleteAllData: { from: 'extension', input: z.object({ confirm: z.literal(DELETE_ALL_CONFIRMATION) }) },
  setBackupReminder: { from: 'extension', input: z.object({ days: z.number().int().min(1).max(365) }) },
} as const;
