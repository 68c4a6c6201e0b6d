/**
 * Logging from the sidebar with a date, in Firefox (issue 15, item 4): a meeting two
 * days back, logged from Gmail's sidebar, is stored with that date and moves the
 * next check-in.
 */
import type { Frame } from 'puppeteer-core';
import { addClientFromSidebar, clickByRole, expect, getByRole, readTable, serveGmail, sidebarFrame, test, typeByRole, waitForText } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { ADA, ME } from '../fixtures/people';

const DAY = 86_400_000;

/**
 * Sets the date field of the form named `formName` to a whole minute `days` ago, as a
 * person picking it would leave it (React hears an input event); answers that time.
 * Keyboard entry into a date field differs by browser and locale, so the value is set.
 */
async function pickDaysAgo(frame: Frame, formName: string, days: number): Promise<number> {
  return frame.evaluate(
    ([name, ms]) => {
      const form = document.querySelector(`form[aria-label="${name}"]`)!;
      const input = form.querySelector<HTMLInputElement>('input[type="datetime-local"]')!;
      const d = new Date(Date.now() - ms);
      d.setSeconds(0, 0);
      const pad = (n: number) => String(n).padStart(2, '0');
      const value = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return d.getTime();
    },
    [formName, days * DAY] as const,
  );
}

test('Gmail sidebar: Log interaction with a past date', async ({ firefox, tab: page, web }) => {
  serveGmail(
    web,
    gmailThreadPage({
      account: ME,
      subject: 'Catching up',
      threadId: '18c2f0a1b2c3d4f2',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(20), messageId: '18c2f0a1b2c3d4f2' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXHistory', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await addClientFromSidebar(frame, ADA.name);
  const card = { role: 'article', name: ADA.name };
  await waitForText(frame, 'Next check-in in 10 days');

  await clickByRole(frame, { role: 'button', name: 'Log interaction', within: card });
  const form = { role: 'form', name: 'Log interaction' };
  await (await getByRole(frame, { role: 'combobox', name: 'What', within: form })).select('meeting');
  const at = await pickDaysAgo(frame, 'Log interaction', 2);
  await typeByRole(frame, { role: 'textbox', name: 'Notes', within: form }, 'Lunch at the Athenaeum');
  await clickByRole(frame, { role: 'button', name: 'Save', within: form });

  await waitForText(frame, 'Lunch at the Athenaeum');
  await waitForText(frame, 'Next check-in in 28 days');
  const rows = await readTable<{ kind: string; at: number; text: string }>(firefox, 'interactions');
  expect(rows.filter((row) => row.kind === 'meeting').map((row) => [row.at, row.text])).toEqual([[at, 'Lunch at the Athenaeum']]);
});
