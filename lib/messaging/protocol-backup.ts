/**
 * Import, export and backup messages (lib/background/backup.ts), spread into the
 * one protocol map. All are bulk or destructive: only the dashboard may send them.
 *
 * A backup can outgrow one runtime message (Chrome caps a message at 64 MiB; 200,000
 * interactions are about that), so it travels in chunks: export reads one snapshot
 * and hands it out table by table; a restore uploads the file's text piece by piece,
 * the background reads and validates it, then writes it all in one transaction.
 */
import { z } from '../zod';
import { Tier, type ProjectStatus } from '../model';
import { ImportRow } from '../backup/import-row';
import { DateOrderChoice, ProjectDraft, type ProjectField } from '../backup/project-import-row';
import { TABLES, type BackupReport } from '../backup/format';
import { DASHBOARD } from './senders';
import { replyType, type Done } from './reply';

const token = z.string().min(8).max(100);
export const TableName = z.enum(TABLES);
export type TableName = z.infer<typeof TableName>;
/** Rows per chunk message, either way. */
export const BACKUP_CHUNK_ROWS = 20_000;
export const MAX_IMPORT_ROWS = 100_000;
/** Characters per piece of a backup file sent for restoring: far below Chrome's 64 MiB per message, even escaped. */
export const BACKUP_TEXT_CHUNK = 8_000_000;
export const DELETE_ALL_CONFIRMATION = 'delete everything';

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  birthdays: number;
  notes: number;
  skipped: { row: number; name: string; detail: string }[];
  /** A dry run's first IMPORT_PREVIEW_ROWS contacts as they will be saved (merged into the client they match). */
  preview?: ImportPreviewRow[];
}

/** How many contacts the import preview shows as they will be saved. */
export const IMPORT_PREVIEW_ROWS = 20;

/** One contact of the preview: the client it becomes, or the one it is merged into. */
export interface ImportPreviewRow {
  row: number;
  /** new: a new client; update / unchanged: merged into an existing one; skipped: not written. */
  status: 'new' | 'update' | 'unchanged' | 'skipped';
  name: string;
  emails: string[];
  company: string;
  phones: string[];
  /** The tier it has after the import (the chosen tier when it is new, or applied to all). */
  tier: Tier;
  /** The birthday written for it (null: none, or the client already has one). */
  birthday: string | null;
}

/** A project row left out of an import, and why (one entry per reason, naming the field). */
export interface ProjectImportSkip {
  row: number;
  /** The row's client as written (or its title). */
  name: string;
  /** The field refused; null when the row as a whole is (the same project twice in the file). */
  field: ProjectField | null;
  detail: string;
}

/** One project row of the preview, as it will be saved (or why not). */
export interface ProjectImportPreviewRow {
  row: number;
  /** new: a new project; update / unchanged: the client's project of that title and start day; skipped: not written. */
  change: 'new' | 'update' | 'unchanged' | 'skipped';
  /** The client's name in Tend (or, skipped, the client as the file wrote it). */
  client: string;
  title: string;
  startDay: string | null;
  endDay: string | null;
  status: ProjectStatus | null;
  value: number | null;
  currency: string | null;
  note: string;
  /** Why it is skipped. */
  detail?: string;
}

export interface ProjectImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows left out (a row may have several reasons in `skipped`). */
  skippedRows: number;
  skipped: ProjectImportSkip[];
  /** A dry run's first IMPORT_PREVIEW_ROWS rows as they will be saved. */
  preview?: ProjectImportPreviewRow[];
}

export type TableCounts = { create: number; update: number; keep: number; skip: number; remove: number };
export interface RestoreSummary {
  mode: 'merge' | 'replace';
  tables: Record<TableName, TableCounts>;
  /** Why rows were left out (each reason once, with a count). */
  skipped: string[];
}

export interface ExportStart {
  token: string;
  counts: Partial<Record<TableName, number>>;
  format: string;
  version: number;
  schemaVersion: number;
  exportedAt: string;
}

export const backupMessages = {
  /** Contacts read from a CSV or vCard file: previewed (dryRun) or imported in one transaction. */
  importContacts: {
    from: DASHBOARD,
    input: z.object({
      rows: z.array(ImportRow).max(MAX_IMPORT_ROWS),
      /** The tier of the new clients ("Tier for all"). */
      tier: Tier.default('none'),
      /** Also give `tier` to the clients already in Tend that the import updates. */
      tierForExisting: z.boolean().optional(),
      dryRun: z.boolean(),
      op: token.optional(),
    }),
    reply: replyType<ImportSummary>(),
  },
  /**
   * Projects from a CSV file, cells as written: the background reads each row and
   * matches its client (lib/backup/projects-csv.ts), then previews (dryRun) or
   * imports them in one transaction. Same client, title and start day: updated.
   */
  importProjects: {
    from: DASHBOARD,
    input: z.object({
      rows: z.array(ProjectDraft).max(MAX_IMPORT_ROWS),
      /** How `05/06/2026` is read (asked when the file writes dates so). */
      dateOrder: DateOrderChoice.default('month-first'),
      dryRun: z.boolean(),
      op: token.optional(),
    }),
    reply: replyType<ProjectImportSummary>(),
  },
  /** Reads every table (or those named) in one read transaction; chunks follow. */
  backupExportStart: { from: DASHBOARD, input: z.object({ tables: z.array(TableName).min(1).max(TABLES.length).optional() }), reply: replyType<ExportStart>() },
  backupExportChunk: {
    from: DASHBOARD,
    input: z.object({ token, table: TableName, offset: z.number().int().nonnegative(), limit: z.number().int().min(1).max(BACKUP_CHUNK_ROWS) }),
    reply: replyType<{ rows: unknown[] }>(),
  },
  /** Ends an export; `recordBackup` notes a full backup as taken now (for the reminder). */
  backupExportFinish: { from: DASHBOARD, input: z.object({ token, recordBackup: z.boolean() }), reply: replyType<{ lastBackupAt: number | null }>() },
  /**
   * One piece of a backup file's text, in order. The background reads and validates
   * the whole file itself (restoreRead): rows cross the message channel once, as text,
   * and are checked once, where they are written.
   */
  restoreUpload: {
    from: DASHBOARD,
    input: z.object({ session: token, index: z.number().int().nonnegative(), text: z.string().max(BACKUP_TEXT_CHUNK) }),
    reply: replyType<{ received: number }>(),
  },
  /** Reads the uploaded file: format, upgrades, every row validated; answers what the preview shows. */
  restoreRead: { from: DASHBOARD, input: z.object({ session: token }), reply: replyType<{ report: BackupReport; exportedAt: string }>() },
  /** Previews (dryRun) or writes the staged backup in one transaction: merge into, or replace, the data. */
  restoreBackup: {
    from: DASHBOARD,
    input: z.object({ session: token, mode: z.enum(['merge', 'replace']), dryRun: z.boolean(), op: token.optional() }),
    reply: replyType<RestoreSummary>(),
  },
  deleteAllData: { from: DASHBOARD, input: z.object({ confirm: z.literal(DELETE_ALL_CONFIRMATION) }), reply: replyType<Done>() },
  setBackupReminder: { from: DASHBOARD, input: z.object({ days: z.number().int().min(1).max(365) }), reply: replyType<Done>() },
  /**
   * A full backup's file exists: written through the save picker (sent once the write
   * has closed), or the user says they have the downloaded file. Records lastBackupAt
   * as when its data was read (never later than now).
   */
  backupSaved: { from: DASHBOARD, input: z.object({ exportedAt: z.iso.datetime() }), reply: replyType<{ lastBackupAt: number }>() },
  /** The copy of the data a "replace everything" restore kept of what was here, if any (until the next restore). */
  restoreSafetyCopy: { from: DASHBOARD, input: z.object({}), reply: replyType<SafetyCopy | null>() },
  /** One piece of that copy, as a backup file's text ("Download the data as it was"). */
  restoreSafetyCopyPart: { from: DASHBOARD, input: z.object({ index: z.number().int().nonnegative() }), reply: replyType<{ text: string }>() },
  /** "Undo restore": puts that copy back in one transaction (a replace), and drops it. */
  undoRestore: { from: DASHBOARD, input: z.object({}), reply: replyType<RestoreSummary>() },
  /**
   * Whether the write a page asked for with `op` (importContacts, importProjects, restoreBackup) was
   * committed, and its summary: asked when the answer never came (the worker stopped).
   * Each write notes its outcome in its own transaction, so this is never a guess.
   */
  writeOutcome: { from: DASHBOARD, input: z.object({ op: token }), reply: replyType<{ written: boolean; summary: ImportSummary | ProjectImportSummary | RestoreSummary | null }>() },
} as const;

export interface SafetyCopy {
  /** When it was taken (just before the restore). */
  at: number;
  counts: Record<TableName, number>;
  /** Pieces of text (restoreSafetyCopyPart). */
  parts: number;
}
