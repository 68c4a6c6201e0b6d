/**
 * Phone numbers: read from whatever people or files wrote ("020 7946 0958",
 * "+1 (202) 555-0123", "tel:+49-30-1234567") into E.164 ("+442079460958") where
 * libphonenumber-js can read them, kept as written (trimmed) where it cannot, and
 * shown back in the national form for the user's own country, international otherwise.
 *
 * libphonenumber-js with its `min` metadata (about 80 kB): only extension pages and the
 * background import this module, never a mail page's content script.
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { CLIENT_LIST_LIMITS, MAX_PHONE_CHARS } from '../model';

export type { CountryCode };

/** The longest phone a client keeps (lib/model.ts): anything longer is no phone number. */
export { MAX_PHONE_CHARS };

/**
 * The country a locale's numbers are written for ("en-GB" → GB, "de" → DE, "en" → US),
 * undefined when the locale names none libphonenumber knows.
 */
export function countryOfLocale(locale: string | undefined): CountryCode | undefined {
  if (!locale) return undefined;
  try {
    const region = new Intl.Locale(locale).maximize().region;
    return region && isSupportedCountry(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The country of the browser's language: how numbers written without a country code
 * are read, and which are shown in national form. The same in the background and the
 * pages (both run in the browser, with its language).
 */
export function browserCountry(): CountryCode | undefined {
  return countryOfLocale(globalThis.navigator?.language);
}

/**
 * One phone as stored: E.164 when it is a valid number (read with `defaultCountry`
 * when written without its country code), else as written, trimmed, spaces collapsed.
 * A number with an extension stays as written: E.164 has no room for it. '' for blank.
 */
export function normalisePhone(raw: string, defaultCountry?: CountryCode): string {
  const written = String(raw ?? '').replace(/^tel:/i, '').replace(/\s+/g, ' ').trim();
  if (!written) return '';
  const parsed = parsePhoneNumberFromString(written, defaultCountry);
  if (parsed && parsed.isValid() && !parsed.ext) return parsed.number;
  return written;
}

/**
 * What makes two phones the same number: the E.164 form's digits, or the digits of one
 * kept as written (so "020 7946 0958" typed twice is one number).
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return phone.trim().startsWith('+') ? `+${digits}` : digits || phone.trim().toLowerCase();
}

export interface NormalisedPhones {
  phones: string[];
  /** Numbers longer than a phone can be (kept out, and said why). */
  tooLong: string[];
  /** Numbers past the limit a client keeps. */
  overLimit: number;
}

/**
 * Many phones normalised: duplicates (by E.164) collapsed, first seen kept, at most
 * `limit` (CLIENT_LIST_LIMITS.phones). What does not fit is returned, never dropped unsaid.
 */
export function normalisePhones(raws: readonly string[], defaultCountry?: CountryCode, limit: number = CLIENT_LIST_LIMITS.phones): NormalisedPhones {
  const phones: string[] = [];
  const keys = new Set<string>();
  const tooLong: string[] = [];
  let overLimit = 0;
  for (const raw of raws) {
    const phone = normalisePhone(raw, defaultCountry);
    if (!phone) continue;
    if (phone.length > MAX_PHONE_CHARS) {
      tooLong.push(phone);
      continue;
    }
    const key = phoneKey(phone);
    if (keys.has(key)) continue;
    keys.add(key);
    if (phones.length >= limit) overLimit += 1;
    else phones.push(phone);
  }
  return { phones, tooLong, overLimit };
}

/** `existing` and then the `incoming` phones it lacks (by phoneKey), in order. */
export function unionPhones(existing: readonly string[], incoming: readonly string[]): string[] {
  const keys = new Set(existing.map(phoneKey));
  const all = [...existing];
  for (const phone of incoming) {
    const key = phoneKey(phone);
    if (keys.has(key)) continue;
    keys.add(key);
    all.push(phone);
  }
  return all;
}

/**
 * A stored phone for reading: national form ("020 7946 0958") when it is in
 * `localCountry`, international ("+44 20 7946 0958") otherwise, as written when
 * it is not a number libphonenumber reads.
 */
export function formatPhone(phone: string, localCountry?: CountryCode): string {
  if (!phone.startsWith('+')) return phone;
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed || !parsed.isValid()) return phone;
  return localCountry && parsed.country === localCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** The `tel:` link of a stored phone: its E.164 form, or the dialable characters of one kept as written. */
export function telHref(phone: string): string {
  if (phone.startsWith('+') && /^\+\d+$/.test(phone)) return `tel:${phone}`;
  const dialable = phone.replace(/[^\d+*#]/g, '');
  return `tel:${dialable}`;
}
