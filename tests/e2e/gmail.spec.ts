/**
 * The sidebar in Gmail, end to end: the built extension in Chromium, Gmail pages
 * served at their real URLs with Gmail's Trusted Types enforcement.
 */
import type { Frame, Page } from '@playwright/test';
import {
  expect,
  navigateGmailHash,
  serveGmail,
  setHtmlUnderTrustedTypes,
  sidebarFrame,
  test,
  watchTrustedTypes,
} from './harness';
import { gmailInboxMain, gmailInboxPage, gmailThreadMain, gmailThreadPage, type GmailThreadOptions } from '../fixtures/gmail';
import { tableCounts } from './data';
import { ADA, ME, pricingThread } from '../fixtures/people';

const GRACE = { name: 'Grace Hopper', email: 'grace@navy.example' };

const graceThread: GmailThreadOptions = {
  account: ME,
  subject: 'Compiler review',
  threadId: '18c2f0a1b2c3d4f0',
  messages: [{ from: GRACE, to: [{ name: 'me', email: ME }], date: 'Wed, Oct 7, 2026, 11:00 AM', messageId: '18c2f0a1b2c3d4f0' }],
};

async function addClientFromSidebar(frame: Frame, name: string): Promise<void> {
  const row = frame.locator('.person', { hasText: name });
  await row.getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  await expect(frame.getByRole('article', { name })).toBeVisible();
}

async function addDetail(frame: Frame, client: string, text: string, kind = 'family'): Promise<void> {
  const card = frame.getByRole('article', { name: client });
  await card.getByRole('button', { name: 'Add detail' }).click();
  const form = card.getByRole('form', { name: 'New detail' });
  await form.getByRole('textbox', { name: 'Detail' }).fill(text);
  await form.getByRole('combobox', { name: 'Kind' }).selectOption(kind);
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByText(text)).toBeVisible();
}

async function openGmail(page: Page, html: string, path = '/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ'): Promise<Frame> {
  serveGmail(page.context(), html);
  await page.goto(`https://mail.google.com${path}`);
  return sidebarFrame(page);
}

test('an unknown correspondent becomes a client, with a detail that survives a reload', async ({ context, page, extensionId }) => {
  const trustedTypes = await watchTrustedTypes(page);
  const frame = await openGmail(page, gmailThreadPage(pricingThread()));

  // Unknown: name, address and Add client; the user's own address is never listed.
  const others = frame.getByRole('region', { name: 'Not yet clients' });
  await expect(others.getByText(ADA.name)).toBeVisible();
  await expect(others.getByText(ADA.email)).toBeVisible();
  await expect(frame.locator('.person, article', { hasText: ME })).toHaveCount(0);

  // Add client opens a form prefilled from the thread.
  await others.getByRole('button', { name: 'Add client' }).click();
  const form = frame.getByRole('form', { name: 'New client' });
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue(ADA.name);
  await expect(form.getByRole('textbox', { name: 'Email' })).toHaveValue(ADA.email);
  await form.getByRole('textbox', { name: 'Company' }).fill('Analytical Engines');
  await form.getByRole('textbox', { name: 'Role' }).fill('Head of Research');
  await form.getByRole('button', { name: 'Save client' }).click();

  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card.getByText('Head of Research, Analytical Engines')).toBeVisible();
  // Both messages already on screen are now Ada's history, newest first.
  const timeline = card.getByRole('region', { name: `Recent interactions with ${ADA.name}` }).getByRole('listitem');
  await expect(timeline).toHaveCount(2);
  await expect(timeline.nth(0)).toContainText('You wrote: Pricing workshop next week');
  await expect(timeline.nth(1)).toContainText('They wrote: Pricing workshop next week');

  await addDetail(frame, ADA.name, 'Daughter Emma graduates from ETH in June', 'family');
  await addDetail(frame, ADA.name, 'Training for the Berlin marathon', 'hobby');
  await expect(card.getByRole('heading', { name: 'Family' })).toBeVisible();
  await expect(card.getByRole('heading', { name: 'Hobbies' })).toBeVisible();

  // A note, as the user would log after a call.
  await card.getByRole('button', { name: 'Add note' }).click();
  await card.getByRole('combobox', { name: 'What' }).selectOption('call');
  await card.getByRole('textbox', { name: 'Notes' }).fill('Agreed on a two-day format');
  await card.getByRole('form', { name: 'New note' }).getByRole('button', { name: 'Save' }).click();
  await expect(timeline.nth(0)).toContainText('Agreed on a two-day format');

  // The account address the page shows is the user's: answered once, as a user would first.
  await frame.getByRole('region', { name: 'Your address?' }).getByRole('button', { name: "Yes, that's me" }).click();
  await expect(frame.getByRole('region', { name: 'Your address?' })).toHaveCount(0);
  await page.screenshot({ path: 'docs/sidebar.png' });
  // The same in dark mode, for the README: the sidebar follows the system's theme.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
  await page.screenshot({ path: 'docs/sidebar-dark.png' });
  await page.emulateMedia({ colorScheme: null });

  // Reload: everything comes back from the background's database.
  await page.reload();
  const again = await sidebarFrame(page);
  const cardAgain = again.getByRole('article', { name: ADA.name });
  await expect(cardAgain.getByText('Daughter Emma graduates from ETH in June')).toBeVisible();
  await expect(cardAgain.getByRole('region', { name: `Recent interactions with ${ADA.name}` }).getByRole('listitem')).toHaveCount(3);
  expect(await tableCounts(context, extensionId)).toEqual({ clients: 1, details: 2, interactions: 3 });

  await trustedTypes.settle();
  expect(trustedTypes.violations).toEqual([]);
});

test('a detail can be edited, and deleted with undo', async ({ page }) => {
  const frame = await openGmail(page, gmailThreadPage(pricingThread()));
  await addClientFromSidebar(frame, ADA.name);
  await addDetail(frame, ADA.name, 'Loves fountain pens', 'preference');
  const card = frame.getByRole('article', { name: ADA.name });

  await card.getByRole('button', { name: 'Edit “Loves fountain pens”' }).click();
  const edit = card.getByRole('form', { name: 'Edit detail' });
  await edit.getByRole('textbox', { name: 'Detail' }).fill('Collects Pelikan fountain pens');
  await edit.getByRole('button', { name: 'Save detail' }).click();
  await expect(card.getByText('Collects Pelikan fountain pens')).toBeVisible();

  await card.getByRole('button', { name: 'Delete “Collects Pelikan fountain pens”' }).click();
  await expect(card.locator('.detail-text')).toHaveCount(0);
  await frame.getByRole('status').filter({ hasText: 'Deleted “Collects Pelikan fountain pens”.' }).getByRole('button', { name: 'Undo' }).click();
  await expect(card.getByText('Collects Pelikan fountain pens')).toBeVisible();
});

test('the sidebar follows Gmail navigation without a reload and never shows the previous people', async ({ page }) => {
  const frame = await openGmail(page, gmailThreadPage(pricingThread()));
  await addClientFromSidebar(frame, ADA.name);

  // Gmail changes the hash, then renders the next conversation into [role=main].
  await navigateGmailHash(page, '#inbox/FMfcgzQXJWGraceHopperThread');
  await setHtmlUnderTrustedTypes(page, '[role="main"]', gmailThreadMain(graceThread));
  await expect(frame.getByText(GRACE.name)).toBeVisible();
  await expect(frame.getByText(ADA.name)).toHaveCount(0);

  // Back to the list: the neutral state.
  await navigateGmailHash(page, '#inbox');
  await setHtmlUnderTrustedTypes(page, '[role="main"]', gmailInboxMain());
  await expect(frame.getByRole('region', { name: 'No conversation open' })).toBeVisible();
  await expect(frame.getByText(GRACE.name)).toHaveCount(0);

  // And into Ada's conversation again: her card, not an unknown row.
  await navigateGmailHash(page, '#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
  await setHtmlUnderTrustedTypes(page, '[role="main"]', gmailThreadMain(pricingThread()));
  await expect(frame.getByRole('article', { name: ADA.name })).toBeVisible();
});

test('with no conversation open the sidebar shows a neutral state', async ({ page }) => {
  const frame = await openGmail(page, gmailInboxPage({ account: ME }), '/mail/u/0/#inbox');
  await expect(frame.getByRole('region', { name: 'No conversation open' })).toBeVisible();
});

for (const path of ['/mail/u/1/#inbox/FMfcgzQX1', `/mail/u/${ME}/#inbox/FMfcgzQX2`, '/mail/b/273/u/0/#inbox/FMfcgzQX3']) {
  test(`works on the account path ${path.split('#')[0]}`, async ({ page }) => {
    const frame = await openGmail(page, gmailThreadPage(pricingThread({ accountIndex: 1 })), path);
    await expect(frame.getByRole('region', { name: 'Not yet clients' }).getByText(ADA.name)).toBeVisible();
    await expect(frame.locator('.person, article', { hasText: ME })).toHaveCount(0);
  });
}

test('a detail added in one tab appears in another tab without reload', async ({ context, page }) => {
  const frame = await openGmail(page, gmailThreadPage(pricingThread()));
  await addClientFromSidebar(frame, ADA.name);

  const second = await context.newPage();
  await second.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
  const otherFrame = await sidebarFrame(second);
  await expect(otherFrame.getByRole('article', { name: ADA.name })).toBeVisible();

  await addDetail(frame, ADA.name, 'Moving to Lisbon in spring', 'travel');
  await expect(otherFrame.getByText('Moving to Lisbon in spring')).toBeVisible();
});

test('an address at a client company is offered as a colleague; a public domain is not', async ({ page }) => {
  const frame = await openGmail(page, gmailThreadPage(pricingThread()));
  await addClientFromSidebar(frame, ADA.name);
  const colleagues: GmailThreadOptions = {
    account: ME,
    subject: 'Team intro',
    threadId: '18c2f0a1b2c3d500',
    messages: [
      {
        from: ADA,
        to: [{ name: 'me', email: ME }],
        cc: [
          { name: 'Charles Babbage', email: 'charles@analytical.example' },
          { name: 'Sam Public', email: 'sam.public@gmail.com' },
        ],
        date: 'Thu, Oct 8, 2026, 8:00 AM',
        messageId: '18c2f0a1b2c3d500',
      },
    ],
  };
  await navigateGmailHash(page, '#inbox/FMfcgzQXTeamIntro');
  await setHtmlUnderTrustedTypes(page, '[role="main"]', gmailThreadMain(colleagues));
  const charles = frame.locator('.person', { hasText: 'Charles Babbage' });
  await expect(charles.getByRole('button', { name: /^Add to .+\?$/ })).toBeVisible();
  const sam = frame.locator('.person', { hasText: 'Sam Public' });
  await expect(sam.getByRole('button', { name: 'Add client' })).toBeVisible();
  await expect(sam.getByRole('button', { name: /^Add to/ })).toHaveCount(0);

  await charles.getByRole('button', { name: /^Add to .+\?$/ }).click();
  await expect(frame.getByRole('article', { name: 'Charles Babbage' })).toBeVisible();
});

test('the sidebar collapses to a slim tab and remembers it', async ({ page }) => {
  await openGmail(page, gmailThreadPage(pricingThread()));
  const marginOf = () => page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
  expect(await marginOf()).toBe('320px');
  // The toggle sits in a closed shadow root; a real click at its place is what a user does.
  await page.mouse.click(page.viewportSize()!.width - 320 + 14, 20);
  await expect.poll(marginOf).toBe('28px');
  await page.reload();
  await sidebarFrame(page);
  await expect.poll(marginOf).toBe('28px');
  await page.mouse.click(page.viewportSize()!.width - 14, 20);
  await expect.poll(marginOf).toBe('320px');
});
