/**
 * Who the people of a conversation are: the user's own addresses left out, each
 * other person matched against the clients found by index (address, name key,
 * company domain). Used by the sidebar view and by recording seen emails.
 */
import type { Client } from '../model';
import type { ThreadSnapshot } from '../hosts/thread';
import { normaliseEmail } from '../domain/addresses';
import { correspondentsOf, lookupKeys, recognise, type Correspondent } from '../domain/recognition';
import type { ServiceContext } from './context';

type Reader = Pick<ServiceContext, 'db' | 'readSettings'>;

export async function ownAddresses({ readSettings }: Reader, snapshot: ThreadSnapshot | null): Promise<Set<string>> {
  const settings = await readSettings();
  const own = new Set<string>([...settings.ownAddresses, ...settings.detectedOwnAddresses]);
  const account = normaliseEmail(snapshot?.accountAddress);
  if (account) own.add(account);
  return own;
}

/** Notes the mail account's own address as the user's; true when it was new. */
export async function rememberAccountAddress({ db, readSettings }: Reader, snapshot: ThreadSnapshot): Promise<boolean> {
  const account = normaliseEmail(snapshot.accountAddress);
  if (!account) return false;
  return db.transaction('rw', db.settings, async () => {
    const settings = await readSettings();
    if (settings.detectedOwnAddresses.includes(account)) return false;
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

export async function recogniseAll(context: Reader, snapshot: ThreadSnapshot) {
  const own = await ownAddresses(context, snapshot);
  const people = correspondentsOf(snapshot, own);
  const candidates = await candidatesFor(context, people);
  return { own, people: people.map((person) => ({ person, recognition: recognise(person, candidates) })) };
}
