/**
 * The sidebar in Outlook on the web, end to end, on several of its hosts: English
 * and German pages, addresses shown or only display names, history navigation.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, outlookPushState, serveOutlook, setHtmlUnderTrustedTypes, sidebarFrame, test, type OutlookHost } from './harness';
import { outlookInboxPage, outlookReadingPane, outlookThreadPage, outlookUrl, type OutlookThreadOptions } from '../fixtures/outlook';

const ME = 'jane.doe@consulting.example';
const MARIA = { name: 'Maria Garcia', email: 'maria.garcia@fabrikam.example' };
const TOM = { name: 'Tom Becker', email: 'tom.becker@contoso.example' };

const ITEM_A = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAMariaGarciaThread000=';
const ITEM_B = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQATomBeckerThread0000=';

function mariaThread(overrides: Partial<OutlookThreadOptions> = {}): OutlookThreadOptions {
  return {
    account: ME,
    accountName: 'Jane Doe',
    subject: 'Board offsite agenda',
    itemId: ITEM_A,
    messages: [
      { from: MARIA, to: [{ name: 'Jane Doe', email: ME }], date: 'Mon 10/5/2026 3:42 PM', body: 'Draft attached.' },
      { from: { name: 'Jane Doe', email: ME }, to: [MARIA], date: 'Tue 10/6/2026 9:10 AM', body: 'Looks good.' },
    ],
    ...overrides,
  };
}

async function openOutlook(page: Page, host: OutlookHost, opts: OutlookThreadOptions): Promise<Frame> {
  serveOutlook(page.context(), host, outlookThreadPage(opts));
  await page.goto(outlookUrl(host, opts.itemId).href);
  return sidebarFrame(page);
}

for (const host of ['outlook.office.com', 'outlook.live.com', 'outlook.cloud.microsoft'] as const) {
  test(`recognises and adds a correspondent on ${host}`, async ({ page }) => {
    const frame = await openOutlook(page, host, mariaThread());
    const row = frame.locator('.person', { hasText: MARIA.name });
    await expect(row.getByText(MARIA.email)).toBeVisible();
    await expect(frame.locator('.person, article', { hasText: ME })).toHaveCount(0);
    await row.getByRole('button', { name: 'Add client' }).click();
    await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
    const card = frame.getByRole('article', { name: MARIA.name });
    await expect(card).toBeVisible();
    await expect(card.getByRole('region', { name: `Recent interactions with ${MARIA.name}` }).getByRole('listitem')).toHaveCount(2);
  });
}

test('German Outlook: the sidebar reads "Von:" headers and German dates', async ({ page }) => {
  const frame = await openOutlook(page, 'outlook.office365.com', {
    ...mariaThread({ lang: 'de' }),
    messages: [{ from: MARIA, to: [{ name: 'Jane Doe', email: ME }], date: 'Mo 05.10.2026 15:42', body: 'Entwurf anbei.' }],
  });
  const row = frame.locator('.person', { hasText: MARIA.name });
  await row.getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const item = frame.getByRole('article', { name: MARIA.name }).getByRole('listitem').first();
  await expect(item).toContainText('They wrote: Board offsite agenda');
  // The page's date was read, not "seen today".
  await expect(item.locator('time')).toHaveAttribute('datetime', new Date(2026, 9, 5, 15, 42).toISOString());
});

test('names only: a client matched by name is marked "probably" until the user confirms', async ({ page }) => {
  // First the client exists with an address, added from a thread that showed it.
  const frame = await openOutlook(page, 'outlook.office.com', mariaThread());
  await frame.locator('.person', { hasText: MARIA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  await expect(frame.getByRole('article', { name: MARIA.name })).toBeVisible();

  // Another conversation shows only her display name.
  await outlookPushState(page, outlookUrl('outlook.office.com', ITEM_B).pathname);
  await setHtmlUnderTrustedTypes(
    page,
    '#ReadingPaneContainerId',
    outlookReadingPane({ ...mariaThread(), itemId: ITEM_B, subject: 'Dinner in Madrid', addresses: 'names-only' }),
  );
  const card = frame.getByRole('article', { name: MARIA.name });
  await expect(card.getByText('probably')).toBeVisible();
  await expect(card.getByText('Is this Maria Garcia (maria.garcia@fabrikam.example)?')).toBeVisible();
  await card.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(card.getByText('probably')).toHaveCount(0);
  await expect(card.getByRole('listitem').filter({ hasText: 'Dinner in Madrid' }).first()).toBeVisible();
});

test('names only: "Not them" says this display name is not the client, and it is not asked again', async ({ page }) => {
  // A client Maria Garcia of Fabrikam, added from a thread that showed her address.
  const frame = await openOutlook(page, 'outlook.office.com', mariaThread());
  await frame.locator('.person', { hasText: MARIA.name }).getByRole('button', { name: 'Add client' }).click();
  const form = frame.getByRole('form', { name: 'New client' });
  await form.getByRole('textbox', { name: 'Company' }).fill('Fabrikam');
  await form.getByRole('button', { name: 'Save client' }).click();
  await expect(frame.getByRole('article', { name: MARIA.name })).toBeVisible();

  // Another Maria Garcia writes, shown by name only: Outlook asks, once.
  const names = { ...mariaThread(), itemId: ITEM_B, subject: 'Dinner in Madrid', addresses: 'names-only' as const };
  let other = await openOutlook(page, 'outlook.office.com', names);
  const card = other.getByRole('article', { name: MARIA.name });
  await expect(card.getByText('Is this Maria Garcia from Fabrikam?')).toBeVisible();
  await expect(card.getByText(/Maria Garcia Maria Garcia/)).toHaveCount(0);
  await card.getByRole('button', { name: 'Not them' }).click();
  await expect(other.getByRole('article', { name: MARIA.name })).toHaveCount(0);
  // She is someone else now: one click from being a client of her own.
  await expect(other.locator('.person', { hasText: MARIA.name }).getByRole('button', { name: 'Add client' })).toBeVisible();

  await page.reload();
  other = await sidebarFrame(page);
  await expect(other.locator('.person', { hasText: MARIA.name })).toBeVisible();
  await expect(other.getByRole('article', { name: MARIA.name })).toHaveCount(0);
  await expect(other.getByRole('button', { name: 'Not them' })).toHaveCount(0);
  // Her address still says it is the client.
  await page.goto(outlookUrl('outlook.office.com', ITEM_A).href);
  serveOutlook(page.context(), 'outlook.office.com', outlookThreadPage(mariaThread()));
  await page.reload();
  await expect((await sidebarFrame(page)).getByRole('article', { name: MARIA.name })).toBeVisible();
});

test('the sidebar follows Outlook history navigation and shows the list state', async ({ page }) => {
  const frame = await openOutlook(page, 'outlook.live.com', mariaThread());
  await expect(frame.getByText(MARIA.name)).toBeVisible();

  await outlookPushState(page, outlookUrl('outlook.live.com', ITEM_B).pathname);
  await setHtmlUnderTrustedTypes(
    page,
    '#ReadingPaneContainerId',
    outlookReadingPane({ ...mariaThread(), itemId: ITEM_B, subject: 'Contract', messages: [{ from: TOM, to: [{ name: 'Jane Doe', email: ME }], date: 'Wed 10/7/2026 11:00 AM' }] }),
  );
  await expect(frame.getByText(TOM.name)).toBeVisible();
  await expect(frame.getByText(MARIA.name)).toHaveCount(0);

  // Back in the inbox with nothing selected.
  serveOutlook(page.context(), 'outlook.live.com', outlookInboxPage({ account: ME }));
  await page.goto('https://outlook.live.com/mail/inbox');
  const listFrame = await sidebarFrame(page);
  await expect(listFrame.getByRole('region', { name: 'No conversation open' })).toBeVisible();
});
