/**
 * "Write to them" (issue 15, item 9): which mail a new message opens in, read from
 * the conversations Tend has seen, and the link to it; the words beside a date
 * coming up; and the first run's step states (item 12). Pure rules, hand-computed cases.
 */
import { describe, expect, it } from 'vitest';
import { composeLink, mailAppOf, MAILTO, type MailApp } from '../../lib/domain/compose-link';
import { daysAheadText } from '../../lib/domain/upcoming-dates';
import { firstRunState } from '../../lib/domain/first-run';
import { MailApp as MailAppSchema } from '../../lib/model';

const gmail = (url: string) => ({ host: 'gmail' as const, url });
const outlook = (url: string) => ({ host: 'outlook' as const, url });

describe('which mail the user uses', () => {
  it('keeps the Gmail account of the conversation seen', () => {
    expect(mailAppOf([gmail('https://mail.google.com/mail/u/1/#inbox/FMfcgzQX')])).toEqual({ app: 'gmail', account: 'u/1/' });
    expect(mailAppOf([gmail('https://mail.google.com/mail/u/0/#inbox')])).toEqual({ app: 'gmail', account: 'u/0/' });
    expect(mailAppOf([gmail('https://mail.google.com/mail/u/me@consulting.example/#inbox')])).toEqual({ app: 'gmail', account: 'u/me@consulting.example/' });
    expect(mailAppOf([gmail('https://mail.google.com/mail/b/2/u/0/#inbox')])).toEqual({ app: 'gmail', account: 'b/2/u/0/' });
    expect(mailAppOf([gmail('https://mail.google.com/mail/#inbox/abc')])).toEqual({ app: 'gmail', account: '' });
  });

  it('names each Outlook origin as seen', () => {
    for (const host of ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft']) {
      expect(mailAppOf([outlook(`https://${host}/mail/inbox/id/AAQkAGI2`)])).toEqual({ app: 'outlook', origin: `https://${host}` });
    }
  });

  it('takes the newest email that says, and falls back to mailto:', () => {
    // An Outlook email without its link does not say which origin; the next one does.
    expect(mailAppOf([outlook(''), gmail('https://mail.google.com/mail/u/3/#inbox/x')])).toEqual({ app: 'gmail', account: 'u/3/' });
    expect(mailAppOf([outlook('https://outlook.live.com/mail/0/'), gmail('https://mail.google.com/mail/u/3/')])).toEqual({ app: 'outlook', origin: 'https://outlook.live.com' });
    expect(mailAppOf([])).toEqual(MAILTO);
    expect(mailAppOf([outlook('')])).toEqual(MAILTO);
    // Not a mail host's page, or not https: never a link to somewhere else.
    expect(mailAppOf([{ host: 'gmail', url: 'https://evil.example/mail/u/1/' }])).toEqual(MAILTO);
    expect(mailAppOf([{ host: 'outlook', url: 'http://outlook.live.com/mail/' }])).toEqual(MAILTO);
  });
});

describe('the link that opens a new message', () => {
  it('opens Gmail compose in the account seen', () => {
    expect(composeLink({ app: 'gmail', account: 'u/1/' }, 'ada@analytical.example')).toBe('https://mail.google.com/mail/u/1/?view=cm&fs=1&to=ada%40analytical.example');
    expect(composeLink({ app: 'gmail', account: '' }, 'ada@analytical.example')).toBe('https://mail.google.com/mail/?view=cm&fs=1&to=ada%40analytical.example');
  });

  it('opens Outlook compose on each origin', () => {
    for (const origin of ['https://outlook.office.com', 'https://outlook.office365.com', 'https://outlook.live.com', 'https://outlook.cloud.microsoft']) {
      expect(composeLink({ app: 'outlook', origin }, 'ada@analytical.example')).toBe(`${origin}/mail/deeplink/compose?to=ada%40analytical.example`);
    }
  });

  it('falls back to mailto: with the @ readable', () => {
    expect(composeLink(MAILTO, 'ada@analytical.example')).toBe('mailto:ada@analytical.example');
  });

  it('escapes + (a space in a query), & and unicode in every form', () => {
    const address = 'josé+tend&co@exämple.de';
    const gmailLink = new URL(composeLink({ app: 'gmail', account: 'u/1/' }, address)!);
    expect(gmailLink.searchParams.get('to')).toBe(address);
    expect(gmailLink.searchParams.get('view')).toBe('cm');
    expect(composeLink({ app: 'gmail', account: '' }, address)).toContain('to=jos%C3%A9%2Btend%26co%40ex%C3%A4mple.de');
    const outlookLink = new URL(composeLink({ app: 'outlook', origin: 'https://outlook.office.com' }, address)!);
    expect(outlookLink.searchParams.get('to')).toBe(address);
    expect(composeLink(MAILTO, address)).toBe('mailto:jos%C3%A9%2Btend%26co@ex%C3%A4mple.de');
  });

  it('is none without an address', () => {
    expect(composeLink({ app: 'gmail', account: 'u/1/' }, undefined)).toBeNull();
    expect(composeLink(MAILTO, '')).toBeNull();
    expect(composeLink(MAILTO, '  ')).toBeNull();
  });

  it('stores only an account path or an Outlook origin: a stored value becomes a link', () => {
    const valid: MailApp[] = [{ app: 'gmail', account: 'u/1/' }, { app: 'gmail', account: '' }, { app: 'outlook', origin: 'https://outlook.live.com' }, MAILTO];
    for (const app of valid) expect(MailAppSchema.safeParse(app).success).toBe(true);
    expect(MailAppSchema.safeParse({ app: 'gmail', account: '../../evil.example/' }).success).toBe(false);
    expect(MailAppSchema.safeParse({ app: 'gmail', account: 'u/1/?x=' }).success).toBe(false);
    expect(MailAppSchema.safeParse({ app: 'outlook', origin: 'https://evil.example' }).success).toBe(false);
    expect(MailAppSchema.safeParse({ app: 'outlook', origin: 'javascript:alert(1)//' }).success).toBe(false);
  });
});

describe('how far ahead a date is', () => {
  it('says today, tomorrow, or in so many days', () => {
    expect(daysAheadText(0)).toBe('today');
    expect(daysAheadText(1)).toBe('tomorrow');
    expect(daysAheadText(2)).toBe('in 2 days');
    expect(daysAheadText(14)).toBe('in 14 days');
  });
});

describe('the first run', () => {
  const facts = { ownAddresses: 0, hasClients: false, mailPageSeen: false, dismissed: false };

  it('marks each step done as it happens, and shows until all three are', () => {
    expect(firstRunState(facts)).toEqual({ done: { addresses: false, clients: false, mail: false }, doneCount: 0, show: true });
    expect(firstRunState({ ...facts, ownAddresses: 1 })).toMatchObject({ done: { addresses: true, clients: false, mail: false }, doneCount: 1, show: true });
    expect(firstRunState({ ...facts, hasClients: true })).toMatchObject({ done: { addresses: false, clients: true, mail: false }, doneCount: 1 });
    expect(firstRunState({ ...facts, mailPageSeen: true })).toMatchObject({ done: { addresses: false, clients: false, mail: true }, doneCount: 1 });
    expect(firstRunState({ ...facts, ownAddresses: 2, hasClients: true, mailPageSeen: true })).toMatchObject({ doneCount: 3, show: false });
  });

  it('stays hidden once dismissed, whatever is left to do', () => {
    expect(firstRunState({ ...facts, dismissed: true }).show).toBe(false);
  });
});
