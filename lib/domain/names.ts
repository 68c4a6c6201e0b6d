/**
 * Person names normalised for matching: Outlook often shows only a display name, and
 * the same person appears as "Jane Doe", "Doe, Jane", "\"Jane Doe\" <jane@x.com>" or
 * "Jane Doe (External)". Pure functions: no I/O.
 */

/** A key is stored in a client's `nameKeys` (at most 500 characters each). */
const MAX_KEY = 500;
/** Page text is capped at 1000 characters; anything longer is not a name anyway. */
const MAX_INPUT = 2000;

/** Forms of address dropped from the front of a name ("Dr. Jane Doe", "Prof. Dr. Hans Müller"). */
const HONORIFICS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'herr',
  'frau',
]);

/** Parts after a comma that are not a first name ("Jane Doe, PhD", "Doe, Jane, Jr."). */
const SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'phd', 'md', 'mba', 'esq', 'ii', 'iii', 'iv']);

/** Letters that NFKD does not decompose but people write both ways. */
const FOLD: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ı', 'i'],
]);

/** Removes every innermost `open ... close` group until none is left (nested ones too). */
function dropGroups(s: string, group: RegExp): string {
  let previous: string;
  do {
    previous = s;
    s = s.replace(group, ' ');
  } while (s !== previous);
  return s;
}

function words(part: string): string[] {
  return part
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

/**
 * The matching key of a display name: diacritics stripped, lower-case, words joined by
 * single spaces, "Last, First" turned into "first last", without quotes, parenthesised
 * or bracketed parts, `<...>` parts, addresses and leading honorifics.
 * Returns '' when nothing usable is left. Idempotent: `nameKey(nameKey(x)) === nameKey(x)`.
 */
export function nameKey(displayName: string): string {
  if (typeof displayName !== 'string') return '';
  let s = displayName.slice(0, MAX_INPUT);

  // Structure first, while the brackets are still there.
  s = dropGroups(s, /<[^<>]*>/g);
  s = dropGroups(s, /\([^()]*\)/g);
  s = dropGroups(s, /\[[^[\]]*\]/g);
  s = dropGroups(s, /\{[^{}]*\}/g);
  s = s.replace(/[<>()[\]{}]/g, ' ');
  // Anything with an @ is an address (or a fragment of one), not a name.
  s = s.replace(/\S*@\S*/g, ' ');

  s = s
    .normalize('NFKD')
    // Zero-width spaces separate words; other format characters (soft hyphens,
    // direction marks) and combining marks (diacritics after NFKD) go.
    .replace(/[\u200B\u2060\uFEFF]/g, ' ')
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .toLowerCase()
    .replace(/[ßøłæœđðþı]/g, (c) => FOLD.get(c) ?? c);
  // Quotes and apostrophes go without a trace: "O'Brien" and "OBrien" are one key.
  s = s.replace(/['"`´ʼ‘’‚‛“”„‟«»‹›]/g, '');

  const parts = s
    .split(',')
    .map(words)
    .filter((p) => p.length > 0 && !p.every((w) => SUFFIXES.has(w)));
  let tokens: string[];
  if (parts.length === 2) tokens = [...parts[1]!, ...parts[0]!];
  else tokens = parts.flat();

  while (tokens.length > 1 && HONORIFICS.has(tokens[0]!)) tokens = tokens.slice(1);

  let key = tokens.join(' ');
  if (key.length > MAX_KEY) key = key.slice(0, MAX_KEY).trimEnd();
  return key;
}
