/**
 * Receives every runtime message, checks who sent it and what it carries, and
 * hands it to its handler. Nothing reaches a handler unvalidated.
 */
import type { Browser } from 'wxt/browser';
import { Envelope, protocol, type MessageName } from '../messaging/protocol';
import { PAGE_PATHS, type SenderKind } from '../messaging/senders';
import { NOT_ALLOWED } from '../messaging/names';
import { isMailPageUrl } from '../hosts/origins';
import type { Reply } from '../messaging/send';
import { UserFacingError, type ProtocolHandlers, type SenderInfo } from './context';

type MessageSender = Browser.runtime.MessageSender;

/** The token a tab's content script registered for its own sidebar frame (null: none). */
export type FrameTokenOf = (tabId: number) => Promise<string | null>;

function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(protocol, name);
}

/**
 * What kind of sender this is, or null for none Tend answers. A content script
 * speaks for its own top-level mail page only; our pages are told apart by their
 * URL path: the sidebar is sidebar.html framed into a mail tab, the other pages
 * are never framed (a mail page can frame sidebar.html only: it alone is
 * web-accessible, and a frame the page makes itself lacks the token, see route).
 */
export function senderKindOf(sender: MessageSender, ownId: string, extensionOrigin: string): SenderKind | null {
  if (sender.id !== ownId || typeof sender.url !== 'string') return null;
  if (!sender.url.startsWith(extensionOrigin)) {
    return sender.tab?.id !== undefined && sender.frameId === 0 && isMailPageUrl(sender.url) ? 'content' : null;
  }
  let path: string;
  try {
    path = new URL(sender.url).pathname;
  } catch {
    return null;
  }
  const kind = Object.hasOwn(PAGE_PATHS, path) ? PAGE_PATHS[path as keyof typeof PAGE_PATHS] : null;
  const framed = sender.frameId !== undefined && sender.frameId !== 0;
  if (kind === 'sidebar') {
    // The tab's own URL is known wherever Tend may script the tab; a mail host it must be.
    const inMailTab = sender.tab?.id !== undefined && (sender.tab.url === undefined || isMailPageUrl(sender.tab.url));
    return framed && inMailTab ? 'sidebar' : null;
  }
  return framed ? null : kind;
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
  frameTokenOf: FrameTokenOf,
): Promise<Reply<unknown>> {
  const envelope = Envelope.safeParse(message);
  if (!envelope.success) return { ok: false, error: 'Malformed request.' };
  const { name, data, frameToken } = envelope.data;
  if (!isMessageName(name)) return { ok: false, error: `Unknown request "${name.slice(0, 64)}".` };
  const spec = protocol[name];
  const kind = senderKindOf(sender, ownId, extensionOrigin);
  if (kind === null || !(spec.from as readonly SenderKind[]).includes(kind)) return { ok: false, error: NOT_ALLOWED };
  // A sidebar is answered only with the token its tab's content script handed it:
  // a mail page that frames sidebar.html itself reads and writes nothing.
  if (kind === 'sidebar') {
    const registered = await frameTokenOf(sender.tab!.id!);
    if (!frameToken || registered === null || registered !== frameToken) return { ok: false, error: NOT_ALLOWED };
  }
  const input = spec.input.safeParse(data);
  if (!input.success) {
    const issue = input.error.issues[0];
    const where = issue?.path.length ? `${fieldName(spec, issue.path)}: ` : '';
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

/**
 * A refused field as the page names it: the entry's label for it (`fields`, as in
 * protocol-projects.ts: "End day", not "endDay"), else its path.
 */
function fieldName(spec: (typeof protocol)[MessageName], path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  const labels: Readonly<Record<string, string>> | undefined = 'fields' in spec ? spec.fields : undefined;
  return (labels && Object.hasOwn(labels, key) ? labels[key] : undefined) ?? key;
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
