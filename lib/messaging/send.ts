/**
 * The sending half of the protocol. Deliberately free of zod at run time (type
 * imports only): content scripts use it, and the mail page pays for every byte.
 * The reply type comes from the protocol map too (lib/messaging/reply.ts).
 */
import { browser } from 'wxt/browser';
import type { MessageInput, MessageName, MessageReply } from './protocol';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export class TendError extends Error {}
/** No answer at all (the background stopped before replying): whether it acted is unknown. */
export class NoAnswerError extends TendError {}

/** The sidebar frame's token, once it has one: sent with every request from then on. */
let presentedToken: string | undefined;

/** The sidebar calls this with the token its content script handed it (lib/ui/frame-token.ts). */
export function presentFrameToken(token: string): void {
  presentedToken = token;
}

export async function send<K extends MessageName>(name: K, data: MessageInput<K>): Promise<MessageReply<K>> {
  const envelope = presentedToken === undefined ? { tend: 1, name, data } : { tend: 1, name, data, frameToken: presentedToken };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<MessageReply<K>> | undefined;
  if (!reply) throw new NoAnswerError('Tend’s background did not answer. Reload the page to reconnect.');
  if (!reply.ok) throw new TendError(reply.error);
  return reply.value;
}
