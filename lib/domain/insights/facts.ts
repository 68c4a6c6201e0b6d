/**
 * What the Insights figures are computed from: per client only what the formulas
 * need (the times of their contacts, not their interactions), and the projects,
 * feedback and referrals as stored. The background gathers these in one pass
 * (lib/background/insights.ts); tests write them by hand.
 */
import type { Client, Feedback, Interaction, InteractionKind, Project, Referral } from '../../model';
import { countsAsContact, type TierCadences } from '../checkin-policy';

/**
 * A real two-way contact: the client wrote (an email from them), or the two spoke
 * (a call, a meeting). An email the user sent, a note, a check-in marked by hand, a
 * gift or a shared article does not show the client is still engaged.
 */
export function isRealContact(interaction: Pick<Interaction, 'kind' | 'direction'>): boolean {
  return realContact(interaction.kind, interaction.direction);
}

function realContact(kind: InteractionKind, direction: 'in' | 'out' | null): boolean {
  return (kind === 'email' && direction === 'in') || kind === 'call' || kind === 'meeting';
}

export interface ClientFacts extends Pick<Client, 'id' | 'name' | 'company' | 'tier' | 'cadenceDays' | 'createdAt' | 'archivedAt'> {
  /** Their first address, for "Write to them"; null when they have none. */
  email: string | null;
  /** Times of their real two-way contacts (`isRealContact`), ascending (a plain array or a typed one). */
  realContacts: ArrayLike<number>;
  /** Times of everything that moves the check-in clock (`countsAsContact`), ascending. */
  contacts: ArrayLike<number>;
  /** Times of the gifts logged for them, ascending. */
  gifts: ArrayLike<number>;
}

export type InsightsProject = Pick<Project, 'clientId' | 'status' | 'startDay' | 'endDay' | 'value' | 'currency'>;
export type InsightsFeedback = Pick<Feedback, 'clientId' | 'day' | 'score' | 'createdAt'>;
export type InsightsReferral = Pick<Referral, 'id' | 'referrerId' | 'referredId' | 'at' | 'thankedAt'>;

export interface InsightsInput {
  clients: readonly ClientFacts[];
  projects: readonly InsightsProject[];
  feedback: readonly InsightsFeedback[];
  referrals: readonly InsightsReferral[];
  tierCadences: TierCadences;
}

type FactsClient = Pick<Client, 'id' | 'name' | 'company' | 'tier' | 'cadenceDays' | 'createdAt' | 'archivedAt' | 'emails'>;

/** Calls `visit` with each interaction's kind, direction and time (lib/db/timeline-rows.ts reads them from the stored text). */
export type EachStamp = (visit: (kind: InteractionKind, direction: 'in' | 'out' | null, at: number) => void) => void;

/** A client's facts from their interactions (any order). */
export function clientFacts(client: FactsClient, interactions: readonly Pick<Interaction, 'kind' | 'direction' | 'at'>[]): ClientFacts {
  return clientFactsOf(
    client,
    contactTimes(interactions.length, (visit) => {
      for (const interaction of interactions) visit(interaction.kind, interaction.direction, interaction.at);
    }),
  );
}

/** What a client's facts hold of their timeline: the times of their contacts. */
export type ContactTimes = Pick<ClientFacts, 'realContacts' | 'contacts' | 'gifts'>;

/**
 * The times of a timeline's contacts, from its interactions' stamps (any order;
 * `count` of them at most), each list ascending. Plain arrays of numbers (V8 keeps
 * them unboxed): 10,000 clients' typed arrays would be 30,000 ArrayBuffers, each a
 * separate allocation for the collector to track, and the profile showed it.
 */
export function contactTimes(count: number, each: EachStamp): ContactTimes {
  const realContacts: number[] = [];
  const contacts: number[] = [];
  const gifts: number[] = [];
  let seen = 0;
  each((kind, direction, at) => {
    // `count` is the row's own count; should more come, they are not this row's.
    if (seen++ >= count || !Number.isFinite(at)) return;
    if (realContact(kind, direction)) realContacts.push(at);
    if (countsAsContact(kind)) contacts.push(at);
    if (kind === 'gift') gifts.push(at);
  });
  return { realContacts: ascending(realContacts), contacts: ascending(contacts), gifts: ascending(gifts) };
}

/** A client's facts: their own fields and their contact times. */
export function clientFactsOf(client: FactsClient, times: ContactTimes): ClientFacts {
  return {
    id: client.id,
    name: client.name,
    company: client.company,
    tier: client.tier,
    cadenceDays: client.cadenceDays,
    createdAt: client.createdAt,
    archivedAt: client.archivedAt,
    email: client.emails[0] ?? null,
    ...times,
  };
}

/** The times in ascending order: timelines come newest first, so mostly a reversal, sorted only when mixed. */
function ascending(times: number[]): number[] {
  let rising = true;
  let falling = true;
  for (let i = 1; i < times.length && (rising || falling); i += 1) {
    if (times[i]! < times[i - 1]!) rising = false;
    if (times[i]! > times[i - 1]!) falling = false;
  }
  if (rising) return times;
  if (falling) return times.reverse();
  return times.sort((a, b) => a - b);
}
