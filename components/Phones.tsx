/**
 * A client's phone numbers, each a `tel:` link: national form for numbers of the
 * user's own country ("020 7946 0958"), international for the others
 * ("+1 202 555 0123"), as written for those libphonenumber could not read.
 * Rendered in extension pages only (the sidebar frame, the dashboard).
 */
import { countryOfLocale, formatPhone, telHref, type CountryCode } from '../lib/domain/phones';

/** The user's country, from the browser's language ("en-GB" → GB). */
export function localCountry(): CountryCode | undefined {
  return countryOfLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

export function Phones({ phones, country = localCountry(), links = true }: { phones: readonly string[]; country?: CountryCode; links?: boolean }) {
  if (phones.length === 0) return null;
  return (
    <ul className="phones" aria-label="Phone numbers">
      {phones.map((phone) => (
        <li key={phone}>{links ? <a href={telHref(phone)}>{formatPhone(phone, country)}</a> : formatPhone(phone, country)}</li>
      ))}
    </ul>
  );
}
