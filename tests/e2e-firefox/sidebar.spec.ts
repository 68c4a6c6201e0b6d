/**
 * The sidebar in Firefox, end to end: Gmail and the four Outlook hosts served at
 * their real https addresses, the content scripts injected by Firefox itself.
 */
import type { Frame, Page } from 'puppeteer-core';
import {
  OUTLOOK_HOSTS,
  callTend,
  seedClient,
  addClientFromSidebar,
  clickByRole,
  countByRole,
  expect,
  getByRole,
  readTable,
  serveGmail,
  serveOutlook,
  sidebarFrame,
  test,
  textOf,
  typeByRole,
  waitForText,
} from './harness';
import { gmailDateNow, gmailThreadMain, gmailThreadPage } from '../fixtures/gmail';
import { outlookThreadPage, outlookUrl, type OutlookThreadOptions } from '../fixtures/outlook';
import { ADA, ME, pricingThread } from '../fixtures/people';

const MARIA = { name: 'María José García', email: 'maria@baobab.example' };

async function openGmail(page: Page, web: Parameters<typeof serveGmail>[0], html: string, hash = 'inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ'): Promise<Frame> {
  serveGmail(web, html);
  // A full load each time (a new hash alone would be an in-page navigation).
  if (page.url().startsWith('https://mail.google.com/')) await page.goto('about:blank', { waitUntil: 'domcontentloaded' });
  await page.goto(`https://mail.google.com/mail/u/0/#${hash}`, { waitUntil: 'domcontentloaded' });
  return sidebarFrame(page);
}

test('Gmail: recognise, add a client, add a detail, and it is remembered in a new conversation', async ({ firefox, tab: page, web }) => {
  const frame = await openGmail(page, web, gmailThreadPage(pricingThread()));
  await waitForText(frame, ADA.email);
  // The user's own address is never offered as a client (only asked about, once: "Is … your address?").
  const people = await frame.evaluate(() => [...document.querySelectorAll('.person, article')].map((el) => el.textContent ?? ''));
  expect(people.length).toBeGreaterThan(0);
  expect(people.join('\n')).not.toContain(ME);
  expect(await textOf(frame, { role: 'region', name: 'Your address?' })).toContain(ME);

  await addClientFromSidebar(frame, ADA.name);
  const card = { role: 'article', name: ADA.name };
  // Both messages of the conversation were recorded, with the page's dates.
  await expect.poll(() => countByRole(frame, { role: 'listitem', within: { role: 'region', name: `Recent interactions with ${ADA.name}` } })).toBe(2);

  await clickByRole(frame, { role: 'button', name: 'Add detail', within: card });
  await typeByRole(frame, { role: 'textbox', name: 'Detail', within: { role: 'form', name: 'New detail' } }, 'Daughter starts university in October');
  await (await getByRole(frame, { role: 'combobox', name: 'Kind', within: { role: 'form', name: 'New detail' } })).select('family');
  await clickByRole(frame, { role: 'button', name: 'Add', within: { role: 'form', name: 'New detail' } });
  await waitForText(frame, 'Daughter starts university in October');

  // A new conversation with her, opened later: the same card, the detail remembered.
  const again = await openGmail(
    page,
    web,
    gmailThreadPage(pricingThread({ subject: 'Follow-up on pricing', threadId: '18c2f0a1b2c3d4f9', messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: 'Thu, Oct 8, 2026, 8:00 AM', messageId: '18c2f0a1b2c3d4f9', body: 'One more thing.' }] })),
    'inbox/FMfcgzQXJWDsKmGkTqLvHZbPY',
  );
  await getByRole(again, { role: 'article', name: ADA.name });
  await waitForText(again, 'Daughter starts university in October');
  expect(await countByRole(again, { role: 'region', name: 'Not yet clients' })).toBe(0);

  // What the database holds: one client, one detail, three interactions.
  const clients = await readTable<{ name: string; emails: string[] }>(firefox, 'clients');
  expect(clients.map((c) => [c.name, c.emails])).toEqual([[ADA.name, [ADA.email]]]);
  expect((await readTable<{ text: string }>(firefox, 'details')).map((d) => d.text)).toEqual(['Daughter starts university in October']);
  await expect.poll(async () => (await readTable(firefox, 'interactions')).length).toBe(3);
  expect(web.blocked.filter((request) => !/^GET https:\/\/(ssl\.gstatic\.com|lh3\.googleusercontent\.com|mail\.google\.com)\//.test(request))).toEqual([]);
});

function mariaThread(itemId: string, overrides: Partial<OutlookThreadOptions> = {}): OutlookThreadOptions {
  return {
    account: ME,
    accountName: 'Jane Doe',
    subject: 'Board offsite agenda',
    itemId,
    messages: [{ from: MARIA, to: [{ name: 'Jane Doe', email: ME }], date: 'Mon 10/5/2026 3:42 PM', body: 'Draft attached.' }],
    ...overrides,
  };
}

for (const host of OUTLOOK_HOSTS) {
  test(`Outlook on ${host}: the sidebar reads the conversation and adds a client`, async ({ tab: page, web }) => {
    const itemId = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAFoq';
    serveOutlook(web, host, outlookThreadPage(mariaThread(itemId)));
    await page.goto(outlookUrl(host, itemId).href);
    const frame = await sidebarFrame(page);
    await waitForText(frame, MARIA.email);
    await addClientFromSidebar(frame, MARIA.name);
    expect(await textOf(frame, { role: 'article', name: MARIA.name })).toContain('Board offsite agenda');
  });
}

test('Outlook names only: a client matched by name is marked "probably" until confirmed', async ({ tab: page, web }) => {
  const first = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAFoq';
  serveOutlook(web, 'outlook.office.com', outlookThreadPage(mariaThread(first)));
  await page.goto(outlookUrl('outlook.office.com', first).href);
  await addClientFromSidebar(await sidebarFrame(page), MARIA.name);

  // Another conversation shows only her display name.
  const second = 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAFoB';
  serveOutlook(web, 'outlook.office.com', outlookThreadPage(mariaThread(second, { subject: 'Dinner in Madrid', addresses: 'names-only' })));
  await page.goto(outlookUrl('outlook.office.com', second).href);
  const frame = await sidebarFrame(page);
  const card = { role: 'article', name: MARIA.name };
  await getByRole(frame, card);
  await expect.poll(async () => textOf(frame, card)).toContain('probably');
  await clickByRole(frame, { role: 'button', name: 'Yes', within: card });
  await expect.poll(async () => textOf(frame, card)).not.toContain('probably');
  expect(await textOf(frame, card)).toContain('Dinner in Madrid');
});

test('Gmail: a 200-person conversation folds the strangers into "200 other people", with a filter once expanded', async ({ firefox, tab: page, web }) => {
  await seedClient(firefox, ADA);
  const crowd = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, email: `person${i}@crowd.example` }));
  const frame = await openGmail(
    page,
    web,
    gmailThreadPage(pricingThread({ messages: [{ from: ADA, to: [{ name: 'me', email: ME }], cc: crowd, date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5' }] })),
  );
  await getByRole(frame, { role: 'article', name: ADA.name });
  const folded = { role: 'button', name: /^200 other people/, within: { role: 'region', name: 'Not yet clients' } };
  await getByRole(frame, folded);
  expect(await countByRole(frame, { role: 'button', name: 'Add client' })).toBe(0);
  expect(await frame.evaluate(() => document.body.innerText.includes('more people'))).toBe(false);

  await clickByRole(frame, folded);
  await expect.poll(() => countByRole(frame, { role: 'button', name: 'Add client' })).toBe(200);
  await typeByRole(frame, { role: 'searchbox', name: 'Filter people' }, 'Person 42');
  await expect.poll(() => countByRole(frame, { role: 'button', name: 'Add client' })).toBe(1);
  expect(await textOf(frame, { role: 'region', name: 'Not yet clients' })).toContain('person42@crowd.example');
});

test('Gmail: Insert into reply previews, then puts the saved article (no private note) where the caret was; shared once the sent reply with the link is seen', async ({ firefox, tab: page, web }) => {
  const clientId = await seedClient(firefox, { ...ADA, company: 'Analytical Engines' });
  const article = 'https://www.strideweekly.example/training/first-marathon-plan';
  // Saved as the save popup saves it (only the popup may).
  await callTend(firefox, 'saveResource', { clientIds: [clientId], url: article, canonicalUrl: article, title: 'How to train for your first marathon', note: 'For your Berlin training block' }, 'popup.html');

  const frame = await openGmail(page, web, gmailThreadPage(pricingThread({ withReply: true })));
  const waiting = { role: 'region', name: `Resources to share with ${ADA.name}` };
  await getByRole(frame, waiting);
  // The user writes a line in the reply, then presses Insert in the sidebar.
  await page.click('[g_editable="true"][contenteditable="true"]');
  await page.keyboard.type('Hi Ada, thought of you: ');
  await clickByRole(frame, { role: 'button', name: 'Insert into reply', within: waiting });
  // The preview shows what goes into the email: the title and link, never the private note.
  const dialog = { role: 'dialog', name: 'Insert into reply' };
  const preview = await textOf(frame, dialog);
  expect(preview).toContain('How to train for your first marathon');
  expect(preview).toContain(article);
  expect(preview).not.toContain('For your Berlin training block');
  await typeByRole(frame, { role: 'textbox', name: 'Message (optional)', within: dialog }, 'Week nine is the hard one.');
  await clickByRole(frame, { role: 'button', name: 'Insert', within: dialog });
  const body = () => page.evaluate(() => {
    const editor = document.querySelector('[g_editable="true"][contenteditable="true"]')!;
    const link = editor.querySelector('a');
    return { text: (editor as HTMLElement).innerText, href: link?.getAttribute('href') ?? null, linkText: link?.textContent ?? null };
  });
  await expect.poll(async () => (await body()).href).toBe(article);
  const inserted = await body();
  expect(inserted.linkText).toBe('How to train for your first marathon');
  expect(inserted.text).toMatch(/^Hi Ada, thought of you:\s+Week nine is the hard one\.\s+How to train/);
  expect(inserted.text).not.toContain('For your Berlin training block');
  // Inserted, not sent: it waits to be sent.
  await getByRole(frame, { role: 'region', name: `Waiting to be sent to ${ADA.name}` });

  await clickByRole(frame, { role: 'button', name: 'Checked in', within: { role: 'article', name: ADA.name } });
  await waitForText(frame, 'Next check-in in 30 days');

  // The reply is sent: the conversation shows it, its link carrying a tracking parameter
  // (read in Firefox's content script, where the page's URL objects are Xray-wrapped).
  const sent = gmailThreadPage({
    account: ME,
    subject: 'Pricing workshop next week',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [
      { from: ADA, to: [{ name: 'me', email: ME }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5' },
      {
        from: { name: 'me', email: ME },
        to: [ADA],
        date: gmailDateNow(),
        messageId: '18c2f0a1b2c3d4f9',
        bodyHtml: `Hi Ada, thought of you: Week nine is the hard one. <a href="${article}?utm_source=tend">How to train for your first marathon</a>`,
      },
    ],
  });
  const after = await openGmail(page, web, sent, 'inbox/FMfcgzQXSentReply');
  // (innerText: the heading is shown in capitals.)
  await waitForText(after, /Shared \(1\)/i);
  expect(await countByRole(after, { role: 'region', name: `Waiting to be sent to ${ADA.name}` })).toBe(0);
  const [resource] = await readTable<{ sharedWith: Record<string, number>; pendingFor: string[] }>(firefox, 'resources');
  expect(resource!.pendingFor).toEqual([]);
  expect(resource!.sharedWith[clientId]).toBeGreaterThan(0);
});

test('Gmail navigation without a reload: the sidebar follows, and a colleague at a client company is one click from being added', async ({ tab: page, web }) => {
  const frame = await openGmail(page, web, gmailThreadPage(pricingThread()));
  await addClientFromSidebar(frame, ADA.name);

  // Gmail changes the hash, then renders the next conversation in place.
  const teamIntro = gmailThreadMain({
    account: ME,
    subject: 'Team intro',
    threadId: '18c2f0a1b2c3d500',
    messages: [{
      from: ADA,
      to: [{ name: 'me', email: ME }],
      cc: [{ name: 'Charles Babbage', email: 'charles@analytical.example' }, { name: 'Sam Public', email: 'sam.public@gmail.com' }],
      date: 'Thu, Oct 8, 2026, 8:00 AM',
      messageId: '18c2f0a1b2c3d500',
    }],
  });
  await page.evaluate(async (html: string) => {
    await new Promise<void>((resolve) => {
      window.addEventListener('hashchange', () => resolve(), { once: true });
      location.hash = '#inbox/FMfcgzQXTeamIntro';
    });
    const main = document.querySelector('[role="main"]')!;
    const types = (window as unknown as { trustedTypes?: { createPolicy(n: string, p: { createHTML(s: string): string }): { createHTML(s: string): string } } }).trustedTypes;
    // Under Gmail's Trusted Types policy, as Gmail's own rendering is.
    main.innerHTML = types ? types.createPolicy('fixture', { createHTML: (s) => s }).createHTML(html) : html;
  }, teamIntro);

  await waitForText(frame, 'Charles Babbage');
  const addToCompany = { role: 'button', name: /^Add to .+\?$/ };
  expect(await countByRole(frame, addToCompany)).toBe(1);
  await clickByRole(frame, addToCompany);
  await getByRole(frame, { role: 'article', name: 'Charles Babbage' });
  // A public address domain is never taken for a company.
  await waitForText(frame, 'Sam Public');
  expect(await countByRole(frame, addToCompany)).toBe(0);
});
