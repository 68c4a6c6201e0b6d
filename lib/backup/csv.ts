/**
 * Contacts CSV exports of Google Contacts (current and older "Google CSV" headers)
 * and Outlook (outlook.com and desktop), read with papaparse: quoted newlines,
 * comma or semicolon separators (Excel in many locales) and a BOM all work.
 */
import Papa from 'papaparse';
import type { ContactDraft } from './contacts';
import { ImportError } from './decode';

export type CsvKind = 'google' | 'outlook' | 'generic';

export interface ParsedCsv {
  kind: CsvKind;
  drafts: ContactDraft[];
  /** Columns Tend does not read (reported, not imported). */
  ignoredColumns: string[];
}

type Record_ = Record<string, string>;

/** Reads the text into header-keyed records (no prototype: a "__proto__" column is a plain key). */
export function csvRecords(text: string): { headers: string[]; records: Record_[] } {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const [head, ...body] = result.data;
  if (!head || head.length === 0) throw new ImportError('This file is empty: there are no contacts to import.');
  const headers = head.map((h) => String(h).trim());
  const records = body.map((cells) => {
    const record: Record_ = Object.create(null);
    headers.forEach((h, i) => {
      if (h) record[h] = String(cells[i] ?? '');
    });
    return record;
  });
  return { headers, records };
}

const lower = (headers: string[]) => new Set(headers.map((h) => h.toLowerCase()));

export function csvKind(headers: string[]): CsvKind {
  const h = lower(headers);
  if (h.has('e-mail 1 - value') || h.has('given name') || h.has('organization name') || h.has('organization 1 - name')) return 'google';
  if (h.has('e-mail address') || h.has('job title') || (h.has('company') && h.has('first name'))) return 'outlook';
  return 'generic';
}

/** Columns matched case-insensitively; the first non-empty one wins. */
function pick(record: Record_, index: Map<string, string>, ...names: string[]): string {
  for (const name of names) {
    const header = index.get(name.toLowerCase());
    const value = header === undefined ? undefined : record[header];
    if (value && value.trim()) return value.trim();
  }
  return '';
}

const USED: Record<CsvKind, string[]> = {
  google: ['Name', 'First Name', 'Given Name', 'Middle Name', 'Additional Name', 'Last Name', 'Family Name', 'Name Prefix', 'Name Suffix', 'Nickname',
    'Organization Name', 'Organization 1 - Name', 'Organization Title', 'Organization 1 - Title', 'Labels', 'Group Membership', 'Birthday', 'Notes'],
  outlook: ['Name', 'First Name', 'Middle Name', 'Last Name', 'Company', 'Job Title', 'E-mail Address', 'E-mail 2 Address', 'E-mail 3 Address', 'Birthday', 'Notes', 'Categories'],
  generic: ['Name', 'Full Name', 'Display Name', 'First Name', 'Last Name', 'Email', 'E-mail', 'Email Address', 'Company', 'Organization', 'Title', 'Role', 'Job Title', 'Birthday', 'Notes', 'Tags'],
};

function isEmailColumn(kind: CsvKind, header: string): boolean {
  const h = header.toLowerCase();
  if (kind === 'google') return /^e-mail \d+ - value$/.test(h);
  if (kind === 'outlook') return /^e-mail( \d)? address$/.test(h);
  return /^(e-?mail|email address|e-mail address)( ?\d)?$/.test(h);
}

/**
 * Phone columns: Google's "Phone 1 - Value" …, Outlook's "Mobile Phone", "Business
 * Phone 2", "Primary Phone", "Company Main Phone" … (not its faxes and pagers), and a
 * generic file's "Phone", "Mobile", "Telephone", "Work phone" and the like.
 */
function isPhoneColumn(kind: CsvKind, header: string): boolean {
  const h = header.toLowerCase().trim();
  if (kind === 'google') return /^phone \d+ - value$/.test(h);
  if (/fax|pager|telex/.test(h)) return false;
  if (kind === 'outlook') return /phone( \d)?$/.test(h) || h === 'callback';
  return /^((work|home|mobile|cell|business|office|main|primary|other) )?(phone|mobile|telephone|tel|cell)( number)?( ?\d)?$/.test(h);
}

function splitTags(kind: CsvKind, value: string): string[] {
  if (!value) return [];
  const parts = kind === 'google' ? value.split(':::') : value.split(/[;,]/);
  // Google's system groups ("* myContacts", "* starred") are not the user's tags.
  return parts.map((t) => t.trim()).filter((t) => t && !t.startsWith('* ') && t !== 'System Group: My Contacts');
}

export function parseContactsCsv(text: string): ParsedCsv {
  const { headers, records } = csvRecords(text);
  const kind = csvKind(headers);
  const index = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const emailColumns = headers.filter((h) => isEmailColumn(kind, h));
  const phoneColumns = headers.filter((h) => isPhoneColumn(kind, h));
  if (kind === 'generic' && emailColumns.length === 0 && !['name', 'full name', 'first name'].some((h) => index.has(h))) {
    throw new ImportError(
      'Tend does not recognise these columns. Export from Google Contacts (“Google CSV”) or Outlook (“CSV”), or use a vCard file.',
    );
  }
  const used = new Set([...USED[kind], ...emailColumns, ...phoneColumns].map((h) => h.toLowerCase()));
  // A type column ("Phone 1 - Type": Mobile, Work) describes a value Tend imports.
  const ignoredColumns = headers.filter((h) => h && !used.has(h.toLowerCase()) && !/^(e-mail|phone) \d+ - (type|label)$/i.test(h));
  const drafts = records.map((record, i): ContactDraft => {
    const first = pick(record, index, 'First Name', 'Given Name');
    const middle = pick(record, index, 'Middle Name', 'Additional Name');
    const last = pick(record, index, 'Last Name', 'Family Name');
    const composed = [first, middle, last].filter(Boolean).join(' ');
    const name = pick(record, index, 'Name', 'Full Name', 'Display Name') || composed || pick(record, index, 'Nickname');
    const emails = emailColumns
      // Google packs several addresses into one cell: "a@x.com ::: b@y.com".
      .flatMap((h) => (record[h] ?? '').split(/:::|;/))
      .map((e) => e.trim())
      .filter(Boolean);
    const phones = phoneColumns
      // Google packs several numbers into one cell too: "+44 20 7946 0958 ::: 07700 900123".
      .flatMap((h) => (record[h] ?? '').split(/:::|;/))
      .map((p) => p.trim())
      .filter(Boolean);
    return {
      row: i + 1,
      name,
      emails,
      company: pick(record, index, 'Organization Name', 'Organization 1 - Name', 'Company', 'Organization'),
      role: pick(record, index, 'Organization Title', 'Organization 1 - Title', 'Job Title', 'Title', 'Role'),
      birthday: pick(record, index, 'Birthday'),
      notes: pick(record, index, 'Notes'),
      tags: splitTags(kind, pick(record, index, 'Labels', 'Group Membership', 'Categories', 'Tags')),
      phones,
    };
  });
  return { kind, drafts, ignoredColumns };
}
