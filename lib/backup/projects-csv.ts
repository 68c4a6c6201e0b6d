/**
 * Projects from a CSV file (issue 16): client (address or name), title, start, end,
 * value, currency, and optionally status and note. Pure functions, no I/O: the page
 * reads the file into drafts (cells as written); the background reads every draft
 * with `readProjectDraft` and matches it to a client with `matchProjectClient`, for
 * the preview and for the import alike, so what the preview shows is what is saved.
 *
 * Reading rules, each refusal naming the row and the field:
 * - Dates: `YYYY-MM-DD` (or `YYYY/MM/DD`, `YYYYMMDD`), or `24/12/2026` / `24.12.2026`
 *   read in the order the user picks (the contacts import's question and code).
 * - Values (`readMoney`): see there. A value needs its currency, from the currency
 *   column or from the value itself (`€12,500`, `12 500 EUR`).
 * - An unknown currency, an end before the start, an unknown status: refused.
 * - Status, when the file has none: done when the project ended before today, else active.
 */
import { EmailAddress, MAX_PROJECT_VALUE, PROJECT_STATUSES, isCurrencyCode, projectProblem, type ProjectStatus } from '../model';
import { normaliseEmail } from '../domain/addresses';
import { csvRecords } from './csv';
import { ImportError } from './decode';
import { readBirthday, writtenInDateOrder, type DateOrder } from './contacts';
import { MAX_CLIENT_CELLS, MAX_PROJECT_CELL_CHARS, type ProjectDraft, type ProjectField } from './project-import-row';

export type { ProjectDraft, ProjectField };

/** Header names (lower-cased, `_`, `-` and `.` read as spaces), each field's preferred first. */
const COLUMN_NAMES: Record<Exclude<ProjectField, 'client'>, readonly string[]> = {
  title: ['title', 'project', 'project title', 'project name', 'engagement'],
  start: ['start', 'start date', 'start day', 'started', 'begin', 'from'],
  end: ['end', 'end date', 'end day', 'ended', 'finish', 'finished', 'until', 'to'],
  value: ['value', 'amount', 'fee', 'fees', 'price', 'budget', 'total'],
  currency: ['currency', 'currency code', 'ccy'],
  status: ['status', 'state', 'stage'],
  note: ['note', 'notes', 'description', 'comment', 'comments'],
};
/** The client's columns, addresses first: a row naming both is matched by its address. */
const CLIENT_COLUMNS: readonly string[] = [
  'client email',
  'client e mail',
  'client address',
  'client email address',
  'email',
  'e mail',
  'email address',
  'e mail address',
  'client',
  'client name',
  'customer',
  'name',
];

const headerKey = (header: string) => header.toLowerCase().replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim();

export interface ParsedProjectsCsv {
  drafts: ProjectDraft[];
  /** The file's header read as each field (for the preview: "Client ← Email"). */
  columns: Partial<Record<ProjectField, string[]>>;
  /** Columns Tend does not read (reported, not imported). */
  ignoredColumns: string[];
}

/** The file's rows as drafts; an ImportError when it lacks a client, title or start column. */
export function parseProjectsCsv(text: string): ParsedProjectsCsv {
  let read: ReturnType<typeof csvRecords>;
  try {
    read = csvRecords(text);
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError('This file is empty: there are no projects to import.');
    throw error;
  }
  const { headers, records } = read;
  const byKey = new Map<string, string>();
  for (const header of headers) if (header && !byKey.has(headerKey(header))) byKey.set(headerKey(header), header);
  const columnsOf = (names: readonly string[]) => names.map((name) => byKey.get(name)).filter((h): h is string => h !== undefined);
  const clientColumns = columnsOf(CLIENT_COLUMNS).slice(0, MAX_CLIENT_CELLS);
  // The first of a field's names that the file has: "Title" before "Project".
  const single = (field: Exclude<ProjectField, 'client'>) => columnsOf(COLUMN_NAMES[field]).slice(0, 1);
  const columns: Partial<Record<ProjectField, string[]>> = { client: clientColumns };
  for (const field of Object.keys(COLUMN_NAMES) as Exclude<ProjectField, 'client'>[]) columns[field] = single(field);
  const missing = (['client', 'title', 'start'] as const).filter((field) => columns[field]!.length === 0);
  if (missing.length) {
    const shown = headers.filter(Boolean).slice(0, 12).join(', ');
    throw new ImportError(
      `Tend needs a column for the ${missing.join(', the ')} (for example “Client”, “Title”, “Start”). This file has: ${shown || 'no column names'}.`,
    );
  }
  const used = new Set(Object.values(columns).flat());
  const ignoredColumns = headers.filter((h) => h && !used.has(h));
  // Cut one character over the longest a project keeps: the reading then says it is too long.
  const cellOf = (record: Record<string, string>, field: Exclude<ProjectField, 'client'>) => {
    const header = columns[field]![0];
    return header === undefined ? '' : (record[header] ?? '').slice(0, MAX_PROJECT_CELL_CHARS);
  };
  const drafts = records.map(
    (record, i): ProjectDraft => ({
      row: i + 1,
      clientRefs: clientColumns.map((h) => (record[h] ?? '').trim().slice(0, MAX_PROJECT_CELL_CHARS)).filter(Boolean),
      title: cellOf(record, 'title'),
      start: cellOf(record, 'start'),
      end: cellOf(record, 'end'),
      value: cellOf(record, 'value'),
      currency: cellOf(record, 'currency'),
      status: cellOf(record, 'status'),
      note: cellOf(record, 'note'),
    }),
  );
  return { drafts, columns, ignoredColumns };
}

/** Whether any start or end day is written as `05/06/2026`: then the user is asked which comes first. */
export function projectsNeedDateOrder(drafts: readonly Pick<ProjectDraft, 'start' | 'end'>[]): boolean {
  return drafts.some((draft) => writtenInDateOrder(draft.start) || writtenInDateOrder(draft.end));
}

export type Reading<T> = { ok: T } | { error: string };

/** A project's day: ISO, or a slash or dot date in `order`. Never a day without a year, never a placeholder. */
export function readProjectDay(raw: string, order: DateOrder): Reading<string | null> {
  const text = String(raw ?? '').trim();
  if (!text) return { ok: null };
  if (text.startsWith('--')) return { error: 'it has no year' };
  const reading = readBirthday(text, 0, order);
  if ('error' in reading) return { error: reading.error };
  // readBirthday calls 0/0/00 and years before 1800 "no birthday": for a project they are no date.
  if (!reading.day) return { error: 'it is not a date Tend can read' };
  return { ok: reading.day };
}

/** Currency signs that name one currency. `$`, `¥` and `kr` are several countries': the currency column must say. */
const CURRENCY_SIGNS: Readonly<Record<string, string | null>> = { '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW', '₪': 'ILS', '₺': 'TRY', '₽': 'RUB', '$': null, '¥': null };
const GROUPING = /[\s\u00A0\u202F']/;

/**
 * A money amount as people write it, in the currency's major unit:
 *
 * - Spaces (also narrow and no-break ones) and apostrophes separate thousands:
 *   `12 500`, `1'250'000`.
 * - With both commas and dots, the last one is the decimal mark: `12,500.00`,
 *   `12.500,00`.
 * - A comma or dot used once and followed by exactly three digits separates
 *   thousands (`12,500` and `12.500` are twelve thousand five hundred), unless
 *   spaces already do; followed by one, two or four and more digits it is the
 *   decimal mark (`12,5`, `12.50`). Used more than once, it separates thousands.
 * - Thousands groups must have three digits (`1,2,3` is no number).
 * - A currency sign or code may stand before or after: `€12,500`, `12 500 EUR`.
 *
 * Anything else (letters, two signs, a negative amount) is refused with the reason.
 */
export function readMoney(raw: string): Reading<{ value: number | null; currency: string | null }> {
  let text = String(raw ?? '').trim();
  if (!text) return { ok: { value: null, currency: null } };
  if (!/\d/.test(text)) return { error: 'it is not a number' };
  const named: string[] = [];
  const signs = text.match(/[€£₹₩₪₺₽$¥]/g) ?? [];
  if (signs.length > 1) return { error: 'it has more than one currency sign' };
  for (const sign of signs) {
    const currency = CURRENCY_SIGNS[sign];
    if (currency) named.push(currency);
  }
  text = text.replace(/[€£₹₩₪₺₽$¥]/g, ' ');
  const code = text.match(/^\s*([A-Za-z]{3})(?![A-Za-z])|(?<![A-Za-z])([A-Za-z]{3})\s*$/);
  if (code) {
    const letters = (code[1] ?? code[2])!.toUpperCase();
    if (!isCurrencyCode(letters)) return { error: `“${letters}” is not a currency code Tend knows` };
    named.push(letters);
    text = text.replace(code[0], ' ');
  }
  if (new Set(named).size > 1) return { error: 'it names two currencies' };
  text = text.trim();
  if (/^[-−(]/.test(text) || /\)$/.test(text)) return { error: 'it is negative (a project’s value cannot be)' };
  if (!/^\d[\d.,'\s\u00A0\u202F]*$/.test(text) || /[.,'\s\u00A0\u202F]$/.test(text)) return { error: 'it is not a number' };
  const spaced = GROUPING.test(text);
  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) decimalAt = Math.max(lastDot, lastComma);
  else if (lastDot >= 0 || lastComma >= 0) {
    const at = Math.max(lastDot, lastComma);
    const usedOnce = text.indexOf(text[at]!) === at;
    const digitsAfter = text.length - at - 1;
    if (usedOnce && (spaced || digitsAfter !== 3)) decimalAt = at;
  }
  const whole = decimalAt >= 0 ? text.slice(0, decimalAt) : text;
  const fraction = decimalAt >= 0 ? text.slice(decimalAt + 1) : '';
  if (!/^\d+$/.test(fraction) && fraction !== '') return { error: 'it is not a number' };
  // Thousands marks: spaces or apostrophes, and at most one kind of comma or dot, between groups of three.
  const marks = new Set(whole.replace(/\d/g, '').replace(/[\s\u00A0\u202F']/g, ''));
  if (marks.size > 1) return { error: 'it is not a number' };
  if (!/^\d+$/.test(whole) && !/^\d{1,3}([.,'\s\u00A0\u202F]\d{3})*$/.test(whole)) return { error: 'it is not a number' };
  const value = Number(`${whole.replace(/\D/g, '')}${fraction ? `.${fraction}` : ''}`);
  if (!Number.isFinite(value)) return { error: 'it is not a number' };
  if (value > MAX_PROJECT_VALUE) return { error: `it is over ${MAX_PROJECT_VALUE.toLocaleString('en')}` };
  return { ok: { value, currency: named[0] ?? null } };
}

/** Words a spreadsheet may use for each status (lower-case). */
const STATUS_WORDS: Readonly<Record<string, ProjectStatus>> = {
  proposed: 'proposed',
  proposal: 'proposed',
  pitched: 'proposed',
  active: 'active',
  ongoing: 'active',
  'in progress': 'active',
  running: 'active',
  done: 'done',
  completed: 'done',
  complete: 'done',
  finished: 'done',
  delivered: 'done',
  lost: 'lost',
  cancelled: 'lost',
  canceled: 'lost',
  declined: 'lost',
};

/** The status of a project whose file says none: done once it ended before today, else active. */
export function defaultProjectStatus(endDay: string | null, today: string): ProjectStatus {
  return endDay !== null && endDay < today ? 'done' : 'active';
}

/** A draft read: the project's fields as they will be saved, but for its client (matched apart) and a missing status. */
export interface ReadProject {
  row: number;
  /** The client's cells that are addresses (normalised) and those that are names, in column order. */
  clientAddresses: string[];
  clientNames: string[];
  title: string;
  startDay: string;
  endDay: string | null;
  /** Null: the file says none (defaultProjectStatus decides). */
  status: ProjectStatus | null;
  value: number | null;
  currency: string | null;
  note: string;
}

export interface ProjectRefusal {
  row: number;
  /** The row's client or title, to find it in the file. */
  name: string;
  field: ProjectField | null;
  detail: string;
}

const MAX_TITLE_CHARS = 500;
const MAX_NOTE_CHARS = 2000;
const clip = (text: string, length: number) => (text.length > length ? `${text.slice(0, length)}…` : text);
const quoted = (text: string) => `“${clip(text.trim(), 40)}”`;

/** A row's label in messages: its client, else its title, else its number. */
export function draftLabel(draft: Pick<ProjectDraft, 'row' | 'clientRefs' | 'title'>): string {
  return clip(draft.clientRefs[0]?.trim() || draft.title.trim() || `row ${draft.row}`, 80);
}

/** Reads one draft: the project, or every reason it is refused (each naming its field). */
export function readProjectDraft(draft: ProjectDraft, order: DateOrder): { project: ReadProject } | { refusals: ProjectRefusal[] } {
  const name = draftLabel(draft);
  const refusals: ProjectRefusal[] = [];
  const refuse = (field: ProjectField, detail: string) => refusals.push({ row: draft.row, name, field, detail });

  const clientAddresses: string[] = [];
  const clientNames: string[] = [];
  for (const ref of draft.clientRefs) {
    const text = ref.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const address = normaliseEmail(text);
    if (address && EmailAddress.safeParse(address).success) clientAddresses.push(address);
    else if (text.includes('@')) refuse('client', `client ${quoted(text)} is not a valid address`);
    else if (text.length > MAX_TITLE_CHARS) refuse('client', `client name is longer than ${MAX_TITLE_CHARS} characters`);
    else clientNames.push(text);
  }
  if (draft.clientRefs.every((ref) => !ref.trim())) refuse('client', 'no client (an address or a name is needed)');

  const title = draft.title.replace(/\s+/g, ' ').trim();
  if (!title) refuse('title', 'no title');
  else if (title.length > MAX_TITLE_CHARS) refuse('title', `title is longer than ${MAX_TITLE_CHARS} characters`);

  const start = readProjectDay(draft.start, order);
  if ('error' in start) refuse('start', `start ${quoted(draft.start)}: ${start.error}`);
  else if (start.ok === null) refuse('start', 'no start day');
  const end = readProjectDay(draft.end, order);
  if ('error' in end) refuse('end', `end ${quoted(draft.end)}: ${end.error}`);

  const money = readMoney(draft.value);
  if ('error' in money) refuse('value', `value ${quoted(draft.value)}: ${money.error}`);
  let currency: string | null = null;
  const currencyText = draft.currency.trim();
  if (currencyText) {
    const sign = Object.hasOwn(CURRENCY_SIGNS, currencyText) ? CURRENCY_SIGNS[currencyText] : undefined;
    const code = sign ?? currencyText.toUpperCase();
    if (isCurrencyCode(code)) currency = code;
    else refuse('currency', `currency ${quoted(currencyText)} is not a currency code Tend knows (three letters, such as EUR, USD or GBP)`);
  }
  if ('ok' in money && money.ok.currency) {
    if (currency && currency !== money.ok.currency) refuse('value', `value ${quoted(draft.value)} is in ${money.ok.currency}, but the currency column says ${currency}`);
    else if (!currencyText) currency = money.ok.currency;
  }

  const statusText = draft.status.replace(/\s+/g, ' ').trim().toLowerCase();
  const status = statusText ? (STATUS_WORDS[statusText] ?? null) : null;
  if (statusText && !status) refuse('status', `status ${quoted(draft.status)} is not one of ${PROJECT_STATUSES.join(', ')}`);

  const note = draft.note.trim();
  if (note.length > MAX_NOTE_CHARS) refuse('note', `note is longer than ${MAX_NOTE_CHARS.toLocaleString('en')} characters`);

  if (refusals.length) return { refusals };
  const project: ReadProject = {
    row: draft.row,
    clientAddresses,
    clientNames,
    title,
    startDay: (start as { ok: string }).ok,
    endDay: (end as { ok: string | null }).ok,
    status,
    value: (money as { ok: { value: number | null } }).ok.value,
    currency,
    note,
  };
  const problem = projectProblem(project);
  if (problem) {
    if (problem.field === 'endDay') refuse('end', `end ${quoted(draft.end)} is before the start ${quoted(draft.start)}`);
    else refuse('currency', `value ${quoted(draft.value)} has no currency (add a currency column, or write it as €12,500 or 12,500 EUR)`);
    return { refusals };
  }
  return { project };
}

/** A client's name as a file's name is compared with it: case and spacing aside. */
export const clientNameKey = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('en');

export interface MatchableClient {
  id: string;
  name: string;
  emails: readonly string[];
}

/**
 * The client a project belongs to: the owner of any of its addresses, else the one
 * client with exactly its name. Several clients of that name, or none: refused.
 */
export function matchProjectClient<C extends MatchableClient>(
  project: Pick<ReadProject, 'clientAddresses' | 'clientNames'>,
  byAddress: ReadonlyMap<string, C>,
  byName: ReadonlyMap<string, readonly C[]>,
): { client: C } | { field: 'client'; detail: string } {
  for (const address of project.clientAddresses) {
    const owner = byAddress.get(address);
    if (owner) return { client: owner };
  }
  for (const name of project.clientNames) {
    const named = byName.get(clientNameKey(name)) ?? [];
    if (named.length === 1) return { client: named[0]! };
    if (named.length > 1) return { field: 'client', detail: `${named.length} clients are named ${quoted(name)}: write the client’s address instead` };
  }
  const address = project.clientAddresses[0];
  const name = project.clientNames[0];
  if (address && name) return { field: 'client', detail: `no client has the address ${quoted(address)} or is named ${quoted(name)}` };
  if (address) return { field: 'client', detail: `no client has the address ${quoted(address)}` };
  return { field: 'client', detail: `no client is named ${quoted(name ?? '')}` };
}

/** Same client, same title (case and spacing aside), same start day: the same project. */
export const sameProjectKey = (project: { clientId: string; title: string; startDay: string }) =>
  `${project.clientId}\u0000${clientNameKey(project.title)}\u0000${project.startDay}`;
