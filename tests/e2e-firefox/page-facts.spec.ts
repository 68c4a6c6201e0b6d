/**
 * In Firefox, what the mail page says is trusted no further than it must be (issue
 * 13, items 3 and 4): the account address is asked about once; a mail whose body
 * copies Gmail's header markup adds no person and writes nothing; only mail from a
 * confirmed address closes a meeting follow-up, and Today names it, with Undo.
 */
import type { Browser, Frame, Page } from 'puppeteer-core';
import { callTend, clickByRole, countByRole, expect, getByRole, openExtensionPage, readTable, seedClient, serveGmail, sidebarFrame, test, textOf, typeByRole, waitForText } from './harness';
import type { OfflineWeb } from './firefox';
import { gmailThreadPage, type GmailThreadOptions } from '../fixtures/gmail';
import {
  ADA,
  CHARLES,
  EVE,
  ME,
  NOTES_SUBJECT,
  PAGE_FACTS_URLS,
  charlesKickoffThread,
  eveCopiedHeaderThread,
  kickoffNotesThread,
} from '../fixtures/page-facts';

async function open(page: Page, web: OfflineWeb, thread: GmailThreadOptions, url: string): Promise<Frame> {
  serveGmail(web, gmailThreadPage(thread));
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return sidebarFrame(page);
}

interface FollowUpRow {
  clientId: string;
  doneAt: number | null;
  closedBy: { subject: string; from: string } | null;
}

const followUpsOf = async (firefox: Browser, clientId: string) =>
  (await readTable<FollowUpRow>(firefox, 'followUps')).filter((row) => row.clientId === clientId);

test('own address confirmed once; copied header markup writes nothing; confirmed mail closes a meeting follow-up, with Undo', async ({ firefox, tab: page, web }) => {
  const charlesId = await seedClient(firefox, CHARLES);
  const adaId = await seedClient(firefox, ADA);

  // Charles's conversation: the account address is asked about; a meeting is logged.
  const kickoff = await open(page, web, charlesKickoffThread(), PAGE_FACTS_URLS.kickoff);
  const question = { role: 'region', name: 'Your address?' };
  expect(await textOf(kickoff, question)).toContain(`Is ${ME.email} your address?`);
  const card = { role: 'article', name: CHARLES.name };
  await clickByRole(kickoff, { role: 'button', name: 'Add note', within: card });
  await (await getByRole(kickoff, { role: 'combobox', name: 'What', within: card })).select('meeting');
  await typeByRole(kickoff, { role: 'textbox', name: 'Notes', within: card }, 'Kick-off');
  await clickByRole(kickoff, { role: 'button', name: 'Save', within: { role: 'form', name: 'New note' } });
  await expect.poll(async () => (await followUpsOf(firefox, charlesId)).map((row) => row.doneAt)).toEqual([null]);

  await clickByRole(kickoff, { role: 'button', name: "Yes, that's me", within: question });
  await expect.poll(() => countByRole(kickoff, question)).toBe(0);
  expect((await callTend<{ ownAddresses: string[] }>(firefox, 'getSettings', {})).ownAddresses).toEqual([ME.email]);

  // Eve's mail copies Gmail's header, naming Charles; the user's reply (cc Ada) quotes it.
  const invoice = await open(page, web, eveCopiedHeaderThread(), PAGE_FACTS_URLS.invoice);
  await getByRole(invoice, { role: 'article', name: ADA.name });
  await waitForText(invoice, EVE.email);
  expect(await countByRole(invoice, { role: 'article' })).toBe(1);
  expect(await invoice.evaluate(() => document.body.innerText)).not.toContain(CHARLES.name);
  // The reply to Ada is recorded, and in the same write nothing for Charles.
  await expect
    .poll(async () => (await readTable<{ clientId: string; direction: string }>(firefox, 'interactions')).filter((row) => row.clientId === adaId).map((row) => row.direction))
    .toEqual(['out']);
  expect((await readTable<{ clientId: string; kind: string }>(firefox, 'interactions')).filter((row) => row.clientId === charlesId).map((row) => row.kind).sort()).toEqual(['email', 'meeting']);
  expect((await followUpsOf(firefox, charlesId)).map((row) => row.doneAt)).toEqual([null]);

  // The user's own notes to Charles, from the confirmed address: Today names the email, with Undo.
  await open(page, web, kickoffNotesThread(), PAGE_FACTS_URLS.notes);
  await expect.poll(async () => (await followUpsOf(firefox, charlesId)).map((row) => row.closedBy?.subject ?? null)).toEqual([NOTES_SUBJECT]);
  const today = await openExtensionPage(firefox, 'dashboard.html');
  const closed = { role: 'region', name: 'Confirmed by your email' };
  const text = await textOf(today, closed);
  expect(text).toContain(CHARLES.name);
  expect(text).toContain(`“${NOTES_SUBJECT}”`);
  expect(text).toContain(`from ${ME.email}`);
  await clickByRole(today, { role: 'button', name: `Undo for ${CHARLES.name}`, within: closed });
  await expect.poll(() => countByRole(today, closed)).toBe(0);
  expect(await textOf(today, { role: 'region', name: 'Meeting confirmations due' })).toContain(CHARLES.name);
  expect((await followUpsOf(firefox, charlesId)).map((row) => [row.doneAt, row.closedBy])).toEqual([[null, null]]);
});
