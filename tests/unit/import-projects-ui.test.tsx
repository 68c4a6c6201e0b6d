// @vitest-environment happy-dom
/**
 * The "Import projects" section: a CSV file picked, the preview (the first rows as
 * they will be saved, each with its client's name, the date order asked, skipped rows
 * with their reasons), then "Import N projects" and the report.
 */
import 'fake-indexeddb/auto';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportProjectsSection } from '../../components/dashboard/import-export/ImportProjectsSection';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { protocol, type MessageName } from '../../lib/messaging/protocol';

// Messages go to real handlers over fake-indexeddb, through each message's schema as the router does.
const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', async (original) => ({ ...(await original<typeof import('../../lib/messaging/send')>()), send }));

describe('the projects import preview', () => {
  let db: TendDatabase;
  let handlers: Handlers;
  beforeEach(async () => {
    fakeBrowser.reset();
    db = new TendDatabase(`import-projects-ui-${crypto.randomUUID()}`);
    let ids = 0;
    handlers = createHandlers({ db, threads: { get: async () => null, set: async () => {} }, now: () => new Date(2026, 11, 7, 12), notify: vi.fn(), newId: () => `id-${++ids}`, timeZone: 'Europe/London' });
    send.mockImplementation((name: MessageName, data: unknown) =>
      (handlers[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: null }),
    );
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('en-GB');
    await send('createClient', { name: 'Ada Lovelace', email: 'ada@analytical.example' });
    await send('createClient', { name: 'Grace Hopper', email: 'grace@navy.example' });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    send.mockReset();
  });

  const FILE = [
    'Client email,Project,Start date,End date,Amount,Currency',
    'ada@analytical.example,Pricing workshop,01/09/2026,15/10/2026,"12,500.00",EUR',
    'Grace Hopper,Compiler audit,05/11/2026,,€8.000,',
    'Nobody,Ghost,01/01/2026,,,',
  ].join('\n');

  async function pick(text: string) {
    render(<ImportProjectsSection />);
    fireEvent.change(screen.getByLabelText('Import projects (CSV)'), { target: { files: [new File([text], 'projects.csv', { type: 'text/csv' })] } });
    return screen.findByRole('region', { name: 'Projects import preview' });
  }
  const bodyRows = (preview: HTMLElement) => within(within(preview).getByRole('table')).getAllByRole('row').slice(1);
  const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);

  it('shows every row as it will be saved, asks the date order, and imports on "Import 2 projects"', async () => {
    const preview = await pick(FILE);
    expect(within(preview).getByText(/projects\.csv: 3 rows\./)).toBeTruthy();
    expect(within(preview).getByRole('table', { name: 'The 3 rows as they will be saved' })).toBeTruthy();
    const rows = bodyRows(preview);
    expect(rows).toHaveLength(3);
    // Project, client (as in Tend), start, end, status, value, note, change.
    const [title, client, start, end, status, value, note, change] = cells(rows[0]!);
    expect([title, client, status, note, change]).toEqual(['Pricing workshop', 'Ada Lovelace', 'Done', '', 'New project']);
    expect(start).toMatch(/^(1 Sept? 2026|Sep 1, 2026)$/);
    expect(end).toMatch(/^(15 Oct 2026|Oct 15, 2026)$/);
    expect(value).toMatch(/12,500\.00/);
    expect(cells(rows[1]!).slice(0, 2)).toEqual(['Compiler audit', 'Grace Hopper']);
    expect(cells(rows[2]!)[7]).toBe('Skipped: no client is named “Nobody”');
    expect(within(preview).getByText('Row 3 (Nobody): no client is named “Nobody”')).toBeTruthy();
    expect(within(within(preview).getByRole('list', { name: 'What the import will do' }).children[0] as HTMLElement).getByText('2')).toBeTruthy();

    // Asked, defaulting from the locale (day first for en-GB), visibly; month first reads 05/11 as 11 May.
    const dayFirst = within(preview).getByRole('radio', { name: 'Day first (24/12/2026)' }) as HTMLInputElement;
    expect(dayFirst.checked).toBe(true);
    fireEvent.click(within(preview).getByRole('radio', { name: 'Month first (12/24/2026)' }));
    await waitFor(() => expect(cells(bodyRows(screen.getByRole('region', { name: 'Projects import preview' }))[1]!)[2]).toMatch(/^(11 May 2026|May 11, 2026)$/));
    // Read month first, 15/10/2026 is no date: that row is skipped, saying why, and only one is left to import.
    const after = screen.getByRole('region', { name: 'Projects import preview' });
    expect(within(after).getByText('Row 1 (ada@analytical.example): end “15/10/2026”: there is no month 15 when the date is read month first')).toBeTruthy();
    expect(within(after).getByRole('button', { name: 'Import 1 project' })).toBeTruthy();
    fireEvent.click(within(after).getByRole('radio', { name: 'Day first (24/12/2026)' }));
    const button = await within(screen.getByRole('region', { name: 'Projects import preview' })).findByRole('button', { name: 'Import 2 projects' });
    expect(await db.projects.count()).toBe(0);

    fireEvent.click(button);
    expect((await screen.findByText(/^Imported projects:/)).textContent).toBe('Imported projects: 2 new, 0 updated, 1 skipped.');
    const saved = (await db.projects.toArray()).map((p) => [p.title, p.startDay, p.endDay, p.status, p.value, p.currency]).sort();
    expect(saved).toEqual([
      ['Compiler audit', '2026-11-05', null, 'active', 8000, 'EUR'],
      ['Pricing workshop', '2026-09-01', '2026-10-15', 'done', 12500, 'EUR'],
    ]);
  });

  it('says what is wrong with a file that has no projects columns, and imports nothing', async () => {
    render(<ImportProjectsSection />);
    fireEvent.change(screen.getByLabelText('Import projects (CSV)'), { target: { files: [new File(['Name,Email\nAda,ada@analytical.example\n'], 'contacts.csv')] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Tend needs a column for the title, the start/);
    expect(await db.projects.count()).toBe(0);
  });

  it('a second import of the same file adds nothing: "Nothing to import", already up to date', async () => {
    const iso = 'Client,Title,Start\nada@analytical.example,Pricing workshop,2026-09-01\n';
    await send('importProjects', { rows: [{ row: 1, clientRefs: ['ada@analytical.example'], title: 'Pricing workshop', start: '2026-09-01' }], dryRun: false });
    const preview = await pick(iso);
    expect(within(preview).queryByRole('radio')).toBeNull();
    expect(cells(bodyRows(preview)[0]!)[7]).toBe('Already up to date');
    expect((within(preview).getByRole('button', { name: 'Nothing to import' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
