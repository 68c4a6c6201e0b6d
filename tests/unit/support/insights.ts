/** Hand-written facts for the Insights tests: a client, its contacts and projects by day. */
import type { ClientFacts, InsightsProject } from '../../../lib/domain/insights/facts';

export const at = (iso: string) => Date.parse(iso);
/** Noon UTC of a day: the same calendar day in every zone from UTC−11 to UTC+11. */
export const noon = (day: string) => Date.parse(`${day}T12:00:00Z`);

export function facts(id: string, overrides: Partial<ClientFacts> = {}): ClientFacts {
  return {
    id,
    name: id,
    company: '',
    tier: 'active',
    cadenceDays: null,
    createdAt: at('2024-01-01T00:00:00Z'),
    archivedAt: null,
    email: `${id.toLowerCase()}@example.com`,
    realContacts: [],
    contacts: [],
    gifts: [],
    ...overrides,
  };
}

export function project(clientId: string, startDay: string, endDay: string | null, overrides: Partial<InsightsProject> = {}): InsightsProject {
  return { clientId, startDay, endDay, status: 'done', value: null, currency: null, ...overrides };
}
