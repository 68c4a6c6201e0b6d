import { useId, useState } from 'react';
import { send } from '../../lib/messaging/send';
import { FormActions, useAction } from '../useAction';
import { useOfferUndo } from '../UndoNotice';

interface Props {
  initial: { name: string; email: string; company: string };
  /** The display name this person had on the page, remembered when there is no address. */
  seenName?: string;
  onDone: () => void;
}

/** The short form behind "Add client", prefilled from the thread. */
export function ClientForm({ initial, seenName, onDone }: Props) {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [email, setEmail] = useState(initial.email);
  const [company, setCompany] = useState(initial.company);
  const [role, setRole] = useState('');
  const offerUndo = useOfferUndo();
  const save = useAction(async () => {
    const created = await send('createClient', { name, email: email.trim() ? email : null, company, role, seenName });
    offerUndo(`Added ${name.trim()} as a client.`, created.undo);
    onDone();
  });
  return (
    <form className="card-form" onSubmit={save.submit} aria-label="New client">
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={500} autoFocus />
      <label htmlFor={`${id}-email`}>Email</label>
      <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} />
      <label htmlFor={`${id}-company`}>Company</label>
      <input id={`${id}-company`} value={company} onChange={(e) => setCompany(e.target.value)} maxLength={500} />
      <label htmlFor={`${id}-role`}>Role</label>
      <input id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} maxLength={500} />
      <FormActions action={save} onCancel={onDone}>
        Save client
      </FormActions>
    </form>
  );
}
