import 'fake-indexeddb/auto';
import { allInteractions } from '../../lib/db/timelines';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import type { ThreadStore } from '../../lib/background/threads';
import { constants } from 'node:buffer';
import { decodeText, tooLargeMessage, MAX_BACKUP_BYTES, MAX_IMPORT_BYTES } from '../../lib/backup/decode';
import { readFile } from '../../components/dashboard/import-export/shared';
import { readContactsFile } from '../../lib/backup/import-file';
import { dateOrderOfLocale, needsDateOrder, parseBirthday, prepareImport, readBirthday, type ContactDraft, type ImportRow } from '../../lib/backup/contacts';
import { parseVCards } from '../../lib/backup/vcard';
import { clientsCsv } from '../../lib/backup/clients-csv';

const NOW = new Date(2026, 10, 23, 12, 0);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url)));
const contactsOf = (name: string) => readContactsFile(decodeText(fixture(name)).text);

const noThreads: ThreadStore = { get: async () => null, set: async () => {} };
let db: TendDatabase;
let handlers: Handlers;
let ids = 0;
beforeEach(() => {
  fakeBrowser.reset();
  ids = 0;
  db = new TendDatabase(`import-${crypto.randomUUID()}`);
  handlers = createHandlers({ db, threads: noThreads, now: () => NOW, notify: vi.fn(), newId: () => `id-${++ids}`, timeZone: 'Europe/London' });
});

describe('reading contacts files', () => {
  it('reads a Google Contacts CSV with its real headers, labels, birthdays and quoted newlines', () => {
    const file = contactsOf('google-contacts.csv');
    expect(file.source).toBe('google');
    const ada = file.drafts[0]!;
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['Ada@Analytical.example', 'ada.home@example.org'],
      company: 'Analytical Engines',
      role: 'Director',
      birthday: '1815-12-10',
      tags: ['Key clients'],
    });
    expect(ada.notes).toBe('Met at the Royal Society.\nLoves poetry, and horses.');
    expect(file.drafts[1]).toMatchObject({ name: 'Grace Brewster Hopper', birthday: '--12-09' });
    expect(file.drafts[2]!.name).toBe('José Müller');
    expect(file.ignoredColumns).not.toContain('Phone 1 - Value');
    expect(file.ignoredColumns).not.toContain('Phone 1 - Type');
  });

  it('reads the older Google CSV (Given Name, Organization 1 - Name, several addresses in one cell)', () => {
    const [charles] = contactsOf('google-legacy.csv').drafts;
    expect(charles).toMatchObject({
      name: 'Charles Babbage',
      emails: ['charles@analytical.example', 'babbage@home.example'],
      company: 'Analytical Engines',
      role: 'Inventor',
      tags: ['Clients'],
      notes: 'Difference engine',
    });
  });

  it('reads an Outlook CSV, its US birthdays, and drops its 0/0/00 "no birthday"', () => {
    const file = contactsOf('outlook.csv');
    expect(file.source).toBe('outlook');
    expect(file.drafts[0]).toMatchObject({
      name: 'Katherine Johnson',
      emails: ['katherine@nasa.example', 'kj@home.example'],
      company: 'NASA',
      role: 'Mathematician',
      tags: ['Key', 'Science'],
      notes: 'Orbital mechanics; "Hidden Figures"',
    });
    const prepared = prepareImport(file.drafts, NOW);
    expect(prepared.rows[0]!.birthday).toBe('1918-08-26');
    expect(prepared.rows[1]!.birthday).toBeNull();
    expect(prepared.skippedFields).toEqual([expect.objectContaining({ row: 2, field: 'birthday', value: '0/0/00', detail: expect.stringContaining('placeholder') })]);
  });

  it('detects Windows-1252 from the bytes and decodes it', () => {
    const decoded = decodeText(fixture('latin1.csv'));
    expect(decoded.encoding).toBe('windows-1252');
    const [francois] = readContactsFile(decoded.text).drafts;
    expect(francois).toMatchObject({ name: 'François Dœuvre', company: 'Société Générale', notes: 'Rencontré à Paris – café' });
  });

  it('reads a semicolon-separated file with a BOM and a quoted newline', () => {
    const decoded = decodeText(fixture('semicolon.csv'));
    expect(decoded.encoding).toBe('utf-8');
    const file = readContactsFile(decoded.text);
    expect(file.drafts).toHaveLength(2);
    expect(file.drafts[0]).toMatchObject({ name: 'Marie Curie', company: 'Sorbonne; Paris', notes: 'Two Nobel prizes\r\nRadium' });
  });

  it('reads vCard 3.0: folded lines, escapes, QUOTED-PRINTABLE, grouped properties', () => {
    const file = contactsOf('contacts-v3.vcf');
    expect(file.source).toBe('vcard');
    const [ada, jose] = file.drafts;
    expect(ada).toMatchObject({
      name: 'Ada Lovelace',
      emails: ['ada@analytical.example', 'ada.home@example.org'],
      company: 'Analytical Engines, Ltd',
      role: 'Director',
      birthday: '1815-12-10',
      tags: ['Key clients', 'myContacts'],
    });
    expect(ada!.notes).toBe('Loves poetry, horses; and mathematics.\nSecond line that is long enough to be folded by the exporter.');
    expect(jose).toMatchObject({ name: 'José Müller', emails: ['jose@cafe-zurich.example'], notes: 'Café au lait, every morning' });
  });

  it('reads vCard 4.0: --MMDD birthdays, mailto: addresses, a name from N when FN is missing', () => {
    const [grace, alan] = contactsOf('contacts-v4.vcf').drafts;
    expect(grace).toMatchObject({ name: 'Grace Hopper', emails: ['grace@navy.example', 'grace@home.example'], birthday: '--1209', tags: ['Navy', 'Computing'] });
    expect(alan).toMatchObject({ name: 'Alan Turing', emails: ['alan@bletchley.example'], birthday: '19120623' });
    const rows = prepareImport([grace!, alan!], NOW).rows;
    expect(rows.map((r) => r.birthday)).toEqual(['2026-12-09', '1912-06-23']);
  });

  it('refuses a file that is not contacts, and vCard text without cards', () => {
    expect(() => readContactsFile('foo,bar\n1,2\n')).toThrow(/does not recognise these columns/);
    expect(() => parseVCards('BEGIN:VCARDS\n')).toThrow(/No contacts found/);
    expect(() => readContactsFile('')).toThrow(/empty/);
  });

  it('refuses files above the limit before reading them', () => {
    expect(tooLargeMessage(MAX_IMPORT_BYTES)).toBeNull();
    expect(tooLargeMessage(60 * 1024 * 1024)).toMatch(/60 MB; Tend imports files up to 50 MB/);
  });

  it('limits the size of a backup to what one string holds, and refuses a larger file before reading it', async () => {
    // The page decodes the file into one string, the background joins its pieces into one.
    expect(MAX_BACKUP_BYTES).toBeLessThan(constants.MAX_STRING_LENGTH);
    expect(tooLargeMessage(MAX_BACKUP_BYTES, MAX_BACKUP_BYTES)).toBeNull();
    expect(tooLargeMessage(MAX_BACKUP_BYTES + 1, MAX_BACKUP_BYTES)).toBe('That file is 257 MB; Tend restores backups up to 256 MB (what a browser can read in one go). Nothing was read.');
    const arrayBuffer = vi.fn();
    const huge = { name: 'huge.json', size: 300 * 1024 * 1024, arrayBuffer } as unknown as File;
    await expect(readFile(huge, MAX_BACKUP_BYTES)).rejects.toThrow('That file is 300 MB; Tend restores backups up to 256 MB');
    expect(arrayBuffer).not.toHaveBeenCalled();
  });

  it('parses birthdays in every form exporters use', () => {
    expect(parseBirthday('--0229', 2026)).toBe('2024-02-29');
    expect(parseBirthday('2001-02-30', 2026)).toBeNull();
    expect(parseBirthday('1990/4/5', 2026)).toBe('1990-04-05');
    expect(parseBirthday('tomorrow', 2026)).toBeNull();
  });
});

describe('checking rows before import', () => {
  it('skips rows with no name and no address, invalid addresses and duplicates, saying why', () => {
    const prepared = prepareImport(contactsOf('google-contacts.csv').drafts, NOW);
    expect(prepared.rows.map((r) => r.name)).toEqual(['Ada Lovelace', 'Grace Brewster Hopper', 'José Müller', 'noname@somewhere.example']);
    expect(prepared.rows[0]!.emails).toEqual(['ada@analytical.example', 'ada.home@example.org']);
    expect(prepared.skipped.map((s) => [s.row, s.reason, s.detail])).toEqual([
      [4, 'no-name-or-address', 'No name and no address'],
      [5, 'invalid-address', 'Invalid address “not-an-address”'],
      [6, 'duplicate', 'Duplicate of row 1'],
    ]);
  });

  it('says what of a row does not fit, and refuses notes over the limit whole rather than cutting them', () => {
    const emails = Array.from({ length: 55 }, (_, i) => `ada${i}@example.org`);
    const tags = Array.from({ length: 52 }, (_, i) => `t${i}`);
    const prepared = prepareImport(
      [
        { row: 1, name: 'Ada Lovelace', emails, company: '', role: '', birthday: '', notes: 'n'.repeat(20_001), tags },
        { row: 2, name: 'Grace Hopper', emails: ['grace@navy.example'], company: '', role: '', birthday: '', notes: 'g'.repeat(20_000), tags: [] },
      ],
      NOW,
    );
    expect(prepared.rows[0]).toMatchObject({ notes: '', emails: emails.slice(0, 50), tags: tags.slice(0, 50) });
    expect(prepared.rows[1]!.notes).toHaveLength(20_000);
    expect(prepared.warnings).toEqual([
      'Row 1 (Ada Lovelace): 55 addresses; a client keeps up to 50, so 5 were left out',
      'Row 1 (Ada Lovelace): 52 tags; a client keeps up to 50, so 2 were left out',
      'Row 1 (Ada Lovelace): its notes are 20,001 characters, over the 20,000 a note holds, so they were not imported (shorten them and import again)',
    ]);
  });
});

describe('importing contacts', () => {
  const googleRows = () => prepareImport(contactsOf('google-contacts.csv').drafts, NOW).rows;

  it('previews without writing, then imports in one go with tier None, birthdays and notes', async () => {
    const preview = await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: true });
    expect(preview).toMatchObject({ created: 4, updated: 0, birthdays: 2, notes: 1, skipped: [] });
    expect(await db.clients.count()).toBe(0);

    const done = await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: false });
    // The write reports what the dry run said (the dry run also shows its first rows).
    expect(done).toEqual({ ...preview, preview: undefined });
    const clients = await db.clients.orderBy('id').toArray();
    const ada = clients.find((c) => c.name === 'Ada Lovelace')!;
    expect(ada).toMatchObject({
      tier: 'none',
      emails: ['ada@analytical.example', 'ada.home@example.org'],
      domains: ['analytical.example', 'example.org'],
      nameKeys: ['ada lovelace'],
      nextDueAt: null,
      tags: ['Key clients'],
    });
    const details = await db.details.toArray();
    expect(details.map((d) => [d.kind, d.text, d.date, d.yearly])).toEqual(
      expect.arrayContaining([['milestone', 'Birthday', '1815-12-10', true], ['milestone', 'Birthday', '2026-12-09', true]]),
    );
    const [note] = await allInteractions(db);
    expect(note).toMatchObject({ clientId: ada.id, kind: 'note', text: 'Met at the Royal Society.\nLoves poetry, and horses.' });
  });

  it('gives imported clients the tier the user picked, with its check-in schedule', async () => {
    await handlers.importContacts({ rows: googleRows(), tier: 'key', dryRun: false });
    const clients = await db.clients.toArray();
    expect(clients.every((c) => c.tier === 'key' && c.nextDueAt !== null)).toBe(true);
  });

  it('matches existing clients by address, case-insensitively, and adds nothing twice', async () => {
    // Stored lower-case (the router's schema does that); the file has Ada@Analytical.example.
    await handlers.createClient({ name: 'Ada L.', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    const preview = await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: true });
    expect(preview).toMatchObject({ created: 3, updated: 1 });
    await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: false });
    const ada = (await db.clients.where('emails').equals('ada@analytical.example').toArray())[0]!;
    expect(ada).toMatchObject({ name: 'Ada L.', company: 'Analytical Engines', tier: 'active', emails: ['ada@analytical.example', 'ada.home@example.org'] });
    const counts = [await db.clients.count(), await db.details.count(), (await allInteractions(db)).length];
    const again = await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: false });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, birthdays: 0, notes: 0 });
    expect([await db.clients.count(), await db.details.count(), (await allInteractions(db)).length]).toEqual(counts);
  });

  it('skips (and says) a row that would take an existing client over a list’s limit, cutting nothing', async () => {
    const { clientId } = await handlers.createClient({ name: 'Ada', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    const many = Array.from({ length: 45 }, (_, i) => `ada${i}@example.org`);
    await db.clients.update(clientId, { emails: ['ada@analytical.example', ...many] });
    const row = { row: 1, name: 'Ada Lovelace', emails: ['ada@analytical.example', ...Array.from({ length: 8 }, (_, i) => `new${i}@example.org`)], company: '', role: '', birthday: null, notes: '', tags: [] };
    const summary = await handlers.importContacts({ rows: [row], tier: 'none', dryRun: false });
    expect(summary).toMatchObject({ created: 0, updated: 0 });
    expect(summary.skipped).toEqual([{ row: 1, name: 'Ada Lovelace', detail: 'Ada would then have 54 addresses (a client keeps up to 50)' }]);
    expect((await db.clients.get(clientId))!.emails).toHaveLength(46);
  });

  it('skips a row whose addresses belong to two different clients', async () => {
    await handlers.createClient({ name: 'Ada', email: 'ada@analytical.example', company: '', role: '' }, { tabId: null });
    await handlers.createClient({ name: 'Ada at home', email: 'ada.home@example.org', company: '', role: '' }, { tabId: null });
    const summary = await handlers.importContacts({ rows: googleRows(), tier: 'none', dryRun: false });
    expect(summary.skipped).toEqual([{ row: 1, name: 'Ada Lovelace', detail: 'Its addresses belong to different clients (Ada and Ada at home)' }]);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const rows = googleRows();
    vi.spyOn(db.timelines, 'bulkAdd').mockRejectedValueOnce(Object.assign(new Error('quota'), { name: 'QuotaExceededError' }));
    await expect(handlers.importContacts({ rows, tier: 'none', dryRun: false })).rejects.toThrow();
    expect([await db.clients.count(), await db.details.count(), (await allInteractions(db)).length]).toEqual([0, 0, 0]);
  });

  it('exports clients as CSV that a spreadsheet cannot mistake for formulas', async () => {
    await handlers.importContacts({ rows: [...googleRows(), { row: 9, name: '=HYPERLINK("x")', emails: [], company: '', role: '', birthday: null, notes: '', tags: [] }], tier: 'key', dryRun: false });
    const csv = clientsCsv(await db.clients.toArray(), 'Europe/London');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Name,Emails,Phones,Company,Role,Tier,Tags,Last contact,Next check-in');
    expect(lines).toContain('"\'=HYPERLINK(""x"")",,,,,Key,,,2026-12-07');
    // A phone starts with "+": kept as text, like a formula would be.
    expect(lines).toContain('Ada Lovelace,ada@analytical.example; ada.home@example.org,\'+442079460000,Analytical Engines,Director,Key,Key clients,,2026-12-07');
  });
});

describe('phones in contacts files', () => {
  it('reads every vCard TEL, whatever its type, a tel: URI included', () => {
    const cards = parseVCards(
      [
        'BEGIN:VCARD', 'VERSION:3.0', 'FN:Ada Lovelace', 'EMAIL:ada@analytical.example',
        'TEL;TYPE=CELL:+44 7911 123456', 'item1.TEL;TYPE=WORK,VOICE:020 7946 0958', 'TEL;TYPE=HOME:+44 20 7946 0958', 'END:VCARD',
        'BEGIN:VCARD', 'VERSION:4.0', 'FN:Bob Builder', 'TEL;VALUE=uri;TYPE="voice,work":tel:+1-202-555-0123', 'END:VCARD',
      ].join('\r\n'),
    );
    expect(cards.map((c) => c.phones)).toEqual([['+44 7911 123456', '020 7946 0958', '+44 20 7946 0958'], ['+1-202-555-0123']]);
    // Prepared with the locale's country: E.164, the same number twice kept once.
    const rows = prepareImport(cards, NOW, { defaultCountry: 'GB' }).rows;
    expect(rows.map((r) => r.phones)).toEqual([['+447911123456', '+442079460958'], ['+12025550123']]);
  });

  it('reads Google’s Phone n - Value columns, several numbers in one cell', () => {
    const file = readContactsFile(
      'Name,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value\n' +
        'Ada Lovelace,ada@analytical.example,Mobile,+44 7911 123456 ::: 020 7946 0958,Work,+1 202 555 0123\n',
    );
    expect(file.source).toBe('google');
    expect(file.drafts[0]!.phones).toEqual(['+44 7911 123456', '020 7946 0958', '+1 202 555 0123']);
    expect(file.ignoredColumns).toEqual([]);
  });

  it('reads Outlook’s phone columns (not its faxes or pagers), and a generic file’s phone, mobile and telephone', () => {
    const outlook = contactsOf('outlook.csv');
    expect(outlook.ignoredColumns).not.toContain('Mobile Phone');
    expect(outlook.ignoredColumns).toContain('Business Fax');
    const written = readContactsFile(
      'First Name,Last Name,E-mail Address,Mobile Phone,Business Phone,Home Phone,Primary Phone,Other Phone,Business Fax,Pager\n' +
        'Katherine,Johnson,kj@nasa.example,(202) 555-0123,202-555-0199,,,+44 20 7946 0958,202-555-0100,202-555-0101\n',
    );
    expect(written.source).toBe('outlook');
    expect(written.drafts[0]!.phones).toEqual(['(202) 555-0123', '202-555-0199', '+44 20 7946 0958']);
    const generic = readContactsFile('name,email,phone,mobile,telephone\nAda,ada@analytical.example,020 7946 0958,07911 123456,+49 30 12345678\n');
    expect(generic.source).toBe('generic');
    expect(generic.drafts[0]!.phones).toEqual(['020 7946 0958', '07911 123456', '+49 30 12345678']);
    expect(prepareImport(generic.drafts, NOW, { defaultCountry: 'GB' }).rows[0]!.phones).toEqual(['+442079460958', '+447911123456', '+493012345678']);
  });

  it('keeps a number it cannot read as written, and says why one too long to be a phone is left out', () => {
    const prepared = prepareImport(
      [{ row: 1, name: 'Ada', emails: [], company: '', role: '', birthday: '', notes: '', tags: [], phones: ['ask reception', 'x'.repeat(50)] }],
      NOW,
      { defaultCountry: 'GB' },
    );
    expect(prepared.rows[0]!.phones).toEqual(['ask reception']);
    expect(prepared.skippedFields).toEqual([expect.objectContaining({ row: 1, field: 'phone', detail: expect.stringContaining('longer than 40 characters') })]);
  });
});

describe('birthdays written day-first or month-first', () => {
  const draft = (row: number, birthday: string): ContactDraft => ({ row, name: `Person ${row}`, emails: [], company: '', role: '', birthday, notes: '', tags: [] });

  it('reads 24/12/1980 day first; month first refuses it, saying why', () => {
    expect(readBirthday('24/12/1980', 2026, 'day-first')).toEqual({ day: '1980-12-24' });
    expect(readBirthday('24.12.1980', 2026, 'day-first')).toEqual({ day: '1980-12-24' });
    expect(readBirthday('24/12/1980', 2026, 'month-first')).toEqual({ error: 'there is no month 24 when the date is read month first' });
    expect(readBirthday('31/02/1980', 2026, 'day-first')).toEqual({ error: 'February has no day 31 in 1980' });
    const prepared = prepareImport([draft(1, '24/12/1980')], NOW, { dateOrder: 'month-first' });
    expect(prepared.rows[0]!.birthday).toBeNull();
    expect(prepared.skippedFields).toEqual([
      { row: 1, name: 'Person 1', field: 'birthday', value: '24/12/1980', detail: 'birthday “24/12/1980” left out: there is no month 24 when the date is read month first' },
    ]);
  });

  it('reads 05/06/1980 by the order chosen', () => {
    expect(prepareImport([draft(1, '05/06/1980')], NOW, { dateOrder: 'day-first' }).rows[0]!.birthday).toBe('1980-06-05');
    expect(prepareImport([draft(1, '05/06/1980')], NOW, { dateOrder: 'month-first' }).rows[0]!.birthday).toBe('1980-05-06');
  });

  it('asks only when a file has slash or dot dates: ISO and vCard dates need no question', () => {
    expect(needsDateOrder([draft(1, '1980-12-24'), draft(2, '--12-24'), draft(3, '19801224'), draft(4, '')])).toBe(false);
    expect(needsDateOrder([draft(1, '1980-12-24'), draft(2, '5.6.1980')])).toBe(true);
    expect(needsDateOrder([draft(1, '05/06/1980')])).toBe(true);
    // The default follows the user's locale (and is shown, never applied silently).
    expect(dateOrderOfLocale('en-US')).toBe('month-first');
    expect(dateOrderOfLocale('en-GB')).toBe('day-first');
    expect(dateOrderOfLocale('de-DE')).toBe('day-first');
  });
});

describe('importing phones and the tier for all', () => {
  const row = (n: number, extra: Partial<ImportRow> = {}): ImportRow => ({
    row: n, name: `Person ${n}`, emails: [`p${n}@example.org`], company: '', role: '', birthday: null, notes: '', tags: [], phones: [], ...extra,
  });

  it('writes the chosen tier for every new client, and phones as prepared', async () => {
    await handlers.importContacts({ rows: [row(1, { phones: ['+442079460958'] }), row(2)], tier: 'key', dryRun: false });
    const clients = (await db.clients.toArray()).sort((a, b) => a.name.localeCompare(b.name));
    expect(clients.map((c) => [c.name, c.tier, c.phones])).toEqual([
      ['Person 1', 'key', ['+442079460958']],
      ['Person 2', 'key', []],
    ]);
  });

  it('merging into an existing client unions phones by E.164, keeps its tier unless asked, and refuses going over the limit', async () => {
    // One kept as written (no country to read it by), then the same digits written otherwise.
    await handlers.importContacts({ rows: [row(1, { phones: ['+442079460958', '020 7946 0958'] })], tier: 'active', dryRun: false });
    const summary = await handlers.importContacts({ rows: [row(1, { phones: ['+442079460958', '020-7946-0958', '+12025550123'] })], tier: 'key', dryRun: false });
    expect(summary).toMatchObject({ created: 0, updated: 1 });
    let [client] = await db.clients.toArray();
    expect([client!.tier, client!.phones]).toEqual(['active', ['+442079460958', '020 7946 0958', '+12025550123']]);

    await handlers.importContacts({ rows: [row(1)], tier: 'key', tierForExisting: true, dryRun: false });
    [client] = await db.clients.toArray();
    expect(client!.tier).toBe('key');

    const many = Array.from({ length: 18 }, (_, i) => `+4420794610${String(i).padStart(2, '0')}`);
    const over = await handlers.importContacts({ rows: [row(1, { phones: many })], tier: 'key', dryRun: false });
    expect(over.skipped).toEqual([{ row: 1, name: 'Person 1', detail: 'Person 1 would then have 21 phone numbers (a client keeps up to 20)' }]);
  });

  it('a dry run shows the first 20 contacts as they will be saved: merged, with phones, tier and birthday', async () => {
    await handlers.importContacts({ rows: [row(1, { company: 'Kept Co', phones: ['+442079460958'] })], tier: 'active', dryRun: false });
    const rows = Array.from({ length: 25 }, (_, i) => row(i + 1, { birthday: '1980-12-24', phones: i === 0 ? ['+12025550123'] : [] }));
    const preview = await handlers.importContacts({ rows, tier: 'none', dryRun: true });
    expect(preview.preview).toHaveLength(20);
    expect(preview.preview![0]).toEqual({
      row: 1, status: 'update', name: 'Person 1', emails: ['p1@example.org'], company: 'Kept Co', phones: ['+442079460958', '+12025550123'], tier: 'active', birthday: '1980-12-24',
    });
    expect(preview.preview![1]).toMatchObject({ row: 2, status: 'new', tier: 'none', birthday: '1980-12-24' });
    expect(await db.clients.count()).toBe(1);
  });
});
