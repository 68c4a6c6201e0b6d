/**
 * Reading a conversation in any language (issue 14; budget 5 ms median): the Gmail
 * adapter (and, in English, the Outlook one) over a 50-message page, as the content script runs it on every change,
 * plus every message's date read in the page's language, as the background then
 * does, in Debian's Chromium, for English, Russian and Chinese pages. Medians over
 * repeated runs; the first run of each language (building its date words from
 * Intl) is reported apart.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GMAIL_WORDS, gmailThreadPage, type GmailLang } from '../../tests/fixtures/gmail';
import { outlookThreadPage, outlookUrl } from '../../tests/fixtures/outlook';
import { CHROMIUM_PATH } from '../../tests/e2e/chromium';

const ROOT = process.env.TEND_ROOT ?? process.cwd();
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const MESSAGES = 50;
const URL_OPEN = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWbqHvmKpwKxXdwqLMvVTrjJ';

/** The date as each language's Gmail title shows it, for message i. */
function dateIn(lang: GmailLang, i: number): string {
  const when = new Date(2026, 9, 1 + (i % 28), 8 + (i % 10), (i * 7) % 60);
  const options: Record<string, Intl.DateTimeFormatOptions> = {
    en: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
    ru: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' },
    'zh-CN': { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true },
  };
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : lang, options[lang]).format(when);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

const script = await readFile(join(ROOT, 'bench-results', 'bench-reading-page.js'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
type Result = { read: number[]; dates: number[]; exact: number; messages: number };

/** Serves `html` at `url`, runs the bench there, and adds a row of medians. */
async function measure(rows: Array<Record<string, string | number>>, host: 'gmail' | 'outlook', lang: string, url: string, html: string): Promise<void> {
  const page = await browser.newPage();
  await page.route(`${new URL(url).origin}/**`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(url);
  await page.addScriptTag({ content: script });
  // Evaluated in the page, where reading-page.ts put benchReading (a closure of ours would not travel).
  const run = ([h, runs]: readonly [string, number]) => (globalThis as unknown as { benchReading(host: string, runs: number): Result }).benchReading(h, runs);
  const first = await page.evaluate(run, [host, 1] as const);
  const result = await page.evaluate(run, [host, RUNS] as const);
  await page.close();
  const total = result.read.map((value, i) => value + result.dates[i]!);
  rows.push({
    host,
    lang,
    messages: result.messages,
    'dates read exactly': `${result.exact}/${result.messages}`,
    'adapter (median)': `${median(result.read).toFixed(2)} ms`,
    'dates (median)': `${median(result.dates).toFixed(3)} ms`,
    'total (median)': `${median(total).toFixed(2)} ms`,
    'first run (words from Intl)': `${(first.read[0]! + first.dates[0]!).toFixed(1)} ms`,
  });
}

const rows: Array<Record<string, string | number>> = [];
try {
  for (const lang of ['en', 'ru', 'zh-CN'] as const) {
    const me = { name: GMAIL_WORDS[lang].me, email: 'robin@valeconsulting.example' };
    const client = { name: 'Client', email: 'client@example.org' };
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({
      from: i % 2 ? me : client,
      to: [i % 2 ? client : me],
      date: dateIn(lang, i),
      messageId: (0x19a2b3c4d5e6f000n + BigInt(i)).toString(16),
      // Gmail shows the last few expanded, the rest collapsed.
      collapsed: i < MESSAGES - 3,
      body: `Message ${i}: notes on the plan.`,
    }));
    await measure(rows, 'gmail', lang, URL_OPEN, gmailThreadPage({ account: me.email, subject: 'Plan', threadId: messages[0]!.messageId, lang, messages }));
  }
  // Outlook, English, read by structure: the same 50 messages, its date format.
  const me = { name: 'Robin Vale', email: 'robin@valeconsulting.example' };
  const client = { name: 'Client', email: 'client@example.org' };
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({
    from: i % 2 ? me : client,
    to: [i % 2 ? client : me],
    date: `Mon 10/${1 + (i % 28)}/2026 ${1 + (i % 12)}:${String((i * 7) % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'}`,
    collapsed: i < MESSAGES - 3,
    body: `Message ${i}: notes on the plan.`,
  }));
  const itemId = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQABenchBenchBench0000=';
  await measure(rows, 'outlook', 'en', outlookUrl('outlook.office.com', itemId).href, outlookThreadPage({ account: me.email, accountName: me.name, subject: 'Plan', itemId, messages }));
} finally {
  await browser.close();
}
console.log(`\nReading a ${MESSAGES}-message conversation in Chromium (median of ${RUNS} runs; budget 5 ms):`);
console.table(rows);
