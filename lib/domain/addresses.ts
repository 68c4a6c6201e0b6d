/**
 * Mail addresses as read from a page: normalised for comparison and indexing, and
 * told apart as company domains (a colleague hint) or public mailbox providers (no hint).
 * Pure functions: no I/O.
 */

/** RFC 5321 limits: 64 for the local part, 255 for the domain, 320 in all (as the schema caps it). */
const MAX_ADDRESS = 320;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** Atom characters of a local part (RFC 5322, no quoted strings), plus any letter or digit for EAI. */
const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]+$/u;
/** One domain label: letters or digits, inner hyphens, at most 63 characters. */
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/**
 * The address in `raw`, lower-cased, or null when it is not a plausible address.
 * Accepts `mailto:` links (query dropped, percent-escapes decoded) and `<...>` or
 * quotes around the address; anything else around it (a display name) makes it invalid.
 */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  // Generous bound before any work: a mailto: link with escapes can be longer than its address.
  if (raw.length > MAX_ADDRESS * 4) return null;
  let s = raw.trim();
  if (/^mailto:/i.test(s)) {
    s = s.slice('mailto:'.length);
    const query = s.indexOf('?');
    if (query >= 0) s = s.slice(0, query);
    if (s.includes('%')) {
      try {
        s = decodeURIComponent(s);
      } catch {
        return null;
      }
    }
    s = s.trim();
  }
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1).trim();
  s = s.toLowerCase();
  if (s.length === 0 || s.length > MAX_ADDRESS) return null;

  const at = s.lastIndexOf('@');
  if (at <= 0 || at !== s.indexOf('@')) return null;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local.length > MAX_LOCAL || !LOCAL_PART.test(local)) return null;
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  if (!isPlausibleDomain(domain)) return null;
  return s;
}

function isPlausibleDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  const tld = labels[labels.length - 1]!;
  // A top-level domain is never all digits (that would be an IP address) and never one character.
  return tld.length >= 2 && !/^\d+$/.test(tld);
}

/** The domain of an address (lower-cased), or null when the address is not valid. */
export function emailDomain(email: string | null | undefined): string | null {
  const normalised = normaliseEmail(email);
  if (normalised === null) return null;
  return normalised.slice(normalised.lastIndexOf('@') + 1);
}

/**
 * Mailbox providers anyone can sign up to: sharing one says nothing about working
 * together, so they never count as a company domain.
 */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Google
  'gmail.com',
  'googlemail.com',
  // Microsoft
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.de',
  'hotmail.fr',
  'hotmail.it',
  'hotmail.es',
  'live.com',
  'live.co.uk',
  'live.de',
  'live.fr',
  'msn.com',
  // Yahoo
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.de',
  'yahoo.fr',
  'ymail.com',
  'rocketmail.com',
  // Apple
  'icloud.com',
  'me.com',
  'mac.com',
  // AOL
  'aol.com',
  'aol.de',
  // Proton
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  // German providers
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'gmx.at',
  'gmx.ch',
  'web.de',
  't-online.de',
  'freenet.de',
  'posteo.de',
  'mailbox.org',
  // Others
  'mail.com',
  'zoho.com',
  'yandex.ru',
  'yandex.com',
  'mail.ru',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'tutanota.com',
  'tuta.io',
  'qq.com',
  '163.com',
  '126.com',
]);

/** Whether `domain` is a public mailbox provider (compared lower-cased, a trailing dot ignored). */
export function isPublicMailDomain(domain: string | null | undefined): boolean {
  if (typeof domain !== 'string') return false;
  const d = domain.trim().toLowerCase().replace(/\.$/, '');
  return PUBLIC_MAIL_DOMAINS.has(d);
}

/** The address's domain when it can stand for a company, i.e. it is not a public provider. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const domain = emailDomain(email);
  if (domain === null || isPublicMailDomain(domain)) return null;
  return domain;
}
