// @vitest-environment happy-dom
/**
 * No dangerous URL, ever: every link Tend renders goes through lib/ui/safe-link.ts;
 * what Tend writes is checked (lib/model.ts); an old backup's bad address is
 * dropped and reported, never restored, and never refuses the whole file.
 */
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { safeLink } from '../../lib/ui/safe-link';
import { SafeLink } from '../../components/SafeLink';
import { InteractionsSection } from '../../components/sidebar/InteractionsSection';
import { insertLink } from '../../lib/content/insert-link';
import { Interaction, Resource } from '../../lib/model';
import { ThreadSnapshot } from '../../lib/hosts/thread';
import { readBackup, backupText, emptyTables, BACKUP_VERSION } from '../../lib/backup/format';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers } from '../../lib/background/handlers';
import { protocol } from '../../lib/messaging/protocol';
import { allInteractions } from '../../lib/db/timelines';
import { stageBackup, type Call } from '../../lib/backup/transfer';

const BAD = ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox', 'blob:https://mail.google.com/x', 'not a url', ''];
const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQX';

afterEach(cleanup);

describe('the safe-link helper', () => {
  it('web: http and https only, opened in a new tab', () => {
    expect(safeLink('https://news.example/a', 'web')).toEqual({ href: 'https://news.example/a', target: '_blank', rel: 'noreferrer' });
    expect(safeLink('http://news.example/a', 'web')?.target).toBe('_blank');
    for (const url of BAD) expect(safeLink(url, 'web')).toBeNull();
    expect(safeLink(null, 'web')).toBeNull();
  });

  it('mail: the mail hosts’ own https pages only, and only these open in the mail tab (_top)', () => {
    expect(safeLink(GMAIL, 'mail')).toEqual({ href: GMAIL, target: '_top', rel: 'noreferrer' });
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']) {
      expect(safeLink(`https://${host}/mail/id/AAQk`, 'mail')?.target).toBe('_top');
    }
    for (const url of [...BAD, 'http://mail.google.com/mail/u/0/', 'https://mail.google.com.evil.example/', 'https://evil.example/?https://mail.google.com/', 'https://news.example/a']) {
      expect(safeLink(url, 'mail')).toBeNull();
    }
    // Nothing but a mail link ever gets _top.
    for (const url of ['https://news.example/a', fakeBrowser.runtime.getURL('/reader.html')]) {
      expect(safeLink(url, 'web')?.target ?? '_blank').toBe('_blank');
      expect(safeLink(url, 'tend')?.target ?? '_blank').toBe('_blank');
    }
  });

  it('tend: Tend’s own pages only', () => {
    const reader = fakeBrowser.runtime.getURL('/reader.html?id=r1' as '/reader.html');
    expect(safeLink(reader, 'tend')?.href).toBe(reader);
    expect(safeLink('https://news.example/a', 'tend')).toBeNull();
    expect(safeLink('javascript:alert(1)', 'tend')).toBeNull();
  });

  it('renders a bad URL as text, never as a link', () => {
    render(
      <>
        <SafeLink url="javascript:alert(1)" kind="web">Evil</SafeLink>
        <SafeLink url="https://news.example/a" kind="web">Good</SafeLink>
      </>,
    );
    expect(screen.getByText('Evil').closest('a')).toBeNull();
    expect(screen.getByRole('link', { name: 'Good' }).getAttribute('href')).toBe('https://news.example/a');
  });

  it('the sidebar shows an old row’s javascript: conversation link as text', () => {
    const at = Date.UTC(2026, 10, 20);
    const row = (id: string, url: string) => ({ id, clientId: 'ada', kind: 'email', direction: 'in', subject: `Subject ${id}`, text: '', at, dateUncertain: false, host: 'gmail', url, createdAt: at }) as Interaction;
    render(<InteractionsSection clientId="ada" clientName="Ada" interactions={[row('a', 'javascript:alert(1)'), row('b', 'data:text/html,x'), row('c', GMAIL)]} />);
    const links = screen.queryAllByRole('link');
    expect(links.map((link) => link.getAttribute('href'))).toEqual([GMAIL]);
    expect(links[0]!.getAttribute('target')).toBe('_top');
    expect(screen.getByText(/Subject a/).closest('a')).toBeNull();
  });

  it('“Insert into reply” puts a bad address into the reply as text', () => {
    document.body.innerHTML = '<div contenteditable="true" id="compose"></div>';
    const body = document.getElementById('compose')!;
    insertLink(body, null, { title: 'Old article', url: 'javascript:alert(1)', message: '' });
    expect(body.querySelector('a')).toBeNull();
    expect(body.textContent).toContain('Old article');
    insertLink(body, null, { title: 'Good article', url: 'https://news.example/a', message: '' });
    expect(body.querySelector('a')?.getAttribute('href')).toBe('https://news.example/a');
  });
});

describe('addresses are checked when written', () => {
  const at = 1;
  it('an interaction links only to a mail page (or nowhere)', () => {
    const base = { id: 'i', clientId: 'c', kind: 'email', at, createdAt: at };
    expect(Interaction.parse({ ...base, url: GMAIL }).url).toBe(GMAIL);
    expect(Interaction.parse(base).url).toBe('');
    for (const url of BAD.filter(Boolean)) expect(Interaction.safeParse({ ...base, url }).success).toBe(false);
    expect(Interaction.safeParse({ ...base, url: 'https://evil.example/' }).success).toBe(false);
  });

  it('a saved page has web addresses only', () => {
    const base = { id: 'r', title: 'T', clientIds: ['c'], savedAt: at };
    expect(Resource.safeParse({ ...base, url: 'https://news.example/a', canonicalUrl: 'https://news.example/a' }).success).toBe(true);
    for (const url of BAD) {
      expect(Resource.safeParse({ ...base, url, canonicalUrl: 'https://news.example/a' }).success).toBe(false);
      expect(Resource.safeParse({ ...base, url: 'https://news.example/a', canonicalUrl: url }).success).toBe(false);
    }
  });

  it('a conversation reported by a content script must be a mail page', () => {
    const snapshot = { host: 'gmail', threadId: null, subject: 'S', accountAddress: null, messages: [] };
    expect(ThreadSnapshot.safeParse({ ...snapshot, url: GMAIL }).success).toBe(true);
    expect(ThreadSnapshot.safeParse({ ...snapshot, url: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('a restore of an old backup with bad addresses', () => {
  const at = Date.UTC(2026, 0, 5);
  const client = { id: 'ada', name: 'Ada Lovelace', emails: ['ada@analytical.example'], nameKeys: ['ada lovelace'], createdAt: at, updatedAt: at };
  const email = (id: string, url: string) => ({ id, clientId: 'ada', kind: 'email', direction: 'in', subject: `Mail ${id}`, at, host: 'gmail', url, createdAt: at });
  const page = (id: string, url: string, canonicalUrl = url) => ({ id, url, canonicalUrl, title: `Page ${id}`, clientIds: ['ada'], savedAt: at });
  function oldBackup(): string {
    const tables = {
      ...emptyTables(),
      clients: [client],
      interactions: [email('i-good', GMAIL), email('i-js', 'javascript:alert(1)'), email('i-data', 'data:text/html,<b>x</b>'), email('i-web', 'https://evil.example/')],
      resources: [page('r-good', 'https://news.example/a'), page('r-js', 'javascript:alert(document.cookie)'), page('r-canon', 'https://news.example/b', 'data:text/html,x')],
    };
    return JSON.stringify({ format: 'tend-backup', version: BACKUP_VERSION, exportedAt: new Date(at).toISOString(), schemaVersion: 1, tables });
  }

  it('is read, not refused: bad links dropped, pages without a web address left out, and the report says so', () => {
    const { backup, report } = readBackup(oldBackup());
    expect(backup.tables.interactions.map((i) => [i.id, i.url])).toEqual([
      ['i-good', GMAIL],
      ['i-js', ''],
      ['i-data', ''],
      ['i-web', ''],
    ]);
    expect(backup.tables.resources.map((r) => [r.id, r.url, r.canonicalUrl])).toEqual([
      ['r-good', 'https://news.example/a', 'https://news.example/a'],
      ['r-canon', 'https://news.example/b', 'https://news.example/b'],
    ]);
    expect(report.counts.resources).toBe(2);
    expect(report.droppedUrls).toEqual([
      '3 conversation links that were not Gmail or Outlook pages, dropped (the interactions are kept)',
      '1 saved pages whose address is not a web page (http or https), left out',
      '1 saved pages whose canonical address was not a web page, given their own address instead',
    ]);
    // A good file reports nothing.
    expect(readBackup(backupText(backup)).report.droppedUrls).toEqual([]);
  });

  describe('through the background', () => {
    let db: TendDatabase;
    let call: Call;
    beforeEach(() => {
      fakeBrowser.reset();
      db = new TendDatabase(`safe-urls-${crypto.randomUUID()}`);
      const threads = { get: async () => null, set: async () => {} };
      const h = createHandlers({ db, threads, now: () => new Date(at), notify: vi.fn() });
      call = (async (name: keyof typeof protocol, data: unknown) =>
        (h[name] as (input: unknown, sender: { tabId: number | null }) => Promise<unknown>)(protocol[name].input.parse(data), { tabId: null })) as Call;
    });

    it('restores the rest and stores no bad address', async () => {
      const { session, report } = await stageBackup(call, oldBackup());
      expect(report.droppedUrls).toHaveLength(3);
      await call('restoreBackup', { session, mode: 'replace', dryRun: false });
      expect((await allInteractions(db)).map((i) => i.url).sort()).toEqual(['', '', '', GMAIL]);
      expect((await db.resources.toArray()).map((r) => r.id).sort()).toEqual(['r-canon', 'r-good']);
      const stored = JSON.stringify([await allInteractions(db), await db.resources.toArray()]);
      expect(stored).not.toMatch(/javascript:|data:/i);
    });
  });
});
