/** Small helpers the Import & backup sections share. */
import { send } from '../../../lib/messaging/send';
import { decodeText, tooLargeMessage, type DecodedText } from '../../../lib/backup/decode';
import type { TableName } from '../../../lib/backup/format';
import type { Call } from '../../../lib/backup/transfer';

export const call = send as Call;
export const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
export const n = (count: number) => count.toLocaleString('en');
/** "1 contact", "2 contacts", "1,000 new clients": the count and its noun, singular for one. */
export const counted = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;
export const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const TABLE_LABELS: Record<TableName, string> = {
  clients: 'clients',
  details: 'details',
  interactions: 'interactions',
  resources: 'saved articles',
  referrals: 'referrals',
  followUps: 'follow-ups',
  projects: 'projects',
  feedback: 'feedback records',
  settings: 'settings',
};

export async function readFile(file: File, limit?: number): Promise<DecodedText> {
  const tooLarge = tooLargeMessage(file.size, limit);
  if (tooLarge) throw new Error(tooLarge);
  return decodeText(new Uint8Array(await file.arrayBuffer()));
}
