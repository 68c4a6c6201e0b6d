import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { countryOfLocale, formatPhone, normalisePhone, normalisePhones, phoneKey, telHref, unionPhones } from '../../lib/domain/phones';
import { clientEntry, phoneQueryDigits, search, type ClientFields } from '../../lib/domain/search';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers } from '../../lib/background/handlers';
import type { ThreadStore } from '../../lib/background/threads';
import { protocol } from '../../lib/messaging/protocol';
import { backupText, readBackup } from '../../lib/backup/format';
import { exportBackup, stageBackup, type Call } from '../../lib/backup/transfer';

describe('reading phone numbers', () => {
  it('stores E.164 for UK, US, German and French numbers, read with the locale’s country when written nationally', () => {
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalisePhone('(202) 555-0123', 'US')).toBe('+12025550123');
    expect(normalisePhone('+1 202-555-0123', 'GB')).toBe('+12025550123');
    expect(normalisePhone('030 12345678', 'DE')).toBe('+493012345678');
    expect(normalisePhone('01 23 45 67 89', 'FR')).toBe('+33123456789');
    expect(normalisePhone('tel:+33-6-12-34-56-78')).toBe('+33612345678');
  });

  it('keeps what it cannot read as written (trimmed), never drops it', () => {
    // A national number without a country to read it by is not guessed at.
    expect(normalisePhone('  020   7946 0958 ')).toBe('020 7946 0958');
    expect(normalisePhone('ask reception', 'GB')).toBe('ask reception');
    expect(normalisePhone('12', 'GB')).toBe('12');
    // An extension has no place in E.164: the number stays whole, as written.
    expect(normalisePhone('+44 20 7946 0958 ext. 12', 'GB')).toBe('+44 20 7946 0958 ext. 12');
    expect(normalisePhone('   ')).toBe('');
  });

  it('collapses duplicates by E.164 whatever their spacing, keeps the first, and says what does not fit', () => {
    expect(normalisePhones(['+44 20 7946 0958', '020 7946 0958', '02079460958', '07911 123456'], 'GB')).toEqual({
      phones: ['+442079460958', '+447911123456'],
      tooLong: [],
      overLimit: 0,
    });
    const many = Array.from({ length: 22 }, (_, i) => `+44 20 7946 ${String(1000 + i)}`);
    const read = normalisePhones(many, 'GB');
    expect(read.phones).toHaveLength(20);
    expect(read.overLimit).toBe(2);
    expect(normalisePhones(['1'.repeat(41)]).tooLong).toEqual(['1'.repeat(41)]);
    expect(unionPhones(['+442079460958'], ['+442079460958', '+12025550123'])).toEqual(['+442079460958', '+12025550123']);
    expect(phoneKey('020 7946 0958')).toBe(phoneKey('020-7946-0958'));
  });

  it('formats national for the user’s own country, international for others, and links tel: to E.164', () => {
    expect(formatPhone('+442079460958', 'GB')).toBe('020 7946 0958');
    expect(formatPhone('+442079460958', 'US')).toBe('+44 20 7946 0958');
    expect(formatPhone('+12025550123', 'US')).toBe('(202) 555-0123');
    expect(formatPhone('+493012345678', 'DE')).toBe('030 12345678');
    expect(formatPhone('+33123456789', 'FR')).toBe('01 23 45 67 89');
    expect(formatPhone('ask reception', 'GB')).toBe('ask reception');
    expect(telHref('+442079460958')).toBe('tel:+442079460958');
    expect(telHref('020 7946 0958 (office)')).toBe('tel:02079460958');
  });

  it('takes the country from the locale', () => {
    expect(countryOfLocale('en-GB')).toBe('GB');
    expect(countryOfLocale('de')).toBe('DE');
    expect(countryOfLocale('en-US')).toBe('US');
    expect(countryOfLocale('fr-FR')).toBe('FR');
    expect(countryOfLocale(undefined)).toBeUndefined();
    expect(countryOfLocale('not a locale!')).toBeUndefined();
  });
});

describe('searching by phone', () => {
  const fields = (id: string, name: string, phones: string[]): ClientFields => ({ id, name, company: '', emails: [], domains: [], tags: [], phones, archived: false });
  const corpus = (clients: ClientFields[]) => ({ clients: clients.map(clientEntry), texts: () => undefined, resources: [] });
  const clients = [fields('ada', 'Ada Lovelace', ['+442079460958']), fields('bob', 'Bob Builder', ['+12025550123']), fields('old', 'Old Row', [])];

  it('finds a client by the number whatever the formatting: international, national with its trunk 0, or a part', () => {
    for (const query of ['+44 20 7946 0958', '020 7946 0958', '(020) 7946-0958', '7946 0958', '442079460958']) {
      const result = search(corpus(clients), query);
      expect(result.clients.map((c) => [c.id, c.field, c.excerpt]), query).toEqual([['ada', 'phone', '+442079460958']]);
    }
    expect(search(corpus(clients), '202-555-0123').clients.map((c) => c.id)).toEqual(['bob']);
    expect(search(corpus(clients), '9999 1234').clients).toEqual([]);
  });

  it('reads a query as a phone only when it is digits and phone punctuation, four digits or more', () => {
    expect(phoneQueryDigits('020 7946')).toEqual(['0207946', '207946']);
    expect(phoneQueryDigits('123')).toBeNull();
    expect(phoneQueryDigits('ada 7946')).toBeNull();
    // A client stored before phones existed has none; it is still searchable by name.
    expect(clientEntry({ id: 'x', name: 'X', company: '', emails: [], domains: [], tags: [], archived: false }).phoneDigits).toEqual([]);
    expect(search(corpus(clients), 'old').clients.map((c) => c.id)).toEqual(['old']);
  });
});

describe('phones on clients', () => {
  const NOW = new Date(2026, 10, 23, 12, 0);
  const noThreads: ThreadStore = { get: async () => null, set: async () => {} };
  let db: TendDatabase;
  let call: Call;
  let ids = 0;
  function connect(database: TendDatabase) {
    const h = createHandlers({ db: database, threads: noThreads, now: () => NOW, notify: vi.fn(), newId: () => `${database.name}-${++ids}`, timeZone: 'Europe/London' });
    return (async (name: keyof typeof protocol, data: unknown) =>
      (h[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: 1 })) as Call;
  }
  beforeEach(() => {
    fakeBrowser.reset();
    db = new TendDatabase(`phones-${crypto.randomUUID()}`);
    call = connect(db);
    vi.stubGlobal('navigator', { language: 'en-GB' });
    return () => vi.unstubAllGlobals();
  });

  it('updateClient stores the phones normalised (the locale’s country for national numbers), duplicates collapsed', async () => {
    const { clientId } = (await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' })) as { clientId: string };
    await call('updateClient', { clientId, phones: ['020 7946 0958', '+44 20 7946 0958', 'ask reception'] });
    expect((await db.clients.get(clientId))!.phones).toEqual(['+442079460958', 'ask reception']);
    // Other fields leave the phones alone; an empty list removes them.
    await call('updateClient', { clientId, company: 'Analytical Engines' });
    expect((await db.clients.get(clientId))!.phones).toEqual(['+442079460958', 'ask reception']);
    await call('updateClient', { clientId, phones: [] });
    expect((await db.clients.get(clientId))!.phones).toEqual([]);
    expect(() => protocol.updateClient.input.parse({ clientId, phones: Array(21).fill('1234') })).toThrow();
    expect(() => protocol.updateClient.input.parse({ clientId, phones: ['1'.repeat(41)] })).toThrow();
  });

  it('search finds a client by a phone set on the client page', async () => {
    const { clientId } = (await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' })) as { clientId: string };
    await call('updateClient', { clientId, phones: ['020 7946 0958'] });
    const found = (await call('search', { query: '7946 0958' })) as { clients: { id: string; field: string; excerpt: string }[] };
    expect(found.clients.map((c) => c.id)).toEqual([clientId]);
    // Shown as people read it, formatted by the background (the sidebar's search box loads no phone library).
    expect(found.clients[0]).toMatchObject({ field: 'phone', excerpt: '020 7946 0958' });
  });

  it('the sidebar gets each client’s phones formatted, with tel: links, from the background', async () => {
    const threads = new Map<number, unknown>();
    const store: ThreadStore = { get: async (tab) => (threads.get(tab) as never) ?? null, set: async (tab, value) => void threads.set(tab, value) };
    const h = createHandlers({ db, threads: store, now: () => NOW, notify: vi.fn(), timeZone: 'Europe/London' });
    const { clientId } = await h.createClient({ name: 'Ada Lovelace', email: 'ada@analytical.example', company: '', role: '' }, { tabId: 1 });
    await h.updateClient({ clientId, phones: ['020 7946 0958', '+1 202 555 0123'] });
    const frameToken = 'frame-token-0123456789abcdef';
    await h.threadChanged(
      {
        frameToken,
        snapshot: {
          host: 'gmail',
          threadId: '18c2f0a1b2c3d4e5',
          subject: 'Pricing',
          url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX',
          accountAddress: 'me@consulting.example',
          messages: [{ hostMessageId: '#msg-f:1', from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [{ name: 'Me', email: 'me@consulting.example' }], dateText: 'Mon, Oct 5, 2026, 3:42 PM' }],
        },
      },
      { tabId: 1 },
    );
    const view = await h.getSidebarView({ frameToken }, { tabId: 1 });
    if (view.state !== 'conversation') throw new Error(view.state);
    expect(view.people.find((person) => person.client?.id === clientId)?.phones).toEqual([
      { tel: 'tel:+442079460958', text: '020 7946 0958' },
      { tel: 'tel:+12025550123', text: '+1 202 555 0123' },
    ]);
  });

  it('merging two clients keeps both their phones, once each', async () => {
    const { clientId: ada } = (await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' })) as { clientId: string };
    const { clientId: other } = (await call('createClient', { name: 'Ada L', email: 'ada@home.example' })) as { clientId: string };
    await call('updateClient', { clientId: ada, phones: ['+44 20 7946 0958'] });
    await call('updateClient', { clientId: other, phones: ['020 7946 0958', '+1 202 555 0123'] });
    await call('mergeClients', { keepId: ada, mergeId: other });
    expect((await db.clients.get(ada))!.phones).toEqual(['+442079460958', '+12025550123']);
  });

  it('a backup with phones round-trips; an older backup without phones restores with none', async () => {
    const { clientId } = (await call('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' })) as { clientId: string };
    await call('updateClient', { clientId, phones: ['+44 20 7946 0958', '+1 202 555 0123'] });
    const { backup } = readBackup(backupText(await exportBackup(call)));
    const other = new TendDatabase(`phones-restore-${crypto.randomUUID()}`);
    const restoreCall = connect(other);
    const { session } = await stageBackup(restoreCall, backupText(backup));
    await restoreCall('restoreBackup', { session, mode: 'replace', dryRun: false });
    expect((await other.clients.get(clientId))!.phones).toEqual(['+442079460958', '+12025550123']);

    const old = readFileSync(new URL('../fixtures/backups/v1.json', import.meta.url), 'utf8');
    expect(old).not.toContain('phones');
    const staged = await stageBackup(call, old);
    await call('restoreBackup', { session: staged.session, mode: 'replace', dryRun: false });
    const restored = await db.clients.toArray();
    expect(restored.length).toBeGreaterThan(0);
    for (const client of restored) expect(client.phones).toEqual([]);
  });
});
