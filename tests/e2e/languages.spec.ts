/**
 * Real mail pages in other languages (issue 14): dates read in the page's language,
 * the user never offered as a client, and a page Tend cannot read says so, with
 * diagnostics that hold nothing of the mail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, REPO_ROOT, serveGmail, serveOutlook, sidebarFrame, test } from './harness';
import { seedClient } from './data';
import { redesignedGmailPage } from '../fixtures/gmail';

const ME = 'robin@valeconsulting.example';
const WANG = { name: '王芳', email: 'client@zh-cn.example' };

function savedGmailPage(name: string): string {
  return readFileSync(join(REPO_ROOT, 'tests/fixtures/gmail', name), 'utf8');
}

test('Chinese Gmail with no address in the account area: dates read to the minute, the owner "我" is never offered', async ({ context, page, extensionId }) => {
  await seedClient(context, extensionId, WANG);
  serveGmail(context, savedGmailPage('thread-zh-CN.html'));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXZhCNWorkshop');
  const frame = await sidebarFrame(page);
  const card = frame.getByRole('article', { name: WANG.name });
  const times = card.getByRole('region', { name: `Recent interactions with ${WANG.name}` }).locator('time');
  await expect(times).toHaveCount(2);
  // "2016年5月4日 下午3:42" and "上午10:08", local time, newest first; neither "seen now".
  await expect(times.nth(0)).toHaveAttribute('datetime', new Date(2016, 4, 4, 15, 42).toISOString());
  await expect(times.nth(1)).toHaveAttribute('datetime', new Date(2016, 4, 4, 10, 8).toISOString());
  await expect(times.nth(0)).not.toContainText('seen');
  // The owner, labelled 我, is the user: not a person to add, and asked about once.
  await expect(frame.getByRole('button', { name: 'Add client' })).toHaveCount(0);
  await expect(frame.locator('.person, article', { hasText: '我' })).toHaveCount(0);
  await expect(frame.getByRole('region', { name: 'Your address?' })).toContainText(`Is ${ME} your address?`);
});

test('Japanese Outlook: read by structure, dates read in Japanese, the user by name never offered', async ({ context, page, extensionId }) => {
  const yamada = { name: '山田 太郎', email: 'taro.yamada@torihikisaki.example' };
  await seedClient(context, extensionId, yamada);
  serveOutlook(context, 'outlook.office365.com', readFileSync(join(REPO_ROOT, 'tests/fixtures/outlook/thread-ja.html'), 'utf8'));
  await page.goto('https://outlook.office365.com/mail/inbox/id/AAQkADAwATM0MDAAMS1iYmE2LTM5ADEtMDACLTAwCgAQAJaJaJaJaJaJaJaJaJaJa0%3D');
  const frame = await sidebarFrame(page);
  const times = frame.getByRole('article', { name: yamada.name }).getByRole('region', { name: `Recent interactions with ${yamada.name}` }).locator('time');
  await expect(times).toHaveCount(2);
  await expect(times.nth(0)).toHaveAttribute('datetime', new Date(2026, 9, 7, 9, 5).toISOString());
  await expect(times.nth(1)).toHaveAttribute('datetime', new Date(2026, 9, 6, 15, 42).toISOString());
  // 佐藤 花子 is the account: never a person to add. 鈴木 一郎 (a colleague, name only) is.
  await expect(frame.locator('.person, article', { hasText: '佐藤' })).toHaveCount(0);
  await expect(frame.locator('.person', { hasText: '鈴木 一郎' }).getByRole('button', { name: 'Add client' })).toBeVisible();
});

test("a conversation Tend cannot read says so, and its diagnostics hold none of the page's text or addresses", async ({ context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mail.google.com' });
  // A redesign: the conversation is there, but none of the hooks Tend reads.
  const redesigned = redesignedGmailPage(ME);
  serveGmail(context, redesigned);
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXRedesignedPage');
  const frame = await sidebarFrame(page);
  const unreadable = frame.getByRole('region', { name: "Tend can't read this conversation" });
  await expect(unreadable).toBeVisible();
  await unreadable.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(unreadable.getByRole('status')).toHaveText('Copied. Paste it into your report.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^Tend \d+\.\d+\.\d+ on gmail\n/);
  expect(copied).toContain('url: mail.google.com/mail/u/0/#inbox/*');
  expect(copied).toContain('(content not read)');
  for (const secret of ['Kofi', 'kofi@', 'baobab', ME, 'Quarterly', 'Lisbon', 'FMfcgzQX', '@']) expect(copied).not.toContain(secret);
});
