/**
 * Issue 3 end to end, with the production manifest (activeTab, no host
 * permissions): an article served at its real address, the toolbar button pressed
 * as a person would, a client picked, saved; then that client's Gmail / Outlook
 * conversation with a reply open, "Insert into reply", and the link read back out
 * of the compose box.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { expect, pressToolbarButton, serveGmail, serveOutlook, servePage, sidebarFrame, test, watchTrustedTypes } from './harness';
import { callTend, readTable, seedClient } from './data';
import { gmailDateNow, gmailThreadPage } from '../fixtures/gmail';
import { outlookThreadPage, outlookUrl } from '../fixtures/outlook';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const GRACE = { name: 'Grace Hopper', email: 'grace@navy.example' };
const ARTICLE_HTML = readFileSync(new URL('../fixtures/articles/running-marathon-training.html', import.meta.url), 'utf8');
const ARTICLE_TITLE = 'How to train for your first marathon without getting hurt';
const CANONICAL = 'https://www.strideweekly.example/training/first-marathon-plan';
/** Where the reader arrived from a newsletter: tracking parameters and a fragment. */
const ARTICLE_URL = `${CANONICAL}?utm_source=newsletter&utm_medium=email&mc_cid=abc123`;

interface StoredResource {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  contentHtml: string;
  notes: Record<string, string>;
  clientIds: string[];
  sharedWith: Record<string, number>;
  pendingFor: string[];
}

interface StoredClient {
  id: string;
  lastContactAt: number | null;
  nextDueAt: number | null;
}

/** Now as Gmail's header shows a date ("Mon, Dec 7, 2026, 3:52 PM"), to the minute. */
/** Clicks "Insert into reply" on the card, checks the preview, types `message`, presses "Insert". */
async function insertThroughPreview(waiting: ReturnType<Frame['getByRole']>, note: string, message: string) {
  await waiting.getByRole('button', { name: 'Insert into reply' }).click();
  const dialog = waiting.getByRole('dialog', { name: 'Insert into reply' });
  await expect(dialog).toContainText(ARTICLE_TITLE);
  await expect(dialog).toContainText(CANONICAL);
  if (note) await expect(dialog).not.toContainText(note);
  if (message) await dialog.getByRole('textbox', { name: 'Message (optional)' }).fill(message);
  await dialog.getByRole('button', { name: 'Insert', exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

async function seedClients(context: BrowserContext, extensionId: string) {
  const ada = await seedClient(context, extensionId, { ...ADA, company: 'Analytical Engines' });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'hobby', text: 'Training for the Berlin marathon in September' });
  const grace = await seedClient(context, extensionId, { ...GRACE, company: 'US Navy' });
  return { ada, grace };
}

/** Opens the article, presses the toolbar button, picks Ada, saves. */
async function saveArticleForAda(page: Page, cdp: Parameters<typeof pressToolbarButton>[0], extensionId: string, note: string): Promise<void> {
  servePage(page.context(), ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  const popup = await pressToolbarButton(cdp, extensionId, ARTICLE_URL);
  const preview = popup.getByRole('region', { name: 'Page to save' });
  await expect(preview.getByRole('heading', { name: ARTICLE_TITLE })).toBeVisible();
  await expect(preview).toContainText('Stride Weekly');
  await expect(preview).toContainText('Lena Hartmann');
  await expect(preview).toContainText('min read');
  // Ada's detail shares "marathon" and "training" with the article: suggested first.
  const picker = popup.getByRole('group', { name: 'Clients' });
  await expect(picker.getByRole('checkbox').first()).toHaveAccessibleName(/Ada Lovelace.*about/);
  // Searching by company finds her too.
  await popup.getByRole('searchbox', { name: 'Find a client' }).fill('analytical');
  await expect(picker.getByRole('checkbox')).toHaveCount(1);
  await picker.getByRole('checkbox', { name: /Ada Lovelace/ }).check();
  await popup.getByRole('textbox', { name: /Private note/ }).fill(note);
  await popup.getByRole('button', { name: /^Save/ }).click();
  await expect(popup.getByRole('status')).toContainText('Saved for Ada Lovelace');
  // The popup closes itself shortly after confirming.
  await popup.waitForEvent('close', { timeout: 5_000 });
}

/** Ada's Gmail conversation, with a reply open or not; `sentReplyHtml`: the user's reply, sent, below hers. */
async function openGmailWithAda(context: BrowserContext, page: Page, { withReply, sentReplyHtml }: { withReply: boolean; sentReplyHtml?: string }) {
  const fromAda = { from: ADA, to: [{ name: 'me', email: ME }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5', body: 'Shall we do Tuesday?' };
  const sent = sentReplyHtml === undefined ? [] : [{ from: { name: 'me', email: ME }, to: [ADA], date: gmailDateNow(), messageId: '18c2f0a1b2c3d4f9', bodyHtml: sentReplyHtml }];
  serveGmail(context, gmailThreadPage({
    account: ME,
    subject: 'Pricing workshop next week',
    threadId: '18c2f0a1b2c3d4e5',
    withReply,
    messages: [fromAda, ...sent],
  }));
  const url = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ';
  // The same address again is only a fragment change: load the page's next state for real.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
}

/** Ada's Outlook conversation with a reply open (its editor inline or in an iframe); her card's waiting resources. */
async function openOutlookReplyToAda(context: BrowserContext, page: Page, itemId: string, replyEditor: 'inline' | 'iframe') {
  serveOutlook(context, 'outlook.office.com', outlookThreadPage({
    account: ME,
    accountName: 'Jane Doe',
    subject: 'Board offsite agenda',
    itemId,
    withReply: true,
    replyEditor,
    messages: [{ from: ADA, to: [{ name: 'Jane Doe', email: ME }], date: 'Mon 10/5/2026 3:42 PM', body: 'Draft attached.' }],
  }));
  await page.goto(outlookUrl('outlook.office.com', itemId).href);
  const card = await resourceCard(await sidebarFrame(page));
  return { card, waiting: card.getByRole('region', { name: `Resources to share with ${ADA.name}` }) };
}

async function resourceCard(frame: Frame) {
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card).toBeVisible();
  return card;
}

test('save an article from the toolbar, insert it into a Gmail reply: waiting to be sent until the sent reply is seen', async ({ context, page, cdp, extensionId }) => {
  const ids = await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'For your Berlin training block');

  const [stored] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(stored).toBeDefined();
  expect(stored!.canonicalUrl).toBe(CANONICAL);
  expect(stored!.title).toBe(ARTICLE_TITLE);
  expect(stored!.clientIds).toEqual([ids.ada]);
  expect(stored!.contentHtml).toContain('The long run is the heart of the plan');
  // The article's hostile bits are gone from what was stored.
  expect(stored!.contentHtml).not.toMatch(/<script|onerror|javascript:|cookie|Comments \(24\)/i);

  // Ada's conversation, a reply open: the card offers the article.
  const trustedTypes = await watchTrustedTypes(page);
  await openGmailWithAda(context, page, { withReply: true });
  const frame = await sidebarFrame(page);
  const card = await resourceCard(frame);
  const waiting = card.getByRole('region', { name: `Resources to share with ${ADA.name}` });
  await expect(waiting.getByRole('listitem')).toHaveCount(1);
  await expect(waiting).toContainText(ARTICLE_TITLE);
  // The private note, shown as such in the sidebar.
  await expect(waiting).toContainText('Private note: For your Berlin training block');
  const adaBefore = (await readTable<StoredClient>(context, extensionId, 'clients')).find((c) => c.id === ids.ada)!;

  // The user writes a line, then clicks Insert in the sidebar (focus leaves the reply).
  const body = page.locator('[g_editable="true"][contenteditable="true"]');
  await body.click();
  await page.keyboard.type('Hi Ada, thought of you: ');
  await insertThroughPreview(waiting, 'For your Berlin training block', 'Week nine is the hard one.');

  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  await expect(body).toContainText('Hi Ada, thought of you: ');
  await expect(body).toContainText('Week nine is the hard one.');
  // The private note never goes into the email.
  await expect(body).not.toContainText('For your Berlin training block');
  // Inserted at the caret: after what the user typed.
  expect(await body.innerText()).toMatch(/^Hi Ada, thought of you:\s+Week nine is the hard one\. How to train/);

  // Inserted is not sent: it waits, and the check-in has not moved.
  const pending = card.getByRole('region', { name: `Waiting to be sent to ${ADA.name}` });
  await expect(pending).toContainText(ARTICLE_TITLE);
  await expect(pending).toContainText('Waiting to be sent');
  await expect(waiting).toHaveCount(0);
  const checkInUnchanged = async () => {
    const ada = (await readTable<StoredClient>(context, extensionId, 'clients')).find((c) => c.id === ids.ada)!;
    expect([ada.lastContactAt, ada.nextDueAt]).toEqual([adaBefore.lastContactAt, adaBefore.nextDueAt]);
    const [resource] = await readTable<StoredResource>(context, extensionId, 'resources');
    expect([resource!.sharedWith, resource!.pendingFor]).toEqual([{}, [ids.ada]]);
    const interactions = await readTable<{ kind: string; clientId: string }>(context, extensionId, 'interactions');
    expect(interactions.filter((i) => i.kind === 'shared-resource')).toHaveLength(0);
  };
  await checkInUnchanged();

  // The draft is discarded: the conversation as it was. Nothing changes.
  await openGmailWithAda(context, page, { withReply: false });
  await expect((await resourceCard(await sidebarFrame(page))).getByRole('region', { name: `Waiting to be sent to ${ADA.name}` })).toContainText(ARTICLE_TITLE);
  await checkInUnchanged();

  // The reply was sent after all (from another draft): the conversation shows it, with the link.
  await openGmailWithAda(context, page, {
    withReply: false,
    sentReplyHtml: `Hi Ada, thought of you: Week nine is the hard one. <a href="${CANONICAL}">${ARTICLE_TITLE}</a>`,
  });
  const sentCard = await resourceCard(await sidebarFrame(page));
  await expect(sentCard.getByText('Shared (1)')).toBeVisible();
  await expect(sentCard.getByRole('region', { name: `Waiting to be sent to ${ADA.name}` })).toHaveCount(0);
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(after!.sharedWith[ids.ada]).toBeGreaterThan(0);
  expect(after!.pendingFor).toEqual([]);
  const interactions = await readTable<{ kind: string; clientId: string; at: number }>(context, extensionId, 'interactions');
  expect(interactions.filter((i) => i.kind === 'shared-resource' && i.clientId === ids.ada).map((i) => i.at)).toEqual([after!.sharedWith[ids.ada]]);
  // Checked in: the sent reply is the latest contact.
  const adaAfter = (await readTable<StoredClient>(context, extensionId, 'clients')).find((c) => c.id === ids.ada)!;
  expect(adaAfter.lastContactAt).toBe(after!.sharedWith[ids.ada]);
  expect(adaAfter.lastContactAt).toBeGreaterThan(adaBefore.lastContactAt ?? 0);
  expect(await trustedTypes.settle()).toEqual([]);
});

test('save an article, insert it into an Outlook reply at the top when the caret is elsewhere', async ({ context, page, cdp, extensionId }) => {
  const ids = await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'Week nine advice');

  const { card, waiting } = await openOutlookReplyToAda(context, page, 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAAdaLovelaceThread0000=', 'inline');
  await insertThroughPreview(waiting, 'Week nine advice', '');

  const body = page.locator('#editorParent_1 [contenteditable="true"]');
  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  await expect(body).not.toContainText('Week nine advice');
  // No caret in the reply: the link goes on the top line.
  expect(await body.innerText()).toMatch(/^How to train for your first marathon/);
  await expect(card.getByRole('region', { name: `Waiting to be sent to ${ADA.name}` })).toContainText(ARTICLE_TITLE);
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect([after!.sharedWith, after!.pendingFor]).toEqual([{}, [ids.ada]]);
});

test('Outlook with the reply editor in an iframe: the link goes where the caret was', async ({ context, page, cdp, extensionId }) => {
  const ids = await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'Week nine advice');

  const { card, waiting } = await openOutlookReplyToAda(context, page, 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAAdaLovelaceFramed000=', 'iframe');

  // The user types a line and a sign-off in the framed editor, then moves the caret
  // back to the end of the first line before clicking Insert in the sidebar.
  const body = page.frameLocator('#editorParent_1 iframe').locator('[contenteditable="true"]');
  // The framed editor takes focus only once its document is ready: click until it has it
  // (a CI run once typed into nothing, and the test then blamed the insertion).
  await expect(async () => {
    await body.click();
    await expect(body).toBeFocused({ timeout: 1_000 });
  }).toPass();
  await page.keyboard.type('Hi Ada, for your training: ');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Best, Jane');
  await expect(body).toContainText('Best, Jane');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await insertThroughPreview(waiting, 'Week nine advice', 'See week nine.');

  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  // At the caret: after the first line, before the sign-off (not at the top); the message, no note.
  expect(await body.innerText()).toMatch(/^Hi Ada, for your training:\s+See week nine\. How to train for your first marathon[^\n]*\n+\s*Best, Jane\s*$/);
  await expect(body).not.toContainText('Week nine advice');
  await expect(card.getByRole('region', { name: `Waiting to be sent to ${ADA.name}` })).toContainText(ARTICLE_TITLE);
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect([after!.sharedWith, after!.pendingFor]).toEqual([{}, [ids.ada]]);
});

test('with no reply open, Insert into reply copies the title and link (no note) with the clipboard API', async ({ context, page, cdp, extensionId }) => {
  await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'For your Berlin training block');
  // Reading the clipboard back needs the read permission on the page that reads it.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mail.google.com' });

  await openGmailWithAda(context, page, { withReply: false });
  await page.evaluate(() => navigator.clipboard.writeText('something copied earlier'));
  const frame = await sidebarFrame(page);
  const card = await resourceCard(frame);
  const waiting = card.getByRole('region', { name: `Resources to share with ${ADA.name}` });

  // The frame may use the Async Clipboard API (the mail page delegated it), and the
  // old execCommand way is not what copies here.
  expect(await frame.evaluate(() => (document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } }).featurePolicy?.allowsFeature('clipboard-write'))).toBe(true);
  await frame.evaluate(() => {
    const calls: string[] = [];
    const original = document.execCommand.bind(document);
    document.execCommand = (command: string, ...rest: [boolean?, string?]) => {
      calls.push(command);
      return original(command, ...rest);
    };
    (window as unknown as { __execCalls: string[] }).__execCalls = calls;
  });
  await insertThroughPreview(waiting, 'For your Berlin training block', '');
  await expect(waiting.getByRole('status')).toHaveText('No reply is open: the link is copied to the clipboard.');
  expect(await frame.evaluate(() => (window as unknown as { __execCalls: string[] }).__execCalls)).toEqual([]);

  await page.bringToFront();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${ARTICLE_TITLE}\n${CANONICAL}`);
  // Copying is not sharing: the resource waits until the user says it was sent.
  await expect(waiting.getByRole('button', { name: 'Mark as shared' })).toBeVisible();
});

test('saving the same article again adds a client instead of a copy', async ({ context, page, cdp, extensionId }) => {
  await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'First note');
  // The same article, reached without tracking parameters but with a fragment.
  const again = `${CANONICAL}#comments`;
  servePage(context, CANONICAL, ARTICLE_HTML);
  await page.goto(again);
  const popup = await pressToolbarButton(cdp, extensionId, again);
  await expect(popup.getByText(/Already saved for Ada Lovelace/)).toBeVisible();
  await popup.getByRole('group', { name: 'Clients' }).getByRole('checkbox', { name: /Grace Hopper/ }).check();
  await popup.getByRole('button', { name: /^Save/ }).click();
  await expect(popup.getByRole('status')).toContainText('now also for Grace Hopper');
  const rows = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.clientIds).toHaveLength(2);
});

test('the reader page shows the saved article and runs or loads nothing but https images', async ({ context, page, cdp, extensionId }) => {
  await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, '');
  const [stored] = await readTable<StoredResource>(context, extensionId, 'resources');
  const reader = await context.newPage();
  const requests: string[] = [];
  reader.on('request', (request) => requests.push(request.url()));
  await reader.goto(`chrome-extension://${extensionId}/reader.html?id=${stored!.id}`);
  await expect(reader.getByRole('heading', { name: ARTICLE_TITLE })).toBeVisible();
  await expect(reader.getByText('Week nine, and how to get through it')).toBeVisible();
  expect(await reader.evaluate(() => (window as unknown as { __tendHostile?: number }).__tendHostile)).toBeUndefined();
  expect(requests.filter((url) => !url.startsWith('chrome-extension://') && !url.startsWith('https://'))).toEqual([]);
});

test('a browser page cannot be saved, and says so', async ({ page, cdp, extensionId }) => {
  await page.goto('chrome://version/');
  const popup = await pressToolbarButton(cdp, extensionId, 'chrome://version/');
  await expect(popup.getByRole('alert')).toContainText(/browser page|cannot read/);
  await expect(popup.getByRole('button', { name: /^Save/ })).toHaveCount(0);
});
