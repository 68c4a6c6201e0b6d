/**
 * Loaded only into the history benchmark's copy of the built extension (never
 * shipped): seeds one client with a long history straight into the real database
 * of the extension's origin (scripts/bench/history.ts).
 */
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions } from '../../lib/db/timelines';
import { Client, Interaction, INTERACTION_KINDS } from '../../lib/model';

const HOUR = 60 * 60 * 1000;

async function seedHistory(clientId: string, name: string, count: number): Promise<number> {
  const db = new TendDatabase();
  const now = Date.now();
  await db.clients.put(Client.parse({ id: clientId, name, emails: ['long.history@example.com'], nameKeys: ['long history example'], createdAt: now - 5000 * HOUR * 2, updatedAt: now, lastContactAt: now - HOUR }));
  // Every kind, mostly emails as in real use, with texts of a few dozen characters.
  const rows = Array.from({ length: count }, (_, i) => {
    const kind = i % 4 === 0 ? INTERACTION_KINDS[i % INTERACTION_KINDS.length]! : 'email';
    return Interaction.parse({
      id: `history-${i}`,
      clientId,
      kind,
      direction: kind === 'email' ? (i % 2 ? 'in' : 'out') : null,
      subject: kind === 'email' ? `Project update ${i}` : '',
      text: kind === 'email' ? '' : `Talked about the plan, item ${i}, and what comes next`,
      at: now - (i + 1) * HOUR,
      host: kind === 'email' ? 'gmail' : null,
      url: kind === 'email' ? 'https://mail.google.com/mail/u/0/#inbox/x' : '',
      dedupeKey: kind === 'email' ? `${clientId}|gmail|m${i}` : undefined,
      createdAt: now,
    });
  });
  await db.transaction('rw', db.timelines, () => addInteractions(db, rows));
  const total = (await db.timelines.get(clientId))?.count ?? 0;
  db.close();
  return total;
}

/** Reading the client's timeline row, and parsing it, apart: where the page's time goes. */
async function timeRead(clientId: string, runs: number): Promise<{ read: number[]; parse: number[] }> {
  const db = new TendDatabase();
  const read: number[] = [];
  const parse: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    const row = await db.timelines.get(clientId);
    const t1 = performance.now();
    JSON.parse(row!.json);
    read.push(t1 - t0);
    parse.push(performance.now() - t1);
  }
  db.close();
  return { read, parse };
}

Object.assign(globalThis, { tendHistoryBench: { seedHistory, timeRead } });
