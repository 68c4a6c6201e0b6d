/**
 * Clients and search end to end: clients made from the Gmail sidebar, then the
 * dashboard's client list (filter, sort), a client page (tier, address, detail),
 * search by a detail's text, the resources saved for a client (read, note, shared,
 * removed from one client only), merging two records of one person, and archiving.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { callTend, readTable } from './data';
import { gmailInboxPage, gmailThreadPage } from '../fixtures/gmail';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const ADA_HOME = { name: 'Ada King', email: 'ada.king@home.example' };
const CHARLES = { name: 'Charles Babbage', email: 'charles@engine.example' };

async function addClientFromSidebar(frame: Frame, name: string): Promise<void> {
  const row = frame.locator('.person', { hasText: name });
  await row.getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  await expect(frame.getByRole('article', { name })).toBeVisible();
}

function listedNames(dashboard: Page) {
  return dashboard.getByRole('list', { name: 'Clients' }).getByRole('listitem').getByRole('link');
}

test('clients: list, filter, sort, edit, search by detail, merge and archive', async ({ context, page, extensionId }) => {
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'Engine review',
      threadId: '18c2f0a1b2c3d4e5',
      messages: [
        {
          from: ADA,
          to: [{ name: 'me', email: ME }],
          cc: [CHARLES, ADA_HOME],
          date: 'Mon, Oct 5, 2026, 3:42 PM',
          messageId: '18c2f0a1b2c3d4e5',
          body: 'Shall we meet?',
        },
      ],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXEngineReview');
  const frame = await sidebarFrame(page);
  for (const person of [ADA, CHARLES, ADA_HOME]) await addClientFromSidebar(frame, person.name);

  // The list: every client, sortable and filterable.
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#clients');
  await expect(dashboard.getByRole('link', { name: 'Clients', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(listedNames(dashboard)).toHaveText(['Ada King', 'Ada Lovelace', 'Charles Babbage']);
  await dashboard.getByLabel('Tier').selectOption('key');
  await expect(dashboard.getByText('No clients match')).toBeVisible();
  await dashboard.getByLabel('Tier').selectOption('');
  await dashboard.getByLabel('Sort by').selectOption('nextDue');
  await expect(listedNames(dashboard)).toHaveCount(3);

  // A client page: tier, an address and a detail.
  await dashboard.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(dashboard).toHaveURL(/#client\//);
  const ada = dashboard.getByRole('article', { name: 'Ada Lovelace' });
  const profile = ada.getByRole('form', { name: 'Profile' });
  await profile.getByLabel('Tier', { exact: true }).selectOption('key');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(ada.getByText('(every 14 days)')).toBeVisible();
  const addresses = ada.getByRole('region', { name: 'Addresses' });
  await addresses.getByLabel('New address').fill('charles@engine.example');
  await addresses.getByRole('button', { name: 'Add address' }).click();
  await expect(addresses.getByRole('alert')).toHaveText('charles@engine.example already belongs to Charles Babbage.');
  await addresses.getByLabel('New address').fill('ada@lovelace.example');
  await addresses.getByRole('button', { name: 'Add address' }).click();
  await expect(addresses.getByText('ada@lovelace.example')).toBeVisible();
  const details = ada.getByRole('region', { name: 'Personal details of Ada Lovelace' });
  await details.getByRole('button', { name: 'Add detail' }).click();
  const form = details.getByRole('form', { name: 'New detail' });
  await form.getByRole('textbox', { name: 'Detail' }).fill('Daughter graduates from Oxford in June');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(details.getByText('Daughter graduates from Oxford in June')).toBeVisible();

  // Search finds her by the detail's text; `/` focuses the box.
  await dashboard.locator('body').click({ position: { x: 5, y: 300 } });
  await dashboard.keyboard.press('/');
  const box = dashboard.getByRole('searchbox', { name: 'Search clients and resources' });
  await expect(box).toBeFocused();
  await dashboard.keyboard.type('oxfo');
  const found = dashboard.getByRole('list', { name: 'Clients found' });
  await expect(found.getByRole('link')).toHaveCount(1);
  await expect(found).toContainText('Ada Lovelace');
  await expect(found).toContainText('Noted: Daughter graduates from Oxford in June');
  await box.fill('');

  // Resources on her page. An article saved for her and Charles (as the save popup
  // sends it): read in the reader, note edited, marked shared, removed from her only.
  const TITLE = 'Analytical engines, explained';
  const ids = Object.fromEntries((await readTable<{ id: string; name: string }>(context, extensionId, 'clients')).map((c) => [c.name, c.id]));
  const saved = await callTend(context, extensionId, 'saveResource', {
    url: 'https://engines.example/explained', canonicalUrl: 'https://engines.example/explained', title: 'Analytical engines, explained', site: 'Engines', contentHtml: '<p>Cards and a mill.</p>', note: 'For the review', clientIds: [ids['Ada Lovelace'], ids['Charles Babbage']],
  }, 'popup.html');
  expect(saved).toMatchObject({ resourceId: expect.any(String) });
  const resources = ada.getByRole('region', { name: 'Resources' });
  const article = resources.getByRole('link', { name: TITLE, exact: true });
  await expect(article).toHaveAttribute('href', new RegExp(`^chrome-extension://${extensionId}/reader\\.html\\?id=`));
  await expect(resources).toContainText('also for 1 other client');
  const [reader] = await Promise.all([context.waitForEvent('page'), article.click()]);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(reader.getByText('Cards and a mill.')).toBeVisible();
  await reader.close();
  await dashboard.bringToFront();
  await resources.getByRole('button', { name: `Edit note for ${TITLE}` }).click();
  await resources.getByLabel('Private note', { exact: true }).fill('Ask about the punched cards');
  await resources.getByRole('button', { name: 'Save note' }).click();
  await expect(resources.getByText('Ask about the punched cards')).toBeVisible();
  await resources.getByRole('button', { name: `Mark as shared ${TITLE}` }).click();
  await expect(resources.getByRole('button', { name: `Mark as not shared ${TITLE}` })).toBeVisible();
  await resources.getByRole('button', { name: `Remove ${TITLE} from Ada Lovelace` }).click();
  await expect(resources.getByRole('status')).toHaveText(`“${TITLE}” is removed from Ada Lovelace; it stays saved for 1 other client.`);
  await expect(resources.getByText('No articles saved for this client yet.')).toBeVisible();
  // Ada's private note went with her; Charles's was never hers to edit.
  const [kept] = await readTable<{ clientIds: string[]; notes: Record<string, string>; sharedWith: Record<string, number> }>(context, extensionId, 'resources');
  expect(kept).toMatchObject({ clientIds: [ids['Charles Babbage']], notes: { [ids['Charles Babbage']!]: 'For the review' }, sharedWith: {} });

  // Merge Ada King into Ada Lovelace: her address comes along, the record goes.
  const merge = ada.getByRole('region', { name: 'Merge' });
  await merge.getByLabel('Client to merge into this one').fill('ada king');
  await merge.getByRole('button', { name: /Ada King/ }).click();
  await merge.getByRole('button', { name: 'Merge Ada King into Ada Lovelace' }).click();
  await expect(ada.getByRole('region', { name: 'Addresses' }).getByText('ada.king@home.example')).toBeVisible();

  // Archive Charles: he leaves the list, and shows under Archived.
  await dashboard.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(listedNames(dashboard)).toHaveText(['Ada Lovelace', 'Charles Babbage']);
  await dashboard.getByRole('link', { name: 'Charles Babbage' }).click();
  await dashboard.getByRole('article', { name: 'Charles Babbage' }).getByRole('button', { name: 'Archive' }).click();
  await expect(dashboard.getByRole('article', { name: 'Charles Babbage' }).getByRole('button', { name: 'Restore' })).toBeVisible();
  await dashboard.getByRole('link', { name: 'Clients', exact: true }).click();
  await expect(listedNames(dashboard)).toHaveText(['Ada Lovelace']);
  await dashboard.getByLabel('Archived').check();
  await expect(listedNames(dashboard)).toHaveText(['Charles Babbage']);

  // The sidebar no longer knows him as a client.
  await page.bringToFront();
  await expect(frame.locator('.person', { hasText: CHARLES.name }).getByRole('button', { name: 'Add client' })).toBeVisible();

  // With no conversation open, the sidebar searches too, linking to the client page.
  serveGmail(context, gmailInboxPage({ account: ME }));
  await page.goto('about:blank');
  await page.goto('https://mail.google.com/mail/u/0/#inbox');
  const neutral = (await sidebarFrame(page)).getByRole('region', { name: 'No conversation open' });
  await neutral.getByRole('searchbox', { name: 'Search clients and resources' }).fill('oxford');
  const hit = neutral.getByRole('list', { name: 'Clients found' }).getByRole('link');
  await expect(hit).toContainText('Ada Lovelace');
  await expect(hit).toHaveAttribute('href', new RegExp(`^chrome-extension://${extensionId}/dashboard\\.html#client/`));
  await expect(hit).toHaveAttribute('target', '_blank');
});
