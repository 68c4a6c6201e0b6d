// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act, fireEvent, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import type { ChangeEvent } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useImportFlow, type ReadFile } from '../../components/dashboard/import-export/import-flow';
import { ImportContactsSection } from '../../components/dashboard/import-export/ImportContactsSection';
import { NoAnswerError, TendError } from '../../lib/messaging/send';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { protocol, type MessageName } from '../../lib/messaging/protocol';

// The contacts section's messages go to real handlers over fake-indexeddb, through
// each message's schema as the router does: the dry run merges as the write will.
const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', async (original) => ({ ...(await original<typeof import('../../lib/messaging/send')>()), send }));

const picked = (file: File | undefined) => ({ target: { files: file ? [file] : [] } }) as unknown as ChangeEvent<HTMLInputElement>;
const file = new File(['a,b'], 'contacts.csv');

function flowWith(read: ReadFile<string>) {
  return renderHook(() => useImportFlow<string, number>(read, 'Nothing was imported.'));
}

describe('the import flow', () => {
  it('goes pick → reading → preview → writing → report, and empties the input after the write', async () => {
    let finishRead!: () => void;
    let progress!: (done: number, total: number) => void;
    const { result } = flowWith((f, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finishRead = () => resolve(`preview of ${f.name}`)));
    });
    expect(result.current.state).toEqual({ step: 'idle' });
    let choosing!: Promise<void>;
    act(() => {
      choosing = result.current.choose(picked(file));
    });
    expect(result.current.state).toEqual({ step: 'reading', done: 0, total: 0 });
    act(() => progress(5, 10));
    expect(result.current.state).toEqual({ step: 'reading', done: 5, total: 10 });
    await act(async () => {
      finishRead();
      await choosing;
    });
    expect(result.current.state).toEqual({ step: 'preview', preview: 'preview of contacts.csv' });

    const key = result.current.inputKey;
    let finishWrite!: (report: number) => void;
    let confirming!: Promise<void>;
    act(() => {
      confirming = result.current.confirm((preview) => {
        expect(preview).toBe('preview of contacts.csv');
        return new Promise((resolve) => (finishWrite = resolve));
      });
    });
    expect(result.current.state).toEqual({ step: 'writing', preview: 'preview of contacts.csv' });
    await act(async () => {
      finishWrite(3);
      await confirming;
    });
    expect(result.current.state).toEqual({ step: 'done', report: 3 });
    expect(result.current.inputKey).not.toBe(key);
  });

  it('ignores an empty pick and says why a file could not be read', async () => {
    const { result } = flowWith(async () => {
      throw new Error('Not a contacts file.');
    });
    await act(() => result.current.choose(picked(undefined)));
    expect(result.current.state).toEqual({ step: 'idle' });
    await act(() => result.current.choose(picked(file)));
    expect(result.current.state).toEqual({ step: 'error', error: 'Not a contacts file.' });
  });

  it('says nothing was written when the write fails, and keeps the input', async () => {
    const { result } = flowWith(async () => 'preview');
    await act(() => result.current.choose(picked(file)));
    const key = result.current.inputKey;
    await act(() => result.current.confirm(async () => Promise.reject(new Error('Disk full.'))));
    expect(result.current.state).toEqual({ step: 'error', error: 'Disk full. Nothing was imported.' });
    expect(result.current.inputKey).toBe(key);
  });

  it('a write that got no answer asks what happened: written, or not (then the preview stays to try again)', async () => {
    const outcomes = new Map<string, number | null>();
    const { result } = renderHook(() => useImportFlow<string, number>(async () => 'preview', 'Nothing was imported.', async (op) => outcomes.get(op) ?? null));
    await act(() => result.current.choose(picked(file)));
    const stopped = () => Promise.reject(new Error('The message port closed before a response was received.'));

    // Rolled back (the worker stopped mid-transaction): said, and the same preview can be confirmed again.
    await act(() => result.current.confirm(stopped));
    expect(result.current.state).toEqual({
      step: 'preview',
      preview: 'preview',
      error: 'Tend’s background stopped before it finished. Nothing was imported. Your data is exactly as it was; you can try again.',
    });
    // No reply at all (Chromium may resolve with nothing when the worker stops): asked too.
    await act(() => result.current.confirm(() => Promise.reject(new NoAnswerError('Tend’s background did not answer.'))));
    expect(result.current.state).toMatchObject({ step: 'preview', error: expect.stringMatching(/^Tend’s background stopped before it finished\./) });
    // Committed just before the worker stopped: the report, not an error.
    await act(() => result.current.confirm(async (_preview, op) => (outcomes.set(op, 7), stopped())));
    expect(result.current.state).toEqual({ step: 'done', report: 7, note: 'Tend’s background stopped just as it finished: everything was written.' });
  });

  it('a reason the background gave is shown as it is, without asking', async () => {
    let asked = false;
    const { result } = renderHook(() => useImportFlow<string, number>(async () => 'preview', 'Nothing was imported.', async () => ((asked = true), null)));
    await act(() => result.current.choose(picked(file)));
    await act(() => result.current.confirm(async () => Promise.reject(new TendError('Disk full.'))));
    expect(result.current.state).toEqual({ step: 'error', error: 'Disk full. Nothing was imported.' });
    expect(asked).toBe(false);
  });

  it('changes the preview only while it is shown, and cancels back to the start', async () => {
    const { result } = flowWith(async () => 'preview');
    act(() => result.current.updatePreview((p) => `${p}!`));
    expect(result.current.state).toEqual({ step: 'idle' });
    await act(() => result.current.choose(picked(file)));
    act(() => result.current.updatePreview((p) => `${p} (dry run)`));
    expect(result.current.state).toEqual({ step: 'preview', preview: 'preview (dry run)' });
    const key = result.current.inputKey;
    act(() => result.current.cancel());
    expect(result.current.state).toEqual({ step: 'idle' });
    expect(result.current.inputKey).not.toBe(key);
    // Confirm does nothing without a preview.
    await act(() => result.current.confirm(async () => 1));
    expect(result.current.state).toEqual({ step: 'idle' });
  });
});

describe('the contacts import preview', () => {
  let db: TendDatabase;
  let handlers: Handlers;
  beforeEach(() => {
    fakeBrowser.reset();
    db = new TendDatabase(`import-preview-${crypto.randomUUID()}`);
    let ids = 0;
    handlers = createHandlers({ db, threads: { get: async () => null, set: async () => {} }, now: () => new Date(2026, 10, 23, 12), notify: vi.fn(), newId: () => `id-${++ids}`, timeZone: 'Europe/London' });
    send.mockImplementation((name: MessageName, data: unknown) =>
      (handlers[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: null }),
    );
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    send.mockReset();
  });

  const csvFile = (text: string) => new File([text], 'contacts.csv', { type: 'text/csv' });
  async function pick(text: string) {
    render(<ImportContactsSection />);
    fireEvent.change(screen.getByLabelText('Contacts file (CSV or vCard)'), { target: { files: [csvFile(text)] } });
    return screen.findByRole('region', { name: 'Import preview' });
  }
  const bodyRows = (preview: HTMLElement) => within(within(preview).getByRole('table')).getAllByRole('row').slice(1);
  const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);
  const dec24 = /^(24 Dec 1980|Dec 24, 1980)$/;

  it('shows the first 20 contacts as they will be saved, with phones, tier for all and the asked date order', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => `Person ${i + 1},p${i + 1}@example.org,Co ${i + 1},020 7946 ${String(1000 + i)},05/06/1980`);
    lines[0] = 'Ada Lovelace,ada@analytical.example,Analytical Engines,020 7946 0958 ::: +1 202 555 0123,24/12/1980';
    const preview = await pick(['name,email,company,phone,birthday', ...lines].join('\n'));
    expect(within(preview).getByText(/contacts\.csv: CSV, 25 contacts\./)).toBeTruthy();
    const rows = bodyRows(preview);
    expect(rows).toHaveLength(20);
    expect(within(preview).getByRole('table', { name: 'The first 20 contacts as they will be saved' })).toBeTruthy();
    // National form for the user's country (en-GB), international for the others.
    const [name, addresses, company, phones, birthday, tier, change] = cells(rows[0]!);
    expect([name, addresses, company, phones, tier, change]).toEqual(['Ada Lovelace', 'ada@analytical.example', 'Analytical Engines', '020 7946 0958+1 202 555 0123', 'No tier', 'New client']);
    expect(birthday).toMatch(dec24);

    // Asked, defaulting from the locale (day first for en-GB), visibly.
    const dayFirst = within(preview).getByRole('radio', { name: 'Day first (24/12/1980)' }) as HTMLInputElement;
    const monthFirst = within(preview).getByRole('radio', { name: 'Month first (12/24/1980)' }) as HTMLInputElement;
    expect(dayFirst.checked).toBe(true);
    expect(cells(rows[1]!)[4]).toMatch(/^(5 Jun 1980|Jun 5, 1980)$/);

    // The tier for all: every previewed row shows it.
    fireEvent.change(within(preview).getByRole('combobox', { name: 'Tier for all' }), { target: { value: 'key' } });
    expect(bodyRows(preview).map((row) => cells(row)[5])).toEqual(Array(20).fill('Key'));

    // Month first: 05/06 becomes 6 May, and 24/12 is impossible, said with why.
    fireEvent.click(monthFirst);
    await waitFor(() => expect(cells(bodyRows(screen.getByRole('region', { name: 'Import preview' }))[1]!)[4]).toMatch(/^(6 May 1980|May 6, 1980)$/));
    const after = screen.getByRole('region', { name: 'Import preview' });
    expect(cells(bodyRows(after)[0]!)[4]).toBe('');
    expect(within(after).getByText('Row 1 (Ada Lovelace): birthday “24/12/1980” left out: there is no month 24 when the date is read month first')).toBeTruthy();
    expect(within(after).getByText('1 field left out')).toBeTruthy();
  });

  it('asks no date order for ISO birthdays, words one contact right, and writes the tier chosen for all', async () => {
    const preview = await pick('name,email,mobile,birthday\nAda Lovelace,ada@analytical.example,07911 123456,1980-12-24\n');
    expect(within(preview).queryByRole('radio', { name: /Day first/ })).toBeNull();
    expect(within(preview).getByText(/contacts\.csv: CSV, 1 contact\./)).toBeTruthy();
    expect(within(preview).getByRole('table', { name: 'The contact as it will be saved' })).toBeTruthy();
    expect(cells(bodyRows(preview)[0]!)[4]).toMatch(dec24);
    expect(within(preview).getByText('1 birthday (as yearly details) and 0 notes (as private notes in the timeline)')).toBeTruthy();
    fireEvent.change(within(preview).getByRole('combobox', { name: 'Tier for all' }), { target: { value: 'key' } });
    fireEvent.click(within(preview).getByRole('button', { name: 'Import 1 contact' }));
    expect((await screen.findByText(/^Imported:/)).textContent).toBe('Imported: 1 new client, 0 updated.');
    const [client] = await db.clients.toArray();
    expect([client!.name, client!.tier, client!.phones]).toEqual(['Ada Lovelace', 'key', ['+447911123456']]);
  });
});
