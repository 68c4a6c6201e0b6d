// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { OUTLOOK_HOSTS } from '../../lib/hosts/origins';
import { isOutlookMailUrl, outlookAdapter, outlookItemIdFromUrl } from '../../lib/hosts/outlook';
import { ThreadSnapshot } from '../../lib/hosts/thread';
import {
  OUTLOOK_LABELS,
  type OutlookLabels,
  type OutlookLang,
  type OutlookMessage,
  type OutlookRoute,
  type OutlookThreadOptions,
  outlookInboxPage,
  outlookReadingPane,
  outlookThreadPage,
  outlookUrl,
} from '../fixtures/outlook';
import { outlookCopiedHeaders } from '../fixtures/copied-headers';
import { MAX_LINK_HASHES, linkHash } from '../../lib/hosts/links';
import { expectUnreadable } from './support/diagnostics';

const JANE = { name: 'Jane Doe', email: 'jane.doe@contoso.example' };
const BOB = { name: 'Bob Smith', email: 'bob@fabrikam.example' };
const CAROL = { name: 'Carol Jones', email: 'carol@fabrikam.example' };
const DAN = { name: 'Dan Wu', email: 'dan.wu@fabrikam.example' };
const HOSTILE = '<img src=x onerror=alert(1)>';
/** A conversation id (AAQk…) with the characters that need URL-encoding. */
const CONV_ID = 'AAQkAGI2TGUxZjE0LTA0YTgtNDZiYS1iMjFlLTc3ZGFmMWVmMTk4ZgAQAKkk1VdLqk1Hsq4v+H9o/HVbE=';
const MSG_ID = 'AAMkAGI2TGUxZjE0LTA0YTgtNDZiYS1iMjFlLTc3ZGFmMWVmMTk4ZgBGAAAAAAC7X/R+1hxTQ6QCSxl9dBAAAA==';
const URL_EN = outlookUrl('outlook.office.com', CONV_ID);

const names = (people: Array<{ name: string }>) => people.map((p) => p.name);
const nameOnly = (p: { name: string }) => ({ name: p.name, email: null });

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

/** Saved pages: read without a fallback, so a missing file fails the test. */
function fixture(name: string): Document {
  return parse(readFileSync(join(import.meta.dirname, '../fixtures/outlook', name), 'utf8'));
}

function message(overrides: Partial<OutlookMessage> = {}): OutlookMessage {
  return { from: BOB, to: [JANE], date: 'Mon 10/6/2026 3:42 PM', ...overrides };
}

function thread(overrides: Partial<OutlookThreadOptions> = {}): OutlookThreadOptions {
  return { account: JANE.email, accountName: JANE.name, subject: 'Renewal proposal', itemId: CONV_ID, messages: [message()], ...overrides };
}

function read(doc: Document, url = URL_EN): ThreadSnapshot | null {
  const snapshot = outlookAdapter.readThread(doc, url);
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

function readOrFail(doc: Document, url = URL_EN): ThreadSnapshot {
  const snapshot = read(doc, url);
  if (!snapshot) throw new Error('expected an open conversation');
  return snapshot;
}

describe('outlook URLs on all four hosts', () => {
  const routes: OutlookRoute[] = ['id', 'inbox', 'folder', 'deeplink-read', 'deeplink-readconv'];

  it.each(OUTLOOK_HOSTS.flatMap((host) => routes.map((route) => [host, route] as const)))('%s %s', (host, route) => {
    const url = outlookUrl(host, CONV_ID, route);
    expect(url.pathname).not.toContain('/HVbE');
    expect(isOutlookMailUrl(url)).toBe(true);
    expect(outlookItemIdFromUrl(url)).toBe(CONV_ID);
    const snapshot = readOrFail(parse(outlookThreadPage(thread())), url);
    expect(snapshot.threadId).toBe(CONV_ID);
    expect(snapshot.url).toBe(url.href);
  });

  it('reads no item id from list and settings paths, nor a mail URL from other hosts', () => {
    expect(outlookItemIdFromUrl(new URL('https://outlook.office.com/mail/'))).toBeNull();
    expect(outlookItemIdFromUrl(new URL('https://outlook.live.com/mail/0/inbox'))).toBeNull();
    expect(outlookItemIdFromUrl(new URL('https://outlook.office.com/mail/options/general'))).toBeNull();
    expect(outlookItemIdFromUrl(new URL(`https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(MSG_ID)}&exvsurl=1`))).toBe(MSG_ID);
    expect(isOutlookMailUrl(new URL('https://outlook.example.com/mail/'))).toBe(false);
    expect(isOutlookMailUrl(new URL('https://outlook.office.com/calendar/view/month'))).toBe(false);
  });

  it('takes the conversation id from the selected row when the URL names a message', () => {
    const url = outlookUrl('outlook.cloud.microsoft', MSG_ID, 'deeplink-read');
    expect(readOrFail(parse(outlookThreadPage(thread())), url).threadId).toBe(CONV_ID);
    // Without a list (a popped-out message) the message id is the best key there is.
    const popout = readOrFail(parse(outlookThreadPage(thread({ withList: false }))), url);
    expect(popout.threadId).toBe(MSG_ID);
    expect(popout.messages[0]?.hostMessageId).toBe(MSG_ID);
  });
});

describe('outlook thread detection', () => {
  it('sees no conversation in the list view (empty reading pane)', () => {
    for (const lang of ['en', 'de', 'fr', 'ja'] as const) {
      const doc = parse(outlookInboxPage({ account: JANE.email, lang }));
      expect(read(doc, new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
    }
  });

  it('reads an open conversation (English, addresses shown)', () => {
    const snapshot = readOrFail(parse(outlookThreadPage(thread({ messages: [message({ cc: [CAROL, DAN] })] }))));
    expect(snapshot).toEqual({
      host: 'outlook',
      threadId: CONV_ID,
      subject: 'Renewal proposal',
      url: URL_EN.href,
      accountAddress: JANE.email,
      messages: [{ hostMessageId: null, from: BOB, to: [JANE, CAROL, DAN], dateText: 'Mon 10/6/2026 3:42 PM' }],
      locale: 'en',
      accountName: JANE.name,
      diagnostics: null,
    });
  });

  it('reads German Outlook (Lesebereich, Von:, An:, Cc:)', () => {
    const doc = parse(
      outlookThreadPage(
        thread({
          lang: 'de',
          subject: 'Angebot für das Frühjahr',
          messages: [
            message({ date: 'Mo 06.10.2026 15:42', cc: [nameOnly(CAROL)] }),
            message({ from: JANE, to: [BOB], date: 'Di 07.10.2026 09:05' }),
          ],
        }),
      ),
    );
    expect(doc.querySelector('[role="main"]')?.getAttribute('aria-label')).toBe('Lesebereich');
    expect(doc.querySelector('[aria-label^="Von: "]')).not.toBeNull();
    const snapshot = readOrFail(doc);
    expect(snapshot.subject).toBe('Angebot für das Frühjahr');
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: BOB, to: [JANE, nameOnly(CAROL)], dateText: 'Mo 06.10.2026 15:42' },
      { hostMessageId: null, from: JANE, to: [BOB], dateText: 'Di 07.10.2026 09:05' },
    ]);
  });

  it("reads nobody while the pane holds only a compose form or a loading skeleton: can't read, with the structure and none of the text", () => {
    const doc = parse(outlookThreadPage(thread({ withReply: true })));
    for (const card of doc.querySelectorAll('[role="list"] > *')) card.remove();
    const form = doc.querySelector('[role="form"]');
    form?.insertAdjacentHTML('afterbegin', `<div><button type="button" aria-label="From: ${JANE.email}"><span title="${JANE.email}">${JANE.email}</span></button></div>`);
    expect(doc.querySelector('[role="form"] [data-lpc-hover-target-id]')).not.toBeNull();
    expectUnreadable(read(doc), doc, 'outlook');
    // Headers rendered, bodies not yet (the sidebar waits a moment before saying so).
    const loading = parse(outlookThreadPage(thread()));
    loading.getElementById('UniqueMessageBody_1')?.remove();
    expectUnreadable(read(loading), loading, 'outlook');
    // No item in the URL: simply no conversation.
    expect(read(loading, new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
  });

  it('finds the pane by structure when the ids and the label are gone (unknown locale)', () => {
    const doc = parse(outlookThreadPage(thread({ lang: 'de' })));
    const main = doc.querySelector('[role="main"]');
    main?.removeAttribute('id');
    main?.setAttribute('aria-label', 'Volet de lecture');
    doc.querySelector('#ConversationReadingPaneContainer')?.removeAttribute('id');
    doc.querySelector('[data-app-section]')?.removeAttribute('data-app-section');
    expect(readOrFail(doc).messages[0]?.from).toEqual(BOB);
  });

  it('follows the single-page app as the reading pane is swapped', () => {
    const doc = parse(outlookInboxPage({ account: JANE.email }));
    const pane = doc.getElementById('ReadingPaneContainerId');
    if (!pane) throw new Error('no reading pane');
    expect(read(doc, new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
    pane.innerHTML = outlookReadingPane(thread());
    expect(readOrFail(doc).subject).toBe('Renewal proposal');
    pane.innerHTML = outlookReadingPane(thread({ subject: 'Second', messages: [message({ from: CAROL })] }));
    const second = readOrFail(doc);
    expect(second.subject).toBe('Second');
    expect(second.messages.map((m) => m.from)).toEqual([CAROL]);
  });
});

describe('outlook participants', () => {
  it('reads collapsed messages, Cc and the expanded ones in order', () => {
    const snapshot = readOrFail(
      parse(
        outlookThreadPage(
          thread({
            messages: [
              message({ cc: [CAROL], date: 'Thu 10/2/2026 9:15 AM', collapsed: true }),
              message({ from: JANE, to: [BOB], cc: [CAROL], date: 'Fri 10/3/2026 4:20 PM' }),
              message({ cc: [CAROL, DAN], date: 'Mon 10/6/2026 3:42 PM' }),
            ],
          }),
        ),
      ),
    );
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: BOB, to: [], dateText: 'Thu 10/2/2026 9:15 AM' },
      { hostMessageId: null, from: JANE, to: [BOB, CAROL], dateText: 'Fri 10/3/2026 4:20 PM' },
      { hostMessageId: null, from: BOB, to: [JANE, CAROL, DAN], dateText: 'Mon 10/6/2026 3:42 PM' },
    ]);
  });

  it('gives email null where only display names are shown', () => {
    const snapshot = readOrFail(
      parse(
        outlookThreadPage(
          thread({
            account: undefined,
            addresses: 'names-only',
            messages: [message({ to: [JANE, { name: 'Lee, Morgan', email: null }], cc: [CAROL] }), message({ from: CAROL, collapsed: true })],
          }),
        ),
      ),
    );
    expect(snapshot.accountAddress).toBeNull();
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: nameOnly(BOB), to: [nameOnly(JANE), { name: 'Lee, Morgan', email: null }, nameOnly(CAROL)], dateText: 'Mon 10/6/2026 3:42 PM' },
      { hostMessageId: null, from: nameOnly(CAROL), to: [], dateText: 'Mon 10/6/2026 3:42 PM' },
    ]);
  });

  it('reads "Name <addr>" from titles and mailto links', () => {
    const doc = parse(outlookThreadPage(thread({ addresses: 'names-only' })));
    const [first, second] = doc.querySelectorAll('[data-testid="RecipientWell"] [data-lpc-hover-target-id]');
    first?.setAttribute('title', 'Jane Doe <jane.doe@contoso.example>');
    second?.remove();
    doc.querySelector('[data-testid="RecipientWell"] [role="heading"]')?.insertAdjacentHTML('beforeend', '<a href="mailto:Dan.Wu@fabrikam.example?subject=x">Dan Wu</a>');
    expect(readOrFail(doc).messages[0]?.to).toEqual([JANE, { name: 'Dan Wu', email: 'Dan.Wu@fabrikam.example' }]);
  });

  it('reads recipients from the line label when there are no person elements', () => {
    const doc = parse(outlookThreadPage(thread({ addresses: 'names-only' })));
    const line = doc.querySelector('[data-testid="RecipientWell"] [role="heading"]');
    if (!line) throw new Error('no To line');
    line.textContent = 'To: Jane Doe; Smith, Bob <bob@fabrikam.example>';
    line.setAttribute('aria-label', 'To: Jane Doe; Smith, Bob <bob@fabrikam.example>');
    expect(readOrFail(doc).messages[0]?.to).toEqual([nameOnly(JANE), { name: 'Smith, Bob', email: BOB.email }]);
  });

  it('reads 200 participants', () => {
    const crowd = Array.from({ length: 200 }, (_, i) => ({ name: `Guest ${i + 1}`, email: i % 2 ? `guest${i + 1}@events.example` : null }));
    const snapshot = readOrFail(parse(outlookThreadPage(thread({ messages: [message({ from: JANE, to: crowd.slice(0, 150), cc: crowd.slice(150) })] }))));
    const to = snapshot.messages[0]?.to ?? [];
    expect(to).toHaveLength(200);
    expect(to[0]).toEqual({ name: 'Guest 1', email: null });
    expect(to[199]).toEqual({ name: 'Guest 200', email: 'guest200@events.example' });
  });

  it('skips people it cannot read, without crashing', () => {
    const doc = parse(outlookThreadPage(thread({ messages: [message({ to: [JANE, CAROL] })] })));
    const pills = doc.querySelectorAll('[data-testid="RecipientWell"] [data-lpc-hover-target-id]');
    // An empty pill (still loading) and a pill with no text, only a label.
    pills[0]?.replaceChildren();
    pills[0]?.removeAttribute('title');
    const snapshot = readOrFail(doc);
    expect(snapshot.messages[0]?.to).toEqual([CAROL]);
    // The date heading without its test id is still found among the header lines.
    doc.querySelector('[data-testid="SentReceivedSavedTime"]')?.removeAttribute('data-testid');
    expect(readOrFail(doc).messages[0]?.dateText).toBe('Mon 10/6/2026 3:42 PM');
    // A header with no date, no recipients and no subject still reads.
    doc.querySelector('[title="Mon 10/6/2026 3:42 PM"]')?.remove();
    doc.querySelector('[data-testid="RecipientWell"]')?.remove();
    doc.querySelector('[id$="_SUBJECT"]')?.remove();
    const bare = readOrFail(doc);
    expect(bare.subject).toBe('');
    expect(bare.messages).toEqual([{ hostMessageId: null, from: BOB, to: [], dateText: null }]);
  });

  it('ignores mailto links in the body and the reply being written', () => {
    const doc = parse(outlookThreadPage(thread({ withReply: true, messages: [message({ body: 'write to x@y.example' })] })));
    doc.getElementById('UniqueMessageBody_1')?.insertAdjacentHTML('beforeend', '<a href="mailto:someone@else.example">someone</a>');
    expect(doc.querySelectorAll('[role="form"] [data-lpc-hover-target-id]')).toHaveLength(1);
    const snapshot = readOrFail(doc);
    expect(snapshot.messages).toEqual([{ hostMessageId: null, from: BOB, to: [JANE], dateText: 'Mon 10/6/2026 3:42 PM' }]);
  });

  it('reads hostile names and subjects back as plain text', () => {
    const evil = { name: HOSTILE, email: 'evil@x.example' };
    for (const addresses of ['shown', 'names-only'] as const) {
      const doc = parse(outlookThreadPage(thread({ addresses, subject: `${HOSTILE} & "more"`, messages: [message({ from: evil, to: [{ name: '"><b>bold</b>', email: 'q@x.example' }] })] })));
      expect(doc.querySelector('img[src="x"]')).toBeNull();
      expect(doc.querySelector('[role="main"] b')).toBeNull();
      const snapshot = readOrFail(doc);
      expect(snapshot.subject).toBe(`${HOSTILE} & "more"`);
      const shown = addresses === 'shown';
      expect(snapshot.messages[0]?.from).toEqual(shown ? evil : nameOnly(evil));
      expect(snapshot.messages[0]?.to).toEqual([{ name: '"><b>bold</b>', email: shown ? 'q@x.example' : null }]);
    }
  });

  it('reads emoji in the subject', () => {
    expect(readOrFail(parse(outlookThreadPage(thread({ subject: 'Launch 🎉 party 🚀' })))).subject).toBe('Launch 🎉 party 🚀');
  });

  it('builds pages with no inline script', () => {
    const html = outlookThreadPage(thread({ withReply: true })) + outlookInboxPage();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe('outlook: a mail body is never read as a header (issue 13, item 3)', () => {
  const EVE = { name: 'Eve Mallory', email: 'eve@phish.example' };
  const copied = outlookCopiedHeaders({ me: JANE, named: CAROL });
  const fromEve = (bodyHtml: string | undefined, overrides: Partial<OutlookMessage> = {}) =>
    message({ from: EVE, to: [JANE], bodyHtml, ...overrides });

  it('the copy holds what the adapter reads (so the tests below could fail)', () => {
    const doc = parse(outlookThreadPage(thread()));
    doc.querySelector('#ReadingPaneContainerId')!.innerHTML = copied;
    expect(JSON.stringify(readOrFail(doc))).toContain(CAROL.email);
  });

  it('reads the same conversation as with a plain body: no person, date or subject from the copy', () => {
    const plain = readOrFail(parse(outlookThreadPage(thread({ messages: [fromEve(undefined)] }))));
    const hostile = readOrFail(parse(outlookThreadPage(thread({ messages: [fromEve(copied)] }))));
    expect(hostile).toEqual(plain);
    expect(JSON.stringify(hostile)).not.toContain(CAROL.email);
  });

  it('the date comes from the header line when the real date has lost its test id, not from a copied one', () => {
    const read2 = (bodyHtml?: string) => {
      const doc = parse(outlookThreadPage(thread({ messages: [fromEve(bodyHtml)] })));
      doc.querySelector('[data-testid="SentReceivedSavedTime"]')!.removeAttribute('data-testid');
      return readOrFail(doc);
    };
    expect(read2().messages[0]?.dateText).toBe('Mon 10/6/2026 3:42 PM');
    expect(read2(copied)).toEqual(read2());
  });

  it("the user's reply quoting the copy names only its real recipients", () => {
    const quoted = `<div>Thanks, will do.</div><div id="divRplyFwdMsg"><blockquote>${copied}</blockquote></div>`;
    const snapshot = readOrFail(
      parse(outlookThreadPage(thread({ messages: [fromEve(copied), message({ from: JANE, to: [EVE], cc: [BOB], bodyHtml: quoted })] }))),
    );
    expect(snapshot.messages.map((m) => [m.from.email, m.to.map((p) => p.email)])).toEqual([
      [EVE.email, [JANE.email]],
      [JANE.email, [EVE.email, BOB.email]],
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(CAROL.email);
  });

  it('a reading pane copied into a body is not the pane, even when the real one has lost its ids and label', () => {
    const doc = parse(outlookThreadPage(thread({ messages: [fromEve(copied)] })));
    const real = doc.querySelector('#ReadingPaneContainerId')!;
    real.removeAttribute('id');
    real.removeAttribute('aria-label');
    const inner = doc.querySelector('#ConversationReadingPaneContainer')!;
    inner.removeAttribute('id');
    inner.removeAttribute('data-app-section');
    const snapshot = readOrFail(doc);
    expect(snapshot.messages).toEqual([{ hostMessageId: null, from: EVE, to: [JANE], dateText: 'Mon 10/6/2026 3:42 PM' }]);
    expect(snapshot.subject).toBe('Renewal proposal');
  });

  it('the account area and the selected row are never read from a body', () => {
    const doc = parse(outlookThreadPage(thread({ account: undefined, withList: false, messages: [fromEve(copied)] })));
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBeNull();
    // A message id in the URL: the conversation id comes from the list row, and the copied row is no row.
    const byMessage = readOrFail(doc, outlookUrl('outlook.office.com', MSG_ID, 'id'));
    expect(byMessage.threadId).toBe(MSG_ID);
    expect(byMessage.accountAddress).toBeNull();
  });
});

describe('outlook account address', () => {
  it('reads the account flyout, the button label, the folder tree, else null', () => {
    const doc = parse(outlookInboxPage({ account: JANE.email, accountName: JANE.name }));
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBe(JANE.email);
    doc.getElementById('mectrl_main_body')?.remove();
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBe(JANE.email);
    doc.querySelector('[role="tree"] [title*="@"]')?.remove();
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBeNull();
    doc.getElementById('O365_MainLink_Me')?.setAttribute('aria-label', `Account manager for Jane Doe (${JANE.email})`);
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBe(JANE.email);
  });

  it('is null when the page shows only a name', () => {
    expect(outlookAdapter.readAccountAddress(parse(outlookInboxPage({ accountName: 'Jane Doe' })), URL_EN)).toBeNull();
  });
});

describe('outlook compose body', () => {
  it('finds none without a reply open', () => {
    expect(outlookAdapter.findComposeBody(parse(outlookThreadPage(thread())))).toBeNull();
  });

  it('finds the reply body by structure in English and German', () => {
    for (const lang of ['en', 'de'] as const) {
      const doc = parse(outlookThreadPage(thread({ lang, withReply: true })));
      const body = outlookAdapter.findComposeBody(doc);
      expect(body?.parentElement?.id).toBe('editorParent_1');
      expect(body?.getAttribute('aria-label')).toMatch(lang === 'en' ? /^Message body/ : /^Nachrichtentext/);
    }
  });

  it('finds it by label when the editor parent is renamed', () => {
    const doc = parse(outlookThreadPage(thread({ lang: 'de', withReply: true })));
    doc.getElementById('editorParent_1')?.removeAttribute('id');
    expect(outlookAdapter.findComposeBody(doc)?.getAttribute('contenteditable')).toBe('true');
  });

  it('prefers the focused body, and looks inside a same-origin frame', () => {
    document.documentElement.innerHTML = parse(outlookThreadPage(thread({ withReply: true }))).documentElement.innerHTML;
    const inline = document.querySelector<HTMLElement>('#editorParent_1 [contenteditable="true"]');
    // A same-origin frame (srcdoc: happy-dom renders it without loading a page).
    const frame = document.createElement('iframe');
    frame.setAttribute('srcdoc', '<div id="editorParent_2"><div id="framed" contenteditable="true" aria-label="Message body">x</div></div>');
    document.body.append(frame);
    const inner = frame.contentDocument;
    if (!inner) throw new Error('happy-dom gave the frame no document');
    // Last one wins when none is focused.
    expect(outlookAdapter.findComposeBody(document)?.id).toBe('framed');
    inline?.focus();
    expect(outlookAdapter.findComposeBody(document)).toBe(inline);
    inline?.blur();
    inner.getElementById('framed')?.focus();
    expect(outlookAdapter.findComposeBody(document)?.id).toBe('framed');
    // A cross-origin frame's document is out of reach (some browsers throw): skipped, not fatal.
    Object.defineProperty(frame, 'contentDocument', {
      get: () => {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    expect(outlookAdapter.findComposeBody(document)).toBe(inline);
    frame.remove();
  });
});

describe('outlook saved pages', () => {
  it('inbox.html: no conversation', () => {
    const doc = fixture('inbox.html');
    expect(read(doc, new URL('https://outlook.office.com/mail/inbox'))).toBeNull();
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBe(JANE.email);
  });

  it('thread-en.html: English, collapsed message, Cc, reply open', () => {
    const doc = fixture('thread-en.html');
    const url = outlookUrl('outlook.office365.com', 'AAQkAGI2TGUxZjE0LTA0YTgtNDZiYS1iMjFlLTc3ZGFmMWVmMTk4ZgAQAKkk1VdLqk1Hsq4vH9oHVbE=');
    const snapshot = readOrFail(doc, url);
    expect(snapshot.threadId).toBe('AAQkAGI2TGUxZjE0LTA0YTgtNDZiYS1iMjFlLTc3ZGFmMWVmMTk4ZgAQAKkk1VdLqk1Hsq4vH9oHVbE=');
    expect(snapshot.subject).toBe('Renewal proposal for 2027 🚀');
    expect(snapshot.accountAddress).toBe(JANE.email);
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: BOB, to: [], dateText: 'Thu 10/2/2026 9:15 AM' },
      { hostMessageId: null, from: JANE, to: [BOB, CAROL], dateText: 'Fri 10/3/2026 4:20 PM' },
      { hostMessageId: null, from: BOB, to: [JANE, CAROL, DAN], dateText: 'Mon 10/6/2026 3:42 PM' },
    ]);
    expect(outlookAdapter.findComposeBody(doc)?.getAttribute('role')).toBe('textbox');
  });

  it('thread-de.html: German, a colleague by name only', () => {
    const snapshot = readOrFail(fixture('thread-de.html'), outlookUrl('outlook.office.com', 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAHc3rjhHEU9Ctqpnb0Vv4Ck=', 'id'));
    const klaus = { name: 'Klaus Müller', email: 'k.mueller@kunde.example' };
    const jana = { name: 'Jana Schmidt', email: 'jana.schmidt@beispiel.example' };
    const peter = { name: 'Peter Becker', email: null };
    expect(snapshot.subject).toBe('Angebot für das Frühjahr');
    expect(snapshot.accountAddress).toBe(jana.email);
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: klaus, to: [jana, peter], dateText: 'Mo 06.10.2026 15:42' },
      { hostMessageId: null, from: jana, to: [klaus, peter], dateText: 'Di 07.10.2026 09:05' },
    ]);
  });

  it("thread-copied-header.html: a mail whose body copies Outlook's header markup reads as its real header only", () => {
    const doc = fixture('thread-copied-header.html');
    const snapshot = readOrFail(doc);
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: { name: 'Eve Mallory', email: 'eve@phish.example' }, to: [JANE], dateText: 'Mon 10/6/2026 3:42 PM' },
    ]);
    expect(snapshot.accountAddress).toBe(JANE.email);
    expect(JSON.stringify(snapshot)).not.toContain(CAROL.email);
    // The copy is really there, with the hooks the adapter reads.
    expect(doc.querySelectorAll('[role="document"] [data-lpc-hover-target-id]').length).toBeGreaterThan(2);
  });

  it('thread-names-only.html: no addresses, no account address', () => {
    const snapshot = readOrFail(fixture('thread-names-only.html'), outlookUrl('outlook.live.com', 'AAQkAGI2TGUxZjE0LTA0YTgtNDZiYS1iMjFlLTc3ZGFmMWVmMTk4ZgAQAOffsiteOffsite00000000=', 'deeplink-readconv'));
    expect(snapshot.subject).toBe('Team offsite');
    expect(snapshot.accountAddress).toBeNull();
    expect(snapshot.messages.map((m) => m.from)).toEqual([
      { name: 'Priya Patel', email: null },
      { name: 'Tom Baker', email: null },
    ]);
    expect(names(snapshot.messages[1]?.to ?? [])).toEqual(['Priya Patel', 'Jane Doe']);
    expect(snapshot.messages.flatMap((m) => [m.from, ...m.to]).every((p) => p.email === null)).toBe(true);
  });
});

/** The same conversation in each language: the page's labels come from the builder, the dates in Outlook's format for it. */
const LANGS: Array<{ lang: OutlookLang; subject: string; dates: [string, string, string] }> = [
  { lang: 'en', subject: 'Renewal proposal', dates: ['Thu 10/2/2026 9:15 AM', 'Fri 10/3/2026 4:20 PM', 'Mon 10/6/2026 3:42 PM'] },
  { lang: 'de', subject: 'Angebot für das Frühjahr', dates: ['Do 02.10.2026 09:15', 'Fr 03.10.2026 16:20', 'Mo 06.10.2026 15:42'] },
  { lang: 'fr', subject: 'Proposition de renouvellement — été', dates: ['jeu. 02/10/2026 09:15', 'ven. 03/10/2026 16:20', 'lun. 06/10/2026 15:42'] },
  { lang: 'ja', subject: '更新のご提案（2027年度）', dates: ['2026/10/02 (木) 9:15', '2026/10/03 (金) 16:20', '2026/10/06 (月) 15:42'] },
];

const LEE = { name: 'Lee, Morgan', email: null };

/** Made-up labels in a language the adapter has never seen (Polish-like), with a full-width colon. */
const POLISH: OutlookLabels = {
  ...OUTLOOK_LABELS.en,
  code: 'pl',
  title: 'Poczta',
  readingPane: 'Okienko odczytu',
  emailMessage: 'Wiadomość e-mail',
  from: 'Od',
  to: 'Do',
  cc: 'DW',
  colon: '： ',
  persona: (name) => `Otwórz wizytówkę: ${name}`,
  body: 'Treść wiadomości',
  compose: 'Treść wiadomości, naciśnij Alt+F10, aby wyjść',
  reply: 'Odpowiedz',
  account: (name) => `Menedżer kont użytkownika ${name}`,
};

/** Made-up Turkish-like labels: the name before the persona's words, no English anywhere. */
const TURKISH: OutlookLabels = {
  ...OUTLOOK_LABELS.en,
  code: 'tr',
  title: 'Posta',
  readingPane: 'Okuma Bölmesi',
  emailMessage: 'E-posta iletisi',
  from: 'Kimden',
  to: 'Kime',
  cc: 'Bilgi',
  persona: (name) => `${name} kişi kartını açar`,
  body: 'İleti gövdesi',
  compose: 'İleti gövdesi',
  account: (name) => `${name} için hesap yöneticisi`,
};

function conversation(overrides: Partial<OutlookThreadOptions> & { dates: [string, string, string] }): OutlookThreadOptions {
  const { dates, ...rest } = overrides;
  return thread({
    messages: [
      message({ cc: [CAROL], date: dates[0], collapsed: true }),
      message({ from: JANE, to: [BOB], cc: [nameOnly(CAROL)], date: dates[1] }),
      message({ to: [JANE, LEE], cc: [DAN], date: dates[2] }),
    ],
    ...rest,
  });
}

function expectedMessages(dates: [string | null, string | null, string | null]) {
  return [
    { hostMessageId: null, from: BOB, to: [], dateText: dates[0] },
    { hostMessageId: null, from: JANE, to: [BOB, nameOnly(CAROL)], dateText: dates[1] },
    { hostMessageId: null, from: BOB, to: [JANE, LEE, DAN], dateText: dates[2] },
  ];
}

/** Takes every id, test id, app section and label out of the reading pane (not out of the mails' own content): what is left is roles and order. */
function stripHooks(doc: Document): void {
  const pane = doc.querySelector('[role="main"]')!;
  for (const el of [pane, ...pane.querySelectorAll('*')]) {
    if (el.parentElement?.closest('[role="document"]')) continue;
    for (const name of ['id', 'data-testid', 'data-app-section', 'aria-label']) el.removeAttribute(name);
  }
}

describe('outlook in any language (issue 14, item 4)', () => {
  it.each(LANGS)('$lang: people, dates, subject, account address and name', ({ lang, subject, dates }) => {
    const doc = parse(outlookThreadPage(conversation({ lang, subject, dates })));
    expect(doc.querySelector('[role="main"]')?.getAttribute('aria-label')).toBe(OUTLOOK_LABELS[lang].readingPane);
    expect(doc.querySelector('[id$="_FROM"] [aria-label]')?.getAttribute('aria-label')).toBe(`${OUTLOOK_LABELS[lang].from}${OUTLOOK_LABELS[lang].colon}${JANE.name}`);
    expect(readOrFail(doc)).toEqual({
      host: 'outlook',
      threadId: CONV_ID,
      subject,
      url: URL_EN.href,
      accountAddress: JANE.email,
      messages: expectedMessages(dates),
      locale: lang,
      accountName: JANE.name,
      diagnostics: null,
    });
  });

  it.each(LANGS)("$lang: the account's name from the account button, with no flyout open", ({ lang, subject, dates }) => {
    const doc = parse(outlookThreadPage(conversation({ lang, subject, dates, account: undefined })));
    expect(doc.getElementById('mectrl_currentAccount_primary')).toBeNull();
    expect(doc.getElementById('mectrl_main_trigger')?.getAttribute('aria-label')).toBe(OUTLOOK_LABELS[lang].account(JANE.name));
    const snapshot = readOrFail(doc);
    expect(snapshot.accountName).toBe(JANE.name);
    expect(snapshot.accountAddress).toBeNull();
    // Without the page title: the participant whose name the label holds.
    doc.querySelector('title')?.remove();
    expect(readOrFail(doc).accountName).toBe(JANE.name);
  });

  it('a language it has never seen, hooks in place: reads as in English', () => {
    const dates: [string, string, string] = ['czw. 02.10.2026 09:15', 'pt. 03.10.2026 16:20', 'pon. 06.10.2026 15:42'];
    const doc = parse(outlookThreadPage(conversation({ labels: POLISH, subject: 'Propozycja odnowienia', dates, withReply: true })));
    expect(doc.querySelector('[aria-label^="Od："]')).not.toBeNull();
    const snapshot = readOrFail(doc);
    expect(snapshot.subject).toBe('Propozycja odnowienia');
    expect(snapshot.messages).toEqual(expectedMessages(dates));
    expect(snapshot.locale).toBe('pl');
    expect(snapshot.accountName).toBe(JANE.name);
    expect(outlookAdapter.findComposeBody(doc)?.parentElement?.id).toBe('editorParent_1');
  });

  it('a language it has never seen, no ids, test ids, app sections nor labels left: reads by roles and header-line order', () => {
    const dates: [string, string, string] = ['Per 2.10.2026 09:15', 'Cum 3.10.2026 16:20', 'Pzt 6.10.2026 15:42'];
    const doc = parse(outlookThreadPage(conversation({ labels: TURKISH, subject: 'Yenileme teklifi', dates })));
    stripHooks(doc);
    expect(doc.querySelector('[role="main"]')!.querySelectorAll('[id], [data-testid], [data-app-section], [aria-label]')).toHaveLength(0);
    const snapshot = readOrFail(doc);
    expect(snapshot.subject).toBe('Yenileme teklifi');
    // The collapsed card's date had nothing but its test id: gone with it.
    expect(snapshot.messages).toEqual(expectedMessages([null, dates[1], dates[2]]));
    // The date line before the sender line in the page: it waits for its message.
    for (const date of doc.querySelectorAll('[role="heading"][aria-level="3"][title]')) date.parentElement?.prepend(date);
    expect(readOrFail(doc).messages).toEqual(expectedMessages([null, dates[1], dates[2]]));
  });

  it('reads recipients from a line label in any language (French spacing, full-width colon)', () => {
    for (const [lang, line] of [
      ['fr', 'À\u00a0: Jane Doe; Smith, Bob <bob@fabrikam.example>'],
      ['ja', '宛先：Jane Doe; Smith, Bob <bob@fabrikam.example>'],
      ['en', 'Kime : Jane Doe; Smith, Bob <bob@fabrikam.example>'],
    ] as const) {
      const doc = parse(outlookThreadPage(thread({ lang, addresses: 'names-only' })));
      const heading = doc.querySelector('[data-testid="RecipientWell"] [role="heading"]')!;
      heading.textContent = line;
      heading.setAttribute('aria-label', line);
      expect(readOrFail(doc).messages[0]?.to).toEqual([nameOnly(JANE), { name: 'Smith, Bob', email: BOB.email }]);
    }
  });

  it('a body that lost its id, role and label is still a body: what it copies is not read', () => {
    const EVE = { name: 'Eve Mallory', email: 'eve@phish.example' };
    const copied = outlookCopiedHeaders({ me: JANE, named: CAROL });
    const build = (bodyHtml?: string) => {
      const doc = parse(outlookThreadPage(thread({ labels: POLISH, messages: [message({ from: EVE, to: [JANE], bodyHtml })] })));
      const body = doc.getElementById('UniqueMessageBody_1')!;
      for (const name of ['id', 'role', 'aria-label']) body.removeAttribute(name);
      return readOrFail(doc);
    };
    const hostile = build(copied);
    expect(hostile).toEqual(build());
    expect(JSON.stringify(hostile)).not.toContain(CAROL.email);
  });

  it('the deeplink read view: no role=main, only #ItemReadingPaneContainer', () => {
    const doc = parse(outlookThreadPage(thread({ lang: 'fr', withList: false })));
    const pane = doc.getElementById('ReadingPaneContainerId')!;
    for (const name of ['role', 'aria-label']) pane.removeAttribute(name);
    pane.id = 'ItemReadingPaneContainer';
    doc.getElementById('ConversationReadingPaneContainer')?.removeAttribute('id');
    for (const el of doc.querySelectorAll('[data-app-section]')) el.removeAttribute('data-app-section');
    const snapshot = readOrFail(doc, outlookUrl('outlook.live.com', MSG_ID, 'deeplink-read'));
    expect(snapshot.messages).toEqual([{ hostMessageId: MSG_ID, from: BOB, to: [JANE], dateText: 'Mon 10/6/2026 3:42 PM' }]);
    expect(snapshot.subject).toBe('Renewal proposal');
  });

  it('finds the reply body in French and Japanese, and a framed editor whatever its label', async () => {
    for (const lang of ['fr', 'ja'] as const) {
      const body = outlookAdapter.findComposeBody(parse(outlookThreadPage(thread({ lang, withReply: true }))));
      expect(body?.parentElement?.id).toBe('editorParent_1');
      expect(body?.getAttribute('aria-label')).toBe(OUTLOOK_LABELS[lang].compose);
    }
    document.documentElement.innerHTML = parse(outlookThreadPage(thread({ labels: TURKISH, withReply: true }))).documentElement.innerHTML;
    const parent = document.getElementById('editorParent_1')!;
    parent.replaceChildren();
    const frame = document.createElement('iframe');
    frame.setAttribute('srcdoc', '<div id="framed" contenteditable="true" aria-label="İleti gövdesi, çıkmak için Alt+F10">x</div>');
    parent.append(frame);
    await vi.waitFor(() => expect(frame.contentDocument?.getElementById('framed')).toBeTruthy());
    expect(outlookAdapter.findComposeBody(document)?.id).toBe('framed');
    frame.remove();
  });

  it('the account address from the folder tree root by its data-folder-name alone', () => {
    const doc = parse(outlookInboxPage({ account: JANE.email, lang: 'ja' }));
    doc.getElementById('mectrl_main_body')?.remove();
    doc.querySelector('[role="treeitem"][title*="@"]')?.removeAttribute('title');
    expect(outlookAdapter.readAccountAddress(doc, URL_EN)).toBe(JANE.email);
  });
});

describe('outlook saved pages in other languages, and the real site', () => {
  it('thread-fr.html: French, a collapsed message, a colleague by name only, reply open', () => {
    const doc = fixture('thread-fr.html');
    const claire = { name: 'Claire Dubois', email: 'claire.dubois@client.example' };
    const luc = { name: 'Luc Martin', email: 'luc.martin@agence.example' };
    const anne = { name: 'Anne Petit', email: null };
    const snapshot = readOrFail(doc, outlookUrl('outlook.office.com', 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAFrFrFrFrFrFrFrFrFrFr0='));
    expect(snapshot.subject).toBe('Proposition de renouvellement — été 2027');
    expect(snapshot.accountAddress).toBe(luc.email);
    expect(snapshot.accountName).toBe(luc.name);
    expect(snapshot.locale).toBe('fr');
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: claire, to: [], dateText: 'ven. 02/10/2026 09:15' },
      { hostMessageId: null, from: luc, to: [claire, anne], dateText: 'ven. 02/10/2026 16:20' },
      { hostMessageId: null, from: claire, to: [luc, anne], dateText: 'lun. 06/10/2026 15:42' },
    ]);
    expect(outlookAdapter.findComposeBody(doc)?.getAttribute('aria-label')).toMatch(/^Corps du message/);
  });

  it('thread-ja.html: Japanese, names before the persona and account words', () => {
    const doc = fixture('thread-ja.html');
    const yamada = { name: '山田 太郎', email: 'taro.yamada@torihikisaki.example' };
    const sato = { name: '佐藤 花子', email: 'hanako.sato@jimusho.example' };
    const suzuki = { name: '鈴木 一郎', email: null };
    const snapshot = readOrFail(doc, outlookUrl('outlook.office365.com', 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAJaJaJaJaJaJaJaJaJaJa0='));
    expect(snapshot.subject).toBe('更新のご提案（2027年度）');
    expect(snapshot.accountAddress).toBe(sato.email);
    expect(snapshot.accountName).toBe(sato.name);
    expect(snapshot.locale).toBe('ja');
    expect(snapshot.messages).toEqual([
      { hostMessageId: null, from: yamada, to: [sato, suzuki], dateText: '2026/10/06 (月) 15:42' },
      { hostMessageId: null, from: sato, to: [yamada], dateText: '2026/10/07 (火) 9:05' },
    ]);
    // The account flyout closed (it is rendered when opened): the name comes from the button and the title.
    doc.getElementById('mectrl_main_body')?.remove();
    expect(readOrFail(doc, outlookUrl('outlook.office365.com', 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAJaJaJaJaJaJaJaJaJaJa0=')).accountName).toBe(sato.name);
  });

  it('real-fragments-2026.html: the real site\'s markup (MSG_ ids, avatar-only personas, "on behalf of", attachments, no flyout)', () => {
    const doc = fixture('real-fragments-2026.html');
    const convid = doc.querySelector('[role="option"][aria-selected="true"]')!.getAttribute('data-convid')!;
    const snapshot = readOrFail(doc, outlookUrl('outlook.cloud.microsoft', convid));
    const olivia = { name: 'Olivia Martin', email: null };
    const sales = { name: 'Contoso Sales', email: null };
    expect(snapshot).toEqual({
      host: 'outlook',
      threadId: convid,
      subject: 'Renewal 2027',
      url: outlookUrl('outlook.cloud.microsoft', convid).href,
      accountAddress: 'olivia.martin@contoso.example',
      messages: [
        { hostMessageId: null, from: sales, to: [olivia], dateText: 'Thu 9/17/2026 2:52 PM' },
        { hostMessageId: null, from: olivia, to: [sales, { name: 'Sam Rivera', email: null }], dateText: 'Fri 9/18/2026 9:05 AM' },
      ],
      locale: 'en-US',
      accountName: 'Olivia Martin',
      diagnostics: null,
    });
    expect(JSON.stringify(snapshot)).not.toMatch(/eve@|Eve Mallory|2001|sales@contoso-partner/);
  });
});

describe('outlook: people outside a message are no message', () => {
  it('a person standing alone above the conversation (a face in a toolbar) starts no message', () => {
    const doc = parse(outlookThreadPage(thread({ lang: 'fr' })));
    doc.querySelector('[id^="CONV_"]')!.insertAdjacentHTML('afterend', '<span data-lpc-hover-target-id="lpc-react-target-77" role="button" aria-label="Ouvre la carte de Carol Jones" title="carol@fabrikam.example">CJ</span>');
    expect(readOrFail(doc).messages).toEqual([{ hostMessageId: null, from: BOB, to: [JANE], dateText: 'Mon 10/6/2026 3:42 PM' }]);
  });
});

describe('outlook: the links of each message body, as hashes (issue 15, shared means sent)', () => {
  const LINK = 'https://news.example/story?id=3';
  it('hashes the http(s) links of each open message’s own body (Safe Links unwrapped; not quoted text, not collapsed messages), at most 50', () => {
    const many = Array.from({ length: 60 }, (_, i) => `<a href="https://many.example/${i}">${i}</a>`).join(' ');
    const snapshot = readOrFail(
      parse(
        outlookThreadPage(
          thread({
            messages: [
              message({ from: BOB, to: [JANE], bodyHtml: `<a href="${LINK}">x</a>`, collapsed: true }),
              message({ from: BOB, to: [JANE], bodyHtml: '<a href="https://bob.example/cv">my CV</a> <a href="mailto:bob@fabrikam.example">mail</a>' }),
              message({
                from: JANE,
                to: [BOB],
                bodyHtml: `Have a look: <a href="https://eur01.safelinks.protection.outlook.com/?url=${encodeURIComponent(`${LINK}&utm_medium=email`)}&amp;data=05%7C02&amp;reserved=0">Marathon</a><div id="divRplyFwdMsg"><blockquote><a href="https://quoted.example/">q</a></blockquote></div>`,
              }),
              message({ from: JANE, to: [BOB], bodyHtml: many }),
            ],
          }),
        ),
      ),
    );
    expect(snapshot.messages.map((m) => m.linkHashes)).toEqual([
      undefined,
      [linkHash('https://bob.example/cv')],
      [linkHash(LINK)],
      Array.from({ length: MAX_LINK_HASHES }, (_, i) => linkHash(`https://many.example/${i}`)),
    ]);
    expect(JSON.stringify(snapshot)).not.toContain('news.example');
    expect(ThreadSnapshot.parse(snapshot)).toEqual(snapshot);
  });
});
