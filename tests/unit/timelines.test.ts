import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Interaction } from '../../lib/model';
import { TendDatabase } from '../../lib/db/schema';
import { addInteractions, allInteractions, countInteractions, eachInteraction, interactionsOf, mergeIntoTimeline, timelineOf, timelinesOf } from '../../lib/db/timelines';

const row = (id: string, clientId: string, at: number, dedupeKey?: string) =>
  Interaction.parse({ id, clientId, kind: dedupeKey ? 'email' : 'note', text: dedupeKey ? '' : `note ${id}`, at, createdAt: at, ...(dedupeKey ? { dedupeKey } : {}) });

describe('timelines (pure)', () => {
  it('merges newest first and leaves out what is already there, by id or by message', () => {
    const existing = [row('b', 'c1', 20, 'c1|gmail|m2'), row('a', 'c1', 10, 'c1|gmail|m1')];
    const { interactions, added } = mergeIntoTimeline(existing, [
      row('x', 'c1', 15, 'c1|gmail|m1'), // the same message seen again under a new id
      row('a', 'c1', 10), // the same id
      row('c', 'c1', 30, 'c1|gmail|m3'),
      row('d', 'c1', 30, 'c1|gmail|m3'), // a repeat within the batch
      row('e', 'c1', 20),
    ]);
    expect(added.map((i) => i.id)).toEqual(['c', 'e']);
    expect(interactions.map((i) => i.id)).toEqual(['c', 'e', 'b', 'a']);
    expect(existing.map((i) => i.id)).toEqual(['b', 'a']); // not mutated
  });

  it('groups rows by client, each newest first', () => {
    const grouped = timelinesOf([row('1', 'c1', 1), row('2', 'c2', 5), row('3', 'c1', 9)]);
    expect(grouped.map((t) => [t.clientId, t.count, interactionsOf(t).map((i) => i.id)])).toEqual([
      ['c1', 2, ['3', '1']],
      ['c2', 1, ['2']],
    ]);
  });
});

describe('timelines (stored)', () => {
  it('adds to many clients at once, returns only what was new, and reads back in chunks', async () => {
    const db = new TendDatabase(`timelines-${crypto.randomUUID()}`);
    const rows = Array.from({ length: 250 }, (_, i) => row(`i${i}`, `c${i % 7}`, i * 1000, `c${i % 7}|gmail|m${i}`));
    const first = await db.transaction('rw', db.timelines, () => addInteractions(db, rows));
    expect(first).toHaveLength(250);
    const again = await db.transaction('rw', db.timelines, () => addInteractions(db, [...rows.slice(0, 10), row('new', 'c3', 5)]));
    expect(again.map((i) => i.id)).toEqual(['new']);
    expect(await db.timelines.count()).toBe(7);
    expect((await timelineOf(db, 'c3')).slice(0, 2).map((i) => i.id)).toEqual(['i248', 'i241']);
    expect(await countInteractions(db)).toBe(251);
    const chunks: number[] = [];
    let pauses = 0;
    await eachInteraction(db, (timeline) => chunks.push(timeline.length), { chunk: 3, pause: async () => void (pauses += 1) });
    expect(pauses).toBe(2); // 7 timelines in requests of 3
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(251);
    expect(new Set((await allInteractions(db)).map((i) => i.id)).size).toBe(251);
    expect(await timelineOf(db, 'nobody')).toEqual([]);
    db.close();
  });
});
