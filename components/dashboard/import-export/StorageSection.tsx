/** Storage: how much space Tend uses, and whether the browser promised to keep it. */
import { useEffect, useId, useState } from 'react';
import { formatBytes, storageEstimate } from '../../../lib/backup/storage';

export function StorageSection() {
  const id = useId();
  const [estimate, setEstimate] = useState<Awaited<ReturnType<typeof storageEstimate>> | undefined>(undefined);
  useEffect(() => {
    void storageEstimate().then(setEstimate);
  }, []);
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Storage</h2>
      {estimate === undefined && <p>Measuring…</p>}
      {estimate === null && <p>This browser does not say how much space Tend uses.</p>}
      {estimate && (
        <p>
          Tend uses {formatBytes(estimate.usage)} on this computer
          {estimate.quota ? ` (of ${formatBytes(estimate.quota)} the browser allows)` : ''}.{' '}
          {estimate.persisted
            ? 'The browser keeps it even when disk space runs low.'
            : 'The browser has not promised to keep it when disk space runs low: make backups.'}
        </p>
      )}
    </section>
  );
}
