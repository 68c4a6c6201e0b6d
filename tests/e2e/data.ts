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

/**
 * Sends one protocol request from an extension page, as that page would: each
 * request is accepted only from the pages that really send it
 * (lib/messaging/senders.ts), so name the page (default: the dashboard).
 */
export async function callTend<T>(context: BrowserContext, extensionId: string, name: string, data: unknown, from = 'dashboard.html'): Promise<T> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/${from}`);
    const reply = await page.evaluate(
      ([name, data]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value: unknown; error?: string }> } } }).chrome.runtime.sendMessage({ tend: 1, name, data }),
      [name, data] as const,
    );
    if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
    return reply.value as T;
  } finally {
    await page.close();
  }
}

/**
 * A client with an address, for a test to start from. Only the sidebar may create
 * a client one by one (createClient), so this imports them as a contact from the
 * dashboard, at the tier the sidebar gives new clients; answers the client's id.
 */
export async function seedClient(context: BrowserContext, extensionId: string, client: { name: string; email: string; company?: string }): Promise<string> {
  const row = { row: 1, name: client.name, emails: [client.email], company: client.company ?? '' };
  await callTend(context, extensionId, 'importContacts', { rows: [row], tier: 'active', dryRun: false });
  const clients = await readTable<{ id: string; emails: string[] }>(context, extensionId, 'clients');
  const id = clients.find((c) => c.emails.includes(client.email.toLowerCase()))?.id;
  if (!id) throw new Error(`seedClient: ${client.email} was not imported`);
  return id;
}
