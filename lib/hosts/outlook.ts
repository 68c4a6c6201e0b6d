/**
 * Reads the open conversation in Outlook on the web (outlook.office.com,
 * outlook.office365.com, outlook.live.com, outlook.cloud.microsoft). Every
 * Outlook selector lives in this file.
 *
 * Outlook's class names are generated per build and every `aria-label` is
 * localised ("Reading Pane" / "Lesebereich", "From: " / "Von: "), so structure
 * comes first: element ids (`ReadingPaneContainerId`, `UniqueMessageBody_*`),
 * `data-*` hooks and roles. Localised labels are a second line, English and German.
 * Outlook often shows a person's display name only; then `email` is null and the
 * background matches by name.
 *
 * Runs in the content script: type-only imports from `./thread` (no zod here).
 */
import type { MailHostAdapter, Participant, ThreadMessage, ThreadSnapshot } from './thread';
import { OUTLOOK_HOSTS } from './origins';
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
  findEmail,
  outermost,
  parseNameAddress,
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

const SEL = {
  /**
   * The reading pane. Ids and `data-app-section` first (not localised); the
   * role+label forms cover builds without them (Mailvelope #826 broke on a redesign).
   */
  pane: [
    '#ReadingPaneContainerId',
    '#ConversationReadingPaneContainer',
    '[data-app-section="ConversationContainer"]',
    '[data-app-section="MailReadCompose"]',
    '[role="main"][aria-label="Reading Pane"]',
    '[role="main"][aria-label="Lesebereich"]',
  ].join(', '),
  /** Any view pane: a popped-out message has no reading-pane ids, only this and a body. */
  main: '[role="main"]',
  /** A rendered message body (`UniqueMessageBody_1`, `_2`, …): present only when a message is open. */
  body: '[id^="UniqueMessageBody"]',
  /** Everything that is message content, not header: links in a body are not participants. */
  bodyish: '[id^="UniqueMessageBody"], [role="document"], [aria-label="Message body"], [aria-label="Nachrichtentext"]',
  /** The subject: `CONV_…_SUBJECT` where present, else a heading that is not a From/To/date line. */
  subject: '[id^="CONV_"][id$="_SUBJECT"], [role="heading"]',
  /** The sender line, labelled "From: Name" (German "Von: Name"). */
  senderLabelled: '[aria-label^="From:"], [aria-label^="Von:"]',
  /**
   * A person on the page: the live-persona hover target (not localised), the
   * persona button, a mailto link, a span titled with an address (not a div: the
   * subject heading's `title` is the subject, which may hold an address).
   */
  person: '[data-lpc-hover-target-id], button[aria-label^="Opens card for "], a[href^="mailto:"], span[title*="@"]',
  /** A recipients block: the well, or a line labelled "To:"/"Cc:"/"An:". */
  recipientWell: '[data-testid="RecipientWell"]',
  /** The full date of a message; the heading's `title` holds it when the text is short. */
  date: '[data-testid="SentReceivedSavedTime"]',
  /** From, To, Cc and the date are each a level-3 heading in a message header. */
  headerLine: '[role="heading"][aria-level="3"]',
  /** Where a person must not be read: hover cards, dialogs, a reply being written. */
  notThread: '[role="dialog"], .livePersonaCard, [role="form"], form, [contenteditable="true"]',
  /** The selected conversation in the message list: its `data-convid` is the conversation id. */
  selectedRow: '[role="listbox"] [role="option"][aria-selected="true"][data-convid], [role="option"][aria-selected="true"][data-convid]',
  /** Account: the account manager's flyout shows the address; the button label sometimes does. */
  accountSecondary: '#mectrl_currentAccount_secondary',
  /** The account manager's name line (the user's display name). */
  accountPrimary: '#mectrl_currentAccount_primary',
  accountButton: '#O365_MainLink_Me, button[aria-label^="Account manager for "], button[aria-label^="Kontomanager für "]',
  /** The mailbox root of the folder tree is titled with the account's address. */
  folderRoot: '[role="tree"] [role="treeitem"][title*="@"]',
  /** The compose body: inside the editor's parent (structure), else by its localised label. */
  composeBody: [
    '[id^="editorParent"] [contenteditable="true"]',
    '[contenteditable="true"][aria-label^="Message body"]',
    '[contenteditable="true"][aria-label^="Nachrichtentext"]',
  ].join(', '),
} as const;

/** "From:", "To:", "Cc:", "Bcc:" and their German forms at the start of a label or line. */
const SENDER_PREFIX = /^\s*(?:From|Von)\s*:\s*/i;
const RECIPIENT_PREFIX = /^\s*(?:To|Cc|Bcc|An|Kopie|Blindkopie)\s*:\s*/i;
const PERSONA_PREFIX = /^\s*Opens card for\s+/i;

/** The Exchange item id in an Outlook URL: `/mail/[…/]id/<id>`, `/mail/deeplink/read[conv]/<id>`, `?ItemID=`. */
export function outlookItemIdFromUrl(url: URL): string | null {
  const match = /^\/mail\/(?:.*\/)?(?:id|read|readconv)\/([^/?#]+)/.exec(url.pathname);
  const raw = match?.[1] ?? url.searchParams.get('ItemID') ?? url.searchParams.get('itemid');
  if (!raw) return null;
  let id = raw;
  try {
    id = decodeURIComponent(raw);
  } catch {
    // Keep the raw form: still a stable key for this item.
  }
  return id && id.length <= MAX_THREAD_ID ? id : null;
}

/** True for a mail page of one of the four Outlook hosts. */
export function isOutlookMailUrl(url: URL): boolean {
  return OUTLOOK_HOSTS.includes(url.hostname) && /^\/mail(?:\/|$)/.test(url.pathname);
}

/** `AAQk…`/`AQQk…` ids are conversations, `AAMk…`/`AQMk…` single messages. */
const isConversationId = (id: string): boolean => /^A[AQ]Qk/.test(id);
const isMessageId = (id: string): boolean => /^A[AQ]Mk/.test(id);

/**
 * True inside a message body, or anything a body could be holding. Whoever sends
 * the user a mail writes what is in a body, copies of the header markup included
 * (a fake "From:" line, a recipient well, a date, a reading pane), and a reply
 * quotes it into the user's own message: nothing in there is a person, a date, an
 * id or the account (issue 13, item 3).
 */
function inBody(el: Element): boolean {
  return el.closest(SEL.bodyish) !== null;
}

/** The elements of the account area (top bar, folder tree), never one inside a view pane or a body. */
function accountElements(doc: Document, selector: string): Element[] {
  return [...doc.querySelectorAll(selector)].filter((el) => !el.closest(SEL.main) && !inBody(el));
}

function readAccountAddress(doc: Document): string | null {
  const secondary = cleanEmail(accountElements(doc, SEL.accountSecondary)[0]?.textContent);
  if (secondary) return secondary;
  for (const button of accountElements(doc, SEL.accountButton)) {
    const email = findEmail(button.getAttribute('aria-label')) ?? findEmail(button.getAttribute('title'));
    if (email) return email;
  }
  const root = accountElements(doc, SEL.folderRoot)[0];
  const fromTree = root ? findEmail(root.getAttribute('title')) : null;
  if (fromTree) return fromTree;
  return emailInTitle(doc.title ?? '');
}

/**
 * The user's display name: the account manager's name line, else the account
 * button's label less its localised prefix ("Account manager for Jane Doe"). A
 * participant shown by this name only is the user (Outlook often shows no address).
 */
function readAccountName(doc: Document): string | null {
  const primary = collapseWhitespace(accountElements(doc, SEL.accountPrimary)[0]?.textContent ?? '');
  if (primary && !primary.includes('@')) return clip(primary, MAX_NAME);
  for (const button of accountElements(doc, SEL.accountButton)) {
    const label = collapseWhitespace(button.getAttribute('aria-label') ?? '');
    const name = /^(?:Account manager for|Kontomanager für)\s+(.+)$/i.exec(label)?.[1];
    if (name && !name.includes('@')) return clip(name, MAX_NAME);
  }
  return null;
}

function findPane(doc: Document): Element | null {
  // A reading pane copied into a mail's body is not the page's own.
  const pane = [...doc.querySelectorAll(SEL.pane)].find((el) => !inBody(el));
  if (pane) return pane;
  // Structure only: a view pane that holds a message body (popouts, unknown locales).
  for (const main of doc.querySelectorAll(SEL.main)) if (!inBody(main) && main.querySelector(SEL.body)) return main;
  return null;
}

function isRecipientBlock(el: Element): boolean {
  if (el.matches(SEL.recipientWell)) return true;
  const label = el.getAttribute('aria-label');
  if (label && RECIPIENT_PREFIX.test(label)) return true;
  return el.getAttribute('role') === 'heading' && RECIPIENT_PREFIX.test(el.textContent ?? '');
}

/** Walks up to `stop` once and classifies where `el` sits; excluded regions win (a reply's To well). */
function placeOf(el: Element, stop: Element): 'recipient' | 'excluded' | 'header' {
  let place: 'recipient' | 'header' = 'header';
  for (let up: Element | null = el; up && up !== stop; up = up.parentElement) {
    if (up.matches(SEL.notThread) || up.matches(SEL.bodyish)) return 'excluded';
    if (isRecipientBlock(up)) place = 'recipient';
  }
  return place;
}

/**
 * A person from whatever the page shows: "Name <addr>" in text, an address in a
 * `title` or `mailto:`, the persona label. Null when there is neither name nor address.
 */
function readPerson(el: Element): Participant | null {
  let email: string | null = null;
  let name = '';
  const consider = (raw: string | null | undefined, prefix?: RegExp): void => {
    if (!raw) return;
    const parsed = parseNameAddress(prefix ? raw.replace(prefix, '') : raw);
    if (!email && parsed.email) email = parsed.email;
    if (!name && parsed.name && !findEmail(parsed.name)) name = parsed.name;
  };
  // The visible text first: it is the display name in every language.
  consider(readText(el), SENDER_PREFIX);
  for (const titled of [el, ...el.querySelectorAll('[title]')]) consider(titled.getAttribute('title'));
  for (const link of [el, ...el.querySelectorAll('a[href^="mailto:"]')]) {
    const href = link.getAttribute('href');
    if (!email && href?.toLowerCase().startsWith('mailto:')) email = cleanEmail(href);
  }
  consider(el.getAttribute('aria-label'), el.matches(SEL.senderLabelled) ? SENDER_PREFIX : PERSONA_PREFIX);
  for (const button of el.querySelectorAll('[aria-label]')) consider(button.getAttribute('aria-label'), PERSONA_PREFIX);
  if (!name && !email) return null;
  return participant(name, email);
}

/** One element per message: its sender line (expanded and collapsed messages both show one). */
function senderUnits(root: Element): Element[] {
  // One query over both selectors keeps document order.
  const candidates = root.querySelectorAll(`${SEL.senderLabelled}, ${SEL.person}`);
  return outermost([...candidates].filter((el) => placeOf(el, root) === 'header'));
}

function readRecipients(card: Element, root: Element): Participant[] {
  const blocks = outermost(
    [...card.querySelectorAll('[aria-label], [role="heading"], ' + SEL.recipientWell)].filter(
      (el) => isRecipientBlock(el) && placeOf(el, root) === 'recipient',
    ),
  );
  const people: Participant[] = [];
  for (const block of blocks) {
    const persons = outermost(block.querySelectorAll(SEL.person));
    if (persons.length > 0) {
      for (const el of persons) {
        const person = readPerson(el);
        if (person) people.push(person);
      }
      continue;
    }
    // No per-person elements: the label lists them, ";"-separated ("Smith, Bob" has a comma).
    const label = block.getAttribute('aria-label') ?? block.textContent ?? '';
    for (const part of label.replace(RECIPIENT_PREFIX, '').split(';')) {
      const parsed = parseNameAddress(part);
      if (parsed.name || parsed.email) people.push(participant(parsed.name, parsed.email));
    }
  }
  return uniqueParticipants(people);
}

function readDate(card: Element, root: Element): string | null {
  // Fallback: the date is the level-3 header line that names no person and has digits.
  const el =
    [...card.querySelectorAll(SEL.date)].find((date) => placeOf(date, root) !== 'excluded') ??
    [...card.querySelectorAll(SEL.headerLine)].find(
      (line) =>
        /\d/.test(line.textContent ?? '') &&
        !isRecipientBlock(line) &&
        !line.querySelector(`${SEL.senderLabelled}, ${SEL.person}`) &&
        placeOf(line, root) === 'header',
    );
  const text = collapseWhitespace(el?.getAttribute('title') || el?.textContent || '');
  return text ? clip(text, MAX_DATE) : null;
}

function isSubjectHeading(el: Element, pane: Element): boolean {
  if (inBody(el) || el.matches(SEL.date) || el.querySelector(SEL.date)) return false;
  if (placeOf(el, pane) !== 'header' || isRecipientBlock(el)) return false;
  if (el.matches(SEL.senderLabelled) || el.querySelector(SEL.senderLabelled) || el.querySelector(SEL.person)) return false;
  const text = readText(el);
  return text !== '' && !SENDER_PREFIX.test(text) && !RECIPIENT_PREFIX.test(text);
}

function readSubject(pane: Element): string {
  const headings = [...pane.querySelectorAll(SEL.subject)];
  // The explicit `_SUBJECT` id wins over heading order.
  headings.sort((a, b) => Number(b.id.endsWith('_SUBJECT')) - Number(a.id.endsWith('_SUBJECT')));
  const heading = headings.find((el) => isSubjectHeading(el, pane));
  if (!heading) return '';
  return clip(readText(heading) || collapseWhitespace(heading.getAttribute('title') ?? ''), MAX_SUBJECT);
}

function readThreadId(doc: Document, url: URL): string | null {
  const fromUrl = outlookItemIdFromUrl(url);
  if (fromUrl && isConversationId(fromUrl)) return fromUrl;
  const row = [...doc.querySelectorAll(SEL.selectedRow)].find((el) => !inBody(el));
  const convid = row?.getAttribute('data-convid')?.trim();
  if (convid && convid.length <= MAX_THREAD_ID) return convid;
  return fromUrl;
}

/** The start of a message's text: its body where expanded, else the card's own text (a collapsed preview). */
function readSnippetHash(card: Element): string | null {
  const body = [...card.querySelectorAll(SEL.bodyish)].find((el) => !el.parentElement?.closest(SEL.bodyish));
  return snippetHash(readText(body ?? card));
}

/**
 * An item open in the URL, yet nobody could be read: "Tend can't read this
 * conversation", with the page's structure (no text) for a report.
 */
function unreadable(doc: Document, url: URL, pane: Element | null): ThreadSnapshot | null {
  const itemId = outlookItemIdFromUrl(url);
  if (!itemId || !isOutlookMailUrl(url)) return null;
  return {
    host: 'outlook',
    threadId: readThreadId(doc, url),
    subject: '',
    url: clip(url.href, MAX_URL),
    accountAddress: readAccountAddress(doc),
    messages: [],
    locale: pageLocale(doc),
    accountName: readAccountName(doc),
    diagnostics: describeStructure(pane ?? doc.querySelector(SEL.main) ?? doc.body ?? doc.documentElement, url, 'outlook', SEL.bodyish),
  };
}

function readThread(doc: Document, url: URL): ThreadSnapshot | null {
  const pane = findPane(doc);
  // A conversation shows at least one message body (the newest is always expanded);
  // without one the pane is empty, loading, or a compose form with its own From/To.
  if (!pane || ![...pane.querySelectorAll(SEL.bodyish)].some((el) => !el.closest(SEL.notThread))) return unreadable(doc, url, pane);

  const messages: ThreadMessage[] = [];
  const senders = senderUnits(pane);
  const cards = unitContainers(senders, pane);
  senders.forEach((sender, i) => {
    const card = cards[i] ?? sender;
    const from = readPerson(sender);
    if (from) messages.push({ hostMessageId: null, from, to: readRecipients(card, pane), dateText: readDate(card, pane), snippetHash: readSnippetHash(card) });
  });
  // An empty pane ("Select an item to read") or one still loading.
  if (messages.length === 0) return unreadable(doc, url, pane);

  // A message id in the URL names the one open message (conversation view off).
  const itemId = outlookItemIdFromUrl(url);
  const only = messages.length === 1 ? messages[0] : undefined;
  if (only && itemId && isMessageId(itemId) && itemId.length <= MAX_MESSAGE_ID) only.hostMessageId = itemId;

  return {
    host: 'outlook',
    threadId: readThreadId(doc, url),
    subject: readSubject(pane),
    url: clip(url.href, MAX_URL),
    accountAddress: readAccountAddress(doc),
    messages: messages.slice(-MAX_MESSAGES),
    locale: pageLocale(doc),
    accountName: readAccountName(doc),
    diagnostics: null,
  };
}

/** Compose bodies in a document and in its same-origin frames (the editor is sometimes framed). */
function composeBodies(doc: Document): Array<{ body: HTMLElement; doc: Document }> {
  const found = [...doc.querySelectorAll<HTMLElement>(SEL.composeBody)].map((body) => ({ body, doc }));
  for (const frame of doc.querySelectorAll('iframe')) {
    let inner: Document | null = null;
    try {
      inner = frame.contentDocument;
    } catch {
      // Cross-origin frame: not ours to read.
    }
    if (inner) for (const body of inner.querySelectorAll<HTMLElement>(SEL.composeBody)) found.push({ body, doc: inner });
  }
  return found;
}

function findComposeBody(doc: Document): HTMLElement | null {
  const found = composeBodies(doc);
  if (found.length === 0) return null;
  const focused = found.find(({ body, doc: owner }) => pickFocused([body], owner));
  return (focused ?? found[found.length - 1])?.body ?? null;
}

export const outlookAdapter: MailHostAdapter = {
  host: 'outlook',
  readAccountAddress,
  readThread,
  findComposeBody,
};
