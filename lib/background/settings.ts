import type { TendDatabase } from '../db/schema';
import { Settings } from '../model';

/**
 * The user's settings, field by field: a stored value that no longer validates is
 * left in place (never reset), and its default stands in for it until the user
 * saves again.
 */
export async function readSettings(db: TendDatabase): Promise<Settings> {
  const rows = await db.settings.toArray();
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const fields: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(Settings.shape)) {
    const parsed = schema.safeParse(stored.get(key));
    if (parsed.success) fields[key] = parsed.data;
  }
  return Settings.parse(fields);
}
