// @vitest-environment happy-dom
/**
 * Saved pages in other languages, end to end through the data service (issue 14):
 * the adapter reads the page, the background records each message with the date
 * the page shows (read in the page's language), and the user is never offered.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers, type Handlers } from '../../lib/background/handlers';
import { memoryThreads } from './support/threads';
import { gmailAdapter } from '../../lib/hosts/gmail';
import { outlookAdapter } from '../../lib/hosts/outlook';
import { timelineOf } from '../../lib/db/timelines';

const TOKEN = 'frame-token-0123456789abcdef';
const ME = 'robin@valeconsulting.example';
let db: TendDatabase;
let handlers: Handlers;


beforeEach(() => {
  fakeBrowser.reset();
  db = new TendDatabase(`languages-${crypto.randomUUID()}`);
  handlers = createHandlers({ db, threads: memoryThreads(), now: () => new Date(2026, 11, 7, 12, 0), notify: vi.fn() });
});

function gmailPage(name: string) {
  const doc = new DOMParser().parseFromString(readFileSync(join(import.meta.dirname, '../fixtures/gmail', name), 'utf8'), 'text/html');
  const snapshot = gmailAdapter.readThread(doc, new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqHvmKpwKxXdwqLMvVTrjJ'));
  if (!snapshot) throw new Error(`${name}: no conversation read`);
  return snapshot;
}

describe('Gmail in other languages, through the data service', () => {
  it.each([
    ['thread-zh-CN.html', '王芳', 'client@zh-cn.example', [new Date(2016, 4, 4, 15, 42), new Date(2016, 4, 4, 10, 8)]],
    ['thread-ru.html', 'Ада Лавлейс', 'client@ru.example', [new Date(2019, 11, 27, 9, 5), new Date(2019, 11, 26, 22, 53)]],
    ['thread-de.html', 'Jürgen Groß', 'client@de.example', [new Date(2026, 9, 7, 9, 5), new Date(2026, 9, 6, 15, 42)]],
    ['thread-fr.html', 'Adèle Laval', 'client@fr.example', [new Date(2026, 9, 7, 9, 5), new Date(2026, 9, 6, 15, 42)]],
    ['thread-ja.html', '山田 花子', 'client@ja.example', [new Date(2026, 9, 7, 9, 5), new Date(2026, 9, 6, 15, 42)]],
  ])('%s: both messages recorded at the dates the page shows; the owner is not a person', async (file, name, email, dates) => {
    const { clientId } = await handlers.createClient({ name, email, company: '', role: '' }, { tabId: null });
    await handlers.threadChanged({ snapshot: gmailPage(file), frameToken: TOKEN }, { tabId: 1 });
    const timeline = await timelineOf(db, clientId);
    expect(timeline.map((i) => [i.direction, new Date(i.at).toISOString(), i.dateUncertain])).toEqual([
      ['out', dates[0]!.toISOString(), false],
      ['in', dates[1]!.toISOString(), false],
    ]);
    const view = await handlers.getSidebarView({ frameToken: TOKEN }, { tabId: 1 });
    expect(view.state === 'conversation' && view.people.map((p) => p.email)).toEqual([email]);
    expect(view.state === 'conversation' && view.ownAddressQuestion).toBe(ME);
    // Seen again: nothing new.
    await handlers.threadChanged({ snapshot: gmailPage(file), frameToken: TOKEN }, { tabId: 1 });
    expect(await timelineOf(db, clientId)).toHaveLength(2);
  });
});

describe('Outlook in other languages, through the data service', () => {
  function outlookPage(name: string, url: string) {
    const doc = new DOMParser().parseFromString(readFileSync(join(import.meta.dirname, '../fixtures/outlook', name), 'utf8'), 'text/html');
    const snapshot = outlookAdapter.readThread(doc, new URL(url));
    if (!snapshot) throw new Error(`${name}: no conversation read`);
    return snapshot;
  }

  it.each([
    [
      'thread-fr.html',
      'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAFrFrFrFrFrFrFrFrFrFr0%3D',
      { name: 'Claire Dubois', email: 'claire.dubois@client.example' },
      [['in', new Date(2026, 9, 6, 15, 42)], ['out', new Date(2026, 9, 2, 16, 20)], ['in', new Date(2026, 9, 2, 9, 15)]],
    ],
    [
      'thread-ja.html',
      'https://outlook.office365.com/mail/inbox/id/AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAJaJaJaJaJaJaJaJaJaJa0%3D',
      { name: '山田 太郎', email: 'taro.yamada@torihikisaki.example' },
      [['out', new Date(2026, 9, 7, 9, 5)], ['in', new Date(2026, 9, 6, 15, 42)]],
    ],
  ] as const)('%s: every message at the date the page shows', async (file, url, person, expected) => {
    const { clientId } = await handlers.createClient({ ...person, company: '', role: '' }, { tabId: null });
    await handlers.threadChanged({ snapshot: outlookPage(file, url), frameToken: TOKEN }, { tabId: 1 });
    const timeline = await timelineOf(db, clientId);
    expect(timeline.map((i) => [i.direction, new Date(i.at).toISOString(), i.dateUncertain])).toEqual(
      expected.map(([direction, date]) => [direction, date.toISOString(), false]),
    );
  });
});
