/**
 * Reading the extension's database from a test, the way a user's browser holds it:
 * from a top-level extension page (first-party, so IndexedDB is allowed), never
 * through anything the product exposes for tests.
 */
import type { BrowserContext } from '@playwright/test';
import { readObjectStore } from './read-store';

export interface TableCounts {
  clients: number;
  details: number;
  interactions: number;
}

/**
 * Opens sidebar.html as a tab (an extension page) and reads the rows of a table.
 * `interactions` reads as rows too, although the database keeps them as one
 * timeline per client, as JSON text (lib/db/timelines.ts).
 */
export async function readTable<T = Record<string, unknown>>(
  context: BrowserContext,
  extensionId: string,
  table: string,
): Promise<T[]> {
  if (table === 'interactions') {
    const timelines = await readTable<{ json: string }>(context, extensionId, 'timelines');
    return timelines.flatMap((timeline) => JSON.parse(timeline.json) as T[]);
  }
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/sidebar.html`);
    return (await page.evaluate(readObjectStore, table)) as T[];
  } finally {
    await page.close();
  }
}

export async function tableCounts(context: BrowserContext, extensionId: string): Promise<TableCounts> {
  const [clients, details, interactions] = await Promise.all(
    ['clients', 'details', 'interactions'].map((table) => readTable(context, extensionId, table)),
  );
  return { clients: clients!.length, details: details!.length, interactions: interactions!.length };
}
