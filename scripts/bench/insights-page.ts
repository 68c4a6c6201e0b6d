/**
 * Loaded only into the Insights benchmark's copy of the built extension (never
 * shipped): seeds a large practice straight into the real database of the
 * extension's origin, and times the background's computation apart
 * (scripts/bench/insights.ts).
 */
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/timelines';
import { computeInsights, watchInsightsRows } from '../../lib/background/insights';
import type { Client, Feedback, Interaction, Project, Referral } from '../../lib/model';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const TIERS: Client['tier'][] = ['key', 'active', 'active', 'occasional', 'none'];
const STATUSES: Project['status'][] = ['active', 'done', 'done', 'proposed', 'lost'];
const CURRENCIES = ['EUR', 'USD', 'GBP'];
const KINDS: Interaction['kind'][] = ['email', 'email', 'email', 'email', 'call', 'meeting', 'note', 'checkin', 'shared-resource', 'gift'];

/** A spread of days over the last two years, and of hours within them: the figures see real variety. */
function spread(i: number, j: number, now: number): number {
  return now - (((i * 31 + j * 37) % 730) * DAY + ((i + j * 7) % 24) * HOUR + (i % 60) * 60_000);
}

async function seed(clients: number, perClient: number, projectsPerClient: number, feedbackCount: number, referralCount: number) {
  const db = new TendDatabase();
  const now = Date.now();
  const rows: Client[] = [];
  for (let i = 0; i < clients; i += 1) {
    rows.push({
      id: `insights-client-${i}`,
      name: `Insights Client ${i}`,
      emails: [`insights${i}@company${i % 2500}.example`],
      company: `Company ${i % 2500}`,
      role: '',
      domains: [],
      nameKeys: [`insights client ${i}`],
      confirmedNameKeys: [],
      rejectedNameKeys: [],
      phones: [],
      tier: TIERS[i % TIERS.length]!,
      cadenceDays: null,
      tags: [],
      lastContactAt: null,
      snoozedUntil: null,
      nextDueAt: null,
      createdAt: now - (800 - (i % 400)) * DAY,
      updatedAt: now,
      archivedAt: i % 50 === 0 ? now - (i % 300) * DAY : null,
    });
  }
  await db.clients.bulkPut(rows);
  let interactions = 0;
  const chunk: Interaction[] = [];
  for (let i = 0; i < clients; i += 1) {
    for (let j = 0; j < perClient; j += 1) {
      const kind = KINDS[(i + j) % KINDS.length]!;
      chunk.push({
        id: `insights-int-${i}-${j}`,
        clientId: `insights-client-${i}`,
        kind,
        direction: kind === 'email' ? (j % 2 ? 'in' : 'out') : null,
        subject: kind === 'email' ? `Subject ${j}` : '',
        text: kind === 'email' ? '' : `Talked about item ${j}`,
        at: spread(i, j, now),
        dateUncertain: false,
        host: kind === 'email' ? 'gmail' : null,
        url: kind === 'email' ? 'https://mail.google.com/mail/u/0/#inbox/x' : '',
        ...(kind === 'email' ? { dedupeKey: `insights-client-${i}|gmail|m${j}` } : {}),
        createdAt: now,
      });
      interactions += 1;
      if (chunk.length === 20_000) await db.transaction('rw', db.timelines, () => addInteractions(db, chunk.splice(0)));
    }
  }
  if (chunk.length) await db.transaction('rw', db.timelines, () => addInteractions(db, chunk.splice(0)));

  const day = (at: number) => new Date(at).toISOString().slice(0, 10);
  const projects: Project[] = [];
  for (let i = 0; i < clients; i += 1) {
    for (let k = 0; k < projectsPerClient; k += 1) {
      const start = now - ((i * 13 + k * 200) % 700) * DAY;
      const status = STATUSES[(i + k) % STATUSES.length]!;
      const valued = (i + k) % 4 !== 0;
      projects.push({
        id: `insights-project-${i}-${k}`,
        clientId: `insights-client-${i}`,
        title: `Project ${k}`,
        startDay: day(start),
        endDay: status === 'done' || status === 'lost' ? day(start + ((i % 90) + 10) * DAY) : null,
        status,
        value: valued ? ((i * 7919 + k * 104729) % 50_000) + 0.5 : null,
        currency: valued ? CURRENCIES[(i + k) % CURRENCIES.length]! : null,
        note: '',
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  await db.projects.bulkPut(projects);
  const feedback: Feedback[] = Array.from({ length: feedbackCount }, (_, f) => ({
    id: `insights-feedback-${f}`,
    clientId: `insights-client-${(f * 2) % clients}`,
    projectId: null,
    day: day(now - ((f * 17) % 700) * DAY),
    score: f % 11,
    note: '',
    source: 'email',
    createdAt: now - f,
  }));
  await db.feedback.bulkPut(feedback);
  const referrals: Referral[] = Array.from({ length: referralCount }, (_, r) => ({
    id: `insights-referral-${r}`,
    referrerId: `insights-client-${(r * 7) % clients}`,
    referredId: `insights-client-${(r * 7 + 1) % clients}`,
    said: '',
    at: now - ((r * 11) % 700) * DAY,
    thankedAt: r % 3 === 0 ? now - ((r * 5) % 300) * DAY : null,
  }));
  await db.referrals.bulkPut(referrals);
  const counts = { clients: await db.clients.count(), interactions, projects: await db.projects.count(), feedback: await db.feedback.count(), referrals: await db.referrals.count() };
  db.close();
  return counts;
}

/** The background's computation alone (the same code, in this page), over the same database. */
async function timeCompute(runs: number): Promise<number[]> {
  const db = new TendDatabase();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    await computeInsights(db, 'last-12-months', new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
    times.push(performance.now() - start);
  }
  db.close();
  return times;
}

/**
 * The computation as the background makes it after its first: the timelines' times
 * kept (nothing written since), the other tables read afresh. And those reads alone.
 */
async function timeKept(runs: number): Promise<{ kept: number[]; tables: number[] }> {
  const db = new TendDatabase();
  const times = watchInsightsRows(db);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  await computeInsights(db, 'last-12-months', new Date(), zone, times);
  const kept: number[] = [];
  const tables: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    await computeInsights(db, 'last-12-months', new Date(), zone, times);
    const t1 = performance.now();
    await db.transaction('r', [db.clients, db.projects, db.feedback, db.referrals], () => Promise.all([db.clients.toArray(), db.projects.toArray(), db.feedback.toArray(), db.referrals.toArray()]));
    kept.push(t1 - t0);
    tables.push(performance.now() - t1);
  }
  db.close();
  return { kept, tables };
}

/** Where the computation's time goes: reading the timeline rows, and parsing them (medians over `runs`). */
async function timeParts(runs: number): Promise<{ read: number[]; parse: number[] }> {
  const db = new TendDatabase();
  const read: number[] = [];
  const parse: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    const rows = await db.timelines.toArray();
    const t1 = performance.now();
    let count = 0;
    for (const row of rows) count += (JSON.parse(row.json) as unknown[]).length;
    read.push(t1 - t0);
    parse.push(performance.now() - t1);
    if (count === 0) throw new Error('no interactions seeded');
  }
  db.close();
  return { read, parse };
}

Object.assign(globalThis, { tendInsightsBench: { seed, timeCompute, timeParts, timeKept } });
