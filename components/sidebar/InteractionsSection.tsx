import { useState } from 'react';
import { SafeLink } from '../SafeLink';
import type { Interaction } from '../../lib/model';
import { describeWhen } from '../../lib/domain/dates';
import { ErrorText } from '../useAction';
import { DeleteInteractionButton, EditInteractionForm, KIND_LABELS, NewInteractionForm } from '../LogInteractionForm';

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

/** Which form is open: none, a new note, a new interaction, or an edit of one entry. */
type Open = null | 'note' | 'log' | { editing: string };

/** The latest interactions, newest first, each editable; and a way to log a note, call, meeting, check-in or gift. */
export function InteractionsSection({ clientId, clientName, interactions }: Props) {
  const [open, setOpen] = useState<Open>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => setOpen(null);
  const now = new Date();
  return (
    <section aria-label={`Recent interactions with ${clientName}`}>
      <h2 className="section-title">Recent interactions</h2>
      {interactions.length === 0 && open === null && <p className="muted">None yet.</p>}
      <ol className="plain timeline">
        {interactions.map((interaction) =>
          typeof open === 'object' && open?.editing === interaction.id ? (
            <li key={interaction.id} className="interaction">
              <EditInteractionForm interaction={interaction} onDone={close} />
            </li>
          ) : (
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
              </time>{' '}
              <button type="button" className="link" onClick={() => setOpen({ editing: interaction.id })}>
                Edit
              </button>{' '}
              <DeleteInteractionButton interaction={interaction} onError={setError} />
            </li>
          ),
        )}
      </ol>
      <ErrorText error={error} />
      {open === 'note' && <NewInteractionForm clientId={clientId} label="New note" kind="note" onDone={close} />}
      {open === 'log' && <NewInteractionForm clientId={clientId} onDone={close} />}
      {open === null && (
        <div className="actions">
          <button type="button" onClick={() => setOpen('log')}>
            Log interaction
          </button>
          <button type="button" onClick={() => setOpen('note')}>
            Add note
          </button>
        </div>
      )}
    </section>
  );
}
