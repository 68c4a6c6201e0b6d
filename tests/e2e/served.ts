/**
 * The table of what an offline test web answers, shared by the Chromium harness
 * (Playwright's request routing, ./harness.ts) and the Firefox one (a local https
 * server behind a proxy, ../e2e-firefox/firefox.ts). Driver-free.
 */
export interface ServedResponse {
  body: string;
  /** Default text/html; charset=utf-8. */
  contentType?: string;
  /** Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Answer only document (page and frame) loads; other requests under the URL are
   * blocked like everything else. Used for the mail hosts, where the fixture stands
   * for the whole app but must not also answer its favicon or XHRs. */
  documentsOnly?: boolean;
}

export type ServeMatch = 'prefix' | 'exact';

export interface ServedEntry extends ServedResponse {
  /** The URL without its #fragment (it never reaches the network). */
  url: string;
  match: ServeMatch;
}

/** Puts `response` into `served` for `url` (replacing an earlier answer for it). */
export function addServed(served: Map<string, ServedEntry>, url: string, response: ServedResponse, match: ServeMatch): void {
  const bare = url.split('#')[0] ?? url;
  served.set(`${match} ${bare}`, { ...response, url: bare, match });
}

/** The entry answering `url`: an exact entry beats any prefix; among prefixes the longest wins. */
export function findServed(served: Iterable<ServedEntry>, url: string): ServedEntry | undefined {
  const withoutHash = url.split('#')[0] ?? url;
  let best: ServedEntry | undefined;
  for (const entry of served) {
    const hit = entry.match === 'exact' ? withoutHash === entry.url : withoutHash.startsWith(entry.url);
    if (hit && (!best || entry.match === 'exact' || (best.match !== 'exact' && entry.url.length > best.url.length))) best = entry;
  }
  return best;
}
