import { describe, expect, it } from 'vitest';
import { Client, Interaction } from '../../lib/model';
import type { Participant, ThreadMessage, ThreadSnapshot } from '../../lib/hosts/thread';
import { emailInteractionsFromThread, recognitionKey } from '../../lib/domain/interactions';

const NOW = new Date(2026, 9, 10, 12, 0);

function client(id: string, name: string, emails: string[] = []): Client {
  return Client.parse({ id, name, emails, nameKeys: [], createdAt: 1, updatedAt: 1 });
}

const alice = client('c-alice', 'Alice', ['alice@acme.com']);
const bob = client('c-bob', 'Bob Brown');
const carol = client('c-carol', 'Carol', ['carol@other.org']);

const p = (name: string, email: string | null = null): Participant => ({ name, email });
const ME = p('Me', 'me@mine.com');
const OWN = new Set(['me@mine.com']);

function msg(
  from: Participant,
  to: Participant[],
  dateText: string | null = 'Oct 6, 2026, 3:42 PM',
  hostMessageId: string | null = null,
): ThreadMessage {
  return { hostMessageId, from, to, dateText };
}

function thread(messages: ThreadMessage[], overrides: Partial<ThreadSnapshot> = {}): ThreadSnapshot {
  return {
    host: 'gmail',
    threadId: 't1',
    subject: '  Quarterly review  ',
    url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
    accountAddress: null,
    messages,
    ...overrides,
  };
}

const recognised: ReadonlyMap<string, Client> = new Map([
  ['alice@acme.com', alice],
  ['name:bob brown', bob],
  ['carol@other.org', carol],
]);

describe('emailInteractionsFromThread', () => {
  it('records a message from a recognised client as incoming', () => {
    const result = emailInteractionsFromThread(
      thread([msg(p('Alice', 'Alice@ACME.com'), [ME], 'Mon, Oct 6, 2026, 3:42 PM', 'msg-f:1')]),
      recognised,
      OWN,
      NOW,
    );
    expect(result).toEqual([
      {
        clientId: 'c-alice',
        kind: 'email',
        direction: 'in',
        subject: 'Quarterly review',
        text: '',
        at: new Date(2026, 9, 6, 15, 42).getTime(),
        dateUncertain: false,
        host: 'gmail',
        url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
        dedupeKey: 'c-alice|gmail|msg-f:1',
        from: 'alice@acme.com',
      },
    ]);
    // What the caller stores must pass the model schema.
    expect(() => Interaction.parse({ ...result[0], id: 'i1', createdAt: NOW.getTime() })).not.toThrow();
  });

  it('records a message from the user as outgoing to every recognised recipient', () => {
    const result = emailInteractionsFromThread(
      thread([msg(ME, [p('Alice', 'alice@acme.com'), p('Stranger', 'who@else.com'), p('Bob Brown'), p('Carol', 'CAROL@other.org')], 'Oct 7, 2026, 9:00 AM', 'm2')]),
      recognised,
      OWN,
      NOW,
    );
    expect(result.map((i) => [i.clientId, i.direction, i.dedupeKey])).toEqual([
      ['c-alice', 'out', 'c-alice|gmail|m2'],
      ['c-bob', 'out', 'c-bob|gmail|m2'],
      ['c-carol', 'out', 'c-carol|gmail|m2'],
    ]);
    expect(result.every((i) => i.at === new Date(2026, 9, 7, 9, 0).getTime())).toBe(true);
  });

  it('counts the account address as the user, compared normalised', () => {
    const snapshot = thread([msg(p('Me', '<Alias@Mine.com>'), [p('Alice', 'alice@acme.com')], null, 'm1')], {
      accountAddress: 'ALIAS@mine.com',
    });
    const result = emailInteractionsFromThread(snapshot, recognised, new Set(), NOW);
    expect(result.map((i) => [i.clientId, i.direction])).toEqual([['c-alice', 'out']]);
    const viaOwnSet = emailInteractionsFromThread(
      thread([msg(p('Me', 'ME@MINE.COM'), [p('Alice', 'alice@acme.com')], null, 'm1')]),
      recognised,
      new Set([' me@mine.com ']),
      NOW,
    );
    expect(viaOwnSet.map((i) => i.direction)).toEqual(['out']);
  });

  it('ignores messages from anyone else, and unrecognised senders', () => {
    const result = emailInteractionsFromThread(
      thread([
        msg(p('Stranger', 'who@else.com'), [p('Alice', 'alice@acme.com'), ME]),
        msg(p('Bob Brown', 'bob@unknown.com'), [ME]), // has an address: not looked up by name
        msg(p('', null), [p('Alice', 'alice@acme.com')]),
      ]),
      recognised,
      OWN,
      NOW,
    );
    expect(result).toEqual([]);
  });

  it('looks senders up by name key when the page shows no address', () => {
    const result = emailInteractionsFromThread(
      thread([msg(p('Brown, Bob (External)'), [ME], 'Mo 05.10.2026 08:30')]),
      recognised,
      OWN,
      NOW,
    );
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ clientId: 'c-bob', direction: 'in', at: new Date(2026, 9, 5, 8, 30).getTime() });
    expect(result[0]!.dedupeKey).toBe('c-bob|gmail|name:bob brown|Mo 05.10.2026 08:30');
  });

  it('builds the fallback dedupe key from the normalised sender and the date text', () => {
    const result = emailInteractionsFromThread(
      thread([msg(p('Alice', 'ALICE@acme.com'), [ME], 'Oct 6, 2026, 3:42 PM'), msg(ME, [p('Alice', 'alice@acme.com')], null, '  ')]),
      recognised,
      OWN,
      NOW,
    );
    expect(result.map((i) => i.dedupeKey)).toEqual([
      'c-alice|gmail|alice@acme.com|Oct 6, 2026, 3:42 PM',
      // No id and no readable date: the sender, the position and the text's hash (none here).
      'c-alice|gmail|me@mine.com|#1|',
    ]);
  });

  describe('a message with neither an id nor a readable date (issue 14, item 6)', () => {
    const seen = (snippetHash: string | null, dateText: string | null = null): ThreadMessage => ({
      ...msg(p('Alice', 'alice@acme.com'), [ME], dateText),
      snippetHash,
    });
    const keys = (messages: ThreadMessage[]) => emailInteractionsFromThread(thread(messages), recognised, OWN, NOW).map((i) => i.dedupeKey);

    it('is known by sender, position and the hash of its text, so seeing it again gives the same key', () => {
      const first = keys([seen('0a1b2c3d'), seen('99887766')]);
      expect(first).toEqual(['c-alice|gmail|alice@acme.com|#0|0a1b2c3d', 'c-alice|gmail|alice@acme.com|#1|99887766']);
      // The same conversation read again (a date the page still cannot give): the same keys.
      expect(keys([seen('0a1b2c3d', 'a while ago'), seen('99887766', 'a while ago')])).toEqual(first);
    });

    it('two messages alike in sender and text are still two, by position', () => {
      const both = keys([seen('0a1b2c3d'), seen('0a1b2c3d')]);
      expect(new Set(both).size).toBe(2);
    });

    it('a readable date keeps the sender-and-date key (unchanged for stored history)', () => {
      expect(keys([seen('0a1b2c3d', 'Oct 6, 2026, 3:42 PM')])).toEqual(['c-alice|gmail|alice@acme.com|Oct 6, 2026, 3:42 PM']);
    });
  });

  describe('dates in the page language, and from Gmail ids (issue 14, items 1 and 2)', () => {
    const alice = p('Alice', 'alice@acme.com');
    const at = (dateText: string | null, overrides: Partial<ThreadSnapshot> = {}, id: string | null = null) =>
      emailInteractionsFromThread(thread([msg(alice, [ME], dateText, id)], overrides), recognised, OWN, NOW).map((i) => [i.at, i.dateUncertain]);

    it("reads the date in the page's language", () => {
      expect(at('2016年5月4日 上午10:08', { locale: 'zh-CN' })).toEqual([[new Date(2016, 4, 4, 10, 8).getTime(), false]]);
      expect(at('26 дек. 2019 г., 22:53', { locale: 'ru' })).toEqual([[new Date(2019, 11, 26, 22, 53).getTime(), false]]);
    });

    it("takes the time from Gmail's legacy hex id when the page's date cannot be read", () => {
      expect(at(null, {}, '1547986a2fbf2cbf')).toEqual([[Number(0x1547986a2fbf2cbfn >> 20n), false]]);
      expect(new Date(at('sometime', {}, '1547986a2fbf2cbf')[0]![0] as number).toISOString()).toBe('2016-05-04T02:09:07.323Z');
      // A readable date wins; an id that is no Gmail hex id, or another host, gives now, uncertain.
      expect(at('Oct 6, 2026, 3:42 PM', {}, '1547986a2fbf2cbf')).toEqual([[new Date(2026, 9, 6, 15, 42).getTime(), false]]);
      expect(at(null, {}, 'msg-f:1')).toEqual([[NOW.getTime(), true]]);
      expect(at(null, { host: 'outlook', url: 'https://outlook.office.com/mail/inbox/id/AAQk' }, '1547986a2fbf2cbf')).toEqual([[NOW.getTime(), true]]);
    });
  });

  it("treats the account's display name as the user where the page shows no address (Outlook)", () => {
    const jane = p('Jane Doe');
    const snapshot = thread([msg(jane, [p('Bob Brown')], 'Oct 7, 2026, 9:00 AM'), msg(p('Bob Brown'), [jane], 'Oct 8, 2026, 9:00 AM')], {
      host: 'outlook',
      url: 'https://outlook.office.com/mail/inbox/id/AAQk',
      accountName: 'Jane  Doe',
    });
    const result = emailInteractionsFromThread(snapshot, recognised, new Set(), NOW);
    expect(result.map((i) => [i.clientId, i.direction])).toEqual([
      ['c-bob', 'out'],
      ['c-bob', 'in'],
    ]);
    // Without the account's name, Jane is just another person: her mail is nobody's.
    expect(emailInteractionsFromThread({ ...snapshot, accountName: null }, recognised, new Set(), NOW).map((i) => i.direction)).toEqual(['in']);
  });

  it('marks unreadable dates as uncertain and uses now', () => {
    const result = emailInteractionsFromThread(
      thread([msg(p('Alice', 'alice@acme.com'), [ME], 'sometime last week', 'a'), msg(p('Alice', 'alice@acme.com'), [ME], null, 'b')]),
      recognised,
      OWN,
      NOW,
    );
    expect(result.map((i) => [i.at, i.dateUncertain])).toEqual([
      [NOW.getTime(), true],
      [NOW.getTime(), true],
    ]);
  });

  it('records each (client, message) once', () => {
    const same = msg(p('Alice', 'alice@acme.com'), [ME], 'Oct 6, 2026, 3:42 PM', 'dup');
    const result = emailInteractionsFromThread(
      thread([
        same,
        same,
        msg(ME, [p('Alice', 'alice@acme.com'), p('Alice A.', 'ALICE@ACME.COM'), p('Bob Brown'), p('Brown, Bob')], null, 'm9'),
        msg(p('Alice', 'alice@acme.com'), [ME], 'Oct 6, 2026, 3:42 PM'),
        msg(p('Alice', 'alice@acme.com'), [ME], 'Oct 6, 2026, 3:42 PM'),
      ]),
      recognised,
      OWN,
      NOW,
    );
    expect(result.map((i) => i.dedupeKey)).toEqual([
      'c-alice|gmail|dup',
      'c-alice|gmail|m9',
      'c-bob|gmail|m9',
      'c-alice|gmail|alice@acme.com|Oct 6, 2026, 3:42 PM',
    ]);
  });

  it('gives one client two interactions for two messages, and keeps the host in the key', () => {
    const snapshot = thread(
      [msg(p('Alice', 'alice@acme.com'), [ME], 'Mon 10/5/2026 3:42 PM', 'AAMk1'), msg(ME, [p('Alice', 'alice@acme.com')], 'Tue 10/6/2026 9:00 AM', 'AAMk2')],
      { host: 'outlook', url: 'https://outlook.office.com/mail/id/AAQk' },
    );
    const result = emailInteractionsFromThread(snapshot, recognised, OWN, NOW);
    expect(result.map((i) => [i.direction, i.dedupeKey, i.host, i.url])).toEqual([
      ['in', 'c-alice|outlook|AAMk1', 'outlook', 'https://outlook.office.com/mail/id/AAQk'],
      ['out', 'c-alice|outlook|AAMk2', 'outlook', 'https://outlook.office.com/mail/id/AAQk'],
    ]);
  });

  it('skips the user among the recipients of their own message', () => {
    const ownMap = new Map([...recognised, ['me@mine.com', client('c-me', 'Me', ['me@mine.com'])]]);
    const result = emailInteractionsFromThread(thread([msg(ME, [ME, p('Alice', 'alice@acme.com')], null, 'x')]), ownMap, OWN, NOW);
    expect(result.map((i) => i.clientId)).toEqual(['c-alice']);
  });

  it('bounds the subject to what the model stores', () => {
    const result = emailInteractionsFromThread(
      thread([msg(p('Alice', 'alice@acme.com'), [ME], null, 'x')], { subject: `  ${'s'.repeat(2000)}` }),
      recognised,
      OWN,
      NOW,
    );
    expect(result[0]!.subject).toBe('s'.repeat(500));
  });

  it('treats hostile names as plain lookup keys', () => {
    const map = new Map<string, Client>([['name:proto', client('c-proto', 'Proto')]]);
    const result = emailInteractionsFromThread(
      thread([msg(p('__proto__'), [ME], null, 'x'), msg(p('constructor'), [ME], null, 'y'), msg(p('<b>hasOwnProperty</b>'), [ME], null, 'z')]),
      map,
      OWN,
      NOW,
    );
    expect(result.map((i) => i.clientId)).toEqual(['c-proto']);
  });

  it('returns nothing for an empty thread or an empty map', () => {
    expect(emailInteractionsFromThread(thread([]), recognised, OWN, NOW)).toEqual([]);
    expect(emailInteractionsFromThread(thread([msg(p('Alice', 'alice@acme.com'), [ME])]), new Map(), OWN, NOW)).toEqual([]);
  });
});

describe('recognitionKey', () => {
  it('is the normalised address, else name:<nameKey>, else null', () => {
    expect(recognitionKey(p('Alice', ' <ALICE@acme.com> '))).toBe('alice@acme.com');
    expect(recognitionKey(p('Doe, Jane', null))).toBe('name:jane doe');
    expect(recognitionKey(p('Doe, Jane', 'not-an-address'))).toBe('name:jane doe');
    expect(recognitionKey(p('', null))).toBeNull();
  });
});
