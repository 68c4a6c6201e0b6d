/**
 * The sidebar's project line (issue 16) in Firefox: a client's current project,
 * recorded on the dashboard, shows in one line on their card in Gmail and follows
 * a change of status live.
 */
import { callTend, expect, seedClient, serveGmail, sidebarFrame, test, waitForText } from './harness';
import { gmailThreadPage } from '../fixtures/gmail';
import { ADA, pricingThread } from '../fixtures/people';

test('Gmail: the card names the client’s current project and its status', async ({ firefox, tab: page, web }) => {
  const clientId = await seedClient(firefox, ADA);
  await callTend(firefox, 'addProject', { clientId, title: 'Old audit', startDay: '2025-01-06', endDay: '2025-03-01', status: 'done', value: null, currency: null, note: '' });
  const { id } = await callTend<{ id: string }>(firefox, 'addProject', { clientId, title: 'Brand refresh', startDay: '2026-01-05', endDay: null, status: 'proposed', value: 8000, currency: 'EUR', note: '' });

  serveGmail(web, gmailThreadPage(pricingThread()));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ', { waitUntil: 'domcontentloaded' });
  const frame = await sidebarFrame(page);
  await waitForText(frame, 'Project: Brand refresh · proposed');

  // Won: the card follows without a reload.
  await callTend(firefox, 'updateProject', { id, status: 'active' });
  await waitForText(frame, 'Project: Brand refresh · active');
  const lines = await frame.evaluate(() => [...document.querySelectorAll('.current-project')].map((line) => line.textContent));
  expect(lines).toEqual(['Project: Brand refresh · active']);
});
