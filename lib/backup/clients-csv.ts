/** Clients as a CSV a spreadsheet opens: one row per client, addresses and tags joined. */
import Papa from 'papaparse';
import type { Client } from '../model';
import { dayOf } from '../domain/calendar';

const day = (ms: number | null, timeZone?: string) => (ms === null ? '' : dayOf(ms, timeZone));
const TIER_LABELS: Record<Client['tier'], string> = { key: 'Key', active: 'Active', occasional: 'Occasional', none: 'None' };

/** Cells starting with = + - @ are formulas to a spreadsheet: a leading ' keeps them text. */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function clientsCsv(clients: readonly Client[], timeZone?: string): string {
  const rows = [...clients]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((client) => [
      client.name,
      client.emails.join('; '),
      // E.164 as stored: a spreadsheet then sees a "+" number as text (cell() below).
      (client.phones ?? []).join('; '),
      client.company,
      client.role,
      TIER_LABELS[client.tier],
      client.tags.join('; '),
      day(client.lastContactAt, timeZone),
      day(client.nextDueAt, timeZone),
    ].map(cell));
  // A BOM so Excel reads it as UTF-8.
  return '\uFEFF' + Papa.unparse({ fields: ['Name', 'Emails', 'Phones', 'Company', 'Role', 'Tier', 'Tags', 'Last contact', 'Next check-in'], data: rows });
}
