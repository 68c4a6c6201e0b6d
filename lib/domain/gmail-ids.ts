/**
 * The time inside a Gmail message or thread id.
 *
 * Gmail's legacy ids (`data-legacy-message-id`, the hex token in older conversation
 * URLs, e.g. `1547986a2fbf2cbf`) are 64-bit numbers whose high 44 bits are the
 * milliseconds since the epoch when Gmail first saw the message. That instant does
 * not depend on the page's language, layout or time zone, so it dates a message
 * whose date text cannot be read (or checks one that can). Ids in other shapes (the
 * `#msg-f:` decimal form, the newer opaque URL tokens) are not read here.
 *
 * Pure: no Intl, no clock unless `now` is left out.
 */

/** Gmail opened to the public on 1 April 2004: no id can be older. */
const GMAIL_LAUNCH_MS = Date.UTC(2004, 3, 1);
const DAY_MS = 86_400_000;
/** Up to 16 hex digits: a 64-bit id, leading zeros dropped. */
const HEX_ID = /^[0-9a-f]{1,16}$/i;

/**
 * Epoch milliseconds of a Gmail legacy hex id, or null when `id` is not 1-16 hex
 * digits or its time is before Gmail's launch or more than a day after `now`
 * (not a Gmail id, or a mangled one).
 */
export function timeFromGmailId(id: string | null | undefined, now: Date = new Date()): number | null {
  if (typeof id !== 'string' || !HEX_ID.test(id)) return null;
  // 64 bits do not fit a double: shift as a BigInt, the 44 bits left do.
  const at = Number(BigInt(`0x${id}`) >> 20n);
  const latest = now.getTime() + DAY_MS;
  if (at < GMAIL_LAUNCH_MS || !(at <= latest)) return null;
  return at;
}
