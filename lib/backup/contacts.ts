/**
 * Contacts read from a CSV or vCard file, before they become clients: one shape for
 * every source, and the checks that decide which rows can be imported and why the
 * others are skipped. Pure functions: no I/O.
 */
import { CLIENT_LIST_LIMITS, EmailAddress, MAX_NOTE_CHARS } from '../model';
import { normaliseEmail } from '../domain/addresses';
import { nameKey } from '../domain/names';
import { ImportRow } from './import-row';
import { MAX_PHONE_CHARS, normalisePhones, type CountryCode } from '../domain/phones';

/** One contact as a source file describes it (strings as found, not yet checked). */
export interface ContactDraft {
  /** 1-based row (CSV data row, or vCard card number) for messages. */
  row: number;
  name: string;
  emails: string[];
  company: string;
  role: string;
  /** `YYYY-MM-DD`, `--MM-DD` (no year), or whatever the file had (checked later). */
  birthday: string;
  notes: string;
  tags: string[];
  /** Phone numbers as the file wrote them (normalised when prepared); none when absent. */
  phones?: string[];
}

export { ImportRow } from './import-row';

export type SkipReason = 'no-name-or-address' | 'invalid-address' | 'duplicate' | 'invalid';
export interface Skipped {
  row: number;
  name: string;
  reason: SkipReason;
  detail: string;
}

/** A field of a row that was left out of an imported row, and why (the row itself was kept). */
export interface SkippedField {
  row: number;
  name: string;
  field: 'birthday' | 'phone';
  value: string;
  detail: string;
}

export interface Prepared {
  rows: ImportRow[];
  skipped: Skipped[];
  /** Problems that did not stop a row (an invalid second address dropped, a bad birthday). */
  warnings: string[];
  /** Fields left out of rows that were kept: a birthday impossible in the chosen date order. */
  skippedFields: SkippedField[];
}

/**
 * How to read a date written `24/12/1980` or `12.24.1980`: no file says, so the user
 * picks (the preview asks whenever a file has such dates).
 */
export type DateOrder = 'day-first' | 'month-first';

export interface PrepareOptions {
  /** Needed only for slash or dot dates (`needsDateOrder`); ISO and vCard dates never ask. */
  dateOrder?: DateOrder;
  /** The country of numbers written without a country code (the user's locale's). */
  defaultCountry?: CountryCode;
}

/** `24/12/1980`, `5.6.1980`: day and month in an order only the user knows. */
const SLASH_OR_DOT_DATE = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})$/;

/** Whether a date is written with slashes or dots, day and month in an order only the user knows. */
export function writtenInDateOrder(text: string): boolean {
  return SLASH_OR_DOT_DATE.test(String(text ?? '').trim());
}

/** Whether any draft's birthday is written in an order the user must be asked about. */
export function needsDateOrder(drafts: readonly ContactDraft[]): boolean {
  return drafts.some((draft) => writtenInDateOrder(draft.birthday));
}

/** The order a locale writes dates in (en-US: month first; en-GB, de, fr: day first). */
export function dateOrderOfLocale(locale: string | undefined): DateOrder {
  try {
    const parts = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(Date.UTC(1980, 11, 24, 12)));
    const month = parts.findIndex((p) => p.type === 'month');
    const day = parts.findIndex((p) => p.type === 'day');
    return month >= 0 && day >= 0 && month < day ? 'month-first' : 'day-first';
  } catch {
    return 'day-first';
  }
}

export type BirthdayReading = { day: string | null } | { error: string };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

/**
 * `YYYY-MM-DD`, `YYYYMMDD`, `--MM-DD`, `--MMDD`, `YYYY/MM/DD`, or `DD/MM/YYYY` /
 * `MM/DD/YYYY` (slashes or dots, read in `order`) to a calendar day; a missing year
 * becomes `yearForMissing` (29 February: the last leap year up to it). Null when it
 * is no real date.
 */
export function parseBirthday(raw: string, yearForMissing: number, order: DateOrder = 'month-first'): string | null {
  const reading = readBirthday(raw, yearForMissing, order);
  return 'day' in reading ? reading.day : null;
}

/**
 * parseBirthday, saying why a date is refused: a slash or dot date impossible in the
 * chosen order ("there is no month 24") is told apart from text that is no date.
 * `{ day: null }` for an empty value or a placeholder (Outlook's 0/0/00).
 */
export function readBirthday(raw: string, yearForMissing: number, order: DateOrder): BirthdayReading {
  const s = String(raw ?? '').trim();
  if (!s) return { day: null };
  // Outlook writes 0/0/00 for "no birthday".
  if (/^0+([/.])0+\1\d+$/.test(s)) return { day: null };
  const ordered = s.match(SLASH_OR_DOT_DATE);
  if (ordered) {
    const [first, second, year] = [+ordered[1]!, +ordered[3]!, +ordered[4]!];
    const [d, m] = order === 'day-first' ? [first, second] : [second, first];
    const reading = order === 'day-first' ? 'day first' : 'month first';
    // Years before 1800 are placeholders some address books write for "no birthday".
    if (year < 1800) return { day: null };
    if (m < 1 || m > 12) return { error: `there is no month ${m} when the date is read ${reading}` };
    const day = calendarDay(year, m, d);
    if (!day) return { error: d < 1 || d > 31 ? `there is no day ${d} when the date is read ${reading}` : `${MONTHS[m - 1]} has no day ${d} in ${year}` };
    return { day };
  }
  const day = parseOtherBirthday(s, yearForMissing);
  return day ? { day } : { error: 'it is not a date Tend can read' };
}

function calendarDay(y: number, m: number, d: number): string | null {
  if (y < 1800) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The formats that need no date order: ISO, basic, no-year (vCard) and year-first. */
function parseOtherBirthday(s: string, yearForMissing: number): string | null {
  let y: number | null = null;
  let m: number;
  let d: number;
  let match: RegExpMatchArray | null;
  if ((match = s.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = s.match(/^--(\d{2})-?(\d{2})$/))) [m, d] = [+match[1]!, +match[2]!];
  else if ((match = s.match(/^(\d{4})\/(\d{1,2})\/(\d{1,2})$/))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else return null;
  if (y === null) {
    y = yearForMissing;
    if (m === 2 && d === 29) while (!(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) y -= 1;
  }
  // Outlook writes 0/0/00 for "no birthday"; years before 1800 are placeholders too.
  if (y < 1800 && !(s.startsWith('--'))) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Checks every draft: a row needs a name or an address; addresses must be valid;
 * a row whose address (or, without one, whose name) an earlier row already had is a
 * duplicate. Never throws, whatever the drafts hold.
 */
export function prepareImport(drafts: readonly ContactDraft[], now: Date = new Date(), options: PrepareOptions = {}): Prepared {
  const preparer = createPreparer(now, options);
  for (const draft of drafts) preparer.add(draft);
  return preparer.result();
}

/** prepareImport one draft at a time, so a page can yield to the UI between chunks. */
export function createPreparer(now: Date = new Date(), options: PrepareOptions = {}): { add: (draft: ContactDraft) => void; result: () => Prepared } {
  const rows: ImportRow[] = [];
  const skipped: Skipped[] = [];
  const warnings: string[] = [];
  const skippedFields: SkippedField[] = [];
  // Without a choice, slash dates are read month first (Outlook's US export): callers
  // that show a preview always pass the order the user picked.
  const dateOrder = options.dateOrder ?? 'month-first';
  const seenEmail = new Map<string, number>();
  const seenName = new Map<string, number>();
  const year = now.getFullYear();
  function add(draft: ContactDraft): void {
    const name = clip(String(draft.name ?? '').replace(/\s+/g, ' ').trim(), 500);
    const given = (draft.emails ?? []).map((e) => String(e).trim()).filter(Boolean);
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const raw of given) {
      const email = normaliseEmail(raw);
      if (email && EmailAddress.safeParse(email).success) {
        if (!valid.includes(email)) valid.push(email);
      } else invalid.push(raw);
    }
    const label = name || given[0] || `row ${draft.row}`;
    if (!name && given.length === 0) {
      skipped.push({ row: draft.row, name: label, reason: 'no-name-or-address', detail: 'No name and no address' });
      return;
    }
    if (valid.length === 0 && invalid.length > 0) {
      skipped.push({ row: draft.row, name: label, reason: 'invalid-address', detail: `Invalid address “${clip(invalid[0]!, 80)}”` });
      return;
    }
    if (invalid.length > 0) warnings.push(`Row ${draft.row} (${clip(label, 80)}): invalid address “${clip(invalid[0]!, 80)}” left out`);
    const key = nameKey(name);
    const earlier = valid.map((e) => seenEmail.get(e)).find((r) => r !== undefined) ?? (valid.length === 0 && key ? seenName.get(key) : undefined);
    if (earlier !== undefined) {
      skipped.push({ row: draft.row, name: label, reason: 'duplicate', detail: `Duplicate of row ${earlier}` });
      return;
    }
    let birthday: string | null = null;
    if (draft.birthday?.trim()) {
      const reading = readBirthday(draft.birthday, year, dateOrder);
      if ('day' in reading) birthday = reading.day;
      if ('error' in reading || !birthday) {
        const why = 'error' in reading ? reading.error : 'it is a placeholder, not a date';
        skippedFields.push({ row: draft.row, name: clip(label, 80), field: 'birthday', value: clip(draft.birthday, 40), detail: `birthday “${clip(draft.birthday, 40)}” left out: ${why}` });
      }
    }
    const readPhones = normalisePhones(draft.phones ?? [], options.defaultCountry);
    for (const phone of readPhones.tooLong) {
      skippedFields.push({ row: draft.row, name: clip(label, 80), field: 'phone', value: clip(phone, 60), detail: `phone “${clip(phone, 60)}” left out: longer than ${MAX_PHONE_CHARS} characters, so no phone number` });
    }
    if (readPhones.overLimit > 0) {
      const total = readPhones.phones.length + readPhones.overLimit;
      warnings.push(`Row ${draft.row} (${clip(label, 80)}): ${total} phone numbers; a client keeps up to ${readPhones.phones.length}, so ${readPhones.overLimit} were left out`);
    }
    const allTags = [...new Set((draft.tags ?? []).map((t) => clip(String(t).trim(), 500)).filter(Boolean))];
    const tags = allTags.slice(0, CLIENT_LIST_LIMITS.tags);
    const emails = valid.slice(0, CLIENT_LIST_LIMITS.emails);
    // Whatever does not fit is said, never left out quietly.
    for (const [what, all, kept] of [['addresses', valid, emails], ['tags', allTags, tags]] as const) {
      if (all.length > kept.length) {
        warnings.push(`Row ${draft.row} (${clip(label, 80)}): ${all.length} ${what}; a client keeps up to ${kept.length}, so ${all.length - kept.length} were left out`);
      }
    }
    let notes = String(draft.notes ?? '').trim();
    if (notes.length > MAX_NOTE_CHARS) {
      // A note is refused whole rather than cut: half a note reads as the whole one.
      warnings.push(
        `Row ${draft.row} (${clip(label, 80)}): its notes are ${notes.length.toLocaleString('en')} characters, over the ${MAX_NOTE_CHARS.toLocaleString('en')} a note holds, so they were not imported (shorten them and import again)`,
      );
      notes = '';
    }
    const parsed = ImportRow.safeParse({
      row: draft.row,
      name: name || valid[0],
      emails,
      company: clip(String(draft.company ?? '').trim(), 500),
      role: clip(String(draft.role ?? '').trim(), 500),
      birthday,
      notes,
      tags,
      phones: readPhones.phones,
    });
    if (!parsed.success) {
      skipped.push({ row: draft.row, name: label, reason: 'invalid', detail: parsed.error.issues[0]?.message ?? 'Invalid row' });
      return;
    }
    for (const email of valid) seenEmail.set(email, draft.row);
    if (key) seenName.set(key, draft.row);
    rows.push(parsed.data);
  }
  return { add, result: () => ({ rows, skipped, warnings, skippedFields }) };
}

export const SKIP_LABELS: Record<SkipReason, string> = {
  'no-name-or-address': 'no name and no address',
  'invalid-address': 'invalid address',
  duplicate: 'duplicate row in the file',
  invalid: 'could not be read',
};
