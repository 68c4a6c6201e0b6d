/** Engagement (issue 16): real two-way contacts per client, month by month. */
import { countBetween } from './days';
import type { ClientFacts } from './facts';
import type { MonthWindow } from './periods';
import type { InsightsView } from './view';

/**
 * For each month: the real contacts in it, the clients there were (added before the
 * month's end and not archived before its start), and contacts per client (null
 * with no clients).
 */
export function engagement(clients: readonly ClientFacts[], months: readonly MonthWindow[]): InsightsView['engagement'] {
  return months.map((month) => {
    let contacts = 0;
    let count = 0;
    for (const client of clients) {
      contacts += countBetween(client.realContacts, month.start, month.end);
      if (client.createdAt < month.end && (client.archivedAt === null || client.archivedAt >= month.start)) count += 1;
    }
    return { month: month.month, contacts, clients: count, perClient: count > 0 ? contacts / count : null };
  });
}
