/**
 * A history you can read and correct, end to end (issue 15, item 4): a call logged
 * on the client page three days back, its date edited, then deleted, with last
 * contact and the next check-in following each step; and an interaction logged with
 * a past date from the Gmail sidebar.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { readTable, seedClient } from './data';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const DAY = 86_400_000;

/** A whole minute some days ago, as the page's `datetime-local` input writes it (the browser's zone) and as a time. */
function daysAgoInPage(target: Page | Frame, days: number): Promise<{ value: string; at: number }> {
  return target.evaluate((ms) => {
    const d = new Date(Date.now() - ms);
    d.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    return { value: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`, at: d.getTime() };
  }, days * DAY);
}

interface InteractionRow {
  clientId: string;
  kind: string;
  at: number;
  text: string;
}

test('client page: log a call three days back, edit its date, delete it; last contact and check-in follow', async ({ context, extensionId }) => {
  const clientId = await seedClient(context, extensionId, ADA);
  const dashboard = await openExtensionPage(context, extensionId, `dashboard.html#client/${clientId}`);
  const page = dashboard.getByRole('article', { name: ADA.name });
  await expect(page.getByText('Last contact: Never')).toBeVisible();
  await expect(page.getByText('Next check-in: In 30 days')).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Interactions' });
  await expect(timeline.getByText('Nothing recorded yet.')).toBeVisible();

  await timeline.getByRole('button', { name: 'Log interaction' }).click();
  const form = timeline.getByRole('form', { name: 'Log interaction' });
  await form.getByLabel('What').selectOption('call');
  const threeDaysAgo = await daysAgoInPage(dashboard, 3);
  await form.getByLabel('When').fill(threeDaysAgo.value);
  await form.getByLabel('Notes').fill('Talked through the Berlin plan');
  await form.getByRole('button', { name: 'Save' }).click();

  const entry = timeline.getByRole('listitem').filter({ hasText: 'Talked through the Berlin plan' });
  await expect(entry).toContainText('Call');
  await expect(entry.locator('time')).toHaveAttribute('datetime', new Date(threeDaysAgo.at).toISOString());
  await expect(timeline.getByText('1 interaction', { exact: true })).toBeVisible();
  await expect(page.getByText('Last contact: 3 days ago')).toBeVisible();
  await expect(page.getByText('Next check-in: In 27 days')).toBeVisible();

  // Edit its date: ten days back.
  await entry.getByRole('button', { name: 'Edit' }).click();
  const edit = timeline.getByRole('form', { name: 'Edit interaction' });
  const tenDaysAgo = await daysAgoInPage(dashboard, 10);
  await edit.getByLabel('When').fill(tenDaysAgo.value);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(entry.locator('time')).toHaveAttribute('datetime', new Date(tenDaysAgo.at).toISOString());
  await expect(page.getByText('Last contact: 10 days ago')).toBeVisible();
  await expect(page.getByText('Next check-in: In 20 days')).toBeVisible();

  // Delete it: gone, and last contact back to none.
  await entry.getByRole('button', { name: 'Delete' }).click();
  await expect(timeline.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByText('Last contact: Never')).toBeVisible();
  await expect(page.getByText('Next check-in: In 30 days')).toBeVisible();
  expect((await readTable<InteractionRow>(context, extensionId, 'interactions')).filter((row) => row.clientId === clientId)).toEqual([]);
});

test('sidebar: Log interaction with a past date', async ({ context, page, extensionId }) => {
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'Catching up',
      threadId: '18c2f0a1b2c3d4f1',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(20), messageId: '18c2f0a1b2c3d4f1' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXHistory');
  const frame = await sidebarFrame(page);
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  // The email 20 days ago is the last contact: Active, every 30 days.
  await expect(card.getByText('Next check-in in 10 days')).toBeVisible();

  await card.getByRole('button', { name: 'Log interaction' }).click();
  const form = card.getByRole('form', { name: 'Log interaction' });
  await form.getByRole('combobox', { name: 'What' }).selectOption('meeting');
  const twoDaysAgo = await daysAgoInPage(frame, 2);
  await form.getByLabel('When').fill(twoDaysAgo.value);
  await form.getByRole('textbox', { name: 'Notes' }).fill('Lunch at the Athenaeum');
  await form.getByRole('button', { name: 'Save' }).click();

  const entry = card.getByRole('listitem').filter({ hasText: 'Lunch at the Athenaeum' });
  await expect(entry).toContainText('Meeting');
  await expect(entry.locator('time')).toHaveAttribute('datetime', new Date(twoDaysAgo.at).toISOString());
  await expect(card.getByText('Next check-in in 28 days')).toBeVisible();
  const rows = await readTable<InteractionRow>(context, extensionId, 'interactions');
  expect(rows.filter((row) => row.kind === 'meeting').map((row) => [row.at, row.text])).toEqual([[twoDaysAgo.at, 'Lunch at the Athenaeum']]);
  // Its 48-hour confirmation starts from the meeting's date.
  const followUps = await readTable<{ kind: string; dueAt: number }>(context, extensionId, 'followUps');
  expect(followUps.map((f) => [f.kind, f.dueAt])).toEqual([['confirm-meeting', twoDaysAgo.at + 2 * DAY]]);
});
