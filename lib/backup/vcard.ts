/**
 * vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350) as Google, Apple and Outlook export
 * them: folded lines, grouped properties ("item1.EMAIL"), QUOTED-PRINTABLE values in
 * 2.1/3.0 (soft line breaks included), escaped commas, semicolons and newlines.
 */
import type { ContactDraft } from './contacts';
import { ImportError } from './decode';

interface Property {
  name: string;
  params: Map<string, string>;
  value: string;
}

/** Unfolds continuation lines (CRLF + space or tab) and QUOTED-PRINTABLE soft breaks. */
function logicalLines(text: string): string[] {
  const physical = text.replace(/\r\n?/g, '\n').split('\n');
  const lines: string[] = [];
  for (const line of physical) {
    const previous = lines.length ? lines[lines.length - 1]! : null;
    if (previous !== null && (line.startsWith(' ') || line.startsWith('\t'))) {
      lines[lines.length - 1] = previous + line.slice(1);
    } else if (previous !== null && /QUOTED-PRINTABLE/i.test(previous.split(':')[0] ?? '') && previous.endsWith('=')) {
      lines[lines.length - 1] = previous.slice(0, -1) + line;
    } else {
      lines.push(line);
    }
  }
  return lines;
}

function parseProperty(line: string): Property | null {
  // The value starts after the first colon outside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [rawName, ...rawParams] = line.slice(0, colon).split(';');
  const name = (rawName ?? '').replace(/^[^.]*\./, '').toUpperCase();
  const params = new Map<string, string>();
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    // 2.1 bare parameters: "EMAIL;INTERNET;QUOTED-PRINTABLE:".
    if (eq < 0) params.set(param.toUpperCase() === 'QUOTED-PRINTABLE' ? 'ENCODING' : 'TYPE', param.toUpperCase());
    else params.set(param.slice(0, eq).toUpperCase(), param.slice(eq + 1).replace(/^"|"$/g, ''));
  }
  return { name, params, value: line.slice(colon + 1) };
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
    }
  }
  const label = /^(utf-?8|iso-8859-1|windows-1252|latin1)$/i.test(charset) ? charset : 'utf-8';
  try {
    return new TextDecoder(label).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('windows-1252').decode(new Uint8Array(bytes));
  }
}

/** Splits on an unescaped separator, then unescapes each part (\\, \, \; \n). */
function splitEscaped(value: string, separator: ',' | ';' | null): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      const next = value[i + 1]!;
      current += next === 'n' || next === 'N' ? '\n' : next;
      i += 1;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** A text value unescaped, with no separator to split on. */
const text = (value: string) => splitEscaped(value, null)[0]!;

export function parseVCards(input: string): ContactDraft[] {
  const lines = logicalLines(input.replace(/^\uFEFF/, ''));
  const drafts: ContactDraft[] = [];
  let current: (ContactDraft & { phones: string[] }) | null = null;
  let n = '';
  for (const line of lines) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      current = { row: drafts.length + 1, name: '', emails: [], company: '', role: '', birthday: '', notes: '', tags: [], phones: [] };
      n = '';
      continue;
    }
    if (!current) continue;
    if (/^END:VCARD\s*$/i.test(line)) {
      if (!current.name && n) current.name = n;
      drafts.push(current);
      current = null;
      continue;
    }
    const property = parseProperty(line);
    if (!property) continue;
    let value = property.value;
    if ((property.params.get('ENCODING') ?? '').toUpperCase() === 'QUOTED-PRINTABLE') {
      value = decodeQuotedPrintable(value, property.params.get('CHARSET') ?? 'utf-8');
    }
    switch (property.name) {
      case 'FN':
        current.name = text(value).trim();
        break;
      case 'N': {
        // Family; Given; Additional; Prefix; Suffix
        const [family = '', given = '', additional = ''] = splitEscaped(value, ';');
        n = [given, additional, family].map((p) => p.trim()).filter(Boolean).join(' ');
        break;
      }
      case 'EMAIL':
        current.emails.push(text(value).replace(/^mailto:/i, '').trim());
        break;
      case 'TEL':
        // Every type (cell, work, home, voice …): vCard 4 may write it as a tel: URI.
        current.phones.push(text(value).replace(/^tel:/i, '').trim());
        break;
      case 'ORG':
        current.company = (splitEscaped(value, ';')[0] ?? '').trim();
        break;
      case 'TITLE':
        current.role = text(value).trim();
        break;
      case 'BDAY':
        current.birthday = text(value).trim();
        break;
      case 'NOTE':
        current.notes = current.notes ? `${current.notes}\n${text(value)}` : text(value);
        break;
      case 'CATEGORIES':
        current.tags.push(...splitEscaped(value, ',').map((t) => t.trim()).filter(Boolean));
        break;
      default:
        break;
    }
  }
  if (drafts.length === 0) throw new ImportError('No contacts found: this vCard file has no BEGIN:VCARD … END:VCARD entries.');
  return drafts;
}
