import { useId, useState } from 'react';
import { SafeLink } from '../SafeLink';
import type { Interaction } from '../../lib/model';
import { LOGGABLE_KINDS } from '../../lib/messaging/protocol';
import { send } from '../../lib/messaging/send';
import { describeWhen } from '../../lib/domain/dates';
import { FormActions, useAction } from '../useAction';

const KIND_LABELS: Record<Interaction['kind'], string> = {
  email: 'Email',
  note: 'Note',
  call: 'Call',
  meeting: 'Meeting',
  checkin: 'Check-in',
  'shared-resource': 'Shared',
  gift: 'Gift',
};

function summary(interaction: Interaction): string {
  if (interaction.kind === 'email') {
    const way = interaction.direction === 'out' ? 'You wrote' : 'They wrote';
    return interaction.subject ? `${way}: ${interaction.subject}` : way;
  }
  return interaction.text || interaction.subject || KIND_LABELS[interaction.kind];
}

interface Props {
  clientId: string;
  clientName: string;
  interactions: Interaction[];
}

/** The latest interactions, newest first, and a way to log a note, call or meeting. */
export function InteractionsSection({ clientId, clientName, interactions }: Props) {
  const [adding, setAdding] = useState(false);
  const now = new Date();
  return (
    <section aria-label={`Recent interactions with ${clientName}`}>
      <h2 className="section-title">Recent interactions</h2>
      {interactions.length === 0 && !adding && <p className="muted">None yet.</p>}
      <ol className="plain timeline">
        {interactions.map((interaction) => (
          <li key={interaction.id} className="interaction">
            <span className="kind">{KIND_LABELS[interaction.kind]}</span>{' '}
            <SafeLink url={interaction.kind === 'email' ? interaction.url : null} kind="mail">
              {summary(interaction)}
            </SafeLink>{' '}
            <time
              className="muted"
              dateTime={new Date(interaction.at).toISOString()}
              title={interaction.dateUncertain ? 'The date could not be read; this is when Tend saw it' : new Date(interaction.at).toLocaleString()}
            >
              {interaction.dateUncertain ? 'seen ' : ''}
              {describeWhen(interaction.at, now)}
            </time>
          </li>
        ))}
      </ol>
      {adding ? (
        <LogForm clientId={clientId} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          Add note
        </button>
      )}
    </section>
  );
}

function LogForm({ clientId, onDone }: { clientId: string; onDone: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<(typeof LOGGABLE_KINDS)[number]>('note');
  const [text, setText] = useState('');
  const save = useAction(async () => {
    await send('logInteraction', { clientId, kind, text });
    onDone();
  });
  return (
    <form className="card-form" onSubmit={save.submit} aria-label="New note">
      <label htmlFor={`${id}-kind`}>What</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
        {LOGGABLE_KINDS.map((value) => (
          <option key={value} value={value}>
            {KIND_LABELS[value]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`}>Notes</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} required maxLength={20000} rows={3} autoFocus />
      <FormActions action={save} onCancel={onDone}>
        Save
      </FormActions>
    </form>
  );
}
