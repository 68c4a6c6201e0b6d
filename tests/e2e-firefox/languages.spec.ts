/**
 * Real mail pages in other languages, in Firefox (issue 14): a Chinese Gmail page
 * whose dates are read to the minute and whose owner is never offered as a client,
 * and a page Tend cannot read, which says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickByRole, countByRole, expect, getByRole, seedClient, serveGmail, sidebarFrame, test, textOf, waitForText } from './harness';
import { REPO_ROOT } from './firefox';
import { redesignedGmailPage } from '../fixtures/gmail';

const ME = 'robin@valeconsulting.example';
const WANG = { name: '王芳', email: 'client@zh-cn.example' };

test('Chinese Gmail: dates read in Chinese, the owner "我" never offered; a page Tend cannot read says so', async ({ firefox, tab: page, web }) => {
  await seedClient(firefox, WANG);
  serveGmail(web, readFileSync(join(REPO_ROOT, 'tests/fixtures/gmail/thread-zh-CN.html'), 'utf8'));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXZhCNWorkshop', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await getByRole(frame, { role: 'article', name: WANG.name });
  const interactions = { role: 'region', name: `Recent interactions with ${WANG.name}` };
  await expect.poll(() => countByRole(frame, { role: 'listitem', within: interactions })).toBe(2);
  const times = await frame.evaluate(() => [...document.querySelectorAll('time')].map((time) => time.getAttribute('datetime')));
  expect(times).toEqual([new Date(2016, 4, 4, 15, 42).toISOString(), new Date(2016, 4, 4, 10, 8).toISOString()]);
  expect(await countByRole(frame, { role: 'button', name: 'Add client' })).toBe(0);
  expect(await textOf(frame, { role: 'region', name: 'Your address?' })).toContain(`Is ${ME} your address?`);

  // A redesign: none of the hooks Tend reads are left.
  const redesigned = redesignedGmailPage(ME);
  serveGmail(web, redesigned);
  await page.goto('https://mail.google.com/mail/u/0/?tab=2#inbox/FMfcgzQXRedesignedPage', { waitUntil: 'domcontentloaded' });
  const again = await sidebarFrame(page);
  await waitForText(again, "Tend can't read this conversation");
  await clickByRole(again, { role: 'button', name: 'Copy diagnostics' });
  await waitForText(again, /Copied\. Paste it into your report\.|Tend could not copy to the clipboard here\./);
  expect(await again.evaluate(() => document.body.innerText)).not.toContain('Kofi');
});
