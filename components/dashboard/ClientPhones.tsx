/**
 * The client page's phone numbers: each a `tel:` link, removable; a number typed in
 * any form is stored by the background in E.164 where it can be read.
 */
import { useId, useState, type FormEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { CLIENT_LIST_LIMITS, type Client } from '../../lib/model';
import { browserCountry, formatPhone, MAX_PHONE_CHARS, phoneKey, telHref } from '../../lib/domain/phones';
import { ErrorText, useAction } from '../useAction';

export function ClientPhones({ client }: { client: Client }) {
  const id = useId();
  const phones = client.phones ?? [];
  const country = browserCountry();
  const [phone, setPhone] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const add = useAction(async () => {
    await send('updateClient', { clientId: client.id, phones: [...phones, phone.trim()] });
    setPhone('');
  });
  const [removeError, setRemoveError] = useState<string | null>(null);
  const remove = (gone: string) => {
    setRemoveError(null);
    send('updateClient', { clientId: client.id, phones: phones.filter((p) => p !== gone) }).catch((e: unknown) => setRemoveError(e instanceof Error ? e.message : String(e)));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = phone.trim();
    if (!typed) return setInvalid('Type a phone number first.');
    if (phones.some((p) => phoneKey(p) === phoneKey(typed))) return setInvalid(`${client.name} already has this number.`);
    if (phones.length >= CLIENT_LIST_LIMITS.phones) return setInvalid(`A client keeps up to ${CLIENT_LIST_LIMITS.phones} phone numbers: remove one first.`);
    setInvalid(null);
    add.run();
  };
  return (
    <section aria-label="Phone numbers">
      <h3>Phone numbers</h3>
      {phones.length === 0 ? (
        <p className="muted">No phone number yet.</p>
      ) : (
        <ul className="plain">
          {phones.map((p) => {
            const shown = formatPhone(p, country);
            return (
              <li key={p}>
                <a href={telHref(p)}>{shown}</a>{' '}
                <button type="button" className="link" onClick={() => remove(p)} aria-label={`Remove ${shown}`}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorText error={removeError} />
      <form className="inline-form" onSubmit={submit} aria-label="Add a phone number" noValidate>
        <label htmlFor={`${id}-phone`}>Phone number</label>
        <input id={`${id}-phone`} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={MAX_PHONE_CHARS} autoComplete="off" />
        <button type="submit" disabled={add.busy}>
          Add phone
        </button>
      </form>
      {invalid && (
        <p className="error" role="alert">
          {invalid}
        </p>
      )}
      <ErrorText error={add.error} />
    </section>
  );
}
