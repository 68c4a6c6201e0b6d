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
import { gmailThreadPage } from '../fixtures/gmail';
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
  note: string;
  clientIds: string[];
  sharedWith: Record<string, number>;
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
  await popup.getByRole('textbox', { name: /Why this is for them/ }).fill(note);
  await popup.getByRole('button', { name: /^Save/ }).click();
  await expect(popup.getByRole('status')).toContainText('Saved for Ada Lovelace');
  // The popup closes itself shortly after confirming.
  await popup.waitForEvent('close', { timeout: 5_000 });
}

/** Ada's Gmail conversation, with a reply open or not. */
async function openGmailWithAda(context: BrowserContext, page: Page, { withReply }: { withReply: boolean }) {
  serveGmail(context, gmailThreadPage({
    account: ME,
    subject: 'Pricing workshop next week',
    threadId: '18c2f0a1b2c3d4e5',
    withReply,
    messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5', body: 'Shall we do Tuesday?' }],
  }));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
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

test('save an article from the toolbar, insert it into a Gmail reply', async ({ context, page, cdp, extensionId }) => {
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
  await expect(waiting).toContainText('For your Berlin training block');

  // The user writes a line, then clicks Insert in the sidebar (focus leaves the reply).
  const body = page.locator('[g_editable="true"][contenteditable="true"]');
  await body.click();
  await page.keyboard.type('Hi Ada, thought of you: ');
  await waiting.getByRole('button', { name: 'Insert into reply' }).click();

  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  await expect(body).toContainText('Hi Ada, thought of you: ');
  await expect(body).toContainText('For your Berlin training block');
  // Inserted at the caret: after what the user typed.
  expect(await body.innerText()).toMatch(/^Hi Ada, thought of you:\s+How to train/);

  // Now shared: out of "to share", into "Shared", never offered twice.
  await expect(waiting).toHaveCount(0);
  await expect(card.getByText('Shared (1)')).toBeVisible();
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(after!.sharedWith[ids.ada]).toBeGreaterThan(0);
  const interactions = await readTable<{ kind: string; clientId: string }>(context, extensionId, 'interactions');
  expect(interactions.filter((i) => i.kind === 'shared-resource' && i.clientId === ids.ada)).toHaveLength(1);
  expect(await trustedTypes.settle()).toEqual([]);
});

test('save an article, insert it into an Outlook reply at the top when the caret is elsewhere', async ({ context, page, cdp, extensionId }) => {
  const ids = await seedClients(context, extensionId);
  await saveArticleForAda(page, cdp, extensionId, 'Week nine advice');

  const { card, waiting } = await openOutlookReplyToAda(context, page, 'AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAAdaLovelaceThread0000=', 'inline');
  await waiting.getByRole('button', { name: 'Insert into reply' }).click();

  const body = page.locator('#editorParent_1 [contenteditable="true"]');
  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  await expect(body).toContainText('Week nine advice');
  // No caret in the reply: the link goes on the top line.
  expect(await body.innerText()).toMatch(/^How to train for your first marathon/);
  await expect(card.getByText('Shared (1)')).toBeVisible();
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(Object.keys(after!.sharedWith)).toEqual([ids.ada]);
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
  await waiting.getByRole('button', { name: 'Insert into reply' }).click();

  const link = body.locator('a');
  await expect(link).toHaveAttribute('href', CANONICAL);
  await expect(link).toHaveText(ARTICLE_TITLE);
  // At the caret: after the first line, before the sign-off (not at the top).
  expect(await body.innerText()).toMatch(/^Hi Ada, for your training:\s+How to train for your first marathon[^\n]*Week nine advice\s*\n+\s*Best, Jane\s*$/);
  await expect(card.getByText('Shared (1)')).toBeVisible();
  const [after] = await readTable<StoredResource>(context, extensionId, 'resources');
  expect(Object.keys(after!.sharedWith)).toEqual([ids.ada]);
});

test('with no reply open, Insert into reply copies the title, link and note with the clipboard API', async ({ context, page, cdp, extensionId }) => {
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
  await waiting.getByRole('button', { name: 'Insert into reply' }).click();
  await expect(waiting.getByRole('status')).toHaveText('No reply is open: the link is copied to the clipboard.');
  expect(await frame.evaluate(() => (window as unknown as { __execCalls: string[] }).__execCalls)).toEqual([]);

  await page.bringToFront();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${ARTICLE_TITLE}\n${CANONICAL}\nFor your Berlin training block`);
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
