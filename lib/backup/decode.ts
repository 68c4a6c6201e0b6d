/**
 * Bytes of an imported file to text. Contacts exports come as UTF-8 (with or without
 * a byte-order mark) or, from older Outlook and Excel, as Windows-1252: a strict
 * UTF-8 decode tells them apart, since Latin-1 accented letters are invalid UTF-8.
 */

/** Files above this are refused before they are read (a contacts export is far smaller). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/**
 * Tend's own backups grow with the history (10,000 clients and 200,000 interactions
 * are about 60 MB). The limit is what the code can really read: the page decodes the
 * file into one string and the background joins its pieces into one, and V8's
 * longest string is 2^29 − 24 UTF-16 units (about 536 million). 256 MB is half of that,
 * and parsing a 256 MB backup takes about 1.3 GB of heap (measured with Node's V8),
 * well inside a worker's. A larger file is refused from its size, before it is read.
 */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;

export type DecodedText = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' };

export class ImportError extends Error {}

export function tooLargeMessage(bytes: number, limit = MAX_IMPORT_BYTES): string | null {
  if (bytes <= limit) return null;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  // Rounded up: a file just over the limit must not read as the limit itself.
  const size = `${Math.ceil(bytes / 1024 / 1024)} MB`;
  return limit === MAX_IMPORT_BYTES
    ? `That file is ${size}; Tend imports files up to ${mb(limit)}. Split it, or export fewer contacts at a time.`
    : `That file is ${size}; Tend restores backups up to ${mb(limit)} (what a browser can read in one go). Nothing was read.`;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    // ignoreBOM: false strips a leading BOM from the text.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** 0x80–0x9F in Windows-1252 (the rest is Latin-1); 0xFFFD where the code page has none. */
const CP1252_HIGH =
  '\u20AC\uFFFD\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\uFFFD\u017D\uFFFD' +
  '\uFFFD\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\uFFFD\u017E\u0178';

/**
 * Decoded by table, not with TextDecoder('windows-1252'): some runtimes (Node's
 * small ICU) decode that label as ISO-8859-1 and lose €, curly quotes, œ and dashes.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    for (const b of bytes.subarray(start, start + CHUNK)) codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b);
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
