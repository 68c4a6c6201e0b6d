/**
 * The email interactions a thread stands for: one per (recognised client, message),
 * each with a dedupe key so a message seen again (or in another tab) is recorded once.
 * Pure functions: no I/O, `now` is a parameter.
 */
import type { Client, Interaction } from '../model';
import type { Participant, ThreadSnapshot } from '../hosts/thread';
import { normaliseEmail } from './addresses';
import { parseMailDate, type MailDate } from './dates';
import { timeFromGmailId } from './gmail-ids';
import { nameKey } from './names';
import { ownAddressSet } from './recognition';

export type NewEmailInteraction = Omit<Interaction, 'id' | 'createdAt'>;

/**
 * How far past now a logged date may be: the page's clock and the background's are
 * the same machine's, but a form filled in over a minute boundary, or a clock
 * corrected meanwhile, should not be refused.
 */
export const LOGGED_FUTURE_ALLOWANCE_MS = 5 * 60_000;

/**
 * Why a date cannot be the date of a logged interaction, in words for the user, or
 * null when it can: history is what has happened, so not in the future (beyond the
 * small allowance above) and not before 1970 (the epoch, where timestamps start).
 */
export function loggedDateProblem(at: number, now: Date): string | null {
  if (!Number.isFinite(at) || at < 0) return 'That date is before 1970: choose a later one.';
  if (at > now.getTime() + LOGGED_FUTURE_ALLOWANCE_MS) return 'That date is in the future: log what has already happened (now or earlier).';
  return null;
}

/**
 * A message's date: the page's text read in the page's language; where that cannot
 * be read, the time Gmail's legacy hex id holds (its top bits are the time, to the
 * millisecond); else now, marked uncertain.
 */
function dateOf(dateText: string | null, snapshot: ThreadSnapshot, hostMessageId: string, now: Date): MailDate {
  const shown = parseMailDate(dateText, now, snapshot.locale);
  if (shown.exact || snapshot.host !== 'gmail') return shown;
  const fromId = timeFromGmailId(hostMessageId, now);
  return fromId === null ? shown : { at: fromId, exact: true };
}

/** `Interaction.subject` is capped at 500 characters; a page subject may be longer. */
const MAX_SUBJECT = 500;
/** `Interaction.dedupeKey` is capped at 1000; snapshot-bounded parts stay well under it. */
const MAX_DEDUPE_KEY = 1000;

/** The key a participant is looked up by in the recognised map: the address, else `name:<nameKey>`. */
export function recognitionKey(p: Participant): string | null {
  const email = normaliseEmail(p.email);
  if (email !== null) return email;
  const key = nameKey(p.name);
  return key.length > 0 ? `name:${key}` : null;
}

/**
 * One email interaction per (client, message): 'in' for a message a recognised client
 * sent, 'out' to every recognised client among the recipients of a message the user
 * sent (an own address or the page's account). Messages from anyone else give nothing.
 * `recognised` maps a normalised address, or `'name:' + nameKey` for people shown by
 * name only, to the client they certainly are.
 */
export function emailInteractionsFromThread(
  snapshot: ThreadSnapshot,
  recognised: ReadonlyMap<string, Client>,
  ownAddresses: ReadonlySet<string>,
  now: Date,
): NewEmailInteraction[] {
  const own = ownAddressSet(ownAddresses, snapshot.accountAddress);
  const subject = snapshot.subject.trim().slice(0, MAX_SUBJECT).trim();
  const result: NewEmailInteraction[] = [];
  const keys = new Set<string>();

  const clientOf = (p: Participant): Client | null => {
    const key = recognitionKey(p);
    return key === null ? null : (recognised.get(key) ?? null);
  };

  // Outlook may name the user without an address: the account's display name is the user too.
  const accountKey = nameKey(snapshot.accountName ?? '');
  const isUser = (p: Participant, email: string | null): boolean =>
    email !== null ? own.has(email) : accountKey.length > 0 && nameKey(p.name) === accountKey;

  snapshot.messages.forEach((message, position) => {
    const senderEmail = normaliseEmail(message.from.email);
    const fromUser = isUser(message.from, senderEmail);

    const targets: Array<{ client: Client; direction: 'in' | 'out' }> = [];
    if (fromUser) {
      for (const to of message.to) {
        if (isUser(to, normaliseEmail(to.email))) continue;
        const client = clientOf(to);
        if (client !== null) targets.push({ client, direction: 'out' });
      }
    } else {
      const client = clientOf(message.from);
      if (client !== null) targets.push({ client, direction: 'in' });
    }
    if (targets.length === 0) return;

    const hostMessageId = message.hostMessageId?.trim() ?? '';
    const { at, exact } = dateOf(message.dateText, snapshot, hostMessageId, now);
    const sender = recognitionKey(message.from) ?? '';
    // The same message seen again must give the same key: the host's id; else the
    // sender and the date as shown; else (older, simpler markup: no id, no readable
    // date) the sender, where it sits in the conversation and a hash of its text.
    const messageKey =
      hostMessageId.length > 0
        ? hostMessageId
        : exact
          ? `${sender}|${message.dateText ?? ''}`
          : `${sender}|#${position}|${message.snippetHash ?? ''}`;

    for (const { client, direction } of targets) {
      const dedupeKey = `${client.id}|${snapshot.host}|${messageKey}`.slice(0, MAX_DEDUPE_KEY);
      if (keys.has(dedupeKey)) continue;
      keys.add(dedupeKey);
      result.push({
        clientId: client.id,
        kind: 'email',
        direction,
        subject,
        text: '',
        at,
        dateUncertain: !exact,
        host: snapshot.host,
        url: snapshot.url,
        dedupeKey,
        from: senderEmail,
      });
    }
  });
  return result;
}
