import { n } from './shared';

/** A progress bar with "label: 3 of 10" beside it. */
export function Progress({ label, done, total, unit = '' }: { label: string; done: number; total: number; unit?: string }) {
  return (
    <div className="progress-line">
      <progress value={done} max={Math.max(total, 1)} aria-label={label} />
      <span>
        {label}: {n(done)} of {n(total)}
        {unit}
      </span>
    </div>
  );
}
