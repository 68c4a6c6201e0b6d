/**
 * Importing contacts you can check, end to end in Chromium: a CSV with phone numbers
 * and day-first birthdays; the preview asks the date order and sets the tier for all;
 * the client page, search and the Gmail sidebar then show the phone.
 */
import { expect, openExtensionPage, serveGmail, sidebarFrame, test } from './harness';
import { readTable } from './data';
import { gmailThreadPage } from '../fixtures/gmail';

const CSV = [
  'Name,E-mail Address,Company,Mobile Phone,Business Phone,Birthday',
  // Outlook writes birthdays in the computer's date format: here day first.
  'Ada Lovelace,ada@analytical.example,Analytical Engines,+44 20 7946 0958,+1 202 555 0123,24/12/1980',
  'Charles Babbage,charles@analytical.example,Analytical Engines,,,05/06/1980',
].join('\r\n');

test('import phones and day-first birthdays at tier Key; the client page, search and sidebar show the phone', async ({ context, page, extensionId }) => {
  const dashboard = await openExtensionPage(context, extensionId, 'dashboard.html#backup');
  await dashboard.getByLabel('Contacts file (CSV or vCard)').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  const preview = dashboard.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('Outlook CSV, 2 contacts');

  // The date order is asked (slash dates), and the preview shows the birthdays it reads.
  await preview.getByRole('radio', { name: 'Day first (24/12/1980)' }).check();
  const table = preview.getByRole('table', { name: 'The 2 contacts as they will be saved' });
  const adaRow = table.getByRole('row').filter({ hasText: 'Ada Lovelace' });
  await expect(adaRow).toContainText(/24 Dec 1980|Dec 24, 1980/);
  await expect(adaRow).toContainText('+44 20 7946 0958');
  await expect(table.getByRole('row').filter({ hasText: 'Charles Babbage' })).toContainText(/5 Jun 1980|Jun 5, 1980/);
  await preview.getByRole('combobox', { name: 'Tier for all' }).selectOption('key');
  await expect(adaRow.getByRole('cell', { name: 'Key', exact: true })).toBeVisible();
  await preview.getByRole('button', { name: 'Import 2 contacts' }).click();
  await expect(dashboard.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 2 new clients, 0 updated.');

  const clients = await readTable<{ id: string; name: string; tier: string; phones: string[] }>(context, extensionId, 'clients');
  const ada = clients.find((c) => c.name === 'Ada Lovelace')!;
  expect(ada).toMatchObject({ tier: 'key', phones: ['+442079460958', '+12025550123'] });

  // Her page: the phone as a tel: link, the birthday read day first, the tier.
  await dashboard.goto(`chrome-extension://${extensionId}/dashboard.html#client/${encodeURIComponent(ada.id)}`);
  const clientPage = dashboard.getByRole('article', { name: 'Ada Lovelace' });
  const phones = clientPage.getByRole('region', { name: 'Phone numbers' });
  await expect(phones.getByRole('link', { name: '+44 20 7946 0958' })).toHaveAttribute('href', 'tel:+442079460958');
  await expect(phones.getByRole('link', { name: /202.*555.*0123/ })).toHaveAttribute('href', 'tel:+12025550123');
  await expect(clientPage.locator('time[datetime="1980-12-24"]')).toBeVisible();
  await expect(clientPage.locator('.client-page-head .tier')).toHaveText('Key');

  // A phone added on her page is stored in E.164 and shown.
  await phones.getByRole('textbox', { name: 'Phone number' }).fill('+49 30 12345678');
  await phones.getByRole('button', { name: 'Add phone' }).click();
  await expect(phones.getByRole('link', { name: '+49 30 12345678' })).toHaveAttribute('href', 'tel:+493012345678');

  // Search finds her by the number written nationally.
  const box = dashboard.getByRole('searchbox', { name: 'Search clients and resources' });
  await box.fill('020 7946 0958');
  const found = dashboard.getByRole('list', { name: 'Clients found' });
  await expect(found.getByRole('link')).toHaveCount(1);
  await expect(found).toContainText('Ada Lovelace');
  await expect(found).toContainText('Phone: +44 20 7946 0958');

  // The sidebar in Gmail shows her phone under her address.
  serveGmail(context, gmailThreadPage({
    account: 'me@consulting.example',
    subject: 'Engines',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [{ from: { name: 'Ada Lovelace', email: 'ada@analytical.example' }, to: [{ name: 'me', email: 'me@consulting.example' }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5' }],
  }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
  const frame = await sidebarFrame(page);
  const card = frame.getByRole('article', { name: 'Ada Lovelace' });
  await expect(card.getByRole('list', { name: 'Phone numbers' }).getByRole('link', { name: '+44 20 7946 0958' })).toHaveAttribute('href', 'tel:+442079460958');
});
