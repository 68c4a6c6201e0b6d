/**
 * Reading each interaction's kind, direction and time from a stored timeline without
 * parsing it (lib/db/timeline-rows.ts, `eachStamp`): the same as parsing, and parsing
 * instead whenever the text does not read as expected.
 */
import { describe, expect, it } from 'vitest';
import { eachStamp, interactionsOf, storedTimeline, type Timeline } from '../../lib/db/timeline-rows';
import { Interaction } from '../../lib/model';

const row = (overrides: Record<string, unknown>, i: number) =>
  Interaction.parse({ id: `i${i}`, clientId: 'c', kind: 'email', direction: 'in', at: 1_700_000_000_000 + i, createdAt: 0, ...overrides });

function stamps(timeline: Timeline): Array<[string, string | null, number]> {
  const seen: Array<[string, string | null, number]> = [];
  eachStamp(timeline, (kind, direction, at) => seen.push([kind, direction, at]));
  return seen;
}
const parsed = (timeline: Timeline) => interactionsOf(timeline).map((interaction): [string, string | null, number] => [interaction.kind, interaction.direction, interaction.at]);

describe('eachStamp', () => {
  it('reads every kind and direction as parsing would, whatever the texts hold', () => {
    const timeline = storedTimeline('c', [
      row({ kind: 'email', direction: 'out', subject: 'He wrote "kind":"call", "at":5 and "direction":"in"' }, 1),
      row({ kind: 'note', direction: null, text: '{"kind":"meeting","direction":"in","at":1}' }, 2),
      row({ kind: 'call', direction: null, text: 'at":9, kind":"gift' }, 3),
      row({ kind: 'meeting', direction: null }, 4),
      row({ kind: 'checkin', direction: null }, 5),
      row({ kind: 'shared-resource', direction: null }, 6),
      row({ kind: 'gift', direction: null }, 7),
      row({ kind: 'email', direction: 'in', from: 'a@b.example', dedupeKey: 'c|gmail|1' }, 8),
    ]);
    expect(stamps(timeline)).toEqual(parsed(timeline));
    expect(stamps(timeline)).toHaveLength(8);
  });

  it('parses the row instead when a key is missing, repeated or of another form', () => {
    const missing: Timeline = { clientId: 'c', count: 2, json: '[{"kind":"call","at":1},{"kind":"email","direction":"in","at":2}]' };
    expect(stamps(missing)).toEqual([['call', undefined, 1], ['email', 'in', 2]]);
    const fraction: Timeline = { clientId: 'c', count: 1, json: '[{"kind":"call","direction":null,"at":1.5}]' };
    expect(stamps(fraction)).toEqual([['call', null, 1.5]]);
    const unknownKind: Timeline = { clientId: 'c', count: 1, json: '[{"kind":"fax","direction":null,"at":3}]' };
    expect(stamps(unknownKind)).toEqual([['fax', null, 3]]);
    // The count says 1, the text holds 2: parsed, both visited.
    const miscounted: Timeline = { clientId: 'c', count: 1, json: '[{"kind":"call","direction":null,"at":1},{"kind":"call","direction":null,"at":2}]' };
    expect(stamps(miscounted)).toEqual([['call', null, 1], ['call', null, 2]]);
  });

  it('reads a long timeline, and none from an empty one', () => {
    const long = storedTimeline('c', Array.from({ length: 3000 }, (_, i) => row({ kind: i % 3 ? 'email' : 'call', direction: i % 3 ? 'out' : null }, i)));
    expect(stamps(long)).toEqual(parsed(long));
    expect(stamps(storedTimeline('c', []))).toEqual([]);
  });
});
