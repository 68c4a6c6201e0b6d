/**
 * Receives every runtime message, checks who sent it and what it carries, and
 * hands it to its handler. Nothing reaches a handler unvalidated.
 */
import type { Browser } from 'wxt/browser';
import { Envelope, protocol, type MessageName } from '../messaging/protocol';
import { isMailPageUrl } from '../hosts/origins';
import type { Reply } from '../messaging/send';
import { UserFacingError, type ProtocolHandlers, type SenderInfo } from './context';

type MessageSender = Browser.runtime.MessageSender;

function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(protocol, name);
}

/**
 * Content scripts may only report the conversation of their own top-level mail
 * page; everything that changes data must come from one of our extension pages
 * (a mail page can neither message the extension directly nor script its pages).
 */
export function senderIsAllowed(kind: 'content' | 'extension', sender: MessageSender, ownId: string, extensionOrigin: string): boolean {
  if (sender.id !== ownId) return false;
  if (kind === 'content') {
    return sender.tab?.id !== undefined && sender.frameId === 0 && isMailPageUrl(sender.url);
  }
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/** A quick check of the marker, so other listeners' messages are left alone. */
export function isEnvelope(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { tend?: unknown }).tend === 1;
}

export async function route(
  handlers: ProtocolHandlers,
  message: unknown,
  sender: MessageSender,
  ownId: string,
  extensionOrigin: string,
): Promise<Reply<unknown>> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return { ok: false, error: 'Malformed request.' };
  const { name, data } = envelope.data;
  if (!isMessageName(name)) return { ok: false, error: `Unknown request "${name.slice(0, 64)}".` };
  const spec = protocol[name];
  if (!senderIsAllowed(spec.from, sender, ownId, extensionOrigin)) {
    return { ok: false, error: 'Not allowed from here.' };
  }
  const input = spec.input.safeParse(data);
  if (!input.success) {
    const issue = input.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: `${where}${issue?.message ?? 'invalid input'}` };
  }
  const info: SenderInfo = { tabId: sender.tab?.id ?? null };
  try {
    const handler = handlers[name] as (input: unknown, sender: SenderInfo) => Promise<unknown>;
    return { ok: true, value: await handler(input.data, info) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    console.error(`Tend: ${name} failed`, error);
    return { ok: false, error: storageErrorMessage(error) };
  }
}

function storageErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError' || /quota/i.test(String(error))) {
    return 'The browser is out of storage space for Tend. Nothing was changed; free some space and try again.';
  }
  if (name === 'ConstraintError') return 'That already exists.';
  // Dexie's names for a database that could not be opened or upgraded: the old
  // version is still there untouched, and the next start tries again.
  if (['OpenFailedError', 'UpgradeError', 'DatabaseClosedError', 'VersionError'].includes(name)) {
    return 'Tend could not open its database, so nothing was read or changed. Your data is kept as it was; restart the browser to try again.';
  }
  return 'Tend could not save that. Nothing was changed; please try again.';
}
