/**
 * Reads the open conversation in Outlook on the web (outlook.office.com,
 * outlook.office365.com, outlook.live.com, outlook.cloud.microsoft). Every
 * Outlook selector lives in this file; where each hook was seen on the real site
 * is in `tests/fixtures/outlook/SOURCE.md`.
 *
 * Outlook's class names are generated per build and every `aria-label` is
 * localised ("Reading Pane", "Lesebereich", "Volet de lecture", "閲覧ウィンドウ"), so
 * the page is read by structure, the same in any language: ids (`ReadingPaneContainerId`,
 * `MSG_<key>_FROM`, `MSG_<key>_DATETIME`, `UniqueMessageBody_*`), `data-testid`s,
 * `data-app-section`s, roles, and the order of a message's level-3 header lines
 * (sender, then To and Cc, then the date). English and German labels are a last
 * resort only. Outlook often shows a person's display name only; then `email` is
 * null and the background matches by name.
 *
 * Runs in the content script: type-only imports from `./thread` (no zod here).
 */
import type { MailHostAdapter, Participant, ThreadMessage, ThreadSnapshot } from './thread';
import { OUTLOOK_HOSTS } from './origins';
import {
  MAX_DATE,
  MAX_MESSAGE_ID,
  MAX_MESSAGES,
  MAX_NAME,
  MAX_SUBJECT,
  MAX_THREAD_ID,
  MAX_URL,
  cleanEmail,
  clip,
  collapseWhitespace,
  emailInTitle,
  findEmail,
  outermost,
  pageLocale,
  parseNameAddress,
  participant,
  pickFocused,
  readText,
  snippetHash,
  uniqueParticipants,
  unitContainers,
} from './text';
import { describeStructure } from './diagnostics';
import { linkHashesIn } from './links';

/**
 * How Outlook labels a message body in the languages we know (the compose body's
 * label starts the same way): only where a body has lost its id and role.
 */
const BODY_LABELS = ['Message body', 'Nachrichtentext', 'Corps du message', 'メッセージ本文'];

const SEL = {
  /**
   * The reading pane: ids and `data-app-section`s, none localised. The deeplink
   * read view has `#ItemReadingPaneContainer` and no `role=main`; builds without
   * any of these are found as a view pane holding a message body (`findPane`).
   */
  pane: [
    '#ReadingPaneContainerId',
    '#ConversationReadingPaneContainer',
    '#ItemReadingPaneContainer',
    '[data-app-section="MailReadCompose"]',
    '[data-app-section="ConversationContainer"]',
  ].join(', '),
  /** Any view pane: a popped-out message has no reading-pane ids, only this and a body. */
  main: '[role="main"]',
  /** A rendered message body (`UniqueMessageBody_1`, `_2`, …, `role=document`): only when a message is open. */
  body: '[id^="UniqueMessageBody"], [role="document"]',
  /**
   * Everything that is message content, not header: the body by id and role, the
   * `rps_` wrapper Outlook puts around a mail's own HTML, and the localised labels.
   */
  bodyish: ['[id^="UniqueMessageBody"]', '[role="document"]', '[class^="rps_"]', '[class*=" rps_"]', ...BODY_LABELS.map((label) => `[aria-label="${label}"]`)].join(', '),
  /** The subject: `CONV_…_SUBJECT` (or a message's `…_SUBJECT`), else a heading that is no header line. */
  subject: '[id$="_SUBJECT"], [role="heading"]',
  /** A message's sender line: `MSG_<key>_FROM`; labelled "From: …" / "Von: …" in older builds. */
  sender: '[id^="MSG_"][id$="_FROM"], [aria-label^="From:"], [aria-label^="Von:"]',
  /**
   * A person on the page: the live-persona hover target (not localised), the
   * persona button, a mailto link, a span titled with an address (not a div: the
   * subject heading's `title` is the subject, which may hold an address).
   */
  person: '[data-lpc-hover-target-id], button[aria-label^="Opens card for "], a[href^="mailto:"], span[title*="@"]',
  /** A message's recipients: the well (To and Cc lines), or a To/Cc/Bcc line by its id. */
  recipients: '[data-testid="RecipientWell"], [id^="MSG_"][id$="_TO"], [id^="MSG_"][id$="_CC"], [id^="MSG_"][id$="_BCC"]',
  /** The date of a message, expanded or collapsed; a `title` holds the full date where the text is short. */
  date: '[data-testid="SentReceivedSavedTime"], [id^="MSG_"][id$="_DATETIME"]',
  /** Sender, To, Cc, the date (and attachments) are each a level-3 heading in a message header. */
  headerLine: '[role="heading"][aria-level="3"]',
  /** Level-3 header lines with digits that are no date. */
  notDate: '[id$="_ATTACHMENTS"], [id$="_SUBJECT"]',
  /** Where a person must not be read: hover cards, dialogs, a reply being written. */
  notThread: '[role="dialog"], .livePersonaCard, [role="form"], form, [contenteditable="true"]',
  /** The selected conversation in the message list: its `data-convid` is the conversation id. */
  selectedRow: '[role="listbox"] [role="option"][aria-selected="true"][data-convid], [role="option"][aria-selected="true"][data-convid]',
  /** Account: the account manager's flyout shows the address; the button label sometimes does. */
  accountSecondary: '#mectrl_currentAccount_secondary',
  /** The account manager's name line (the user's display name). */
  accountPrimary: '#mectrl_currentAccount_primary',
  accountButton: '#O365_MainLink_Me, #mectrl_main_trigger, button[aria-label^="Account manager for "], button[aria-label^="Kontomanager für "]',
  /** The mailbox root of the folder tree is titled, and `data-folder-name`d, with the account's address. */
  folderRoot: '[role="tree"] [role="treeitem"][title*="@"], [data-folder-name*="@"]',
  /** The compose body: inside the editor's parent (structure), else by its localised label. */
  composeBody: ['[id^="editorParent"] [contenteditable="true"]', ...BODY_LABELS.map((label) => `[contenteditable="true"][aria-label^="${label}"]`)].join(', '),
} as const;

/** "From:", "To:", "Cc:", "Bcc:" and their German forms: a fallback where the structure says nothing. */
const SENDER_PREFIX = /^\s*(?:From|Von)\s*:\s*/i;
const RECIPIENT_PREFIX = /^\s*(?:To|Cc|Bcc|An|Kopie|Blindkopie)\s*:\s*/i;
const PERSONA_PREFIX = /^\s*Opens card for\s+/i;
const ACCOUNT_PREFIX = /^(?:Account manager for|Kontomanager für)\s+(.+)$/i;
/**
 * A header line's label in any language: one or two short words and a colon,
 * full-width too, with or without a space before it ("From: ", "De : ", "差出人：").
 */
const LABEL = /^[^\s:：<>@"]{1,24}(?: [^\s:：<>@"]{1,24})? ?[:：] ?/;

/** The item id in an Outlook URL: `/mail/[…/]id/<id>`, `/mail/deeplink/read[conv]/<id>`, `?ItemID=`. */
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

/** `text` less a leading header label, or null when it has none. */
function afterLabel(text: string): string | null {
  const lead = LABEL.exec(text);
  return lead ? text.slice(lead[0].length) : null;
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
  const fromTree = root ? (findEmail(root.getAttribute('title')) ?? findEmail(root.getAttribute('data-folder-name'))) : null;
  if (fromTree) return fromTree;
  return emailInTitle(doc.title ?? '');
}

/**
 * The user's display name: the account manager's name line; else the name the
 * account button's label holds. That label wraps the name in words of the page's
 * language, before or after it ("Account manager for Jane Doe", "Jane Doe のアカウント
 * マネージャー"), so a name the page shows elsewhere (the page title "Mail - Jane Doe -
 * Outlook", then a participant) found inside the label wins over cutting a known
 * English or German lead off it. A participant shown by this name only is the user.
 */
function readAccountName(doc: Document, known: string[] = []): string | null {
  const primary = collapseWhitespace(accountElements(doc, SEL.accountPrimary)[0]?.textContent ?? '');
  if (primary && !primary.includes('@')) return clip(primary, MAX_NAME);
  const held = (label: string, names: string[]): string | undefined =>
    names
      .map(collapseWhitespace)
      .filter((name) => name.length > 1 && name !== label && !name.includes('@') && label.includes(name))
      .sort((a, b) => b.length - a.length)[0];
  for (const button of accountElements(doc, SEL.accountButton)) {
    const label = collapseWhitespace(button.getAttribute('aria-label') ?? '');
    const lead = ACCOUNT_PREFIX.exec(label)?.[1];
    const name = held(label, (doc.title ?? '').split(/\s+[-\u2013\u2014|]\s+/)) ?? (lead && !lead.includes('@') ? lead : held(label, known));
    if (name) return clip(name, MAX_NAME);
  }
  return null;
}

function findPane(doc: Document): Element | null {
  // A reading pane copied into a mail's body is not the page's own.
  const pane = [...doc.querySelectorAll(SEL.pane)].find((el) => !inBody(el));
  if (pane) return pane;
  // Structure only: a view pane that holds a message body (popouts, builds without the ids).
  for (const main of doc.querySelectorAll(SEL.main)) if (!inBody(main) && main.querySelector(SEL.body)) return main;
  return null;
}

function isRecipientBlock(el: Element): boolean {
  if (el.matches(SEL.recipients)) return true;
  const label = el.getAttribute('aria-label');
  if (label && RECIPIENT_PREFIX.test(label)) return true;
  return el.matches(SEL.headerLine) && RECIPIENT_PREFIX.test(el.textContent ?? '');
}

/** The text a reader is given: without what `aria-hidden` hides (an avatar's initials). */
function shownText(el: Element): string {
  if (!el.querySelector('[aria-hidden="true"]')) return readText(el);
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return readText(copy);
}

/**
 * The name an element's label gives: an avatar's (`role=img`) is the bare name in
 * any language; a persona's or a header line's follows its lead ("Opens card for ",
 * "De : "). Null for a label in words we cannot take apart ("Visitenkarte für … öffnen").
 */
function nameInLabel(el: Element): string | null {
  const label = collapseWhitespace(el.getAttribute('aria-label') ?? '');
  if (!label || el.getAttribute('role') === 'img') return label || null;
  const persona = PERSONA_PREFIX.exec(label);
  return persona ? label.slice(persona[0].length) : afterLabel(label);
}

/**
 * A person from whatever the page shows: "Name <addr>" in text, an address in a
 * `title` or `mailto:`, an avatar's or a line's label. Null when there is neither
 * name nor address.
 */
function readPerson(el: Element): Participant | null {
  let email: string | null = null;
  let name = '';
  const consider = (raw: string | null | undefined): void => {
    if (!raw) return;
    const parsed = parseNameAddress(raw);
    if (!email && parsed.email) email = parsed.email;
    if (!name && parsed.name && !findEmail(parsed.name)) name = parsed.name;
  };
  // The visible text first: it is the display name in every language. A header
  // line's text may start with its label; a person's is the name as it stands.
  const text = shownText(el);
  consider(el.matches(SEL.person) ? text : (afterLabel(text) ?? text));
  for (const titled of [el, ...el.querySelectorAll('[title]')]) consider(titled.getAttribute('title'));
  for (const link of [el, ...el.querySelectorAll('a[href^="mailto:"]')]) {
    const href = link.getAttribute('href');
    if (!email && href?.toLowerCase().startsWith('mailto:')) email = cleanEmail(href);
  }
  for (const labelled of [el, ...el.querySelectorAll('[aria-label]')]) consider(nameInLabel(labelled));
  if (!name && !email) return null;
  return participant(name, email);
}

/** "Assistant on behalf of Boss": a sender line naming two people is from the last (the mailbox it was sent for). */
function readSender(el: Element): Participant | null {
  const people = outermost(el.querySelectorAll(SEL.person));
  return (people.length > 1 && readPerson(people[people.length - 1]!)) || readPerson(el);
}

/** What a header piece is: a sender line, a line holding people, a person alone, recipients, a date, a body. */
type Kind = 'sender' | 'line' | 'pill' | 'recipients' | 'date' | 'guess' | 'body';
interface Mark {
  kind: Kind;
  el: Element;
}

function headerKind(el: Element): Kind | null {
  if (el.matches(SEL.sender)) return 'sender';
  if (el.matches(SEL.headerLine)) {
    if (el.querySelector(SEL.sender)) return 'sender';
    if (el.querySelector(SEL.person)) return 'line';
    // A level-3 line with digits and nobody in it is the date (when it has lost its hooks).
    if (el.querySelector(SEL.date) || el.matches(SEL.notDate)) return null;
    return /\d/.test(el.textContent ?? '') ? 'guess' : null;
  }
  return el.matches(SEL.person) ? 'pill' : null;
}

/**
 * The header pieces and bodies of the pane in document order. Nothing inside a
 * body, a dialog or a reply being written is entered; in a recipients block only
 * a date is looked for (its people are read from the block).
 */
function scan(pane: Element): Mark[] {
  const marks: Mark[] = [];
  const visit = (parent: Element, inRecipients: boolean): void => {
    for (const el of parent.children) {
      if (el.matches(SEL.notThread)) continue;
      const kind: Kind | null = el.matches(SEL.bodyish)
        ? 'body'
        : el.matches(SEL.date)
          ? 'date'
          : inRecipients
            ? null
            : isRecipientBlock(el)
              ? 'recipients'
              : headerKind(el);
      if (kind) marks.push({ kind, el });
      if (!kind || kind === 'recipients') visit(el, inRecipients || kind === 'recipients');
    }
  };
  visit(pane, false);
  return marks;
}

interface Found {
  sender: Element;
  /** Started by a person alone (the avatar): the sender line, when it comes, replaces it. */
  pill: boolean;
  lines: Element[];
  date?: Element;
  guessed?: boolean;
  body?: Element;
}

/**
 * The pane's messages, by structure alone. Each message shows one date, at most
 * one body, one sender hook and one person standing alone (its avatar): two pieces
 * whose closest common container holds two of any of these belong to different messages. In a message, the first line
 * holding people is its sender and the later ones are its To and Cc lines, in any
 * language; dates, bodies and recipient blocks seen before their sender wait for it.
 */
function group(marks: Mark[]): Found[] {
  const of = (kind: Kind): Element[] => marks.filter((mark) => mark.kind === kind).map((mark) => mark.el);
  const dates = of('date');
  const apart = [dates.length > 0 ? dates : of('guess'), of('body'), of('sender'), of('pill')];
  const together = (a: Element, b: Element): boolean => {
    let common: Element | null = a;
    while (common && !common.contains(b)) common = common.parentElement;
    const box = common;
    return box !== null && apart.every((list) => list.filter((el) => box.contains(el)).length < 2);
  };
  const take = (found: Found, mark: Mark): boolean => {
    if (mark.kind === 'recipients') {
      found.lines.push(mark.el);
    } else if (mark.kind === 'body') {
      if (found.body) return false;
      found.body = mark.el;
    } else {
      // A date by its hooks wins over a header line guessed to be one.
      if (found.date && !(found.guessed && mark.kind === 'date')) return false;
      found.date = mark.el;
      found.guessed = mark.kind === 'guess';
    }
    return true;
  };
  const messages: Found[] = [];
  let waiting: Mark[] = [];
  for (const mark of marks) {
    const current = messages[messages.length - 1];
    const here = current !== undefined && together(current.sender, mark.el);
    if (mark.kind === 'sender' || mark.kind === 'line' || mark.kind === 'pill') {
      if (here) {
        if (current.pill && mark.kind !== 'pill') {
          current.sender = mark.el;
          current.pill = false;
        } else if (mark.kind === 'line') {
          current.lines.push(mark.el);
        }
        continue;
      }
      const next: Found = { sender: mark.el, pill: mark.kind === 'pill', lines: [] };
      messages.push(next);
      waiting = waiting.filter((held) => !(together(next.sender, held.el) && take(next, held)));
    } else if (!(here && take(current, mark))) {
      waiting.push(mark);
    }
  }
  // A person standing alone with nothing of a message around it (a face in a toolbar) is no message.
  return messages.filter((found) => !found.pill || found.date || found.body || found.lines.length > 0);
}

function readRecipients(blocks: Element[]): Participant[] {
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
    // No per-person elements: each line's label lists them, ";"-separated ("Smith, Bob" has a comma).
    const lines = outermost(block.querySelectorAll('[aria-label], [role="heading"]'));
    for (const line of lines.length > 0 ? lines : [block]) {
      const label = collapseWhitespace(line.getAttribute('aria-label') ?? line.textContent ?? '');
      for (const part of (afterLabel(label) ?? label).split(';')) {
        const parsed = parseNameAddress(part);
        if (parsed.name || parsed.email) people.push(participant(parsed.name, parsed.email));
      }
    }
  }
  return uniqueParticipants(people);
}

function readDate(el: Element | undefined): string | null {
  const text = collapseWhitespace(el?.getAttribute('title') || el?.textContent || '');
  return text ? clip(text, MAX_DATE) : null;
}

function isSubjectHeading(el: Element): boolean {
  if (el.closest(`${SEL.bodyish}, ${SEL.notThread}`)) return false;
  if (el.id.endsWith('_SUBJECT')) return true;
  // Level-3 headings are a message's header lines (sender, To, Cc, date, attachments).
  if (el.matches(SEL.headerLine) || el.closest(`${SEL.date}, ${SEL.recipients}`)) return false;
  if (isRecipientBlock(el) || el.matches(SEL.sender) || el.querySelector(`${SEL.sender}, ${SEL.person}, ${SEL.date}`)) return false;
  const text = readText(el);
  return text !== '' && !SENDER_PREFIX.test(text) && !RECIPIENT_PREFIX.test(text);
}

function readSubject(pane: Element): string {
  const headings = [...pane.querySelectorAll(SEL.subject)];
  // The explicit `_SUBJECT` ids win over heading order, the conversation's first.
  const rank = (el: Element): number => (el.id.endsWith('_SUBJECT') ? (el.id.startsWith('CONV_') ? 2 : 1) : 0);
  headings.sort((a, b) => rank(b) - rank(a));
  const heading = headings.find(isSubjectHeading);
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
  const found = group(scan(pane));
  // Each message's whole card, for the preview text of a collapsed one.
  const cards = unitContainers(
    found.map((message) => message.sender),
    pane,
  );
  found.forEach((message, i) => {
    const from = readSender(message.sender);
    if (!from) return;
    const linkHashes = linkHashesIn(message.body);
    messages.push({
      hostMessageId: null,
      from,
      to: readRecipients(message.lines),
      dateText: readDate(message.date),
      snippetHash: snippetHash(readText(message.body ?? cards[i] ?? message.sender)),
      ...(linkHashes.length > 0 && { linkHashes }),
    });
  });
  // An empty pane ("Select an item to read") or one still loading.
  if (messages.length === 0) return unreadable(doc, url, pane);

  // A message id in the URL names the one open message (conversation view off).
  const itemId = outlookItemIdFromUrl(url);
  const only = messages.length === 1 ? messages[0] : undefined;
  if (only && itemId && isMessageId(itemId) && itemId.length <= MAX_MESSAGE_ID) only.hostMessageId = itemId;

  const shown = messages.slice(-MAX_MESSAGES);
  return {
    host: 'outlook',
    threadId: readThreadId(doc, url),
    subject: readSubject(pane),
    url: clip(url.href, MAX_URL),
    accountAddress: readAccountAddress(doc),
    messages: shown,
    locale: pageLocale(doc),
    accountName: readAccountName(
      doc,
      shown.flatMap((message) => [message.from, ...message.to].map((person) => person.name)),
    ),
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
    if (!inner) continue;
    // A frame in the editor's parent is the editor, whatever its body is labelled.
    const selector = frame.closest('[id^="editorParent"]') ? '[contenteditable="true"]' : SEL.composeBody;
    for (const body of outermost(inner.querySelectorAll<HTMLElement>(selector))) found.push({ body, doc: inner });
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
