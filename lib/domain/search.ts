/**
 * Search over clients and saved resources: pure functions over an in-memory
 * corpus (built and kept fresh by lib/background/clients.ts), so a keystroke never
 * reads IndexedDB. Every searchable text is normalised once when it enters the
 * corpus (lower-case, diacritics gone, punctuation to spaces); a query term matches
 * where a word starts with it ("love" finds "Lovelace"), and all terms must match.
 *
 * Ranking, best first (lower rank wins):
 *   0  the whole query starts the client's name or one of their addresses
 *   1  every term starts a word of the name or of an address, or the query's digits
 *      occur in a phone number (whatever its spaces, dashes or trunk 0)
 *   2  …or of the company or a company domain
 *   3  …or of a tag
 *   4  …or of a personal detail or a note / call / meeting text
 * A client's rank is its weakest term's best field. Archived clients come after
 * the others of the same rank, then names alphabetically.
 */

export const RANK = { prefix: 0, name: 1, company: 2, tag: 3, text: 4 } as const;
export type Rank = (typeof RANK)[keyof typeof RANK];
export type MatchField = 'name' | 'address' | 'phone' | 'company' | 'tag' | 'text';

const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, diacritics stripped, anything but letters and digits turned into single spaces. */
export function normalise(text: string): string {
  // Plain ASCII (most of what people type) needs no Unicode decomposition: the
  // same result, several times faster, which counts when indexing 200,000 notes.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The query's terms, normalised; at most 8 (longer queries are typing, not searching). */
export function termsOf(query: string): string[] {
  const normal = normalise(query);
  return normal ? normal.split(' ').slice(0, 8) : [];
}

/** ' a b c ': a term t starts a word exactly where ' ' + t occurs. */
function hay(parts: readonly string[]): string {
  const words = parts.map(normalise).filter(Boolean);
  return words.length ? ` ${words.join(' ')} ` : '';
}

export interface ClientFields {
  id: string;
  name: string;
  company: string;
  emails: readonly string[];
  domains: readonly string[];
  tags: readonly string[];
  /** Rows stored before phones existed have none. */
  phones?: readonly string[];
  archived: boolean;
}

/** The searchable form of a client's own fields. */
export interface ClientEntry {
  id: string;
  name: string;
  company: string;
  archived: boolean;
  nameN: string;
  emails: readonly string[];
  /** Each address as words (` ada analytical example `), parallel to `emails`. */
  emailHays: readonly string[];
  nameHay: string;
  companyHay: string;
  tagHay: string;
  tags: readonly string[];
  phones: readonly string[];
  /** Each phone's digits ("442079460958"), parallel to `phones`. */
  phoneDigits: readonly string[];
}

export function clientEntry(client: ClientFields): ClientEntry {
  return {
    id: client.id,
    name: client.name,
    company: client.company,
    archived: client.archived,
    nameN: normalise(client.name),
    emails: client.emails.map((email) => email.toLowerCase()),
    emailHays: client.emails.map((email) => ` ${normalise(email)}`),
    nameHay: hay([client.name, ...client.emails]),
    companyHay: hay([client.company, ...client.domains]),
    tagHay: hay(client.tags),
    tags: client.tags,
    phones: client.phones ?? [],
    phoneDigits: (client.phones ?? []).map((phone) => phone.replace(/\D/g, '')),
  };
}

/** Fewer digits than this are a year or a house number, not a phone being looked for. */
const MIN_PHONE_QUERY_DIGITS = 4;

/**
 * The digits of a query that reads as a phone number ("+44 20 7946 0958",
 * "(020) 7946-0958", "7946 0958"), and the same without a leading trunk 0: a number
 * written nationally ("020 …") is stored in E.164 without it ("+4420 …"). Null when the
 * query holds anything but digits and phone punctuation.
 */
export function phoneQueryDigits(query: string): string[] | null {
  const trimmed = query.trim();
  if (!/^[+\d\s().\-/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_PHONE_QUERY_DIGITS) return null;
  const national = digits.replace(/^0+/, '');
  return national !== digits && national.length >= MIN_PHONE_QUERY_DIGITS ? [digits, national] : [digits];
}

/** Index of the client's phone the query's digits occur in, or -1. */
function phoneMatch(client: ClientEntry, digits: readonly string[] | null): number {
  if (!digits) return -1;
  return client.phoneDigits.findIndex((phone) => digits.some((d) => phone.includes(d)));
}

/** A client's free texts: personal details and note / call / meeting texts. */
export interface TextEntry {
  /** Original texts, for the excerpt shown with a result. */
  texts: readonly string[];
  /** All texts normalised and joined, each as ` words `. */
  hay: string;
  /** Where each text starts in `hay`. */
  starts: readonly number[];
}

export function textEntry(texts: readonly string[]): TextEntry {
  const kept: string[] = [];
  const starts: number[] = [];
  let joined = '';
  for (const text of texts) {
    const normal = normalise(text);
    if (!normal) continue;
    starts.push(joined.length);
    kept.push(text);
    joined += ` ${normal} `;
  }
  return { texts: kept, hay: joined, starts };
}

export interface ResourceFields {
  id: string;
  title: string;
  url: string;
  site: string;
  excerpt: string;
  /** The private notes per client: the dashboard's search finds a resource by any of them. */
  notes: Readonly<Record<string, string>>;
  clientIds: readonly string[];
}

export interface ResourceEntry extends ResourceFields {
  titleHay: string;
  textHay: string;
}

export function resourceEntry(resource: ResourceFields): ResourceEntry {
  return {
    ...resource,
    titleHay: hay([resource.title]),
    textHay: hay([resource.excerpt, ...Object.values(resource.notes), resource.site]),
  };
}

export interface ClientHit {
  id: string;
  name: string;
  company: string;
  archived: boolean;
  rank: Rank;
  field: MatchField;
  /** What matched when it is not the name: the address, company, tag or a piece of text. */
  excerpt: string;
}

export interface ResourceHit {
  id: string;
  title: string;
  url: string;
  site: string;
  clientIds: readonly string[];
  /** 0: the title matches; 1: only its excerpt or note. */
  rank: 0 | 1;
  excerpt: string;
}

export interface SearchResult {
  clients: ClientHit[];
  resources: ResourceHit[];
  /** All matching clients (only `limit` are returned). */
  clientTotal: number;
}

const EXCERPT = 90;

/** A window of `text` around the first place `term` occurs, at most EXCERPT characters. */
export function excerptOf(text: string, term: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= EXCERPT) return flat;
  const at = Math.max(0, flat.toLowerCase().indexOf(term));
  const start = Math.max(0, Math.min(at - 30, flat.length - EXCERPT));
  return `${start > 0 ? '…' : ''}${flat.slice(start, start + EXCERPT).trim()}${start + EXCERPT < flat.length ? '…' : ''}`;
}

/** Index of the text in `entry` that holds position `at` of its hay. */
function textIndexAt(entry: TextEntry, at: number): number {
  let lo = 0;
  let hi = entry.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (entry.starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Corpus {
  clients: Iterable<ClientEntry>;
  texts: (clientId: string) => TextEntry | undefined;
  resources: Iterable<ResourceEntry>;
}

export function search(corpus: Corpus, query: string, limit = 20): SearchResult {
  const terms = termsOf(query);
  if (terms.length === 0) return { clients: [], resources: [], clientTotal: 0 };
  const needles = terms.map((term) => ` ${term}`);
  const whole = terms.join(' ');
  const rawQuery = query.trim().toLowerCase();
  const phoneDigits = phoneQueryDigits(query);

  // The scan keeps only what ranking needs; excerpts are made for the shown hits only.
  interface Candidate {
    client: ClientEntry;
    rank: Rank;
    field: MatchField;
    address: string | null;
    phone: number;
    text: TextEntry | null;
    textAt: number;
    textTerm: number;
    tagTerm: number;
  }
  const candidates: Candidate[] = [];
  for (const client of corpus.clients) {
    let rank: Rank = RANK.prefix;
    let textEntryOf: TextEntry | undefined | null = null;
    let textAt = -1;
    let textTerm = -1;
    let tagTerm = -1;
    let matched = true;
    for (let i = 0; i < needles.length; i += 1) {
      const needle = needles[i]!;
      let best: Rank;
      if (client.nameHay.includes(needle)) best = RANK.name;
      else if (client.companyHay.includes(needle)) best = RANK.company;
      else if (client.tagHay.includes(needle)) {
        best = RANK.tag;
        if (tagTerm < 0) tagTerm = i;
      } else {
        if (textEntryOf === null) textEntryOf = corpus.texts(client.id);
        const at = textEntryOf ? textEntryOf.hay.indexOf(needle) : -1;
        if (at < 0) {
          matched = false;
          break;
        }
        best = RANK.text;
        if (textAt < 0) {
          textAt = at;
          textTerm = i;
        }
      }
      if (best > rank) rank = best;
    }
    const phone = phoneMatch(client, phoneDigits);
    if (!matched) {
      // A phone number's pieces need not start words of anything: its digits match as a whole.
      if (phone < 0) continue;
      candidates.push({ client, rank: RANK.name, field: 'phone', address: null, phone, text: null, textAt: -1, textTerm: -1, tagTerm: -1 });
      continue;
    }
    let field: MatchField = rank === RANK.company ? 'company' : rank === RANK.tag ? 'tag' : rank === RANK.text ? 'text' : 'name';
    let address: string | null = null;
    if (client.nameN.startsWith(whole)) {
      rank = RANK.prefix;
      field = 'name';
    } else {
      const prefixed = client.emails.find((email) => email.startsWith(rawQuery));
      if (prefixed) {
        rank = RANK.prefix;
        field = 'address';
        address = prefixed;
      } else if (rank === RANK.name && !` ${client.nameN}`.includes(needles[0]!)) {
        // The name words did not match: an address did.
        const index = client.emailHays.findIndex((hayOfEmail) => hayOfEmail.includes(needles[0]!));
        if (index >= 0) {
          field = 'address';
          address = client.emails[index]!;
        }
      }
    }
    if (phone >= 0 && rank > RANK.name) {
      rank = RANK.name;
      field = 'phone';
    }
    candidates.push({ client, rank, field, address, phone, text: textEntryOf ?? null, textAt, textTerm, tagTerm });
  }
  candidates.sort(
    (a, b) =>
      a.rank - b.rank ||
      Number(a.client.archived) - Number(b.client.archived) ||
      (a.client.nameN < b.client.nameN ? -1 : a.client.nameN > b.client.nameN ? 1 : a.client.id < b.client.id ? -1 : 1),
  );
  const hits: ClientHit[] = candidates.slice(0, limit).map(({ client, rank, field, address, phone, text, textAt, textTerm, tagTerm }) => {
    let excerpt = '';
    if (field === 'address') excerpt = address ?? '';
    else if (field === 'phone') excerpt = client.phones[phone] ?? '';
    else if (field === 'company') excerpt = client.company;
    else if (field === 'tag') excerpt = client.tags.find((tag) => ` ${normalise(tag)}`.includes(needles[tagTerm]!)) ?? '';
    else if (field === 'text' && text) excerpt = excerptOf(text.texts[textIndexAt(text, textAt)]!, terms[textTerm]!);
    return { id: client.id, name: client.name, company: client.company, archived: client.archived, rank, field, excerpt };
  });

  const resources: ResourceHit[] = [];
  for (const resource of corpus.resources) {
    let titleOnly = true;
    let all = true;
    for (const needle of needles) {
      if (resource.titleHay.includes(needle)) continue;
      titleOnly = false;
      if (!resource.textHay.includes(needle)) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    const source = resource.excerpt || Object.values(resource.notes).join('\n');
    resources.push({
      id: resource.id,
      title: resource.title,
      url: resource.url,
      site: resource.site,
      clientIds: resource.clientIds,
      rank: titleOnly ? 0 : 1,
      excerpt: source ? excerptOf(source, terms[0]!) : '',
    });
  }
  resources.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title));

  return { clients: hits, resources: resources.slice(0, Math.min(limit, 10)), clientTotal: candidates.length };
}
