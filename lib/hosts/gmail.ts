/**
 * Reads the open Gmail conversation. Every Gmail selector lives in this file.
 *
 * Gmail's class names are obfuscated and change without notice; the attributes
 * (`email`, `name`, `data-legacy-*`, `role`) have lasted for years (InboxSDK and
 * gmail.js both key on them). So each reader tries an attribute hook first and a
 * class name only as a fallback. People are read from the `email`/`name`
 * attributes, never from the visible text (that says "me", or is abbreviated).
 *
 * Runs in the content script: type-only imports from `./thread` (no zod here).
 */
import type { MailHostAdapter, Participant, ThreadMessage, ThreadSnapshot } from './thread';
import {
  MAX_DATE,
  MAX_MESSAGE_ID,
  MAX_MESSAGES,
  MAX_SUBJECT,
  MAX_THREAD_ID,
  MAX_URL,
  cleanEmail,
  clip,
  collapseWhitespace,
  emailInTitle,
  hiddenByMarkup,
  MAX_NAME,
  pageLocale,
  participant,
  pickFocused,
  readText,
  snippetHash,
  uniqueParticipants,
  unitContainers,
} from './text';
import { describeStructure } from './diagnostics';
import { linkHashesIn } from './links';

const SEL = {
  /** The view pane. The list, a conversation and settings all render inside it. */
  main: '[role="main"]',
  /**
   * The subject heading of an open conversation; only a conversation view has it,
   * and its attribute is the Gmail API thread id (16 hex digits). The URL's hash
   * token cannot be decoded into that id, so the DOM decides whether a thread is open.
   */
  threadHeading: 'h2[data-legacy-thread-id]',
  /** Fallback when the attribute is missing: the subject heading's class (InboxSDK #1071-style breakage). */
  threadHeadingFallback: 'h2.hP',
  /** One message: `div.adn.ads` carries both ids; the attribute is what we key on. */
  message: '[data-legacy-message-id], [data-message-id]',
  /** Class fallback for a message card whose ids are not rendered yet. */
  messageFallback: 'div.adn',
  /**
   * The sender: `span.gD` with `email` and `name`, in expanded (`.h7`) and collapsed
   * (`.kv`) messages alike. Its text may be "me"; the attributes are the truth.
   */
  sender: 'span.gD[email], span.gD[name]',
  /** Sender fallback: any `email`-bearing span in the sender cell (`td.gF`). */
  senderFallback: 'td.gF [email]',
  /** Recipients, To and Cc alike: `span.g2[email][name]` inside the "to …" line `span.hb`. */
  recipients: 'span.hb span.g2',
  /** Recipient fallback: whatever in the "to …" line carries an address attribute. */
  recipientsFallback: 'span.hb [email]',
  /** The date: `span.g3`'s `title` has the full date; its text is abbreviated. */
  date: 'span.g3[title]',
  /** Date fallback: the date cell of the message header (`td.gH`). */
  dateFallback: 'td.gH [title]',
  /**
   * A message body: `div.a3s` (the mail's own HTML) inside `div.ii.gt`, stable since
   * gmail.js and InboxSDK first read it. Anyone who can send the user an email
   * writes what is in here, including copies of the header markup above (a fake
   * sender span, a "to me" line, a whole message card), and a reply quotes it into
   * the user's own message. So nothing inside a body is read as a person, date, id
   * or subject (issue 13, item 3).
   */
  body: '.a3s, .ii.gt',
  /** A collapsed message's one-line preview (`div.iA.g6`): the start of its text, as the body's. */
  snippet: '.iA.g6, .g6',
  /** The signed-in account's avatar link in the top bar (label "Google Account: Name (me@x.com)"). */
  accountLink: 'a[href^="https://accounts.google.com/SignOutOptions"], a[aria-label*="@"][href*="accounts.google.com"]',
  /** The reply/compose body: Gmail's editable with its own `g_editable` marker. */
  composeBody: 'div[g_editable="true"][contenteditable="true"][role="textbox"]',
  /** Fallback: the compose body's class (`Am … editable`) when the role is missing. */
  composeBodyFallback: 'div.editable[contenteditable="true"]',
} as const;

/** `/mail/`, `/mail/u/N/`, `/mail/u/<address>/`, delegated `/mail/b/<n>/u/<n>/` (and anything after). */
const MAIL_PATH = /^\/mail(?:\/?$|\/(?:b\/[^/]+\/)?u\/[^/]+(?:\/.*)?$)/;

/** True inside a message body: written by whoever sent the mail, never a header. */
function inBody(el: Element): boolean {
  return el.closest(SEL.body) !== null;
}

/** The elements under `root` matching `selector` that are header, not message body. */
function headerElements(root: Element, selector: string): Element[] {
  return [...root.querySelectorAll(selector)].filter((el) => !inBody(el));
}

/**
 * What Gmail writes in the `name` attribute for the account owner: "me" in the
 * account's language, not the owner's name (mail-hosts.md). When the page shows no
 * account address, the participant so labelled is the user, and their address is
 * the account's: never offered as a client. Lower case; compared after trimming.
 */
const ME_LABELS = new Set([
  'me', 'ich', 'moi', 'yo', 'io', 'eu', 'ik', 'ja', 'я', 'ben', '自分', '我', '나', 'أنا', 'मैं', 'jag', 'mig', 'meg',
  'minä', 'já', 'én', 'εγώ', 'אני', 'ฉัน', 'tôi', 'saya', 'ako', 'jeg', 'aš', 'من',
]);

export function isGmailMeLabel(name: string | null | undefined): boolean {
  return !!name && ME_LABELS.has(name.trim().toLowerCase());
}

/**
 * An open conversation in the URL: the hash ends in Gmail's opaque token (or a
 * legacy hex id), as in `#inbox/FMfcgzQX…` or `#label/Clients/FMfcgz…`. Used only
 * to say "Tend can't read this conversation" when the page gives nothing.
 */
function urlOpensConversation(url: URL): boolean {
  return isGmailMailPath(url) && /\/[A-Za-z0-9]{16,}$/.test(url.hash);
}

/** True for the paths of Gmail's mail app (not `/mail/mu/` mobile, help or other apps). */
export function isGmailMailPath(url: URL): boolean {
  return MAIL_PATH.test(url.pathname);
}

/** The account avatar in the top bar, never one inside the view pane or a mail. */
function accountAvatar(doc: Document): Element | undefined {
  return [...doc.querySelectorAll(SEL.accountLink)].find((el) => !el.closest(SEL.main) && !inBody(el));
}

/**
 * The account's display name from the avatar's label ("Google Account: Robin Vale
 * (robin@x.com)", localised before the colon): a participant shown by this name is the user.
 */
function readAccountName(doc: Document): string | null {
  const label = collapseWhitespace(accountAvatar(doc)?.getAttribute('aria-label') ?? '');
  const name = /[:：]\s*([^()]+?)\s*(?:\(|$)/.exec(label)?.[1]?.trim();
  return name && !name.includes('@') ? clip(name, MAX_NAME) : null;
}

function readAccountAddress(doc: Document, url: URL): string | null {
  // The title names the account ("Inbox (3) - me@x.com - Gmail"), in every view.
  const fromTitle = emailInTitle(doc.title ?? '');
  if (fromTitle) return fromTitle;
  // `/mail/u/<address>/` (links from other Google apps use the address, not the index).
  const segment = /^\/mail\/(?:b\/[^/]+\/)?u\/([^/]+)/.exec(url.pathname)?.[1];
  if (segment) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // Not an escaped address; fall through with the raw segment.
    }
    const fromPath = cleanEmail(decoded);
    if (fromPath) return fromPath;
  }
  const fromQuery = cleanEmail(url.searchParams.get('authuser'));
  if (fromQuery) return fromQuery;
  // The avatar's label ends in "(me@x.com)" in every language. It sits in the top
  // bar: a link of that shape inside the view pane is mail content, not the account.
  const label = accountAvatar(doc)?.getAttribute('aria-label') ?? '';
  const inParens = /\(([^()\s]+@[^()\s]+)\)/.exec(label)?.[1];
  return cleanEmail(inParens);
}

/** The subject heading of the conversation shown in the view pane, if any. */
function findThreadHeading(doc: Document): { heading: Element; main: Element } | null {
  for (const selector of [SEL.threadHeading, SEL.threadHeadingFallback]) {
    for (const main of doc.querySelectorAll(SEL.main)) {
      // Gmail keeps views it navigated away from, hidden; the visible one counts.
      for (const heading of headerElements(main, selector)) {
        if (!hiddenByMarkup(heading, main)) return { heading, main };
      }
    }
  }
  return null;
}

/** `thread-f:<decimal>` and `msg-f:<decimal>` are the same 64-bit ids as the hex legacy ones. */
function decimalToHex(decimal: string): string | null {
  if (!/^\d{1,20}$/.test(decimal)) return null;
  try {
    return BigInt(decimal).toString(16);
  } catch {
    return null;
  }
}

const HEX_ID = /^[0-9a-f]{1,32}$/i;

function readThreadId(heading: Element): string | null {
  const legacy = heading.getAttribute('data-legacy-thread-id')?.trim();
  if (legacy && HEX_ID.test(legacy)) return legacy.toLowerCase();
  // The perm id can be the literal string "undefined" (seen on fresh loads).
  const perm = heading.getAttribute('data-thread-perm-id')?.trim();
  if (!perm || perm === 'undefined') return null;
  const decimal = /^thread-f:(\d+)$/.exec(perm)?.[1];
  if (decimal) return decimalToHex(decimal);
  return perm.length <= MAX_THREAD_ID ? perm : null;
}

function readMessageId(card: Element): string | null {
  const holder = card.matches(SEL.message) ? card : headerElements(card, SEL.message)[0];
  if (!holder) return null;
  const legacy = holder.getAttribute('data-legacy-message-id')?.trim();
  if (legacy && HEX_ID.test(legacy)) return legacy.toLowerCase();
  const raw = holder.getAttribute('data-message-id')?.trim().replace(/^#/, '');
  if (!raw || raw === 'undefined') return null;
  const decimal = /^msg-f:(\d+)$/.exec(raw)?.[1];
  if (decimal) return decimalToHex(decimal);
  return raw.length <= MAX_MESSAGE_ID ? raw : null;
}

/** A person from `email`/`name` attributes; null (skipped) without a valid address. */
function personFromAttributes(el: Element): Participant | null {
  const email = cleanEmail(el.getAttribute('email'));
  if (!email) return null;
  return participant(el.getAttribute('name'), email);
}

function readMessage(card: Element): ThreadMessage | null {
  const senderEl = headerElements(card, SEL.sender)[0] ?? headerElements(card, SEL.senderFallback)[0];
  const from = senderEl ? personFromAttributes(senderEl) : null;
  // A message whose sender cannot be read says nothing about who wrote to whom.
  if (!from) return null;

  let recipientEls = headerElements(card, SEL.recipients);
  if (recipientEls.length === 0) recipientEls = headerElements(card, SEL.recipientsFallback);
  const to: Participant[] = [];
  for (const el of recipientEls) {
    const person = personFromAttributes(el);
    if (person) to.push(person);
  }

  const dateEl = headerElements(card, SEL.date)[0] ?? headerElements(card, SEL.dateFallback)[0];
  const dateTitle = collapseWhitespace(dateEl?.getAttribute('title') ?? '');

  // The start of the text: the body where expanded, the one-line preview where collapsed.
  const body = card.querySelector(SEL.body);
  const text = body ?? card.querySelector(SEL.snippet);
  const linkHashes = linkHashesIn(body);
  return {
    hostMessageId: readMessageId(card),
    from,
    to: uniqueParticipants(to),
    dateText: dateTitle ? clip(dateTitle, MAX_DATE) : null,
    snippetHash: text ? snippetHash(readText(text)) : null,
    ...(linkHashes.length > 0 && { linkHashes }),
  };
}

/**
 * One element per message, in document order: the message card (ids) where
 * rendered, else the sender span of a collapsed message whose card has no ids yet.
 */
function messageUnits(main: Element): Element[] {
  for (const card of [SEL.message, SEL.messageFallback]) {
    const units: Element[] = [];
    let cards = 0;
    // Cards and senders inside a body are copies a sender wrote: never messages.
    for (const el of headerElements(main, `${card}, ${SEL.sender}`)) {
      const isCard = el.matches(card);
      // Outermost cards only; senders only where no card holds them.
      if ((isCard ? el.parentElement?.closest(card) : el.closest(card)) || hiddenByMarkup(el, main)) continue;
      if (isCard) cards += 1;
      units.push(el);
    }
    if (cards > 0 || card === SEL.messageFallback) return units;
  }
  return [];
}

/**
 * The account's address: from the account area, else from the participant Gmail
 * labels "me" (in any language), else the one named as the account area names the
 * user, when the account area shows no address.
 */
function accountAddressOf(doc: Document, url: URL, messages: readonly ThreadMessage[], accountName: string | null): string | null {
  const fromPage = readAccountAddress(doc, url);
  if (fromPage) return fromPage;
  const people = messages.flatMap((message) => [message.from, ...message.to]).filter((person) => person.email);
  const byLabel = people.find((person) => isGmailMeLabel(person.name)) ?? people.find((person) => accountName !== null && person.name === accountName);
  return byLabel?.email ?? null;
}

function readThread(doc: Document, url: URL): ThreadSnapshot | null {
  const found = findThreadHeading(doc);
  const messages: ThreadMessage[] = [];
  if (found) {
    for (const card of unitContainers(messageUnits(found.main), found.main)) {
      const message = readMessage(card);
      if (message) messages.push(message);
    }
  }
  if (messages.length === 0) {
    // The URL says a conversation is open, yet nobody could be read: say so, with
    // the page's structure for a report, rather than look like an empty inbox.
    if (!urlOpensConversation(url)) return null;
    const root = found?.main ?? doc.querySelector(SEL.main) ?? doc.body ?? doc.documentElement;
    return {
      host: 'gmail',
      threadId: found ? readThreadId(found.heading) : null,
      subject: '',
      url: clip(url.href, MAX_URL),
      accountAddress: readAccountAddress(doc, url),
      messages: [],
      locale: pageLocale(doc),
      accountName: readAccountName(doc),
      diagnostics: describeStructure(root, url, 'gmail', SEL.body),
    };
  }
  const { heading } = found!;
  const accountName = readAccountName(doc);
  return {
    host: 'gmail',
    threadId: readThreadId(heading),
    subject: clip(readText(heading), MAX_SUBJECT),
    url: clip(url.href, MAX_URL),
    accountAddress: accountAddressOf(doc, url, messages, accountName),
    // Past the cap the newest messages matter most (last contact, last reply).
    messages: messages.slice(-MAX_MESSAGES),
    locale: pageLocale(doc),
    accountName,
    diagnostics: null,
  };
}

function findComposeBody(doc: Document): HTMLElement | null {
  // An editable copied into a received mail is not where the user types.
  let bodies = [...doc.querySelectorAll<HTMLElement>(SEL.composeBody)].filter((el) => !inBody(el));
  if (bodies.length === 0) bodies = [...doc.querySelectorAll<HTMLElement>(SEL.composeBodyFallback)].filter((el) => !inBody(el));
  if (bodies.length === 0) return null;
  // The one the user is typing in; else the inline reply of the open conversation;
  // else the newest (last opened) compose window.
  const focused = pickFocused(bodies, doc);
  if (focused) return focused;
  const inThread = bodies.filter((body) => body.closest(SEL.main));
  return inThread[inThread.length - 1] ?? bodies[bodies.length - 1] ?? null;
}

export const gmailAdapter: MailHostAdapter = {
  host: 'gmail',
  readAccountAddress,
  readThread,
  findComposeBody,
};
