import { useCallback, useState } from 'react';

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
  return { run, busy, error };
}

export function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p className="error" role="alert">
      {error}
    </p>
  ) : null;
}
