/**
 * Conversations several end-to-end specs open: served at Gmail's real address, with the
 * sidebar's frame ready to drive.
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { serveGmail, sidebarFrame } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { ADA, ME } from '../fixtures/people';

/** Ada's email of 40 days ago (as a client she is then overdue), opened in Gmail; answers the sidebar's frame. */
export async function openAdasOldThread(context: BrowserContext, page: Page): Promise<Frame> {
  serveGmail(
    context,
    gmailThreadPage({
      account: ME,
      subject: 'Old thread',
      threadId: '18c2f0a1b2c3d4e6',
      messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: gmailDateDaysAgo(40), messageId: '18c2f0a1b2c3d4e6' }],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXOld');
  return sidebarFrame(page);
}
