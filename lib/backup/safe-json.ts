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
  let droppedKeys = 0;
  let value: unknown;
  try {
    value = JSON.parse(text, function reviver(key, v) {
      if (FORBIDDEN_KEYS.has(key)) {
        droppedKeys += 1;
        return undefined;
      }
      return v;
    });
  } catch (error) {
    const truncated = /end of (JSON )?input|unterminated|unexpected end/i.test(String(error));
    throw new JsonError(
      truncated
        ? 'This file ends too early: it looks truncated (an interrupted download?). Nothing was imported.'
        : 'This file is not valid JSON, so it is not a Tend backup. Nothing was imported.',
    );
  }
  return { value, droppedKeys };
}
