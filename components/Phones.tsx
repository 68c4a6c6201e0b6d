/**
 * A client's phone numbers, each a `tel:` link: national form for numbers of the
 * user's own country ("020 7946 0958"), international for the others
 * ("+1 202 555 0123"), as written for those libphonenumber could not read.
 * The dashboard's (the sidebar shows the background's formatting: PhoneList).
 */
import { browserCountry, formatPhone, telHref, type CountryCode } from '../lib/domain/phones';
import { PhoneList } from './PhoneList';

export function Phones({ phones, country = browserCountry(), links = true }: { phones: readonly string[]; country?: CountryCode; links?: boolean }) {
  return <PhoneList phones={phones.map((phone) => ({ tel: telHref(phone), text: formatPhone(phone, country) }))} links={links} />;
}
