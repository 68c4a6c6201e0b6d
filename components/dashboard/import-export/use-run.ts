/** One action at a time with its outcome: busy while it runs, then its status text or its error. */
import { useState } from 'react';
import { message } from './shared';

export function useRun<What extends string>(onSettled?: () => void) {
  const [busy, setBusy] = useState<What | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: What, action: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    setStatus(null);
    try {
      setStatus(await action());
    } catch (failure) {
      setError(message(failure));
    } finally {
      setBusy(null);
      onSettled?.();
    }
  };
  return { busy, status, error, run };
}
