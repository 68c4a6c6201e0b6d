/**
 * Loaded only into the benchmark's copy of the built extension (never shipped):
 * the real data code (Dexie schema, badge, Today, scheduling) in an extension page
 * of the same origin, so it measures against Chromium's real IndexedDB.
 */
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/timelines';
import { computeBadge } from '../../lib/background/badge';
import { buildToday } from '../../lib/background/today';
import { readSettings } from '../../lib/background/settings';
import { withSchedule } from '../../lib/domain/schedule';
import { DEFAULT_TIER_CADENCE } from '../../lib/domain/checkin-policy';
import { nameKey } from '../../lib/domain/names';
import type { Client, Interaction } from '../../lib/model';

const DAY = 24 * 60 * 60 * 1000;
const db = new TendDatabase();

export function benchClientName(i: number): string {
  return `Client ${i} Example`;
}

export function benchClientEmail(i: number): string {
  return `client${i}@company${i % 2500}.example`;
}

async function seed(clients: number, interactionsPerClient: number): Promise<{ clients: number; interactions: number }> {
  const now = Date.now();
  const tiers: Client['tier'][] = ['key', 'active', 'active', 'occasional', 'none'];
  const rows: Client[] = [];
  for (let i = 0; i < clients; i += 1) {
    const lastContactAt = now - ((i * 7919) % 120) * DAY;
    const client: Client = {
      id: `bench-client-${i}`,
      name: benchClientName(i),
      emails: [benchClientEmail(i)],
      company: `Company ${i % 2500}`,
      role: '',
      domains: [`company${i % 2500}.example`],
      nameKeys: [nameKey(benchClientName(i))],
      confirmedNameKeys: [],
      rejectedNameKeys: [],
      phones: [],
      tier: tiers[i % tiers.length]!,
      cadenceDays: null,
      tags: [],
      lastContactAt,
      snoozedUntil: null,
      nextDueAt: null,
      createdAt: now - 400 * DAY,
      updatedAt: now,
      archivedAt: null,
    };
    rows.push(withSchedule(client, { ...DEFAULT_TIER_CADENCE }));
  }
  await db.clients.bulkPut(rows);
  let total = 0;
  const chunk: Interaction[] = [];
  for (let i = 0; i < clients; i += 1) {
    for (let j = 0; j < interactionsPerClient; j += 1) {
      chunk.push({
        id: `bench-int-${i}-${j}`,
        clientId: `bench-client-${i}`,
        kind: j % 5 === 0 ? 'note' : 'email',
        direction: j % 2 ? 'in' : 'out',
        subject: `Subject ${j}`,
        text: j % 5 === 0 ? `Note ${j} about the project` : '',
        at: now - (j * 5 + (i % 5)) * DAY,
        dateUncertain: false,
        host: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox/x',
        dedupeKey: `bench-client-${i}|gmail|m${j}`,
        createdAt: now,
      });
      if (chunk.length === 20_000) {
        await addInteractions(db, chunk.splice(0));
      }
      total += 1;
    }
  }
  if (chunk.length) await addInteractions(db, chunk.splice(0));
  return { clients: await db.clients.count(), interactions: total };
}

async function timeBadge(runs: number): Promise<number[]> {
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    text = (await computeBadge(db, new Date())).text;
    times.push(performance.now() - start);
  }
  if (!text) throw new Error('the seeded data should have overdue clients');
  return times;
}

async function timeToday(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await buildToday(db, new Date(), await readSettings(db));
    times.push(performance.now() - start);
  }
  return times;
}

Object.assign(globalThis, { tendBench: { seed, timeBadge, timeToday } });
