import { describe, expect, it } from 'vitest';
import { Client } from '../../lib/model';
import type { Participant, ThreadMessage, ThreadSnapshot } from '../../lib/hosts/thread';
import {
  correspondentsOf,
  lookupKeys,
  probableMatchQuestion,
  recognise,
  type Correspondent,
} from '../../lib/domain/recognition';

function client(fields: Partial<Client> & { id: string; name: string }): Client {
  return Client.parse({ emails: [], nameKeys: [], createdAt: 1, updatedAt: 1, ...fields });
}

const p = (name: string, email: string | null = null): Participant => ({ name, email });

function msg(from: Participant, to: Participant[] = [], hostMessageId: string | null = null): ThreadMessage {
  return { hostMessageId, from, to, dateText: null };
}

function thread(messages: ThreadMessage[], accountAddress: string | null = null): ThreadSnapshot {
  return { host: 'gmail', threadId: 't1', subject: 'Hello', url: 'https://mail.google.com/mail/u/0/#inbox/x', accountAddress, messages };
}

const ME = p('Me Myself', 'me@mine.com');
const OWN = new Set(['me@mine.com']);

function summary(cs: Correspondent[]): Array<[string, string | null, string, boolean]> {
  return cs.map((c) => [c.name, c.email, c.nameKey, c.isSender]);
}

describe('correspondentsOf', () => {
  it('lists everyone but the user, the latest outside sender first', () => {
    const snapshot = thread([
      msg(p('Alice A', 'alice@acme.com'), [ME, p('Bob B', 'bob@acme.com')]),
      msg(ME, [p('Alice A', 'alice@acme.com'), p('Bob B', 'bob@acme.com'), p('Carol C', 'carol@other.org')]),
      msg(p('Bob B', 'bob@acme.com'), [ME, p('Alice A', 'alice@acme.com')]),
      msg(ME, [p('Bob B', 'bob@acme.com')]),
    ]);
    expect(summary(correspondentsOf(snapshot, OWN))).toEqual([
      ['Bob B', 'bob@acme.com', 'bob b', true],
      ['Alice A', 'alice@acme.com', 'alice a', false],
      ['Carol C', 'carol@other.org', 'carol c', false],
    ]);
  });

  it('compares own addresses normalised and counts the account address as own', () => {
    const snapshot = thread(
      [
        msg(p('Me', '<ME@Mine.com>'), [p('Alice', 'alice@acme.com'), p('Me too', 'Alias@Mine.com')]),
        msg(p('Alice', 'Alice@ACME.com'), [p('Me', 'me@mine.com')]),
      ],
      'alias@mine.com',
    );
    const cs = correspondentsOf(snapshot, new Set(['  mailto:me@MINE.com ']));
    expect(summary(cs)).toEqual([['Alice', 'alice@acme.com', 'alice', true]]);
  });

  it('returns nothing for a thread with only the user', () => {
    expect(correspondentsOf(thread([msg(ME, [ME])]), OWN)).toEqual([]);
    expect(correspondentsOf(thread([]), OWN)).toEqual([]);
  });

  it('de-duplicates by normalised address and keeps the best display name', () => {
    const snapshot = thread([
      msg(p('', 'ALICE@acme.com'), [ME]),
      msg(p('Alice', 'alice@acme.com'), [ME]),
      msg(ME, [p('Alice Anderson', 'mailto:alice@acme.com'), p('alice@acme.com', 'alice@acme.com')]),
    ]);
    const cs = correspondentsOf(snapshot, OWN);
    expect(summary(cs)).toEqual([['Alice Anderson', 'alice@acme.com', 'alice anderson', true]]);
  });

  it('uses the address as the name when no name is shown', () => {
    const cs = correspondentsOf(thread([msg(p('', 'dan@acme.com'), [ME])]), OWN);
    expect(summary(cs)).toEqual([['dan@acme.com', 'dan@acme.com', '', true]]);
  });

  it('merges a names-only participant into the one with an address and the same name key', () => {
    const snapshot = thread([
      msg(p('Doe, Jane'), [ME]), // Outlook: name only, and before the address is seen
      msg(ME, [p('Jane Doe', 'jane@acme.com'), p('Bob Brown')]),
      msg(p('Bob Brown'), [ME, p('JANE DOE')]),
    ]);
    const cs = correspondentsOf(snapshot, OWN);
    expect(summary(cs)).toEqual([
      ['Bob Brown', null, 'bob brown', true],
      ['Jane Doe', 'jane@acme.com', 'jane doe', false],
    ]);
  });

  it('de-duplicates names-only participants by name key', () => {
    const snapshot = thread([msg(p('Bob Brown'), [ME, p('Brown, Bob'), p('bob  brown (Ext)')])]);
    expect(summary(correspondentsOf(snapshot, OWN))).toEqual([['Bob Brown', null, 'bob brown', true]]);
  });

  it('treats names-only participants named like the user as the user', () => {
    const snapshot = thread([
      msg(p('Me Myself'), [p('Alice', 'alice@acme.com')]), // the user's own message, shown by name
      msg(p('Alice', 'alice@acme.com'), [ME]),
      msg(p('Zed Owner'), [p('Alice', 'alice@acme.com')]),
    ]);
    const cs = correspondentsOf(snapshot, OWN, new Set(['Zed Owner']));
    expect(summary(cs)).toEqual([['Alice', 'alice@acme.com', 'alice', true]]);
  });

  it("treats names-only participants named like the page's account as the user (Outlook shows no address)", () => {
    const snapshot = { ...thread([msg(p('Jane Doe'), [p('Bob Brown')]), msg(p('Bob Brown'), [p('jane  doe')])]), accountName: 'Jane Doe' };
    expect(summary(correspondentsOf(snapshot, new Set()))).toEqual([['Bob Brown', null, 'bob brown', true]]);
    // Without the account's name the user is listed like anyone else.
    expect(correspondentsOf({ ...snapshot, accountName: null }, new Set()).map((c) => c.name)).toEqual(['Bob Brown', 'Jane Doe']);
  });

  it('does not drop an addressed participant whose name matches an own name key', () => {
    const snapshot = thread([msg(p('Me Myself', 'namesake@acme.com'), [ME])]);
    const cs = correspondentsOf(snapshot, OWN, new Set(['me myself']));
    expect(summary(cs)).toEqual([['Me Myself', 'namesake@acme.com', 'me myself', true]]);
  });

  it('skips unusable senders when finding the latest sender', () => {
    const snapshot = thread([
      msg(p('Alice', 'alice@acme.com'), [ME, p('Bob', 'bob@acme.com')]),
      msg(p('', 'not an address'), [ME]),
      msg(p('', null), [ME]),
    ]);
    const cs = correspondentsOf(snapshot, OWN);
    expect(summary(cs)).toEqual([
      ['Alice', 'alice@acme.com', 'alice', true],
      ['Bob', 'bob@acme.com', 'bob', false],
    ]);
  });

  it('drops participants with neither usable address nor name, and keeps a name with a broken address', () => {
    const snapshot = thread([
      msg(ME, [p('', null), p('   ', ''), p('(External)', 'garbage'), p('Eve Example', 'eve@@broken')]),
    ]);
    const cs = correspondentsOf(snapshot, OWN);
    expect(summary(cs)).toEqual([['Eve Example', null, 'eve example', false]]);
  });

  it('has no sender when only the user sent messages', () => {
    const cs = correspondentsOf(thread([msg(ME, [p('Alice', 'alice@acme.com'), p('Bob', 'bob@acme.com')])]), OWN);
    expect(cs.map((c) => c.isSender)).toEqual([false, false]);
    expect(cs.map((c) => c.email)).toEqual(['alice@acme.com', 'bob@acme.com']);
  });

  it('keeps hostile names as plain data', () => {
    const snapshot = thread([
      msg(p('__proto__', 'proto@acme.com'), [ME, p('constructor'), p('<img src=x onerror=alert(1)>Mallory')]),
    ]);
    const cs = correspondentsOf(snapshot, OWN);
    expect(summary(cs)).toEqual([
      ['__proto__', 'proto@acme.com', 'proto', true],
      ['constructor', null, 'constructor', false],
      ['<img src=x onerror=alert(1)>Mallory', null, 'mallory', false],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('bounds long names and handles big threads', () => {
    const to = Array.from({ length: 500 }, (_, i) => p(`Person ${i}`, `p${i}@acme.com`));
    const messages = Array.from({ length: 300 }, (_, i) => msg(i % 2 ? ME : p('x'.repeat(1000), 'long@acme.com'), to));
    const started = performance.now();
    const cs = correspondentsOf(thread(messages), OWN);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(cs).toHaveLength(501);
    expect(cs[0]!.email).toBe('long@acme.com');
    expect(cs[0]!.name.length).toBeLessThanOrEqual(500);
    expect(cs[1]!.email).toBe('p0@acme.com');
  });
});

describe('recognise', () => {
  const alice = client({ id: 'alice', name: 'Alice Anderson', emails: ['alice@acme.com'], nameKeys: ['alice anderson'], domains: ['acme.com'], updatedAt: 10 });
  const aliceOld = client({ id: 'alice-old', name: 'Alice Anderson', emails: ['a.anderson@old.com'], nameKeys: ['alice anderson'], updatedAt: 5 });
  const outlookBob = client({ id: 'bob', name: 'Bob Brown', emails: ['bob@brown.io'], nameKeys: ['bob brown'], confirmedNameKeys: ['bob brown'], updatedAt: 3 });
  const archived = client({ id: 'gone', name: 'Gina Gone', emails: ['gina@gone.com'], nameKeys: ['gina gone'], confirmedNameKeys: ['gina gone'], domains: ['gone.com'], archivedAt: 100 });
  const gmailUser = client({ id: 'gm', name: 'Greta Mail', emails: ['greta@gmail.com'], nameKeys: ['greta mail'], domains: ['gmail.com'] });
  const all = [alice, aliceOld, outlookBob, archived, gmailUser];

  const c = (name: string, email: string | null, key: string): Correspondent => ({ name, email, nameKey: key, isSender: false });

  it('recognises a client by address, case-insensitively', () => {
    expect(recognise(c('Whoever', 'ALICE@Acme.com', 'whoever'), all)).toEqual({ kind: 'client', client: alice, via: 'address' });
    const upper = client({ ...alice, id: 'upper', emails: [] });
    (upper as { emails: string[] }).emails = ['Carl@Acme.com'];
    expect(recognise(c('Carl', 'carl@acme.com', 'carl'), [upper])).toMatchObject({ kind: 'client', via: 'address', client: { id: 'upper' } });
  });

  it('prefers the address over any name', () => {
    expect(recognise(c('Bob Brown', 'alice@acme.com', 'bob brown'), all)).toMatchObject({ kind: 'client', client: { id: 'alice' }, via: 'address' });
  });

  it('recognises a confirmed name when there is no address', () => {
    expect(recognise(c('Bob Brown', null, 'bob brown'), all)).toEqual({ kind: 'client', client: outlookBob, via: 'confirmed-name' });
  });

  it('recognises a confirmed name when the address belongs to no client', () => {
    expect(recognise(c('Bob Brown', 'bob@newjob.com', 'bob brown'), all)).toMatchObject({ kind: 'client', client: { id: 'bob' }, via: 'confirmed-name' });
  });

  it('does not use a confirmed name when the address belongs to another (archived) client', () => {
    const formerBob = client({ id: 'former', name: 'Robert', emails: ['robert@x.com'], nameKeys: ['robert'], archivedAt: 50 });
    const result = recognise(c('Bob Brown', 'robert@x.com', 'bob brown'), [outlookBob, formerBob]);
    expect(result).toEqual({ kind: 'probable', client: outlookBob });
  });

  it('says probable for an unconfirmed name, picking the most recently updated', () => {
    expect(recognise(c('Alice Anderson', null, 'alice anderson'), all)).toEqual({ kind: 'probable', client: alice });
    expect(recognise(c('Alice Anderson', 'alice@private.net', 'alice anderson'), [aliceOld, alice])).toEqual({ kind: 'probable', client: alice });
    const newer = client({ ...aliceOld, updatedAt: 99 });
    expect(recognise(c('Alice Anderson', null, 'alice anderson'), [alice, newer])).toMatchObject({ kind: 'probable', client: { id: 'alice-old' } });
  });

  it('never offers a display name the user said is not that client ("Not them")', () => {
    const rejected = client({ ...alice, rejectedNameKeys: ['alice anderson'] });
    expect(recognise(c('Alice Anderson', null, 'alice anderson'), [rejected])).toEqual({ kind: 'unknown' });
    expect(recognise(c('ANDERSON, Alice', null, 'Anderson, Alice'), [rejected])).toEqual({ kind: 'unknown' });
    // Another client of that name may still be them; the rejected one is not offered.
    expect(recognise(c('Alice Anderson', null, 'alice anderson'), [rejected, aliceOld])).toEqual({ kind: 'probable', client: aliceOld });
    // Her own address still says it is her.
    expect(recognise(c('Alice Anderson', 'alice@acme.com', 'alice anderson'), [rejected])).toMatchObject({ kind: 'client', client: { id: 'alice' } });
  });

  it('treats a client stored before "Not them" existed (no rejectedNameKeys) as rejecting nothing', () => {
    const { rejectedNameKeys: _dropped, ...older } = alice;
    expect(recognise(c('Alice Anderson', null, 'alice anderson'), [older as Client])).toMatchObject({ kind: 'probable', client: { id: 'alice' } });
  });

  it('matches name keys normalised', () => {
    expect(recognise(c('x', null, 'Anderson, Alice'), all)).toMatchObject({ kind: 'probable', client: { id: 'alice' } });
  });

  it('says colleague for a company domain in a client\'s domains or addresses', () => {
    expect(recognise(c('Carl', 'carl@ACME.com', 'carl'), all)).toEqual({ kind: 'colleague', client: alice });
    expect(recognise(c('Dana', 'dana@brown.io', 'dana'), all)).toEqual({ kind: 'colleague', client: outlookBob });
  });

  it('picks the most recently updated client for a colleague', () => {
    const olderAcme = client({ id: 'old-acme', name: 'Olga', emails: ['olga@acme.com'], nameKeys: ['olga'], updatedAt: 1 });
    const newerAcme = client({ id: 'new-acme', name: 'Nina', emails: [], nameKeys: ['nina'], domains: ['acme.com'], updatedAt: 50 });
    expect(recognise(c('Carl', 'carl@acme.com', 'carl'), [olderAcme, newerAcme])).toMatchObject({ kind: 'colleague', client: { id: 'new-acme' } });
  });

  it('never calls someone at a public domain a colleague', () => {
    expect(recognise(c('Gary', 'gary@gmail.com', 'gary'), all)).toEqual({ kind: 'unknown' });
    expect(recognise(c('Gary', 'gary@GMX.de', 'gary'), [client({ id: 'g', name: 'G', emails: ['g@gmx.de'], nameKeys: [] })])).toEqual({ kind: 'unknown' });
  });

  it('never matches archived clients', () => {
    expect(recognise(c('Gina', 'gina@gone.com', 'gina'), all)).toEqual({ kind: 'unknown' });
    expect(recognise(c('Gina Gone', null, 'gina gone'), all)).toEqual({ kind: 'unknown' });
    expect(recognise(c('Gil', 'gil@gone.com', 'gil'), all)).toEqual({ kind: 'unknown' });
  });

  it('says unknown for strangers, empty keys and no candidates', () => {
    expect(recognise(c('Zed', 'zed@zed.org', 'zed'), all)).toEqual({ kind: 'unknown' });
    expect(recognise(c('', null, ''), all)).toEqual({ kind: 'unknown' });
    expect(recognise(c('Alice Anderson', 'alice@acme.com', 'alice anderson'), [])).toEqual({ kind: 'unknown' });
    const blankKey = client({ id: 'blank', name: 'Blank', emails: [], nameKeys: [''], confirmedNameKeys: [''] });
    expect(recognise(c('', null, ''), [blankKey])).toEqual({ kind: 'unknown' });
  });

  it('is not fooled by prototype-ish names', () => {
    const proto = client({ id: 'p', name: 'Proto', emails: [], nameKeys: ['proto'] });
    expect(recognise(c('constructor', null, 'constructor'), [proto])).toEqual({ kind: 'unknown' });
    expect(recognise(c('__proto__', null, 'proto'), [proto])).toEqual({ kind: 'probable', client: proto });
  });
});

describe('lookupKeys', () => {
  it('collects addresses, name keys and company domains, each once', () => {
    const keys = lookupKeys([
      { name: 'Alice', email: 'alice@acme.com', nameKey: 'alice', isSender: true },
      { name: 'Alice A', email: 'ALICE@acme.com', nameKey: 'alice', isSender: false },
      { name: 'Bob', email: 'bob@acme.com', nameKey: 'bob', isSender: false },
      { name: 'Gary', email: 'gary@gmail.com', nameKey: 'gary', isSender: false },
      { name: 'Hans', email: 'hans@web.de', nameKey: 'hans', isSender: false },
      { name: 'Jane Doe', email: null, nameKey: 'jane doe', isSender: false },
      { name: 'x@y.zz', email: 'x@y.zz', nameKey: '', isSender: false },
    ]);
    expect(keys).toEqual({
      emails: ['alice@acme.com', 'bob@acme.com', 'gary@gmail.com', 'hans@web.de', 'x@y.zz'],
      nameKeys: ['alice', 'bob', 'gary', 'hans', 'jane doe'],
      domains: ['acme.com', 'y.zz'],
    });
  });

  it('is empty for no correspondents', () => {
    expect(lookupKeys([])).toEqual({ emails: [], nameKeys: [], domains: [] });
  });

  it('round-trips with correspondentsOf', () => {
    const snapshot = thread([msg(p('Alice', 'alice@acme.com'), [ME, p('Doe, Jane')])]);
    expect(lookupKeys(correspondentsOf(snapshot, OWN))).toEqual({
      emails: ['alice@acme.com'],
      nameKeys: ['alice', 'jane doe'],
      domains: ['acme.com'],
    });
  });
});

describe('probableMatchQuestion', () => {
  const kofi = { name: 'Kofi Mensah', company: 'Baobab Capital', emails: ['kofi@baobab.example'] };

  it('names the company, so two people of one name are told apart', () => {
    expect(probableMatchQuestion(kofi)).toBe('Is this Kofi Mensah from Baobab Capital?');
  });

  it('names the known address when there is no company, and never the name twice', () => {
    expect(probableMatchQuestion({ ...kofi, company: ' ' })).toBe('Is this Kofi Mensah (kofi@baobab.example)?');
    expect(probableMatchQuestion({ ...kofi, company: '', emails: [] })).toBe('Is this Kofi Mensah?');
  });
});
