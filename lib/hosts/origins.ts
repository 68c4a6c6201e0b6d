/**
 * Every mail host Tend reads. The content scripts' `matches`, the sidebar frame's
 * web_accessible_resources, the background's sender check and the links Tend keeps
 * back to conversations (lib/model.ts, lib/ui/safe-link.tsx) all come from here,
 * so they cannot drift apart.
 */
export const GMAIL_MATCHES = ['https://mail.google.com/*'];
export const OUTLOOK_HOSTS = [
  'outlook.office.com',
  'outlook.office365.com',
  'outlook.live.com',
  'outlook.cloud.microsoft',
];
export const OUTLOOK_MATCHES = OUTLOOK_HOSTS.map((host) => `https://${host}/*`);

const MAIL_HOSTNAMES = new Set(['mail.google.com', ...OUTLOOK_HOSTS]);

/** True for a web page's address: http or https, nothing else (never javascript:, data:, file:). */
export function isWebUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** True for a page of one of the mail hosts, over https. */
export function isMailPageUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && MAIL_HOSTNAMES.has(parsed.hostname);
  } catch {
    return false;
  }
}
