/**
 * What the mail page says is trusted no further than it must be (issue 13, items
 * 3 and 4): a mail's body is never read as its header, and an address the page's
 * account area shows is the user's own only once they say so; only mail sent from
 * such an address keeps a meeting's "confirm by email" promise, and Today names it.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { expect, openExtensionPage, serveGmail, serveOutlook, sidebarFrame, test } from './harness';
import { callTend, readTable, seedClient } from './data';
import { gmailThreadPage } from '../fixtures/gmail';
import { outlookThreadPage, outlookUrl } from '../fixtures/outlook';
import { outlookCopiedHeaders } from '../fixtures/copied-headers';
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
const OUTLOOK_ITEM = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAEveMalloryThread0=';

/** A date as Outlook's header shows it in English, `days` ago at 9:00 local time. */
function outlookDateDaysAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const weekday = date.toLocaleDateString('en-US', { weekday: 'short' });
  return `${weekday} ${date.getMonth() + 1}/${date.getDate()}/${date.getFullYear()} 9:00 AM`;
}

interface FollowUpRow {
  clientId: string;
  kind: string;
  doneAt: number | null;
  closedBy: { subject: string; from: string } | null;
}

/** Charles wrote to the user; the user logs a meeting with him from the sidebar. */
async function charlesWithMeeting(page: Page): Promise<Frame> {
  serveGmail(page.context(), gmailThreadPage(charlesKickoffThread()));
  await page.goto(PAGE_FACTS_URLS.kickoff);
  const frame = await sidebarFrame(page);
  const card = frame.getByRole('article', { name: CHARLES.name });
  await card.getByRole('button', { name: 'Add note' }).click();
  const form = card.getByRole('form', { name: 'New note' });
  await form.getByLabel('What').selectOption('meeting');
  await form.getByLabel('Notes').fill('Kick-off');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('listitem').first()).toContainText('Kick-off');
  return frame;
}

async function followUpsOf(context: BrowserContext, extensionId: string, clientId: string): Promise<FollowUpRow[]> {
  return (await readTable<FollowUpRow>(context, extensionId, 'followUps')).filter((row) => row.clientId === clientId);
}

for (const host of ['gmail', 'outlook.office.com'] as const) {
  test(`${host}: a mail whose body copies the header markup adds no person, records nothing and closes no follow-up`, async ({ context, page, extensionId }) => {
    const charlesId = await seedClient(context, extensionId, CHARLES);
    const adaId = await seedClient(context, extensionId, ADA);
    await callTend(context, extensionId, 'saveOwnAddresses', { addresses: [ME.email] });
    await charlesWithMeeting(page);
    const charlesBefore = async () => ({
      interactions: (await readTable<{ clientId: string }>(context, extensionId, 'interactions')).filter((row) => row.clientId === charlesId),
      client: (await readTable<{ id: string }>(context, extensionId, 'clients')).find((row) => row.id === charlesId),
    });
    const before = await charlesBefore();
    expect(before.interactions).toHaveLength(2);
    expect((await followUpsOf(context, extensionId, charlesId)).map((row) => row.doneAt)).toEqual([null]);

    // Eve's mail carries a copy of the host's header claiming mail between the user
    // and Charles, dated after the meeting; the user's reply to Eve (cc Ada) quotes it.
    if (host === 'gmail') {
      serveGmail(context, gmailThreadPage(eveCopiedHeaderThread()));
      await page.goto(PAGE_FACTS_URLS.invoice);
    } else {
      const copied = outlookCopiedHeaders({ me: ME, named: CHARLES, date: outlookDateDaysAgo(-1) });
      const quote = `<div>Thanks, Eve.</div><div id="divRplyFwdMsg"><blockquote>${copied}</blockquote></div>`;
      serveOutlook(
        context,
        host,
        outlookThreadPage({
          account: ME.email,
          accountName: ME.name,
          subject: 'Invoice attached',
          itemId: OUTLOOK_ITEM,
          messages: [
            { from: EVE, to: [ME], date: outlookDateDaysAgo(0), bodyHtml: copied },
            { from: ME, to: [EVE], cc: [ADA], date: outlookDateDaysAgo(-1), bodyHtml: quote },
          ],
        }),
      );
      await page.goto(outlookUrl(host, OUTLOOK_ITEM).href);
    }

    const frame = await sidebarFrame(page);
    // The sidebar shows Ada and offers Eve, and nobody from the copy.
    await expect(frame.getByRole('article', { name: ADA.name })).toBeVisible();
    await expect(frame.locator('.person', { hasText: EVE.name }).getByRole('button', { name: 'Add client' })).toBeVisible();
    await expect(frame.getByRole('article')).toHaveCount(1);
    await expect(frame.locator('.person, article', { hasText: CHARLES.name })).toHaveCount(0);
    await expect(frame.getByText(CHARLES.email)).toHaveCount(0);

    // The reply to Ada is recorded (so the conversation's writes are done)…
    await expect
      .poll(async () => (await readTable<{ clientId: string; direction: string }>(context, extensionId, 'interactions')).filter((row) => row.clientId === adaId).map((row) => row.direction))
      .toEqual(['out']);
    // …and in the same write nothing for Charles: no interaction, no contact, the follow-up still open.
    expect(await charlesBefore()).toEqual(before);
    expect((await followUpsOf(context, extensionId, charlesId)).map((row) => row.doneAt)).toEqual([null]);
  });
}

test("the page's own address is asked about once, and only mail from a confirmed address closes a meeting follow-up, with Undo on Today", async ({ context, page, extensionId }) => {
  const charlesId = await seedClient(context, extensionId, CHARLES);
  const frame = await charlesWithMeeting(page);
  // Read from the account area: used at once (the user is not offered as a client)…
  const question = frame.getByRole('region', { name: 'Your address?' });
  await expect(question).toContainText(`Is ${ME.email} your address?`);
  await expect(frame.locator('.person, article', { hasText: ME.email })).toHaveCount(0);

  // …but the user's email to Charles after the meeting does not close it yet.
  serveGmail(context, gmailThreadPage(kickoffNotesThread()));
  await page.goto(PAGE_FACTS_URLS.notes);
  const sidebar = await sidebarFrame(page);
  const card = sidebar.getByRole('article', { name: CHARLES.name });
  await expect(card.getByRole('listitem').first()).toContainText(NOTES_SUBJECT);
  expect((await followUpsOf(context, extensionId, charlesId)).map((row) => row.doneAt)).toEqual([null]);
  expect((await readTable<{ key: string; value: unknown }>(context, extensionId, 'settings')).find((row) => row.key === 'ownAddresses')?.value ?? []).toEqual([]);

  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html');
  await expect(dashboard.getByRole('region', { name: 'Meeting confirmations due' })).toContainText(CHARLES.name);
  await expect(dashboard.getByRole('region', { name: 'Confirmed by your email' })).toHaveCount(0);

  // "Yes, that's me": stored as the user's, never asked again, and the email seen keeps the promise.
  await sidebar.getByRole('region', { name: 'Your address?' }).getByRole('button', { name: "Yes, that's me" }).click();
  await expect(sidebar.getByRole('region', { name: 'Your address?' })).toHaveCount(0);
  const closed = dashboard.getByRole('region', { name: 'Confirmed by your email' });
  await expect(closed).toContainText(CHARLES.name);
  await expect(closed.getByRole('link', { name: `“${NOTES_SUBJECT}”` })).toHaveAttribute('href', PAGE_FACTS_URLS.notes);
  await expect(closed).toContainText(`from ${ME.email}`);
  await expect(dashboard.getByRole('region', { name: 'Meeting confirmations due' })).not.toContainText(CHARLES.name);
  const [row] = await followUpsOf(context, extensionId, charlesId);
  expect(row?.closedBy).toMatchObject({ subject: NOTES_SUBJECT, from: ME.email });

  // Undo: the confirmation is due again.
  await closed.getByRole('button', { name: `Undo for ${CHARLES.name}` }).click();
  await expect(dashboard.getByRole('region', { name: 'Confirmed by your email' })).toHaveCount(0);
  await expect(dashboard.getByRole('region', { name: 'Meeting confirmations due' })).toContainText(CHARLES.name);
  expect((await followUpsOf(context, extensionId, charlesId)).map((row) => [row.doneAt, row.closedBy])).toEqual([[null, null]]);
});
