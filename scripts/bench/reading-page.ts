/**
 * Runs in a Chromium page holding a Gmail or Outlook conversation (scripts/bench/reading.ts):
 * what the content script does on every change (the adapter reading the page) and
 * what the background then does with it (each message's date read in the page's
 * language), timed separately over repeated runs.
 */
import { gmailAdapter } from '../../lib/hosts/gmail';
import { outlookAdapter } from '../../lib/hosts/outlook';
import { parseMailDate } from '../../lib/domain/dates';

function benchReading(host: 'gmail' | 'outlook', runs: number): { read: number[]; dates: number[]; exact: number; messages: number } {
  const url = new URL(location.href);
  const now = new Date(2026, 11, 7, 12, 0);
  const read: number[] = [];
  const dates: number[] = [];
  let exact = 0;
  let messages = 0;
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    const snapshot = (host === 'gmail' ? gmailAdapter : outlookAdapter).readThread(document, url);
    const t1 = performance.now();
    exact = 0;
    messages = snapshot?.messages.length ?? 0;
    for (const message of snapshot?.messages ?? []) if (parseMailDate(message.dateText, now, snapshot?.locale).exact) exact += 1;
    dates.push(performance.now() - t1);
    read.push(t1 - t0);
  }
  return { read, dates, exact, messages };
}

Object.assign(globalThis, { benchReading });
