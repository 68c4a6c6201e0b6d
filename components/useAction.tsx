import { useCallback, useState, type FormEvent, type ReactNode } from 'react';

/** Runs a user action, keeping its busy state and the message of a failure to show. */
export function useAction(action: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(() => {
    setBusy(true);
    setError(null);
    action()
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
      .finally(() => setBusy(false));
  }, [action]);
  /** For a form's onSubmit: the page stays, the action runs. */
  const submit = useCallback(
    (event: FormEvent) => {
      event.preventDefault();
      run();
    },
    [run],
  );
  return { run, submit, busy, error };
}

export function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}

/** The end of a small form: its error, the submit button (busy while saving) and Cancel. */
export function FormActions({ action, onCancel, children }: { action: { busy: boolean; error: string | null }; onCancel: () => void; children: ReactNode }) {
  return (
    <>
      <ErrorText error={action.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={action.busy}>
          {children}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
