/**
 * Backups carry their format version. A backup written by an older Tend goes
 * through every step from its version to the current one, in order; each step
 * takes a backup of version n and returns one of version n + 1. Steps are never
 * edited once shipped (old backup files stay in users' hands for years), and each
 * has an example file in tests/fixtures/backups/ that the tests upgrade.
 *
 * Version 2 (issue 15): a resource's one `note`, shared by every client it was
 * saved for, became a private note per client (`notes`).
 * Version 3 (issue 16): the tables `projects` and `feedback`.
 */
export const BACKUP_FORMAT = 'tend-backup';
export const BACKUP_VERSION = 3;

/** A backup as parsed from JSON, before validation. */
export type RawBackup = { [key: string]: unknown };
export type UpgradeStep = (backup: RawBackup) => RawBackup;

/**
 * 1 → 2: each resource's `note` becomes the private note of each client it was
 * saved for (the same text for each: nothing lost). Anything that is not a
 * resource row as version 1 wrote it is passed on untouched for validation to judge.
 */
function resourceNotesPerClient(backup: RawBackup): RawBackup {
  const tables = isObject(backup.tables) ? backup.tables : null;
  const resources = tables && Array.isArray(tables.resources) ? tables.resources : null;
  if (!tables || !resources) return { ...backup, version: 2 };
  const upgraded = resources.map((row: unknown) => {
    if (!isObject(row) || !('note' in row)) return row;
    const { note, ...rest } = row;
    const clientIds = Array.isArray(row.clientIds) ? row.clientIds.filter((id): id is string => typeof id === 'string') : [];
    const text = typeof note === 'string' ? note : '';
    return { ...rest, notes: text.trim() ? Object.fromEntries(clientIds.map((id) => [id, text])) : {} };
  });
  return { ...backup, version: 2, tables: { ...tables, resources: upgraded } };
}

/**
 * 2 → 3: no projects and no feedback existed before, so both tables start empty.
 * A table a version-2 file somehow has already (hand-edited) is left for
 * validation to judge rather than thrown away.
 */
function projectsAndFeedback(backup: RawBackup): RawBackup {
  if (!isObject(backup.tables)) return { ...backup, version: 3 };
  const { projects = [], feedback = [] } = backup.tables;
  return { ...backup, version: 3, tables: { ...backup.tables, projects, feedback } };
}

export const UPGRADES: Readonly<Record<number, UpgradeStep>> = Object.freeze({ 1: resourceNotesPerClient, 2: projectsAndFeedback });

export class BackupVersionError extends Error {}

const isObject = (value: unknown): value is RawBackup => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The backup at `current`'s version, or a BackupVersionError saying why it cannot be. */
export function upgradeBackup(raw: unknown, steps: Readonly<Record<number, UpgradeStep>> = UPGRADES, current = BACKUP_VERSION): RawBackup {
  if (!isObject(raw) || raw.format !== BACKUP_FORMAT) {
    throw new BackupVersionError('This is not a Tend backup (it has no "format": "tend-backup"). Nothing was imported.');
  }
  let backup = raw;
  const stated = backup.version;
  if (typeof stated !== 'number' || !Number.isInteger(stated) || stated < 1) {
    throw new BackupVersionError('This backup has no valid format version, so Tend cannot read it. Nothing was imported.');
  }
  let version: number = stated;
  if (version > current) {
    throw new BackupVersionError(
      `This backup was made by a newer version of Tend (backup format ${version}; this Tend reads up to ${current}). ` +
        'Update Tend, then restore it. Nothing was imported.',
    );
  }
  while (version < current) {
    const step = Object.hasOwn(steps, version) ? steps[version] : undefined;
    if (!step) throw new BackupVersionError(`Tend cannot upgrade a backup of format ${version}. Nothing was imported.`);
    backup = step(backup);
    if (!isObject(backup) || backup.version !== version + 1) {
      throw new BackupVersionError(`The upgrade of format ${version} went wrong. Nothing was imported.`);
    }
    version += 1;
  }
  return backup;
}
