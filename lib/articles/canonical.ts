/**
 * One address per article, so saving it twice adds clients instead of a copy:
 * the page's own canonical URL (`link[rel=canonical]`, else `og:url`) when it is a
 * web address, with tracking parameters and the fragment removed. Pure (no DOM),
 * so the background can recompute it from what the popup sent.
 */

/** Query parameters that only say how the reader arrived (never what they read). */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'mkt_tok', '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'rb_clickid', 's_cid', 'wickedid', 'ref_src', 'ref_url',
  '_ga', '_gl', 'spm', 'scid', 'cmpid', 'ncid', 'sr_share', 'share', 'at_medium', 'at_campaign',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'matomo_', 'stm_', 'hmb_', 'itm_'];

export function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** An http(s) URL, parsed; null for anything else (javascript:, data:, chrome:, junk). */
export function parseWebUrl(value: string | null | undefined, base?: string): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The URL without tracking parameters and fragment; the host lower-cased (URL does that). */
export function cleanUrl(value: string): string | null {
  const url = parseWebUrl(value);
  if (!url) return null;
  url.hash = '';
  for (const name of parameterNames(url.search)) if (isTrackingParam(name)) url.searchParams.delete(name);
  // `?` left over once every parameter went.
  if (url.search === '?') url.search = '';
  url.username = '';
  url.password = '';
  return url.href;
}

/**
 * The canonical URL of a page at `pageUrl` that declares `declared` (rel=canonical
 * or og:url, possibly relative). A declared address on another site is accepted
 * (syndicated articles name their original), but never a non-web one.
 */
export function canonicalUrlOf(pageUrl: string, declared: readonly (string | null | undefined)[] = []): string | null {
  for (const candidate of declared) {
    const url = parseWebUrl(candidate, pageUrl);
    if (url) return cleanUrl(url.href);
  }
  return cleanUrl(pageUrl);
}

/**
 * The names of a query's parameters, read from its text. Not `searchParams.keys()`:
 * in a Firefox content script the page's URL objects are seen through Xray wrappers
 * and their iterators are not iterable ("searchParams.keys() is not iterable"), which
 * made every Gmail conversation with a link in it unreadable there.
 */
function parameterNames(search: string): string[] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const name = pair.split('=')[0]!.replace(/\+/g, ' ');
      try {
        return decodeURIComponent(name);
      } catch {
        return name;
      }
    });
}
