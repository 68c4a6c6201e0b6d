/**
 * A file the user picked to import, told apart by content (not by name): a Tend
 * backup (JSON), a vCard file, or a contacts CSV.
 */
import { parseContactsCsv, type CsvKind } from './csv';
import { parseVCards } from './vcard';
import type { ContactDraft } from './contacts';

export type ContactsFile = {
  kind: 'contacts';
  source: CsvKind | 'vcard';
  drafts: ContactDraft[];
  ignoredColumns: string[];
};

export function looksLikeBackup(text: string): boolean {
  return /^\s*[{[]/.test(text);
}

export function looksLikeVCard(text: string): boolean {
  return /^\s*BEGIN:VCARD/i.test(text.replace(/^\uFEFF/, ''));
}

export function readContactsFile(text: string): ContactsFile {
  if (looksLikeVCard(text)) return { kind: 'contacts', source: 'vcard', drafts: parseVCards(text), ignoredColumns: [] };
  const csv = parseContactsCsv(text);
  return { kind: 'contacts', source: csv.kind, drafts: csv.drafts, ignoredColumns: csv.ignoredColumns };
}

export const SOURCE_LABELS: Record<ContactsFile['source'], string> = {
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  generic: 'CSV',
  vcard: 'vCard',
};
