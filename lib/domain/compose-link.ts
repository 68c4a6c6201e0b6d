/**
 * "Write to them": a new message to a client in the mail the user uses. Tend does
 * not ask which mail that is; it reads it from the conversations it has seen (the
 * newest email it recorded says Gmail, and which Gmail account, or which Outlook
 * origin), and falls back to `mailto:` (the system's mail app) when it has seen none.
 *
 * Pure: plain data in, a URL out.
 */
import type { MailApp, MailHost } from '../model';

/**
 * The mail the user uses, as far as Tend can tell (the schema is in lib/model.ts):
 * Gmail with the path of the account seen (`u/1/`, `u/me@x.com/`, `b/2/u/0/`, or ''
 * for the default account), Outlook with the web origin seen, or mailto:.
 */
export type { MailApp };

/** An email as Tend recorded it: which host showed it, and the link back to it ('' when none). */
export interface SeenMail {
  host: MailHost | null;
  url: string;
}

export const MAILTO: MailApp = { app: 'mailto' };

/** Outlook on the web answers compose deep links on each of these origins. */
const OUTLOOK_ORIGINS = new Set(['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']);

/**
 * Gmail's account part of the path: `/mail/u/1/…` → `u/1/`; the delegated form
 * `/mail/b/2/u/0/…` → `b/2/u/0/`; `/mail/…` → ''. Only digits or an address-like
 * segment are kept, so a link never carries more than an account selector.
 */
function gmailAccount(pathname: string): string {
  const match = /^\/mail\/((?:b\/\d+\/)?u\/[\w.+%@-]+\/)/.exec(pathname);
  return match ? match[1]! : '';
}

/** The mail app one recorded email shows, or null when its record says too little. */
function mailAppOfOne(mail: SeenMail): MailApp | null {
  let url: URL;
  try {
    url = new URL(mail.url);
  } catch {
    // No link back (an email recorded before links were kept): the host alone names Gmail.
    return mail.host === 'gmail' ? { app: 'gmail', account: '' } : null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.hostname === 'mail.google.com') return { app: 'gmail', account: gmailAccount(url.pathname) };
  if (OUTLOOK_ORIGINS.has(url.hostname)) return { app: 'outlook', origin: url.origin };
  return null;
}

/**
 * The mail the user uses: that of the newest recorded email that says (newest first
 * in `seen`), else `mailto:`. An Outlook email without a link does not say which of
 * Outlook's origins the user's account lives on, so it is passed over.
 */
export function mailAppOf(seen: readonly SeenMail[]): MailApp {
  for (const mail of seen) {
    const app = mailAppOfOne(mail);
    if (app) return app;
  }
  return MAILTO;
}

/**
 * A link that opens a new message to `address` in `mail`, or null for no address.
 * The address is percent-encoded whole in a query (a `+` would otherwise read as a
 * space, a `&` would end it); in `mailto:` the `@` stays readable (RFC 6068 allows it).
 */
export function composeLink(mail: MailApp, address: string | null | undefined, draft: ComposeDraft = {}): string | null {
  const to = address?.trim();
  if (!to) return null;
  const encoded = encodeURIComponent(to);
  switch (mail.app) {
    case 'gmail':
      return `https://mail.google.com/mail/${mail.account}?view=cm&fs=1&to=${encoded}${draftQuery(draft, 'su')}`;
    case 'outlook':
      return `${mail.origin}/mail/deeplink/compose?to=${encoded}${draftQuery(draft, 'subject')}`;
    default:
      return `mailto:${encoded.replace(/%40/g, '@')}${draftQuery(draft, 'subject').replace('&', '?')}`;
  }
}

/** What a new message starts with ("Ask for feedback": the project in the subject, the recommend question in the body). */
export interface ComposeDraft {
  subject?: string;
  body?: string;
}

/**
 * The draft as query parameters, each percent-encoded whole (`encodeURIComponent`,
 * so a space is %20, as mailto: needs, and a `&` in a title cannot end it). Gmail
 * names the subject `su`; Outlook and mailto: `subject`.
 */
function draftQuery(draft: ComposeDraft, subjectName: 'su' | 'subject'): string {
  const parts: string[] = [];
  if (draft.subject) parts.push(`${subjectName}=${encodeURIComponent(draft.subject)}`);
  if (draft.body) parts.push(`body=${encodeURIComponent(draft.body)}`);
  return parts.map((part) => `&${part}`).join('');
}
