/**
 * The one form for logging an interaction and for correcting one: what kind, when
 * (a date and time, now unless changed, in the user's time zone) and what was said.
 * The sidebar and the client page both use it, so logging reads the same everywhere.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Interaction } from '../lib/model';
import { LOGGABLE_KINDS, type LoggableKind } from '../lib/messaging/protocol';
import { loggedDateProblem } from '../lib/domain/interactions';
import { send } from '../lib/messaging/send';
import { FormActions, useAction } from './useAction';
import { useOfferUndo } from './UndoNotice';

export const KIND_LABELS: Record<Interaction['kind'], string> = {
  email: 'Email',
  note: 'Note',
  call: 'Call',
  meeting: 'Meeting',
  checkin: 'Check-in',
  'shared-resource': 'Shared',
  gift: 'Gift',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as a `datetime-local` value (`YYYY-MM-DDTHH:mm`), in the browser's time zone. */
export function toLocalInput(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value as a time, read in the browser's time zone (NaN when empty or unreadable). */
export function fromLocalInput(value: string): number {
  // Without an offset, a date-time string is local time (ECMAScript Date.parse).
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? new Date(value).getTime() : NaN;
}

export interface LoggedValues {
  /** Absent when the kind cannot be changed (an email seen on screen, a share). */
  kind?: LoggableKind;
  /** Absent when the date cannot be changed (an email's date read from its page). */
  at?: number;
  text: string;
}

interface Props {
  /** The form's accessible name ("Log interaction", "Edit interaction"). */
  label: string;
  /** What the form starts with; a new log starts now. */
  initial?: { kind: Interaction['kind']; at: number; text: string };
  /** The kind is shown but cannot be changed. */
  kindFixed?: boolean;
  /** The date is shown but cannot be changed. */
  dateFixed?: boolean;
  onSave: (values: LoggedValues) => Promise<unknown>;
  onCancel: () => void;
}

export function LogInteractionForm({ label, initial, kindFixed = false, dateFixed = false, onSave, onCancel }: Props) {
  const id = useId();
  const [kind, setKind] = useState<Interaction['kind']>(initial?.kind ?? 'call');
  const [shownAt] = useState(() => toLocalInput(initial?.at ?? Date.now()));
  const [when, setWhen] = useState(shownAt);
  const [text, setText] = useState(initial?.text ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction(async () => {
    const values: LoggedValues = { text };
    if (!kindFixed) values.kind = kind as LoggableKind;
    // The input shows minutes: an edit that leaves the date alone keeps its seconds too.
    if (!dateFixed && !(initial && when === shownAt)) values.at = fromLocalInput(when);
    await onSave(values);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dateFixed) {
      const at = fromLocalInput(when);
      const problem = Number.isNaN(at) ? 'Choose a date and a time.' : loggedDateProblem(at, new Date());
      if (problem) return setInvalid(problem);
    }
    if (kind === 'note' && !text.trim()) return setInvalid('Write the note.');
    setInvalid(null);
    save.run();
  };
  return (
    <form className="card-form log-interaction" onSubmit={submit} aria-label={label} noValidate>
      <label htmlFor={`${id}-kind`}>What</label>
      {kindFixed ? (
        <output id={`${id}-kind`}>{KIND_LABELS[kind]}</output>
      ) : (
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as LoggableKind)}>
          {LOGGABLE_KINDS.map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
      )}
      <label htmlFor={`${id}-when`}>When</label>
      <input
        id={`${id}-when`}
        type="datetime-local"
        value={when}
        max={toLocalInput(Date.now())}
        readOnly={dateFixed}
        aria-describedby={dateFixed ? `${id}-when-why` : undefined}
        onChange={(e) => setWhen(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        required
      />
      {dateFixed && (
        <span id={`${id}-when-why`} className="muted">
          The date was read from the page.
        </span>
      )}
      <label htmlFor={`${id}-text`}>Notes</label>
      <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} maxLength={20000} rows={3} autoFocus />
      {invalid && (
        <p className="error" role="alert">
          {invalid}
        </p>
      )}
      <FormActions action={save} onCancel={onCancel}>
        Save
      </FormActions>
    </form>
  );
}

/**
 * Logs a new interaction for a client. `label` names the form; "Add note" opens it
 * as "New note" with a note chosen, "Log interaction" with a call.
 */
export function NewInteractionForm({ clientId, label = 'Log interaction', kind = 'call', onDone }: { clientId: string; label?: string; kind?: LoggableKind; onDone: () => void }) {
  return (
    <LogInteractionForm
      label={label}
      initial={{ kind, at: Date.now(), text: '' }}
      onSave={async ({ kind: chosen = kind, at, text }) => {
        await send('logInteraction', { clientId, kind: chosen, text, at });
        onDone();
      }}
      onCancel={onDone}
    />
  );
}

/**
 * Corrects one interaction. A logged one (call, meeting, note, check-in, gift) can
 * change kind, date and text; an email seen on screen keeps its kind and, unless the
 * page's date could not be read, its date, but takes a note; a share keeps its kind.
 */
export function EditInteractionForm({ interaction, onDone }: { interaction: Interaction; onDone: () => void }) {
  const loggable = (LOGGABLE_KINDS as readonly string[]).includes(interaction.kind);
  return (
    <LogInteractionForm
      label="Edit interaction"
      initial={interaction}
      kindFixed={!loggable}
      dateFixed={interaction.kind === 'email' && !interaction.dateUncertain}
      onSave={async ({ kind, at, text }) => {
        await send('updateInteraction', { clientId: interaction.clientId, id: interaction.id, kind, at, text });
        onDone();
      }}
      onCancel={onDone}
    />
  );
}

/** What the Undo notice calls an entry: "the call of 3 Dec", "the email “Pricing”". */
function describeForUndo(interaction: Interaction): string {
  const day = new Date(interaction.at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  if (interaction.kind === 'email' && interaction.subject) return `the email “${interaction.subject}”`;
  return `the ${KIND_LABELS[interaction.kind].toLowerCase()} of ${day}`;
}

/** Deletes one interaction, at once, offering it back with Undo. */
export function DeleteInteractionButton({ interaction, onError }: { interaction: Interaction; onError: (message: string) => void }) {
  const [busy, setBusy] = useState(false);
  const offerUndo = useOfferUndo();
  const remove = () => {
    setBusy(true);
    send('deleteInteraction', { clientId: interaction.clientId, id: interaction.id })
      .then((reply) => offerUndo(`Deleted ${describeForUndo(interaction)}.`, reply.undo))
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  return (
    <button type="button" className="link" onClick={remove} disabled={busy}>
      Delete
    </button>
  );
}
