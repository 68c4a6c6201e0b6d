/** What the Chromium and Firefox halves of the bench share: the data, the clock, the rows. */
import type { GmailThreadOptions } from '../../tests/fixtures/gmail';
import { benchClientEmail, benchClientName } from './page';

export const BENCH_ME = 'me@consulting.example';

/** The Gmail conversation of bench client `i`: one message from them to the user. */
export function benchThread(i: number): GmailThreadOptions {
  return {
    account: BENCH_ME,
    subject: `Project update ${i}`,
    threadId: (0x18c2f0a1b2c00000 + i).toString(16).slice(-16),
    messages: [
      {
        from: { name: benchClientName(i), email: benchClientEmail(i) },
        to: [{ name: 'me', email: BENCH_ME }],
        date: 'Mon, Oct 5, 2026, 3:42 PM',
        messageId: (0x18c2f0a1b2d00000 + i).toString(16).slice(-16),
      },
    ],
  };
}

export type Row = { what: string; median: string; p95: string; budget: string; runs: number };

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A page or frame of either driver (Playwright, puppeteer): both hand one argument to the function they evaluate. */
interface Evaluates {
  evaluate(fn: (arg: any) => Promise<number>, arg: readonly [string, string]): Promise<number>;
}

/**
 * Resolves with the epoch time at which `selector` first matches an element whose
 * text starts with `text` (any text when empty), seen by a MutationObserver in that
 * document, so the time is exact rather than a polling interval late.
 */
export function whenShown(target: Evaluates, selector: string, text = ''): Promise<number> {
  return target.evaluate(
    ([selector, text]: readonly [string, string]) =>
      new Promise<number>((resolve, reject) => {
        const found = () =>
          [...document.querySelectorAll(selector)].some((element) => (element.textContent ?? '').startsWith(text));
        if (found()) return resolve(performance.timeOrigin + performance.now());
        const observer = new MutationObserver(() => {
          if (!found()) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error(`${selector} "${text}" never appeared`)), 15_000);
      }),
    [selector, text] as const,
  );
}
