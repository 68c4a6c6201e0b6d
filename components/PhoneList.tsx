/**
 * Phone numbers as shown, each a `tel:` link (or plain text): the list markup only,
 * without libphonenumber-js. The sidebar gets its numbers formatted by the
 * background (PersonView.phones); the dashboard formats them itself (Phones.tsx).
 */
export function PhoneList({ phones, links = true }: { phones: ReadonlyArray<{ tel: string; text: string }>; links?: boolean }) {
  if (phones.length === 0) return null;
  return (
    <ul className="phones" aria-label="Phone numbers">
      {phones.map((phone) => (
        <li key={phone.tel + phone.text}>{links ? <a href={phone.tel}>{phone.text}</a> : phone.text}</li>
      ))}
    </ul>
  );
}
