/**
 * Reading projects from CSV (lib/backup/projects-csv.ts), from hand-written files:
 * header synonyms, dates in both orders, values in several notations, and each
 * refusal with its row and field.
 */
import { describe, expect, it } from 'vitest';
import {
  clientNameKey,
  defaultProjectStatus,
  matchProjectClient,
  parseProjectsCsv,
  projectsNeedDateOrder,
  readMoney,
  readProjectDay,
  readProjectDraft,
  type ProjectDraft,
} from '../../lib/backup/projects-csv';

const draft = (cells: Partial<ProjectDraft>): ProjectDraft => ({
  row: 1,
  clientRefs: ['ada@analytical.example'],
  title: 'Pricing workshop',
  start: '2026-09-01',
  end: '',
  value: '',
  currency: '',
  status: '',
  note: '',
  ...cells,
});

const refusals = (cells: Partial<ProjectDraft>, order: 'day-first' | 'month-first' = 'day-first') => {
  const read = readProjectDraft(draft(cells), order);
  if (!('refusals' in read)) throw new Error(`expected a refusal, got ${JSON.stringify(read)}`);
  return read.refusals.map((r) => [r.row, r.field, r.detail]);
};
const project = (cells: Partial<ProjectDraft>, order: 'day-first' | 'month-first' = 'day-first') => {
  const read = readProjectDraft(draft(cells), order);
  if (!('project' in read)) throw new Error(`expected a project, got ${JSON.stringify(read.refusals)}`);
  return read.project;
};

describe('the columns', () => {
  it('reads the plain names', () => {
    const { drafts, columns, ignoredColumns } = parseProjectsCsv(
      'Client,Title,Start,End,Value,Currency,Status,Note\nada@analytical.example,Pricing workshop,2026-09-01,2026-10-15,"12,500.00",EUR,done,Two days\n',
    );
    expect(columns).toMatchObject({ client: ['Client'], title: ['Title'], start: ['Start'], end: ['End'], value: ['Value'], currency: ['Currency'], status: ['Status'], note: ['Note'] });
    expect(ignoredColumns).toEqual([]);
    expect(drafts).toEqual([
      { row: 1, clientRefs: ['ada@analytical.example'], title: 'Pricing workshop', start: '2026-09-01', end: '2026-10-15', value: '12,500.00', currency: 'EUR', status: 'done', note: 'Two days' },
    ]);
  });

  it('matches header synonyms case-insensitively, with a BOM, semicolons and underscores; the address column before the name', () => {
    const text = '\uFEFFNAME;Client Email;Project;start_date;End Date;Amount;currency;Comments;Owner\nAda Lovelace;ada@analytical.example;Audit;01.09.2026;;12 500,00;eur;Fine;me\n';
    const { drafts, columns, ignoredColumns } = parseProjectsCsv(text);
    expect(columns.client).toEqual(['Client Email', 'NAME']);
    expect(columns).toMatchObject({ title: ['Project'], start: ['start_date'], end: ['End Date'], value: ['Amount'], currency: ['currency'], note: ['Comments'], status: [] });
    expect(ignoredColumns).toEqual(['Owner']);
    expect(drafts[0]).toMatchObject({ clientRefs: ['ada@analytical.example', 'Ada Lovelace'], title: 'Audit', start: '01.09.2026', value: '12 500,00', currency: 'eur', note: 'Fine' });
  });

  it('reads Email, Fee and Start date too', () => {
    const { columns } = parseProjectsCsv('Email,Title,Start date,Fee\nada@analytical.example,Audit,2026-09-01,100\n');
    expect(columns).toMatchObject({ client: ['Email'], title: ['Title'], start: ['Start date'], value: ['Fee'] });
  });

  it('refuses a file without a client, title or start column, saying which', () => {
    expect(() => parseProjectsCsv('Customer ID,Title,Begin\n1,Audit,2026-01-01\n')).toThrow(/needs a column for the client \(for example/);
    expect(() => parseProjectsCsv('Client,Amount\nAda,12\n')).toThrow(/needs a column for the title, the start .*This file has: Client, Amount\./);
    expect(() => parseProjectsCsv('')).toThrow(/no projects to import/);
  });

  it('asks the date order only when a start or end day is written with slashes or dots', () => {
    expect(projectsNeedDateOrder([draft({ start: '2026-09-01', end: '' })])).toBe(false);
    expect(projectsNeedDateOrder([draft({ start: '2026-09-01', end: '15/10/2026' })])).toBe(true);
    expect(projectsNeedDateOrder([draft({ start: '1.9.2026' })])).toBe(true);
  });
});

describe('dates', () => {
  it('reads ISO dates whatever the order, and slash or dot dates in the order chosen', () => {
    expect(readProjectDay('2026-09-01', 'month-first')).toEqual({ ok: '2026-09-01' });
    expect(readProjectDay('2026/9/1', 'day-first')).toEqual({ ok: '2026-09-01' });
    expect(readProjectDay('05/06/2026', 'day-first')).toEqual({ ok: '2026-06-05' });
    expect(readProjectDay('05/06/2026', 'month-first')).toEqual({ ok: '2026-05-06' });
    expect(readProjectDay('24.12.2026', 'day-first')).toEqual({ ok: '2026-12-24' });
    expect(readProjectDay('', 'day-first')).toEqual({ ok: null });
  });

  it('refuses what is no day, saying why', () => {
    expect(readProjectDay('24/12/2026', 'month-first')).toEqual({ error: 'there is no month 24 when the date is read month first' });
    expect(readProjectDay('31/02/2026', 'day-first')).toEqual({ error: 'February has no day 31 in 2026' });
    expect(readProjectDay('--09-01', 'day-first')).toEqual({ error: 'it has no year' });
    expect(readProjectDay('next spring', 'day-first')).toEqual({ error: 'it is not a date Tend can read' });
    expect(readProjectDay('0/0/00', 'day-first')).toEqual({ error: 'it is not a date Tend can read' });
  });
});

describe('values', () => {
  it.each([
    ['12,500.00', 12500, null],
    ['12.500,00', 12500, null],
    ['12 500,00', 12500, null],
    ['12\u202F500,50', 12500.5, null],
    ["1'250'000", 1250000, null],
    ['1,234,567.89', 1234567.89, null],
    ['1.250.000', 1250000, null],
    ['12,500', 12500, null],
    ['12.500', 12500, null],
    ['12,5', 12.5, null],
    ['12.50', 12.5, null],
    ['12500', 12500, null],
    ['0', 0, null],
    ['€12,500', 12500, 'EUR'],
    ['12 500 €', 12500, 'EUR'],
    ['£800', 800, 'GBP'],
    ['EUR 12,500', 12500, 'EUR'],
    ['12,500 usd', 12500, 'USD'],
    ['$1,000', 1000, null],
    ['USD $1,000', 1000, 'USD'],
  ])('%s is %d (currency %s)', (text, value, currency) => {
    expect(readMoney(text)).toEqual({ ok: { value, currency } });
  });

  it.each([
    ['TBD', 'it is not a number'],
    ['12,5,0', 'it is not a number'],
    ['1,2,3', 'it is not a number'],
    ['1234.567', 'it is not a number'],
    ['1.250,000.5', 'it is not a number'],
    ['12,500.', 'it is not a number'],
    ['-5', 'it is negative (a project’s value cannot be)'],
    ['(500)', 'it is negative (a project’s value cannot be)'],
    ['€12 USD', 'it names two currencies'],
    ['€£12', 'it has more than one currency sign'],
    ['XYZ 12', '“XYZ” is not a currency code Tend knows'],
    ['9999999999999', 'it is over 1,000,000,000,000'],
  ])('%s is refused: %s', (text, error) => {
    expect(readMoney(text)).toEqual({ error });
  });

  it('is empty when the cell is', () => {
    expect(readMoney('  ')).toEqual({ ok: { value: null, currency: null } });
  });
});

describe('a row read', () => {
  it('as it will be saved: trimmed, value and currency, status as the file says or none', () => {
    expect(project({ title: '  Pricing   workshop ', end: '2026-10-15', value: '€12,500', status: 'Completed', note: ' Two days ' })).toEqual({
      row: 1,
      clientAddresses: ['ada@analytical.example'],
      clientNames: [],
      title: 'Pricing workshop',
      startDay: '2026-09-01',
      endDay: '2026-10-15',
      status: 'done',
      value: 12500,
      currency: 'EUR',
      note: 'Two days',
    });
    expect(project({ clientRefs: ['ADA@Analytical.example', ' Ada   Lovelace '], value: '12 500', currency: 'chf' })).toMatchObject({
      clientAddresses: ['ada@analytical.example'],
      clientNames: ['Ada Lovelace'],
      value: 12500,
      currency: 'CHF',
      status: null,
    });
    expect(project({ start: '05/06/2026' }, 'month-first').startDay).toBe('2026-05-06');
    expect(project({ currency: '€' }).currency).toBe('EUR');
  });

  it('refuses each bad field, naming the row and the field, all of them at once', () => {
    expect(refusals({ title: '', start: '', value: 'TBD' })).toEqual([
      [1, 'title', 'no title'],
      [1, 'start', 'no start day'],
      [1, 'value', 'value “TBD”: it is not a number'],
    ]);
    expect(refusals({ clientRefs: [] })).toEqual([[1, 'client', 'no client (an address or a name is needed)']]);
    expect(refusals({ clientRefs: ['ada@'] })).toEqual([[1, 'client', 'client “ada@” is not a valid address']]);
    expect(refusals({ start: '31/02/2026' })).toEqual([[1, 'start', 'start “31/02/2026”: February has no day 31 in 2026']]);
    expect(refusals({ end: 'soon' })).toEqual([[1, 'end', 'end “soon”: it is not a date Tend can read']]);
    expect(refusals({ end: '2026-08-31' })).toEqual([[1, 'end', 'end “2026-08-31” is before the start “2026-09-01”']]);
    expect(refusals({ value: '100', currency: 'Euros' })).toEqual([[1, 'currency', 'currency “Euros” is not a currency code Tend knows (three letters, such as EUR, USD or GBP)']]);
    expect(refusals({ value: '100', currency: 'XYZ' })[0]![1]).toBe('currency');
    expect(refusals({ value: '100' })).toEqual([[1, 'currency', 'value “100” has no currency (add a currency column, or write it as €12,500 or 12,500 EUR)']]);
    expect(refusals({ value: '$100' })[0]![1]).toBe('currency');
    expect(refusals({ value: '€100', currency: 'USD' })).toEqual([[1, 'value', 'value “€100” is in EUR, but the currency column says USD']]);
    expect(refusals({ status: 'paused' })).toEqual([[1, 'status', 'status “paused” is not one of proposed, active, done, lost']]);
    expect(refusals({ title: 'x'.repeat(501) })).toEqual([[1, 'title', 'title is longer than 500 characters']]);
    expect(refusals({ note: 'x'.repeat(2001) })).toEqual([[1, 'note', 'note is longer than 2,000 characters']]);
    // Read in the other order, the same cell is another refusal.
    expect(refusals({ start: '24/12/2026' }, 'month-first')).toEqual([[1, 'start', 'start “24/12/2026”: there is no month 24 when the date is read month first']]);
  });

  it('a status the file does not give: done when it ended before today, else active', () => {
    expect(defaultProjectStatus('2026-12-06', '2026-12-07')).toBe('done');
    expect(defaultProjectStatus('2026-12-07', '2026-12-07')).toBe('active');
    expect(defaultProjectStatus('2027-01-01', '2026-12-07')).toBe('active');
    expect(defaultProjectStatus(null, '2026-12-07')).toBe('active');
  });
});

describe('the client a row belongs to', () => {
  const ada = { id: 'c-ada', name: 'Ada Lovelace', emails: ['ada@analytical.example', 'ada.home@example.org'] };
  const grace1 = { id: 'c-g1', name: 'Grace Hopper', emails: ['grace@navy.example'] };
  const grace2 = { id: 'c-g2', name: 'grace  hopper', emails: [] };
  const byAddress = new Map([...[ada, grace1].flatMap((c) => c.emails.map((e) => [e, c] as const))]);
  const byName = new Map<string, (typeof ada)[]>();
  for (const c of [ada, grace1, grace2]) byName.set(clientNameKey(c.name), [...(byName.get(clientNameKey(c.name)) ?? []), c]);

  it('by any of their addresses first, else by exact name (case and spacing aside)', () => {
    expect(matchProjectClient({ clientAddresses: ['ada.home@example.org'], clientNames: [] }, byAddress, byName)).toEqual({ client: ada });
    expect(matchProjectClient({ clientAddresses: ['grace@navy.example'], clientNames: ['Ada Lovelace'] }, byAddress, byName)).toEqual({ client: grace1 });
    expect(matchProjectClient({ clientAddresses: ['nobody@example.org'], clientNames: ['ADA  lovelace'] }, byAddress, byName)).toEqual({ client: ada });
    // Not a part of a name, not a similar one.
    expect(matchProjectClient({ clientAddresses: [], clientNames: ['Ada'] }, byAddress, byName)).toEqual({ field: 'client', detail: 'no client is named “Ada”' });
  });

  it('an ambiguous name or an unknown client is refused, saying why', () => {
    expect(matchProjectClient({ clientAddresses: [], clientNames: ['Grace Hopper'] }, byAddress, byName)).toEqual({
      field: 'client',
      detail: '2 clients are named “Grace Hopper”: write the client’s address instead',
    });
    expect(matchProjectClient({ clientAddresses: ['nobody@example.org'], clientNames: [] }, byAddress, byName)).toEqual({ field: 'client', detail: 'no client has the address “nobody@example.org”' });
    expect(matchProjectClient({ clientAddresses: ['nobody@example.org'], clientNames: ['Nobody'] }, byAddress, byName)).toEqual({
      field: 'client',
      detail: 'no client has the address “nobody@example.org” or is named “Nobody”',
    });
  });
});
