/**
 * Projects and feedback (issue 16, items 1 and 2), end to end in Chromium: a client
 * added from Gmail's sidebar gets a project on their client page; the sidebar names
 * it in one line; marked done (it ended weeks ago), Today offers "Ask for feedback"
 * with a new message in the user's Gmail; feedback recorded on the client page
 * takes the ask off Today.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA violations axe finds in the page, as accessibility.spec.ts checks the other views. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
}

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const RECOMMEND_QUESTION = 'How likely are you to recommend us to a friend or colleague?';

/** The local calendar day `days` ago, as a date field takes it. */
function dayAgo(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

test('a project on the client page, its line in the sidebar, and Ask for feedback on Today until feedback is recorded', async ({ context, page, extensionId }) => {
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'Brand refresh',
      threadId: '18c2f0a1b2c3d4e7',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(2), messageId: '18c2f0a1b2c3d4e7' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXBrandRefresh');
  const frame = await sidebarFrame(page);
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card).toBeVisible();
  await expect(card.getByText(/^Project:/)).toHaveCount(0);

  // The client page: add an active project with a value.
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#clients');
  await dashboard.getByRole('link', { name: ADA.name }).click();
  const projects = dashboard.getByRole('region', { name: 'Projects' });
  await expect(projects.getByRole('heading', { name: 'Projects' })).toBeVisible();
  await projects.getByRole('button', { name: 'Add project' }).click();
  const form = projects.getByRole('form', { name: 'New project' });
  await form.getByLabel('Title').fill('Brand refresh');
  await form.getByLabel('Start day').fill(dayAgo(60));
  await form.getByLabel('Value (optional)').fill('5000');
  await form.getByLabel('Currency').fill('EUR');
  expect(await axeViolations(dashboard)).toEqual([]);
  await form.getByRole('button', { name: 'Save project' }).click();
  const item = projects.getByRole('list', { name: 'Projects, newest first' }).getByRole('listitem');
  await expect(item).toContainText('Brand refresh');
  await expect(item).toContainText('Active');
  await expect(item).toContainText('ongoing');

  // The sidebar names the current project in one line, live.
  await expect(card.getByText('Project: Brand refresh · active')).toBeVisible();

  // Marked done, ended ten days ago: the ask is due.
  await projects.getByRole('button', { name: 'Edit project “Brand refresh”' }).click();
  const edit = projects.getByRole('form', { name: 'Edit project “Brand refresh”' });
  await edit.getByLabel('End day').fill(dayAgo(10));
  await edit.getByLabel('Status').selectOption('done');
  await edit.getByRole('button', { name: 'Save project' }).click();
  await expect(item).toContainText('Done');
  // Done: nothing going on, so the sidebar's line goes.
  await expect(card.getByText(/^Project:/)).toHaveCount(0);

  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#today`);
  const asks = dashboard.getByRole('region', { name: 'Feedback to ask for' });
  await expect(asks.getByText(`Ask ${ADA.name} for feedback on Brand refresh`)).toBeVisible();
  // The button opens the new message in a new tab: what it opens is caught here.
  await dashboard.evaluate(() => {
    window.open = (url?: string | URL) => ((window as unknown as { opened: string }).opened = String(url), null);
  });
  await asks.getByRole('button', { name: 'Ask for feedback' }).click();
  const href = new URL(await dashboard.evaluate(() => (window as unknown as { opened: string }).opened));
  expect(href.origin + href.pathname).toBe('https://mail.google.com/mail/u/0/');
  expect(href.searchParams.get('to')).toBe(ADA.email);
  expect(href.searchParams.get('su')).toBe('Feedback on Brand refresh');
  expect(href.searchParams.get('body')).toBe(RECOMMEND_QUESTION);
  await expect(asks.getByRole('button', { name: 'Not this time' })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);

  // Feedback recorded on the client page closes the ask.
  await dashboard.goBack();
  const feedback = dashboard.getByRole('region', { name: 'Feedback' });
  await feedback.getByRole('button', { name: 'Record feedback' }).click();
  const feedbackForm = feedback.getByRole('form', { name: 'New feedback' });
  await feedbackForm.getByRole('spinbutton', { name: RECOMMEND_QUESTION }).fill('9');
  await feedbackForm.getByLabel('Source').selectOption('call');
  expect(await axeViolations(dashboard)).toEqual([]);
  await feedbackForm.getByRole('button', { name: 'Save feedback' }).click();
  await expect(feedback.getByRole('list', { name: 'Feedback, newest first' })).toContainText('Score 9 of 10');

  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#today`);
  await expect(dashboard.getByRole('region', { name: 'Overdue check-ins' })).toBeVisible();
  await expect(dashboard.getByRole('region', { name: 'Feedback to ask for' })).toHaveCount(0);
});
