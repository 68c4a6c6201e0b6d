/**
 * The sidebar and the dashboard pass an axe check (WCAG 2.1 A and AA rules) in
 * the states a user sees most: a client card, unknown people, Today (also with the
 * backup reminder), and a client page's resources.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from '@playwright/test';
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { gmailThreadPage } from '../fixtures/gmail';
import { callTend, seedClient } from './data';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe in the page or frame (evaluate is not bound by the page's CSP). */
async function axeViolations(target: Page | Frame): Promise<string[]> {
  await target.evaluate(axeSource);
  const violations = await target.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

const ME = 'me@consulting.example';

test('the sidebar with a client card and unknown people has no axe violations', async ({ page }) => {
  serveGmail(
    page.context(),
    gmailThreadPage({
      account: ME,
      subject: 'Pricing workshop',
      threadId: '18c2f0a1b2c3d4e5',
      messages: [
        {
          from: { name: 'Ada Lovelace', email: 'ada@analytical.example' },
          to: [{ name: 'me', email: ME }],
          cc: [{ name: 'Charles Babbage', email: 'charles@analytical.example' }, { name: 'Sam', email: 'sam@gmail.com' }],
          date: 'Mon, Oct 5, 2026, 3:42 PM',
          messageId: '18c2f0a1b2c3d4e5',
        },
      ],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXA11y');
  const frame = await sidebarFrame(page);
  await frame.locator('.person', { hasText: 'Ada Lovelace' }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: 'Ada Lovelace' });
  await card.getByRole('button', { name: 'Add detail' }).click();
  await card.getByRole('textbox', { name: 'Detail' }).fill('Training for the Berlin marathon');
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByText('Training for the Berlin marathon')).toBeVisible();
  await card.getByRole('button', { name: 'Add note' }).click(); // an open form too
  expect(await axeViolations(frame)).toEqual([]);
  // Dark mode too: colour contrast is among the rules.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  expect(await axeViolations(frame)).toEqual([]);
  await page.emulateMedia({ colorScheme: null });

  // Keyboard: Tab reaches the card's actions with a visible focus.
  await card.getByRole('button', { name: 'Checked in' }).focus();
  await page.keyboard.press('Tab');
  expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe('Snooze');
});

test('the dashboard has no axe violations', async ({ context, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#today');
  await expect(dashboard.getByRole('region', { name: /overdue/i })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#settings`);
  await expect(dashboard.getByRole('heading', { level: 2 }).first()).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);

  // With a client (and so a backup due) and an article saved for them: Today's
  // backup reminder, and the client page's resources with a note being edited.
  const clientId = await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines' });
  // Saved as the save popup saves it.
  await callTend(context, extensionId, 'saveResource', { url: 'https://engines.example/a', canonicalUrl: 'https://engines.example/a', title: 'Engines explained', note: 'For the review', clientIds: [clientId] }, 'popup.html');
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#today`);
  await expect(dashboard.getByRole('region', { name: 'Backup' })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#client/${encodeURIComponent(clientId)}`);
  const resources = dashboard.getByRole('region', { name: 'Resources' });
  await resources.getByRole('button', { name: 'Edit note for Engines explained' }).click();
  await expect(resources.getByRole('form', { name: 'Note for Engines explained' })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);

  // Issue 16: "Delete client" asking first, and Today's referrers to thank.
  await dashboard.getByRole('button', { name: 'Delete client' }).click();
  await expect(dashboard.getByRole('group', { name: 'Delete client' })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);
  const graceId = await seedClient(context, extensionId, { name: 'Grace Hopper', email: 'grace@navy.example' });
  await callTend(context, extensionId, 'addReferral', { referrerId: graceId, referredId: clientId, said: 'Knows engines' });
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#today`);
  await expect(dashboard.getByRole('region', { name: /^Thank your referrers/ })).toBeVisible();
  expect(await axeViolations(dashboard)).toEqual([]);
});
