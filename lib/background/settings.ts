import type { TendDatabase } from '../db/schema';
import { Settings, type Setting } from '../model';

/**
 * The user's settings, field by field: a stored value that no longer validates is
 * left in place (never reset), and its default stands in for it until the user
 * saves again.
 */
export async function readSettings(db: TendDatabase): Promise<Settings> {
  return settingsFromRows(await db.settings.toArray());
}

/** The same, from settings rows already in hand (a backup being restored). */
export function settingsFromRows(rows: readonly Setting[]): Settings {
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const parsed = schema.safeParse(stored.get(key));
    if (parsed.success) fields[key] = parsed.data;
  }
  return Settings.parse(fields);
}
