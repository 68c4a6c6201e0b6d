/**
 * JSON from a file the user picked, parsed without letting `__proto__`,
 * `constructor` or `prototype` keys reach any object: they are dropped (and
 * counted, so the preview can say so). JSON.parse itself never sets a prototype,
 * but a later spread or Object.assign of such an object could.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type SafeJson = { value: unknown; droppedKeys: number };

export class JsonError extends Error {}

export function parseJsonSafely(text: string): SafeJson {
  let value: unknown;
  try {
    // No reviver: one called for every value makes parsing a 60 MB backup four times
    // slower. JSON.parse only ever makes such keys own data properties; they are
    // removed below before anything can spread or assign them.
    value = JSON.parse(text);
  } catch (error) {
    const truncated = /end of (JSON )?input|unterminated|unexpected end/i.test(String(error));
    throw new JsonError(
      truncated
        ? 'This file ends too early: it looks truncated (an interrupted download?). Nothing was imported.'
        : 'This file is not valid JSON, so it is not a Tend backup. Nothing was imported.',
    );
  }
  return { value, droppedKeys: dropForbiddenKeys(value) };
}

/** Deletes forbidden own keys from every object in a parsed JSON value; returns how many. */
function dropForbiddenKeys(root: unknown): number {
  let dropped = 0;
  // Iterative: a deeply nested file must not overflow the stack.
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    for (const key of FORBIDDEN_KEYS) {
      if (Object.hasOwn(record, key)) {
        // Walked too, though detached: what it hid is counted in the report.
        pending.push(record[key]);
        delete record[key];
        dropped += 1;
      }
    }
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return dropped;
}
