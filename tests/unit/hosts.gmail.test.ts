// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gmailAdapter, isGmailMailPath } from '../../lib/hosts/gmail';
import * as text from '../../lib/hosts/text';
import { MAX_MESSAGES, MAX_PARTICIPANTS, Participant, ThreadMessage, ThreadSnapshot } from '../../lib/hosts/thread';
import {
  type GmailMessage,
  type GmailThreadOptions,
  escapeHtml,
  gmailInboxMain,
  gmailInboxPage,
  gmailThreadMain,
  gmailThreadPage,
  hexToDecimal,
} from '../fixtures/gmail';
import { gmailCopiedHeaders } from '../fixtures/copied-headers';
import { MAX_LINK_HASHES, linkHash } from '../../lib/hosts/links';
import { GMAIL_WORDS, type GmailLang } from '../fixtures/gmail';
import { expectUnreadable } from './support/diagnostics';

const ME = { name: 'Robin Vale', email: 'robin@valeconsulting.example' };
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const CHARLES = { name: 'Charles Babbage', email: 'charles@analytical.example' };
const MARY = { name: 'Mary Somerville', email: 'mary.somerville@royalsociety.example' };
const HOSTILE = '<img src=x onerror=alert(1)>';

const THREAD_URL = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqHvmKpwKxXdwqLMvVTrjJ');
const INBOX_URL = new URL('https://mail.google.com/mail/u/0/#inbox');

/** The snapshot without the body links' hashes: what a copy in a body must leave as it was. */
function withoutLinkHashes(snapshot: ThreadSnapshot): ThreadSnapshot {
  return { ...snapshot, messages: snapshot.messages.map(({ linkHashes: _links, ...message }) => message) };
}

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Saved pages: read without a fallback, so a missing file fails the test. */
function fixture(name: string): Document {
  return parse(readFileSync(join(import.meta.dirname, '../fixtures/gmail', name), 'utf8'));
}

function message(overrides: Partial<GmailMessage> = {}): GmailMessage {
  return {
    from: ADA,
    to: [ME],
    date: 'Mon, Oct 6, 2026, 3:42 PM',
    messageId: '19a2b3c4d5e6f7ff',
    ...overrides,
  };
}

function thread(overrides: Partial<GmailThreadOptions> = {}): GmailThreadOptions {
  return {
    account: ME.email,
    subject: 'Kick-off next steps',
    threadId: '19a2b3c4d5e6f708',
    messages: [message()],
    ...overrides,
  };
}

function read(doc: Document, url = THREAD_URL): ThreadSnapshot | null {
  const snapshot = gmailAdapter.readThread(doc, url);
  // Whatever the adapter sends must pass the background's validation unchanged.
  if (snapshot) expect(ThreadSnapshot.parse(snapshot)).toEqual(snapshot);
  return snapshot && withoutSnippets(snapshot);
}

/**
 * The snapshot less each message's snippet hash (a hash of its visible text, which
 * differs whenever a test's body does): the header is what most tests check; the
 * hash has tests of its own, on the adapter's raw output.
 */
function withoutSnippets(snapshot: ThreadSnapshot): ThreadSnapshot {
  for (const message of snapshot.messages) expect(message.snippetHash === null || /^[0-9a-f]{8}$/.test(message.snippetHash ?? '')).toBe(true);
  return { ...snapshot, messages: snapshot.messages.map(({ snippetHash: _hash, ...header }) => header) };
}

function readOrFail(doc: Document, url = THREAD_URL): ThreadSnapshot {
  const snapshot = read(doc, url);
  if (!snapshot) throw new Error('expected an open conversation');
  return snapshot;
}

function mainOf(doc: Document): Element {
  const main = doc.querySelector('[role="main"]');
  if (!main) throw new Error('fixture has no [role=main]');
  return main;
}

describe('text helpers mirror the schema caps', () => {
  it('uses the same limits as lib/hosts/thread.ts', () => {
    expect(text.MAX_PARTICIPANTS).toBe(MAX_PARTICIPANTS);
    expect(text.MAX_MESSAGES).toBe(MAX_MESSAGES);
    expect(Participant.shape.name.maxLength).toBe(text.MAX_NAME);
    expect(Participant.shape.email.unwrap().maxLength).toBe(text.MAX_EMAIL);
    expect(ThreadMessage.shape.dateText.unwrap().maxLength).toBe(text.MAX_DATE);
    expect(ThreadMessage.shape.hostMessageId.unwrap().maxLength).toBe(text.MAX_MESSAGE_ID);
    expect(ThreadSnapshot.shape.subject.maxLength).toBe(text.MAX_SUBJECT);
    expect(ThreadSnapshot.shape.threadId.unwrap().maxLength).toBe(text.MAX_THREAD_ID);
    expect(ThreadSnapshot.shape.url.maxLength).toBe(text.MAX_URL);
  });

  it('parses "Name <addr>" forms', () => {
    expect(text.parseNameAddress('Bob Smith <bob@x.com>')).toEqual({ name: 'Bob Smith', email: 'bob@x.com' });
    expect(text.parseNameAddress('"Smith, Bob"<bob@x.com>')).toEqual({ name: 'Smith, Bob', email: 'bob@x.com' });
    expect(text.parseNameAddress('Bob (bob@x.com)')).toEqual({ name: 'Bob', email: 'bob@x.com' });
    expect(text.parseNameAddress('  bob@x.com ')).toEqual({ name: '', email: 'bob@x.com' });
    expect(text.parseNameAddress('Bob  Smith')).toEqual({ name: 'Bob Smith', email: null });
    expect(text.parseNameAddress(`${HOSTILE} <bob@x.com>`)).toEqual({ name: HOSTILE, email: 'bob@x.com' });
    expect(text.parseNameAddress(HOSTILE)).toEqual({ name: HOSTILE, email: null });
  });

  it('clips without splitting an emoji', () => {
    expect(text.clip('ab🎉', 3)).toBe('ab');
    expect(text.clip('abc', 5)).toBe('abc');
  });
});

describe('isGmailMailPath', () => {
  it.each([
    ['/mail/', true],
    ['/mail', true],
    ['/mail/u/0/', true],
    ['/mail/u/3', true],
    ['/mail/u/me@x.com/', true],
    ['/mail/u/me%40x.com/', true],
    ['/mail/b/123456/u/0/', true],
    ['/mail/u/0/popout', true],
    ['/mail/mu/mp/123/', false],
    ['/mail/help/about.html', false],
    ['/', false],
    ['/chat/u/0/', false],
  ])('%s -> %s', (path, expected) => {
    expect(isGmailMailPath(new URL(`https://mail.google.com${path}#inbox`))).toBe(expected);
  });
});

describe('gmail account address', () => {
  const withTitle = () => parse(gmailInboxPage({ account: ME.email }));
  const withoutTitle = () => {
    const doc = withTitle();
    doc.title = 'Gmail';
    return doc;
  };

  it.each([
    'https://mail.google.com/mail/',
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/robin@valeconsulting.example/#inbox',
    'https://mail.google.com/mail/b/382910/u/0/#inbox',
  ])('reads the title on %s', (href) => {
    expect(gmailAdapter.readAccountAddress(withTitle(), new URL(href))).toBe(ME.email);
  });

  it('takes the last address in the title, not one in the subject', () => {
    const doc = parse(gmailThreadPage(thread({ subject: 'Intro - ada@analytical.example - call' })));
    expect(doc.title).toBe(`Intro - ada@analytical.example - call - ${ME.email} - Gmail`);
    expect(gmailAdapter.readAccountAddress(doc, THREAD_URL)).toBe(ME.email);
  });

  it('reads the title in other languages ("Posteingang")', () => {
    const doc = withTitle();
    doc.title = `Posteingang (12) - ${ME.email} - Gmail`;
    expect(gmailAdapter.readAccountAddress(doc, INBOX_URL)).toBe(ME.email);
  });

  it.each([
    ['https://mail.google.com/mail/u/other@example.org/#inbox', 'other@example.org'],
    ['https://mail.google.com/mail/u/other%40example.org/#inbox', 'other@example.org'],
    ['https://mail.google.com/mail/b/382910/u/other@example.org/#inbox', 'other@example.org'],
    ['https://mail.google.com/mail/?authuser=other@example.org', 'other@example.org'],
  ])('falls back to the path on %s', (href, expected) => {
    const doc = withoutTitle();
    doc.querySelector('a[href^="https://accounts.google.com/SignOutOptions"]')?.remove();
    expect(gmailAdapter.readAccountAddress(doc, new URL(href))).toBe(expected);
  });

  it('falls back to the avatar label, then to null', () => {
    const doc = withoutTitle();
    for (const href of ['https://mail.google.com/mail/u/0/#inbox', 'https://mail.google.com/mail/', 'https://mail.google.com/mail/b/1/u/0/']) {
      expect(gmailAdapter.readAccountAddress(doc, new URL(href))).toBe(ME.email);
    }
    doc.querySelector('a[href^="https://accounts.google.com/SignOutOptions"]')?.remove();
    expect(gmailAdapter.readAccountAddress(doc, INBOX_URL)).toBeNull();
  });
});

describe('gmail thread detection', () => {
  it('sees no conversation in the inbox list, though its rows carry email and thread-id attributes', () => {
    const doc = parse(gmailInboxPage({ account: ME.email }));
    expect(doc.querySelectorAll('[email]').length).toBeGreaterThan(0);
    expect(doc.querySelectorAll('[data-legacy-thread-id]').length).toBeGreaterThan(0);
    expect(read(doc, INBOX_URL)).toBeNull();
  });

  it("an opaque hash token without the heading: Tend can't read it, and says so with the page's structure and none of its text", () => {
    const doc = parse(gmailInboxPage({ account: ME.email }));
    const diagnostics = expectUnreadable(read(doc, THREAD_URL), doc, 'gmail');
    expect(diagnostics).toContain('url: mail.google.com/mail/u/0/#inbox/*');
    // The list's rows are described (how many, what hooks), never what they say.
    expect(diagnostics).toMatch(/tr\.zA.*\[email\]|\[email\].*×/s);
    // A list URL (no token) is simply no conversation.
    expect(read(doc, INBOX_URL)).toBeNull();
  });

  it('reads an open conversation', () => {
    const snapshot = readOrFail(parse(gmailThreadPage(thread())));
    expect(snapshot).toEqual({
      host: 'gmail',
      threadId: '19a2b3c4d5e6f708',
      subject: 'Kick-off next steps',
      url: THREAD_URL.href,
      accountAddress: ME.email,
      messages: [
        { hostMessageId: '19a2b3c4d5e6f7ff', from: ADA, to: [ME], dateText: 'Mon, Oct 6, 2026, 3:42 PM' },
      ],
      locale: 'en',
      accountName: 'robin',
      diagnostics: null,
    });
  });

  it('follows the single-page app as [role=main] is swapped', () => {
    const doc = parse(gmailInboxPage({ account: ME.email }));
    const main = mainOf(doc);
    expect(read(doc, INBOX_URL)).toBeNull();

    main.innerHTML = gmailThreadMain(thread());
    expect(read(doc)?.threadId).toBe('19a2b3c4d5e6f708');

    main.innerHTML = gmailThreadMain(thread({ threadId: '19a2b3c4d5e6faaa', subject: 'Second', messages: [message({ from: CHARLES })] }));
    const second = readOrFail(doc);
    expect(second.threadId).toBe('19a2b3c4d5e6faaa');
    expect(second.subject).toBe('Second');
    expect(second.messages.map((m) => m.from.email)).toEqual([CHARLES.email]);

    main.innerHTML = gmailInboxMain();
    expect(read(doc, INBOX_URL)).toBeNull();
  });

  it('ignores a conversation view Gmail keeps hidden after navigating away', () => {
    const doc = parse(gmailInboxPage({ account: ME.email }));
    mainOf(doc).insertAdjacentHTML('beforeend', `<div class="nH" style="display: none;">${gmailThreadMain(thread())}</div>`);
    expect(read(doc, INBOX_URL)).toBeNull();
  });

  it('needs the heading inside [role=main] (elsewhere it is not the open conversation: nothing is read)', () => {
    const doc = parse(gmailInboxPage({ account: ME.email }));
    doc.body.insertAdjacentHTML('beforeend', `<div>${gmailThreadMain(thread())}</div>`);
    expectUnreadable(read(doc), doc, 'gmail');
    expect(read(doc, INBOX_URL)).toBeNull();
  });
});

describe('gmail participants', () => {
  it('reads To and Cc, collapsed messages and message ids', () => {
    const doc = parse(
      gmailThreadPage(
        thread({
          messages: [
            message({ from: ADA, to: [ME], cc: [CHARLES], messageId: '19a2b3c4d5e6f701', date: 'Thu, Oct 2, 2026, 9:15 AM', collapsed: true }),
            message({ from: ME, to: [ADA], cc: [CHARLES], messageId: '19a2b3c4d5e6f702', date: 'Thu, Oct 2, 2026, 11:02 AM', collapsed: true, omitIds: true }),
            message({ from: CHARLES, to: [ME, ADA], cc: [MARY], messageId: '19a2b3c4d5e6f703', date: 'Mon, Oct 6, 2026, 3:42 PM' }),
          ],
        }),
      ),
    );
    const snapshot = readOrFail(doc);
    expect(snapshot.messages).toEqual([
      // Collapsed: the sender span and date are there, the recipients line is not.
      { hostMessageId: '19a2b3c4d5e6f701', from: ADA, to: [], dateText: 'Thu, Oct 2, 2026, 9:15 AM' },
      { hostMessageId: null, from: ME, to: [], dateText: 'Thu, Oct 2, 2026, 11:02 AM' },
      { hostMessageId: '19a2b3c4d5e6f703', from: CHARLES, to: [ME, ADA, MARY], dateText: 'Mon, Oct 6, 2026, 3:42 PM' },
    ]);
  });

  it('reads names from attributes even where the text says "me"', () => {
    const doc = parse(gmailThreadPage(thread({ messages: [message({ to: [ME, ADA] })] })));
    expect(doc.querySelector('span.g2')?.textContent).toBe('me');
    expect(readOrFail(doc).messages[0]?.to).toEqual([ME, ADA]);
  });

  it('derives the hex id from #msg-f: when the legacy message id is missing', () => {
    const doc = parse(gmailThreadPage(thread()));
    const card = doc.querySelector('[data-legacy-message-id]');
    card?.removeAttribute('data-legacy-message-id');
    expect(card?.getAttribute('data-message-id')).toBe(`#msg-f:${hexToDecimal('19a2b3c4d5e6f7ff')}`);
    expect(readOrFail(doc).messages[0]?.hostMessageId).toBe('19a2b3c4d5e6f7ff');
  });

  it('reads a sender whose card has no ids and no class (collapsed, not loaded)', () => {
    const doc = parse(gmailThreadPage(thread({ messages: [message({ collapsed: true, omitIds: true }), message({ from: CHARLES })] })));
    doc.querySelector('div.adf')?.setAttribute('class', 'renamed');
    expect(readOrFail(doc).messages.map((m) => m.from)).toEqual([ADA, CHARLES]);
  });

  it('reads 200 participants', () => {
    const crowd = Array.from({ length: 200 }, (_, i) => ({ name: `Guest ${i + 1}`, email: `guest${i + 1}@events.example` }));
    const doc = parse(gmailThreadPage(thread({ messages: [message({ from: ME, to: crowd.slice(0, 150), cc: crowd.slice(150) })] })));
    const to = readOrFail(doc).messages[0]?.to ?? [];
    expect(to).toHaveLength(200);
    expect(to[0]).toEqual(crowd[0]);
    expect(to[199]).toEqual(crowd[199]);
  });

  it('cuts, never rejects, past the caps', () => {
    const crowd = Array.from({ length: MAX_PARTICIPANTS + 20 }, (_, i) => ({ name: `G${i}`, email: `g${i}@events.example` }));
    const many = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) =>
      message({ messageId: `19a2b3c4d5e6${i.toString(16).padStart(4, '0')}`, from: { name: `S${i}`, email: `s${i}@x.example` }, collapsed: true }),
    );
    many.push(message({ messageId: '19a2b3c4d5e7ffff', to: crowd }));
    const snapshot = readOrFail(parse(gmailThreadPage(thread({ messages: many }))));
    expect(snapshot.messages).toHaveLength(MAX_MESSAGES);
    // The newest messages are kept.
    expect(snapshot.messages.at(-1)?.hostMessageId).toBe('19a2b3c4d5e7ffff');
    expect(snapshot.messages.at(-1)?.to).toHaveLength(MAX_PARTICIPANTS);
  });

  it('skips people whose attributes are missing, without crashing', () => {
    const doc = parse(
      gmailThreadPage(
        thread({
          messages: [
            message({ to: [{ name: 'No Address', email: null }, { name: null, email: 'noname@x.example' }, { name: 'Broken', email: 'not-an-address' }, ME] }),
            message({ from: { name: 'Ghost', email: null }, messageId: '19a2b3c4d5e6f800' }),
            message({ from: CHARLES, messageId: '19a2b3c4d5e6f801', omitDateTitle: true }),
          ],
        }),
      ),
    );
    expect(readOrFail(doc).messages).toEqual([
      { hostMessageId: '19a2b3c4d5e6f7ff', from: ADA, to: [{ name: '', email: 'noname@x.example' }, ME], dateText: 'Mon, Oct 6, 2026, 3:42 PM' },
      { hostMessageId: '19a2b3c4d5e6f801', from: CHARLES, to: [ME], dateText: null },
    ]);
  });

  it('falls back to h2.hP and the perm id when data-legacy-thread-id is missing', () => {
    const doc = parse(gmailThreadPage(thread({ threadId: null, permId: `thread-f:${hexToDecimal('19a2b3c4d5e6f708')}` })));
    expect(readOrFail(doc).threadId).toBe('19a2b3c4d5e6f708');
    doc.querySelector('h2.hP')?.setAttribute('data-thread-perm-id', 'undefined');
    const snapshot = readOrFail(doc);
    expect(snapshot.threadId).toBeNull();
    expect(snapshot.subject).toBe('Kick-off next steps');
  });
});

describe('gmail subjects and hostile markup', () => {
  it('reads emoji images in the subject as their alt text', () => {
    const doc = parse(gmailThreadPage(thread({ subject: 'Launch 🎉 party 🚀' })));
    expect(doc.querySelectorAll('h2.hP img[data-emoji]')).toHaveLength(2);
    expect(readOrFail(doc).subject).toBe('Launch 🎉 party 🚀');
  });

  it('reads hostile names and subjects back as plain text', () => {
    const evil = { name: HOSTILE, email: 'evil@x.example' };
    const doc = parse(
      gmailThreadPage(thread({ subject: `Re: ${HOSTILE} "quoted" & 'single'`, messages: [message({ from: evil, to: [{ name: '"><script>alert(2)</script>', email: 'q@x.example' }] })] })),
    );
    expect(doc.querySelector('img[src="x"]')).toBeNull();
    expect(doc.querySelector('script')).toBeNull();
    const snapshot = readOrFail(doc);
    expect(snapshot.subject).toBe(`Re: ${HOSTILE} "quoted" & 'single'`);
    expect(snapshot.messages[0]?.from).toEqual(evil);
    expect(snapshot.messages[0]?.to).toEqual([{ name: '"><script>alert(2)</script>', email: 'q@x.example' }]);
  });

  it('escapes every character that matters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('builds pages with no inline script (Gmail enforces Trusted Types)', () => {
    const html = gmailThreadPage(thread({ withReply: true })) + gmailInboxPage({ account: ME.email });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('gmail: a mail body is never read as a header (issue 13, item 3)', () => {
  const EVE = { name: 'Eve Mallory', email: 'eve@phish.example' };
  const copied = gmailCopiedHeaders({ me: ME, named: CHARLES });
  /** Eve writes to the user; her mail's HTML is `bodyHtml`. */
  const fromEve = (bodyHtml: string | undefined, overrides: Partial<GmailMessage> = {}) =>
    message({ from: EVE, to: [ME], bodyHtml, ...overrides });

  it('the copy holds what the adapter reads (so the tests below could fail)', () => {
    // Read as a page of its own, the copied markup is a conversation with Charles.
    const doc = parse(gmailThreadPage(thread()));
    mainOf(doc).innerHTML = copied;
    const snapshot = readOrFail(doc);
    expect(JSON.stringify(snapshot)).toContain(CHARLES.email);
  });

  it('reads the same conversation as with a plain body: no person, date, id or subject from the copy', () => {
    const plain = readOrFail(parse(gmailThreadPage(thread({ messages: [fromEve(undefined)] }))));
    const hostile = readOrFail(parse(gmailThreadPage(thread({ messages: [fromEve(copied)] }))));
    // The copy's links are the body's: only their hashes come along (issue 15), nothing else.
    expect(hostile.messages[0]!.linkHashes!.every((hash) => /^[0-9a-f]{1,14}$/.test(hash))).toBe(true);
    expect(withoutLinkHashes(hostile)).toEqual(plain);
    expect(JSON.stringify(hostile)).not.toContain(CHARLES.email);
  });

  it('holds when the real cards carry no ids and the heading no thread id (the copy has both)', () => {
    const opts = (bodyHtml?: string) => thread({ threadId: null, messages: [fromEve(bodyHtml, { omitIds: true })] });
    const plain = readOrFail(parse(gmailThreadPage(opts())));
    const hostile = readOrFail(parse(gmailThreadPage(opts(copied))));
    expect(plain.threadId).toBeNull();
    expect(plain.messages).toEqual([{ hostMessageId: null, from: EVE, to: [ME], dateText: 'Mon, Oct 6, 2026, 3:42 PM' }]);
    expect(withoutLinkHashes(hostile)).toEqual(plain);
  });

  it("the user's reply quoting the copy names only its real recipients", () => {
    const quoted = `<div>Thanks, will do.</div><div class="gmail_quote"><blockquote class="gmail_quote">${copied}</blockquote></div>`;
    const snapshot = readOrFail(
      parse(
        gmailThreadPage(
          thread({
            messages: [fromEve(copied), message({ from: ME, to: [EVE], cc: [ADA], bodyHtml: quoted, messageId: '19a2b3c4d5e6f800' })],
          }),
        ),
      ),
    );
    expect(snapshot.messages.map((m) => [m.from.email, m.to.map((p) => p.email)])).toEqual([
      [EVE.email, [ME.email]],
      [ME.email, [EVE.email, ADA.email]],
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(CHARLES.email);
  });

  it('an account avatar copied into a body is not the account', () => {
    const doc = parse(gmailThreadPage(thread({ messages: [fromEve(copied)] })));
    doc.title = 'Inbox - Gmail';
    doc.querySelector('header a[aria-label^="Google Account"]')?.remove();
    expect(gmailAdapter.readAccountAddress(doc, THREAD_URL)).toBeNull();
  });

  it('an editable copied into a body is not the compose box', () => {
    const doc = parse(gmailThreadPage(thread({ messages: [fromEve('<div g_editable="true" contenteditable="true" role="textbox">x</div>')] })));
    expect(gmailAdapter.findComposeBody(doc)).toBeNull();
  });
});

/** The same conversation as each language's Gmail shows it: its words, its dates (the title's full form). */
const IN_LANGUAGE: Array<[GmailLang, string, string]> = [
  ['de', 'Mo., 6. Okt. 2026, 15:42', 'Di., 7. Okt. 2026, 09:05'],
  ['fr', 'lun. 6 oct. 2026, 15:42', 'mar. 7 oct. 2026, 09:05'],
  ['ja', '2026年10月6日(月) 15:42', '2026年10月7日(火) 9:05'],
  ['zh-CN', '2016年5月4日 上午10:08', '2016年5月4日 下午3:42'],
  ['ru', '26 дек. 2019 г., 22:53', '27 дек. 2019 г., 09:05'],
];

describe('gmail in other languages (issue 14)', () => {
  const inLanguage = (lang: GmailLang, first: string, second: string, overrides: Partial<GmailThreadOptions> = {}) => {
    const me = { name: GMAIL_WORDS[lang].me, email: ME.email };
    return thread({
      lang,
      accountName: ME.name,
      messages: [message({ to: [me], date: first }), message({ from: me, to: [ADA], date: second, messageId: '19a2b3c4d5e6f800' })],
      ...overrides,
    });
  };

  it.each(IN_LANGUAGE)('%s: the page language, the account, people by attributes and the dates as shown', (lang, first, second) => {
    const snapshot = readOrFail(parse(gmailThreadPage(inLanguage(lang, first, second))));
    expect(snapshot.locale).toBe(lang);
    expect(snapshot.accountAddress).toBe(ME.email);
    expect(snapshot.accountName).toBe(ME.name);
    const me = { name: GMAIL_WORDS[lang].me, email: ME.email };
    expect(snapshot.messages).toEqual([
      { hostMessageId: '19a2b3c4d5e6f7ff', from: ADA, to: [me], dateText: first },
      { hostMessageId: '19a2b3c4d5e6f800', from: me, to: [ADA], dateText: second },
    ]);
  });

  it.each(IN_LANGUAGE)("%s: with no address in the account area, the participant labelled 'me' gives the account's address", (lang, first, second) => {
    const doc = parse(gmailThreadPage(inLanguage(lang, first, second, { showAccountAddress: false })));
    expect(doc.title).not.toContain('@');
    expect(gmailAdapter.readAccountAddress(doc, THREAD_URL)).toBeNull();
    const snapshot = readOrFail(doc);
    expect(snapshot.accountAddress).toBe(ME.email);
    expect(snapshot.accountName).toBe(ME.name);
  });

  it("with no address in the account area and no 'me' label, the participant named as the account area names the user is the user", () => {
    const doc = parse(gmailThreadPage(thread({ showAccountAddress: false, accountName: ME.name, messages: [message({ to: [ME] })] })));
    expect(readOrFail(doc).accountAddress).toBe(ME.email);
  });

  it("a name that is not a 'me' label gives no account address", () => {
    const doc = parse(gmailThreadPage(thread({ showAccountAddress: false, messages: [message({ to: [{ name: 'Mesut', email: 'mesut@x.example' }] })] })));
    expect(readOrFail(doc).accountAddress).toBeNull();
  });
});

describe('gmail snippet hashes (dedupe without ids or dates)', () => {
  const raw = (doc: Document) => gmailAdapter.readThread(doc, THREAD_URL)!.messages.map((m) => m.snippetHash);

  it('hash the start of the text, the same for a message expanded or collapsed, and never carry the text', () => {
    const body = 'Shall we move the workshop to Tuesday? The room on the third floor is free all day.';
    const expanded = raw(parse(gmailThreadPage(thread({ messages: [message({ body })] }))));
    const collapsed = raw(parse(gmailThreadPage(thread({ messages: [message({ body, collapsed: true })] }))));
    expect(expanded[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(collapsed).toEqual(expanded);
    const other = raw(parse(gmailThreadPage(thread({ messages: [message({ body: 'Something else entirely, with other words.' })] }))));
    expect(other[0]).not.toBe(expanded[0]);
    expect(JSON.stringify(gmailAdapter.readThread(parse(gmailThreadPage(thread({ messages: [message({ body })] }))), THREAD_URL))).not.toContain('Tuesday');
  });
});

describe('gmail compose body', () => {
  it('finds none without a reply open', () => {
    expect(gmailAdapter.findComposeBody(parse(gmailThreadPage(thread())))).toBeNull();
  });

  it('finds the inline reply and ignores its recipient chips as participants', () => {
    const doc = parse(gmailThreadPage(thread({ withReply: true })));
    const body = gmailAdapter.findComposeBody(doc);
    expect(body?.getAttribute('g_editable')).toBe('true');
    expect(body?.getAttribute('aria-label')).toBe('Message Body');
    expect(doc.querySelector('.ip span.vN[email]')).not.toBeNull();
    expect(readOrFail(doc).messages).toHaveLength(1);
  });

  it('prefers the focused body, then the reply in the conversation, then the last one', () => {
    document.documentElement.innerHTML = parse(gmailThreadPage(thread({ withReply: true }))).documentElement.innerHTML;
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div role="dialog" class="nH Hd" aria-label="New Message"><div id="popout" class="Am Al editable" g_editable="true" role="textbox" contenteditable="true" tabindex="1" aria-label="Message Body"></div></div>`,
    );
    const reply = document.querySelector<HTMLElement>('[role="main"] [g_editable="true"]');
    const popout = document.getElementById('popout');
    expect(reply).not.toBeNull();
    expect(gmailAdapter.findComposeBody(document)).toBe(reply);
    popout?.focus();
    expect(document.activeElement).toBe(popout);
    expect(gmailAdapter.findComposeBody(document)).toBe(popout);
    popout?.blur();
    reply?.closest('.ip')?.remove();
    document.body.insertAdjacentHTML('beforeend', `<div id="second" g_editable="true" role="textbox" contenteditable="true"></div>`);
    expect(gmailAdapter.findComposeBody(document)?.id).toBe('second');
  });

  it('falls back to the class when the role is missing', () => {
    const doc = parse(gmailThreadPage(thread({ withReply: true })));
    doc.querySelector('[g_editable="true"]')?.removeAttribute('role');
    expect(gmailAdapter.findComposeBody(doc)?.classList.contains('editable')).toBe(true);
  });
});

describe('gmail saved pages', () => {
  it('inbox.html: no conversation, account from the title', () => {
    const doc = fixture('inbox.html');
    expect(read(doc, INBOX_URL)).toBeNull();
    expect(gmailAdapter.readAccountAddress(doc, INBOX_URL)).toBe(ME.email);
  });

  it('thread-collapsed-cc.html: collapsed messages, Cc, emoji subject, reply box', () => {
    const doc = fixture('thread-collapsed-cc.html');
    const snapshot = readOrFail(doc);
    expect(snapshot.threadId).toBe('19a2b3c4d5e6f708');
    expect(snapshot.subject).toBe('Kick-off 🎉 next steps');
    expect(snapshot.accountAddress).toBe(ME.email);
    expect(snapshot.messages).toEqual([
      { hostMessageId: '19a2b3c4d5e6f708', from: ADA, to: [], dateText: 'Thu, Oct 2, 2026, 9:15 AM' },
      { hostMessageId: null, from: ME, to: [], dateText: 'Thu, Oct 2, 2026, 11:02 AM' },
      { hostMessageId: '19a2b3c4d5e6f7ff', from: CHARLES, to: [ME, ADA, MARY], dateText: 'Mon, Oct 6, 2026, 3:42 PM' },
    ]);
    expect(gmailAdapter.findComposeBody(doc)?.getAttribute('role')).toBe('textbox');
  });

  it('thread-copied-header.html: a mail whose body copies Gmail\'s header markup reads as its real header only', () => {
    const snapshot = readOrFail(fixture('thread-copied-header.html'));
    expect(withoutLinkHashes(snapshot).messages).toEqual([
      {
        hostMessageId: '19a2b3c4d5e6f7ff',
        from: { name: 'Eve Mallory', email: 'eve@phish.example' },
        to: [ME],
        dateText: 'Mon, Oct 6, 2026, 3:42 PM',
      },
    ]);
    expect(snapshot.threadId).toBe('19a2b3c4d5e6f708');
    expect(snapshot.subject).toBe('Kick-off next steps');
    expect(JSON.stringify(snapshot)).not.toContain(CHARLES.email);
    // The copy is really there, with the attributes the adapter reads.
    expect(fixture('thread-copied-header.html').querySelectorAll(`.a3s [email="${CHARLES.email}"]`).length).toBeGreaterThan(3);
  });

  it('thread-zh-CN.html: Chinese, no address in the account area: the owner by "我", the page\'s dates and real ids', () => {
    const snapshot = readOrFail(fixture('thread-zh-CN.html'));
    const me = { name: '我', email: ME.email };
    const client = { name: '王芳', email: 'client@zh-cn.example' };
    expect(snapshot).toMatchObject({ locale: 'zh-CN', accountAddress: ME.email, accountName: ME.name, threadId: '1547986a2fbf2cbf', subject: '关于下周的研讨会' });
    expect(snapshot.messages).toEqual([
      { hostMessageId: '1547986a2fbf2cbf', from: client, to: [me], dateText: '2016年5月4日 上午10:08' },
      { hostMessageId: '1547ab7654003cbf', from: me, to: [client], dateText: '2016年5月4日 下午3:42' },
    ]);
  });

  it.each([
    ['thread-de.html', 'de', 'ich', 'Jürgen Groß', 'Mo., 6. Okt. 2026, 15:42'],
    ['thread-ru.html', 'ru', 'я', 'Ада Лавлейс', '26 дек. 2019 г., 22:53'],
    ['thread-fr.html', 'fr', 'moi', 'Adèle Laval', 'lun. 6 oct. 2026, 15:42'],
    ['thread-ja.html', 'ja', '自分', '山田 花子', '2026年10月6日(月) 15:42'],
  ])('%s: the page language, the owner labelled in it, the date as shown', (file, lang, meWord, clientName, firstDate) => {
    const snapshot = readOrFail(fixture(file));
    expect(snapshot.locale).toBe(lang);
    expect(snapshot.accountAddress).toBe(ME.email);
    expect(snapshot.messages[0]).toEqual({
      hostMessageId: '19a2b3c4d5e6f7ff',
      from: { name: clientName, email: `client@${lang}.example` },
      to: [{ name: meWord, email: ME.email }],
      dateText: firstDate,
    });
  });

  it('thread-many-participants.html: 200 people', () => {
    const snapshot = readOrFail(fixture('thread-many-participants.html'));
    expect(snapshot.messages).toHaveLength(1);
    expect(snapshot.messages[0]?.from).toEqual(ME);
    expect(snapshot.messages[0]?.to).toHaveLength(200);
    expect(snapshot.messages[0]?.to[120]).toEqual({ name: 'Guest 121', email: 'guest121@events.example' });
  });

  it('thread-missing-attributes.html: skips what it cannot read', () => {
    const snapshot = readOrFail(fixture('thread-missing-attributes.html'));
    expect(snapshot.threadId).toBe('19a2b3c4d5e6f900');
    expect(snapshot.subject).toBe('Invoice 2026-118');
    expect(snapshot.messages).toEqual([
      {
        hostMessageId: '19a2b3c4d5e6f900',
        from: ADA,
        to: [ME, { name: '', email: 'noname@analytical.example' }],
        dateText: 'Wed, Oct 8, 2026, 10:00 AM',
      },
      { hostMessageId: '19a2b3c4d5e6f902', from: ME, to: [ADA], dateText: null },
    ]);
  });
});

describe('gmail: the links of each message body, as hashes (issue 15, shared means sent)', () => {
  const LINK = 'https://news.example/story?id=3';
  it('hashes the http(s) links of each expanded message’s own body, as the background hashes a saved page’s address', () => {
    const snapshot = readOrFail(
      parse(
        gmailThreadPage(
          thread({
            messages: [
              message({ bodyHtml: '<a href="https://ada.example/cv">my CV</a>' }),
              message({
                from: ME,
                to: [ADA],
                messageId: '19a2b3c4d5e6f800',
                bodyHtml: `Have a look: <a href="${LINK}&utm_source=tend#top">Marathon</a> <a href="mailto:x@y.example">mail</a> <a href="javascript:alert(1)">x</a> <a href="${LINK}">again</a>`,
              }),
            ],
          }),
        ),
      ),
    );
    expect(snapshot.messages.map((m) => m.linkHashes)).toEqual([[linkHash('https://ada.example/cv')], [linkHash(LINK)]]);
    expect(JSON.stringify(snapshot)).not.toContain('news.example');
  });

  it('leaves out links in quoted text, header links, collapsed messages and messages without links; at most 50 per message', () => {
    const many = Array.from({ length: 80 }, (_, i) => `<a href="https://many.example/${i}">${i}</a>`).join(' ');
    const snapshot = readOrFail(
      parse(
        gmailThreadPage(
          thread({
            messages: [
              message({ bodyHtml: `<a href="${LINK}">x</a>`, collapsed: true }),
              message({ bodyHtml: 'No links here' }),
              message({ from: ME, to: [ADA], messageId: '19a2b3c4d5e6f800', bodyHtml: `Thanks<div class="gmail_quote"><blockquote class="gmail_quote"><a href="${LINK}">x</a></blockquote></div>` }),
              message({ from: ME, to: [ADA], messageId: '19a2b3c4d5e6f801', bodyHtml: many }),
            ],
          }),
        ),
      ),
    );
    expect(snapshot.messages.map((m) => m.linkHashes?.length)).toEqual([undefined, undefined, undefined, MAX_LINK_HASHES]);
    expect(snapshot.messages[3]!.linkHashes![0]).toBe(linkHash('https://many.example/0'));
    expect(ThreadSnapshot.parse(snapshot)).toEqual(snapshot);
  });
});
