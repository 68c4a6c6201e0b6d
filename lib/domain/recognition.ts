/**
 * Who a thread is with, and which of them Tend knows. The caller reads the thread,
 * asks `lookupKeys` what to fetch by index, fetches those clients, and `recognise`s each
 * correspondent against them. Pure functions: no I/O.
 */
import type { Client } from '../model';
import type { Participant, ThreadSnapshot } from '../hosts/thread';
import { companyDomainOf, emailDomain, isPublicMailDomain, normaliseEmail } from './addresses';
import { nameKey } from './names';

export interface Correspondent {
  /** The best display name seen (the address when the page showed none). */
  name: string;
  /** Normalised address, or null where the page showed only a name. */
  email: string | null;
  /** `nameKey` of the display name; '' when there is none. */
  nameKey: string;
  /** The sender of the newest message not from the user. */
  isSender: boolean;
}

export type Recognition =
  | { kind: 'client'; client: Client; via: 'address' | 'confirmed-name' }
  | { kind: 'probable'; client: Client }
  | { kind: 'colleague'; client: Client }
  | { kind: 'unknown' };

/** Display names are page text: one line, bounded. */
const MAX_NAME = 500;

function cleanName(raw: string): string {
  if (typeof raw !== 'string') return '';
  return raw
    .slice(0, MAX_NAME * 2)
    .replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME);
}

type Score = [number, number, number, number];

/**
 * How tidy a display name is: 2 plain ("Jane Doe"), 1 shouting ("JANE DOE"),
 * 0 with decoration ("Doe, Jane", "Jane Doe (Ext)", quotes).
 */
function tidiness(name: string): number {
  if (/[,()[\]{}<>"“”«»@]/.test(name)) return 0;
  return name === name.toUpperCase() && name !== name.toLowerCase() ? 1 : 2;
}

/**
 * How good a display name is: none < an address shown as a name < a name; among names,
 * more words (Gmail shows "Jane" in one place and "Jane Doe" in another), then the
 * tidier spelling, then more characters.
 */
function nameScore(name: string, key: string): Score {
  if (name.length === 0) return [0, 0, 0, 0];
  if (key.length === 0) return [1, 0, 0, name.length];
  return [2, key.split(' ').length, tidiness(name), name.length];
}

function better(a: Score, b: Score): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return false;
}

interface Group {
  email: string | null;
  name: string;
  nameKey: string;
  score: Score;
  firstSeen: number;
}

interface Seen {
  email: string | null;
  name: string;
  key: string;
  position: number;
}

function offer(group: Group, name: string, key: string): void {
  const score = nameScore(name, key);
  if (better(score, group.score)) {
    group.name = name;
    group.nameKey = key;
    group.score = score;
  }
}

/** The normalised own addresses, the page's signed-in account included. */
export function ownAddressSet(ownAddresses: ReadonlySet<string>, accountAddress: string | null): Set<string> {
  const own = new Set<string>();
  for (const address of ownAddresses) {
    const normalised = normaliseEmail(address);
    if (normalised !== null) own.add(normalised);
  }
  const account = normaliseEmail(accountAddress);
  if (account !== null) own.add(account);
  return own;
}

/**
 * Everyone in the thread except the user, each once: the sender of the newest message
 * not from the user first (`isSender`), then the others in order of first appearance.
 * Participants are the same person when their normalised addresses are equal; one
 * shown by name only is merged into a participant with an address and the same name key
 * (or dropped when that is the user, or `ownNameKeys` or the page's account name names them).
 */
export function correspondentsOf(
  snapshot: ThreadSnapshot,
  ownAddresses: ReadonlySet<string>,
  ownNameKeys: ReadonlySet<string> = new Set(),
): Correspondent[] {
  const own = ownAddressSet(ownAddresses, snapshot.accountAddress);
  const ownKeys = new Set<string>();
  // The account's display name, where the page shows it: Outlook often names the
  // user without an address, and the user is never a correspondent.
  for (const key of [...ownNameKeys, snapshot.accountName ?? '']) {
    const k = nameKey(key);
    if (k.length > 0) ownKeys.add(k);
  }

  const seen: Seen[] = [];
  /** Each message's sender as read (null when unusable), in message order. */
  const senders: (Seen | null)[] = [];
  // A long thread repeats the same few people up to 150,000 times: read each form once.
  const memo = new Map<string, { email: string | null; name: string; key: string }>();
  const read = (p: Participant): Seen | null => {
    const memoKey = `${p.email ?? '\u0000'}\u0001${p.name}`;
    let parsed = memo.get(memoKey);
    if (parsed === undefined) {
      const name = cleanName(p.name);
      parsed = { email: normaliseEmail(p.email), name, key: nameKey(name) };
      memo.set(memoKey, parsed);
    }
    const { email, name, key } = parsed;
    if (email === null && key.length === 0) return null;
    const entry: Seen = { email, name, key, position: seen.length };
    seen.push(entry);
    return entry;
  };
  for (const message of snapshot.messages) {
    senders.push(read(message.from));
    for (const to of message.to) read(to);
  }

  // Pass 1: people with addresses. The user's own names become own keys.
  const byEmail = new Map<string, Group>();
  const byAddressedKey = new Map<string, Group>();
  for (const s of seen) {
    if (s.email === null) continue;
    if (own.has(s.email)) {
      if (s.key.length > 0) ownKeys.add(s.key);
      continue;
    }
    let group = byEmail.get(s.email);
    if (group === undefined) {
      group = { email: s.email, name: '', nameKey: '', score: [0, 0, 0, 0], firstSeen: s.position };
      byEmail.set(s.email, group);
    }
    offer(group, s.name, s.key);
  }
  for (const s of seen) {
    if (s.email === null || s.key.length === 0 || own.has(s.email)) continue;
    if (!byAddressedKey.has(s.key)) byAddressedKey.set(s.key, byEmail.get(s.email)!);
  }

  // Pass 2: people shown by name only.
  const byNameOnly = new Map<string, Group>();
  const groupOf = (s: Seen): Group | null => {
    if (s.email !== null) return own.has(s.email) ? null : byEmail.get(s.email)!;
    if (ownKeys.has(s.key)) return null;
    return byAddressedKey.get(s.key) ?? byNameOnly.get(s.key) ?? null;
  };
  for (const s of seen) {
    if (s.email !== null || ownKeys.has(s.key)) continue;
    let group = byAddressedKey.get(s.key) ?? byNameOnly.get(s.key);
    if (group === undefined) {
      group = { email: null, name: '', nameKey: s.key, score: [0, 0, 0, 0], firstSeen: s.position };
      byNameOnly.set(s.key, group);
    }
    group.firstSeen = Math.min(group.firstSeen, s.position);
    offer(group, s.name, s.key);
  }

  let sender: Group | null = null;
  for (let i = senders.length - 1; i >= 0 && sender === null; i -= 1) {
    const s = senders[i];
    if (s !== null && s !== undefined) sender = groupOf(s);
  }

  const groups = [...byEmail.values(), ...byNameOnly.values()].sort((a, b) => a.firstSeen - b.firstSeen);
  const ordered = sender === null ? groups : [sender, ...groups.filter((g) => g !== sender)];
  return ordered.map((g) => ({
    name: g.name.length > 0 ? g.name : (g.email ?? ''),
    email: g.email,
    nameKey: g.nameKey,
    isSender: g === sender,
  }));
}

function isActive(client: Client): boolean {
  return client.archivedAt === null || client.archivedAt === undefined;
}

/** The most recently updated first; the id breaks ties so the choice is stable. */
function newestFirst(a: Client, b: Client): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function hasEmail(client: Client, email: string): boolean {
  return client.emails.some((e) => normaliseEmail(e) === email);
}

function hasKey(keys: readonly string[] | undefined, key: string): boolean {
  return (keys ?? []).some((k) => k === key || nameKey(k) === key);
}

function hasDomain(client: Client, domain: string): boolean {
  if ((client.domains ?? []).some((d) => d.trim().toLowerCase().replace(/\.$/, '') === domain)) return true;
  return client.emails.some((e) => emailDomain(e) === domain);
}

/**
 * What Tend knows about a correspondent, from the clients the caller fetched for it
 * (which may include irrelevant ones). Archived clients never match.
 * - An address listed in a client's `emails`: that client, certainly.
 * - A name the user confirmed for a client (`confirmedNameKeys`): that client, certainly,
 *   but only when the correspondent's address (if any) belongs to no client.
 * - A name in a client's `nameKeys`: probably that client (the most recently updated
 *   one when several share the name), unless the user said that name is not them
 *   (`rejectedNameKeys`).
 * - An address at a company domain of a client: a colleague of the most recently updated one.
 */
export function recognise(c: Correspondent, candidates: readonly Client[]): Recognition {
  const email = c.email === null ? null : normaliseEmail(c.email);
  const key = c.nameKey.length > 0 ? nameKey(c.nameKey) : '';
  const active = candidates.filter(isActive).sort(newestFirst);

  if (email !== null) {
    const byAddress = active.find((client) => hasEmail(client, email));
    if (byAddress !== undefined) return { kind: 'client', client: byAddress, via: 'address' };
  }

  if (key.length > 0) {
    // An address some (archived) client owns is that person, whatever the name says.
    const addressKnown = email !== null && candidates.some((client) => hasEmail(client, email));
    if (!addressKnown) {
      const confirmed = active.find((client) => hasKey(client.confirmedNameKeys, key));
      if (confirmed !== undefined) return { kind: 'client', client: confirmed, via: 'confirmed-name' };
    }
    // "Not them": a display name the user said is not a client is never offered as them again.
    const named = active.find((client) => hasKey(client.nameKeys, key) && !hasKey(client.rejectedNameKeys, key));
    if (named !== undefined) return { kind: 'probable', client: named };
  }

  const domain = companyDomainOf(email);
  if (domain !== null) {
    const colleague = active.find((client) => hasDomain(client, domain));
    if (colleague !== undefined) return { kind: 'colleague', client: colleague };
  }
  return { kind: 'unknown' };
}

/** The index keys to fetch candidate clients by: addresses, name keys, company domains. */
export function lookupKeys(correspondents: readonly Correspondent[]): {
  emails: string[];
  nameKeys: string[];
  domains: string[];
} {
  const emails = new Set<string>();
  const nameKeys = new Set<string>();
  const domains = new Set<string>();
  for (const c of correspondents) {
    const email = c.email === null ? null : normaliseEmail(c.email);
    if (email !== null) {
      emails.add(email);
      const domain = emailDomain(email);
      if (domain !== null && !isPublicMailDomain(domain)) domains.add(domain);
    }
    const key = nameKey(c.nameKey);
    if (key.length > 0) nameKeys.add(key);
  }
  return { emails: [...emails], nameKeys: [...nameKeys], domains: [...domains] };
}

/**
 * The question a probable match asks: "Is this Kofi Mensah from Baobab Capital?".
 * The company tells two people of one name apart; without one, the address Tend
 * knows for the client; never the page's display name, which is the client's name
 * again (Outlook's "Is Kofi Mensah Kofi Mensah?").
 */
export function probableMatchQuestion(client: Pick<Client, 'name' | 'company' | 'emails'>): string {
  const company = client.company.trim();
  if (company) return `Is this ${client.name} from ${company}?`;
  const address = client.emails[0];
  return address ? `Is this ${client.name} (${address})?` : `Is this ${client.name}?`;
}
