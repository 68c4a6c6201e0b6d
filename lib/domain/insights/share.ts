import type { ClientRef, Share } from './view';

/** `count` of `of`, with no value (never NaN) when `of` is 0. */
export function share(count: number, of: number): Share {
  return { value: of > 0 ? count / of : null, count, of };
}

/** How the view names a client. */
export function clientRef(client: { id: string; name: string; company: string }): ClientRef {
  return { clientId: client.id, name: client.name, company: client.company };
}

/** By name, then id: a total order, so equal names never come out in an arbitrary order. */
export function byName(a: { name: string; id?: string; clientId?: string }, b: { name: string; id?: string; clientId?: string }): number {
  const byNames = a.name.localeCompare(b.name);
  if (byNames !== 0) return byNames;
  const idA = a.id ?? a.clientId ?? '';
  const idB = b.id ?? b.clientId ?? '';
  return idA < idB ? -1 : idA > idB ? 1 : 0;
}
