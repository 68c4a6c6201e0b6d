import { describe, expect, it } from 'vitest';
import {
  PUBLIC_MAIL_DOMAINS,
  companyDomainOf,
  emailDomain,
  isPublicMailDomain,
  normaliseEmail,
} from '../../lib/domain/addresses';
import { EmailAddress } from '../../lib/model';

describe('normaliseEmail', () => {
  it.each([
    ['jane@acme.com', 'jane@acme.com'],
    ['  Jane.Doe@ACME.com  ', 'jane.doe@acme.com'],
    ['<jane@acme.com>', 'jane@acme.com'],
    [' < Jane@Acme.com > ', 'jane@acme.com'],
    ['mailto:jane@acme.com', 'jane@acme.com'],
    ['MAILTO:Jane@Acme.COM', 'jane@acme.com'],
    ['mailto:jane@acme.com?subject=Hello%20there', 'jane@acme.com'],
    ['mailto:jane%40acme.com', 'jane@acme.com'],
    ['"jane@acme.com"', 'jane@acme.com'],
    ["'jane@acme.com'", 'jane@acme.com'],
    ['jane+tag@mail.acme.co.uk', 'jane+tag@mail.acme.co.uk'],
    ["o'brien@acme.ie", "o'brien@acme.ie"],
    ['j_d-1@sub-domain.acme-corp.io', 'j_d-1@sub-domain.acme-corp.io'],
    ['jane@xn--mller-kva.de', 'jane@xn--mller-kva.de'],
    ['jane@müller.de', 'jane@müller.de'],
  ])('%j -> %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['   '],
    ['jane'],
    ['jane@'],
    ['@acme.com'],
    ['jane@acme'],
    ['jane@@acme.com'],
    ['jane@bob@acme.com'],
    ['jane doe@acme.com'],
    ['jane@acme .com'],
    ['.jane@acme.com'],
    ['jane.@acme.com'],
    ['ja..ne@acme.com'],
    ['jane@acme..com'],
    ['jane@.acme.com'],
    ['jane@acme.com.'],
    ['jane@-acme.com'],
    ['jane@acme-.com'],
    ['jane@acme.c'],
    ['jane@10.0.0.1'],
    ['Jane Doe <jane@acme.com>'],
    ['<jane@acme.com'],
    ['jane@acme.com>'],
    ['"jane"@acme.com'],
    ['jane(comment)@acme.com'],
    ['jane@acme.com, bob@acme.com'],
    ['jane;bob@acme.com'],
    ['<script>@acme.com'],
    ['<img src=x onerror=alert(1)>'],
    ['mailto:'],
    ['mailto:%E0%A4%A'],
    ['__proto__'],
    ['__proto__@'],
  ])('%j is invalid', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });

  it('enforces the length limits', () => {
    expect(normaliseEmail(`${'a'.repeat(64)}@acme.com`)).toBe(`${'a'.repeat(64)}@acme.com`);
    expect(normaliseEmail(`${'a'.repeat(65)}@acme.com`)).toBeNull();
    expect(normaliseEmail(`jane@${'a'.repeat(63)}.com`)).toBe(`jane@${'a'.repeat(63)}.com`);
    expect(normaliseEmail(`jane@${'a'.repeat(64)}.com`)).toBeNull();
    const longDomain = `${Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.')}.com`;
    expect(normaliseEmail(`jane@${longDomain}`)).toBeNull();
    expect(normaliseEmail(`${'a'.repeat(10_000)}@acme.com`)).toBeNull();
    expect(normaliseEmail('@'.repeat(10_000))).toBeNull();
  });

  it('returns what the model schema accepts', () => {
    for (const raw of ['Jane@Acme.com', 'mailto:jane+x@acme.co.uk', '<o\'brien@acme.ie>']) {
      const normalised = normaliseEmail(raw);
      expect(normalised).not.toBeNull();
      expect(EmailAddress.parse(normalised)).toBe(normalised);
    }
  });

  it('is idempotent', () => {
    const once = normaliseEmail('mailto:<Jane@ACME.com>');
    expect(once).toBe('jane@acme.com');
    expect(normaliseEmail(once)).toBe(once);
  });
});

describe('emailDomain', () => {
  it('returns the lower-cased domain', () => {
    expect(emailDomain('Jane@Mail.ACME.com')).toBe('mail.acme.com');
    expect(emailDomain('mailto:bob@acme.de')).toBe('acme.de');
  });

  it('returns null for invalid addresses', () => {
    expect(emailDomain('acme.com')).toBeNull();
    expect(emailDomain(null)).toBeNull();
    expect(emailDomain(undefined)).toBeNull();
    expect(emailDomain('')).toBeNull();
  });
});

describe('public mail domains', () => {
  it('lists the required providers', () => {
    const required = [
      'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.de', 'hotmail.fr',
      'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'ymail.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com',
      'proton.me', 'protonmail.com', 'pm.me', 'gmx.de', 'gmx.net', 'gmx.com', 'web.de', 't-online.de', 'mail.com',
      'zoho.com', 'yandex.ru', 'yandex.com', 'fastmail.com', 'hey.com', 'qq.com', '163.com',
    ];
    for (const domain of required) expect(PUBLIC_MAIL_DOMAINS.has(domain), domain).toBe(true);
    for (const domain of PUBLIC_MAIL_DOMAINS) expect(domain).toBe(domain.toLowerCase().trim());
  });

  it('compares case-insensitively, ignoring a trailing dot', () => {
    expect(isPublicMailDomain('GMail.com')).toBe(true);
    expect(isPublicMailDomain(' web.de. ')).toBe(true);
    expect(isPublicMailDomain('acme.com')).toBe(false);
    expect(isPublicMailDomain('mail.gmail.com.evil.io')).toBe(false);
    expect(isPublicMailDomain('gmail.co')).toBe(false);
    expect(isPublicMailDomain('')).toBe(false);
    expect(isPublicMailDomain(null)).toBe(false);
    expect(isPublicMailDomain('__proto__')).toBe(false);
    expect(isPublicMailDomain('constructor')).toBe(false);
  });
});

describe('companyDomainOf', () => {
  it('gives the domain of a company address', () => {
    expect(companyDomainOf('Jane@ACME.com')).toBe('acme.com');
    expect(companyDomainOf('<bob@sales.acme.de>')).toBe('sales.acme.de');
  });

  it('gives null for public providers and invalid addresses', () => {
    expect(companyDomainOf('jane@gmail.com')).toBeNull();
    expect(companyDomainOf('Jane@GMX.DE')).toBeNull();
    expect(companyDomainOf('jane@hotmail.co.uk')).toBeNull();
    expect(companyDomainOf('jane@proton.me')).toBeNull();
    expect(companyDomainOf('not an address')).toBeNull();
    expect(companyDomainOf(null)).toBeNull();
  });
});
