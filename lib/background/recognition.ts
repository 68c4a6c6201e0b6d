/**
 * Who the people of a conversation are: the user's own addresses left out, each
 * other person matched against the clients found by index (address, name key,
 * company domain). Used by the sidebar view and by recording seen emails.
 */
import type { Client, Settings } from '../model';
import type { ThreadSnapshot } from '../hosts/thread';
import { normaliseEmail } from '../domain/addresses';
import { correspondentsOf, lookupKeys, recognise, type Correspondent } from '../domain/recognition';
import type { ServiceContext } from './context';

type Reader = Pick<ServiceContext, 'db' | 'readSettings'>;

/**
 * Who "me" is on this page: the addresses the user confirmed, and the page's own
 * account address at once (`trusted` has already dropped one the user said is not
 * theirs). An address the pages showed before but the user has not confirmed is
 * not "me" elsewhere.
 */
function ownAddresses(settings: Settings, snapshot: ThreadSnapshot): Set<string> {
  const own = new Set<string>(settings.ownAddresses);
  const account = normaliseEmail(snapshot.accountAddress);
  if (account) own.add(account);
  return own;
}

/**
 * The page's account address when the user has not yet said whether it is theirs:
 * the sidebar asks "Is … your address?". Null when there is nothing to ask.
 */
export function ownAddressQuestion(settings: Settings, snapshot: ThreadSnapshot): string | null {
  const account = normaliseEmail(snapshot.accountAddress);
  if (!account || settings.ownAddresses.includes(account) || settings.notOwnAddresses.includes(account)) return null;
  return account;
}

/**
 * Notes a newly seen account address as waiting for the user's answer (never as
 * their own: that takes "Yes, that's me"); true when it was new.
 */
export async function rememberAccountAddress({ db, readSettings }: Reader, snapshot: ThreadSnapshot): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const settings = await readSettings();
    const account = ownAddressQuestion(settings, snapshot);
    if (!account || settings.detectedOwnAddresses.includes(account)) return false;
    const detected = [...settings.detectedOwnAddresses, account].slice(-50);
    await db.settings.put({ key: 'detectedOwnAddresses', value: detected });
    return true;
  });
}

/** Clients that could be any of these people, fetched by index. */
async function candidatesFor({ db }: Reader, people: readonly Correspondent[]): Promise<Client[]> {
  const keys = lookupKeys(people);
  const [byEmail, byName, byDomain] = await Promise.all([
    keys.emails.length ? db.clients.where('emails').anyOf(keys.emails).toArray() : [],
    keys.nameKeys.length ? db.clients.where('nameKeys').anyOf(keys.nameKeys).toArray() : [],
    keys.domains.length ? db.clients.where('domains').anyOf(keys.domains).toArray() : [],
  ]);
  const unique = new Map<string, Client>();
  for (const client of [...byEmail, ...byName, ...byDomain]) unique.set(client.id, client);
  return [...unique.values()];
}

/**
 * The conversation as the user's answers make it: an account address the user
 * said is not theirs is no account at all (the pure rules take a page's account
 * address as "me").
 */
function trusted(settings: Settings, snapshot: ThreadSnapshot): ThreadSnapshot {
  const account = normaliseEmail(snapshot.accountAddress);
  return account && settings.notOwnAddresses.includes(account) ? { ...snapshot, accountAddress: null } : snapshot;
}

/**
 * Everyone in the conversation but the user, each recognised; the conversation as
 * read for them; and the settings that decided it (read once, for the caller too).
 */
export async function recogniseAll(context: Reader, pageSnapshot: ThreadSnapshot) {
  const settings = await context.readSettings();
  const snapshot = trusted(settings, pageSnapshot);
  const own = ownAddresses(settings, snapshot);
  const people = correspondentsOf(snapshot, own);
  const candidates = await candidatesFor(context, people);
  return { own, snapshot, settings, people: people.map((person) => ({ person, recognition: recognise(person, candidates) })) };
}
