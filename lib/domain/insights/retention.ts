/** Retention and churn (issue 16): of the clients active just before a window, the share also active in it. */
import { isActiveIn, type DayProject } from './activity';
import type { ClientFacts } from './facts';
import type { DayWindow } from './periods';
import { share } from './share';
import type { Share } from './view';

export interface Retention {
  rate: Share;
  /** 1 − retention; null with it. */
  churn: number | null;
}

/** Who was active in the window, client by client (in the order given). */
export function activity(clients: readonly ClientFacts[], projectsByClient: ReadonlyMap<string, DayProject[]>, window: DayWindow): boolean[] {
  return clients.map((client) => isActiveIn(client, projectsByClient.get(client.id), window));
}

/** Of the clients active before (`before`, client by client), the share also active after. */
export function retentionBetween(before: readonly boolean[], after: readonly boolean[]): Retention {
  let active = 0;
  let stayed = 0;
  for (let i = 0; i < before.length; i += 1) {
    if (!before[i]) continue;
    active += 1;
    if (after[i]) stayed += 1;
  }
  // Churn from the counts rather than 1 − value: 1 − 0.7 is 0.30000000000000004.
  return { rate: share(stayed, active), churn: active > 0 ? (active - stayed) / active : null };
}

/**
 * Of the clients active in `previous`, the share also active in `window`. No
 * previous window (all time): no rate.
 */
export function retention(clients: readonly ClientFacts[], projectsByClient: ReadonlyMap<string, DayProject[]>, window: DayWindow, previous: DayWindow | null): Retention {
  if (previous === null) return { rate: share(0, 0), churn: null };
  return retentionBetween(activity(clients, projectsByClient, previous), activity(clients, projectsByClient, window));
}
