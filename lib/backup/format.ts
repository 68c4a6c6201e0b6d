/**
 * The backup file: every table of the database in one JSON document.
 *
 *   { format: 'tend-backup', version: 3, exportedAt: ISO 8601 text,
 *     schemaVersion: Dexie version of the database it came from,
 *     tables: { clients, details, interactions, resources, referrals, followUps,
 *               projects, feedback, settings } }
 *
 * Reading one: JSON without prototype keys (safe-json), upgrades to the current
 * version (upgrades.ts), then every row validated with the model's zod schemas into
 * fresh objects. Unknown fields are dropped and reported; an invalid row refuses
 * the whole file (a restore is all or nothing). Addresses that Tend no longer
 * stores (a javascript: or data: link in an older file) are no reason to refuse
 * it: the link is dropped, or the saved page left out, and the report says so.
 */
import { z } from '../zod';
import { isMailPageUrl, isWebUrl } from '../hosts/origins';
import { Client, Detail, Feedback, FollowUp, Interaction, ProjectFields, Referral, Resource, Settings, projectProblem, type Project, type Setting } from '../model';
import { parseJsonSafely } from './safe-json';
import { BACKUP_FORMAT, BACKUP_VERSION, upgradeBackup, type UpgradeStep } from './upgrades';

export { BACKUP_FORMAT, BACKUP_VERSION };

export const TABLES = ['clients', 'details', 'interactions', 'resources', 'referrals', 'followUps', 'projects', 'feedback', 'settings'] as const;
export type TableName = (typeof TABLES)[number];

export const SettingRow = z.object({ key: z.string().min(1).max(100), value: z.unknown() });

export const ROW_SCHEMAS = {
  clients: Client,
  details: Detail,
  interactions: Interaction,
  resources: Resource,
  referrals: Referral,
  followUps: FollowUp,
  // The fields only: `.shape` names the known ones. The check between them (an end
  // before the start) is `projectProblem`, run on each parsed row in readBackup.
  projects: ProjectFields,
  feedback: Feedback,
  settings: SettingRow,
} as const;

export type BackupTables = {
  clients: Client[];
  details: Detail[];
  interactions: Interaction[];
  resources: Resource[];
  referrals: z.infer<typeof Referral>[];
  followUps: FollowUp[];
  projects: Project[];
  feedback: Feedback[];
  settings: Setting[];
};

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  schemaVersion: number;
  tables: BackupTables;
}

export interface BackupReport {
  /** Rows per table. */
  counts: Record<TableName, number>;
  /** `table.field` names that Tend does not know, dropped. */
  unknownFields: string[];
  /** `__proto__` / `constructor` / `prototype` keys dropped. */
  droppedKeys: number;
  /** Settings rows left out (unknown key or invalid value). */
  droppedSettings: string[];
  /** Addresses Tend does not store, dropped: one line per reason, with a count. */
  droppedUrls: string[];
}

const LINK_DROPPED = 'conversation links that were not Gmail or Outlook pages, dropped (the interactions are kept)';
const PAGE_LEFT_OUT = 'saved pages whose address is not a web page (http or https), left out';
const CANONICAL_REPLACED = 'saved pages whose canonical address was not a web page, given their own address instead';

/**
 * A row as it may be stored: a conversation link only to the mail hosts, a saved
 * page only at a web address. Null: the row is left out. `reason`: what was changed.
 */
function fitAddresses(table: TableName, row: unknown): { row: unknown; reason?: string } | null {
  if (typeof row !== 'object' || row === null) return { row };
  const record = row as Record<string, unknown>;
  if (table === 'interactions' && typeof record.url === 'string' && record.url !== '' && !isMailPageUrl(record.url)) {
    return { row: { ...record, url: '' }, reason: LINK_DROPPED };
  }
  if (table === 'resources' && typeof record.url === 'string') {
    if (!isWebUrl(record.url.trim())) return null;
    if (typeof record.canonicalUrl === 'string' && !isWebUrl(record.canonicalUrl.trim())) {
      return { row: { ...record, canonicalUrl: record.url }, reason: CANONICAL_REPLACED };
    }
  }
  return { row };
}

export class BackupError extends Error {}

const SETTINGS_SHAPE = Settings.shape as Record<string, z.ZodType>;

/** Reads, upgrades and validates a backup file's text. Throws BackupError or BackupVersionError with a user-facing message. */
export function readBackup(text: string, steps?: Readonly<Record<number, UpgradeStep>>): { backup: Backup; report: BackupReport } {
  const { value, droppedKeys } = parseJsonSafely(text);
  const raw = upgradeBackup(value, steps);
  const tablesRaw = raw.tables;
  if (typeof tablesRaw !== 'object' || tablesRaw === null || Array.isArray(tablesRaw)) {
    throw new BackupError('This backup has no tables. Nothing was imported.');
  }
  const unknown = new Set<string>();
  const tables = {} as Record<TableName, unknown[]>;
  const counts = {} as Record<TableName, number>;
  const droppedSettings: string[] = [];
  const droppedUrls = new Map<string, number>();
  const drop = (reason: string) => droppedUrls.set(reason, (droppedUrls.get(reason) ?? 0) + 1);
  for (const table of TABLES) {
    const rows = (tablesRaw as Record<string, unknown>)[table] ?? [];
    if (!Array.isArray(rows)) throw new BackupError(`In this backup, “${table}” is not a list. Nothing was imported.`);
    const schema = ROW_SCHEMAS[table] as z.ZodObject;
    const known = new Set(Object.keys(schema.shape));
    const out: unknown[] = [];
    for (let i = 0; i < rows.length; i += 1) {
      const fitted = fitAddresses(table, rows[i]);
      if (!fitted) {
        drop(PAGE_LEFT_OUT);
        continue;
      }
      if (fitted.reason) drop(fitted.reason);
      const row = fitted.row;
      if (typeof row === 'object' && row !== null) for (const key of Object.keys(row)) if (!known.has(key)) unknown.add(`${table}.${key}`);
      const parsed = schema.safeParse(row);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
        throw new BackupError(`Row ${i + 1} of “${table}” is invalid${where}: ${issue?.message ?? 'invalid'}. Nothing was imported.`);
      }
      if (table === 'projects') {
        const problem = projectProblem(parsed.data as Project);
        if (problem) throw new BackupError(`Row ${i + 1} of “projects” is invalid (${problem.field}): ${problem.message} Nothing was imported.`);
      }
      if (table === 'settings') {
        const setting = parsed.data as Setting;
        const fieldSchema = Object.hasOwn(SETTINGS_SHAPE, setting.key) ? SETTINGS_SHAPE[setting.key] : undefined;
        const value = fieldSchema?.safeParse(setting.value);
        if (!value?.success) {
          droppedSettings.push(setting.key.slice(0, 100));
          continue;
        }
        out.push({ key: setting.key, value: value.data });
        continue;
      }
      out.push(parsed.data);
    }
    tables[table] = out;
    counts[table] = out.length;
  }
  for (const key of Object.keys(tablesRaw)) if (!(TABLES as readonly string[]).includes(key)) unknown.add(key);
  const schemaVersion = typeof raw.schemaVersion === 'number' && Number.isFinite(raw.schemaVersion) ? raw.schemaVersion : 1;
  const exportedAt = typeof raw.exportedAt === 'string' ? raw.exportedAt.slice(0, 40) : '';
  return {
    backup: { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt, schemaVersion, tables: tables as unknown as BackupTables },
    report: {
      counts,
      unknownFields: [...unknown].sort(),
      droppedKeys,
      droppedSettings,
      droppedUrls: [...droppedUrls].map(([reason, count]) => `${count.toLocaleString('en')} ${reason}`),
    },
  };
}

/** The backup as the file's text. */
export function backupText(backup: Backup): string {
  return JSON.stringify(backup);
}

export function emptyTables(): BackupTables {
  return { clients: [], details: [], interactions: [], resources: [], referrals: [], followUps: [], projects: [], feedback: [], settings: [] };
}
