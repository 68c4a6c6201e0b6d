/**
 * The first run on the dashboard (issue 15, item 12): three steps, each linking to
 * where it is done and marked done (in words, not colour alone) as soon as Tend sees
 * it happen. Shown until all three are done or the user dismisses it
 * (lib/domain/first-run.ts); both are remembered by the background.
 */
import { useCallback, useId, type ReactNode } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import type { Topic } from '../../lib/messaging/topics';
import { FIRST_RUN_STEPS, type FirstRunStep } from '../../lib/domain/first-run';
import { ErrorText, useAction } from '../useAction';

/** Own addresses and "mail page seen" are settings; a new client changes 'clients'. */
export const FIRST_RUN_TOPICS: readonly Topic[] = ['settings', 'clients', 'people'];

const STEPS: Record<FirstRunStep, { title: string; body: ReactNode }> = {
  addresses: {
    title: 'Your addresses',
    body: (
      <>
        Tell Tend which addresses are yours, so it knows what you wrote from what your clients wrote. <a href="#settings">Add them in Settings</a>.
      </>
    ),
  },
  clients: {
    title: 'Import contacts (or add one)',
    body: (
      <>
        <a href="#backup">Import contacts</a> from a CSV or vCard file, or open a conversation in Gmail or Outlook and press Add client in the Tend sidebar.
      </>
    ),
  },
  mail: {
    title: 'Open Gmail or Outlook',
    body: (
      <>
        Tend works beside your mail: open{' '}
        <a href="https://mail.google.com/mail/" target="_blank" rel="noreferrer">
          Gmail
        </a>{' '}
        or{' '}
        <a href="https://outlook.office.com/mail/" target="_blank" rel="noreferrer">
          Outlook
        </a>{' '}
        and the sidebar shows who you are writing with.
      </>
    ),
  },
};

export function FirstRun() {
  const headingId = useId();
  const fetchFirstRun = useCallback(() => send('getFirstRun', {}), []);
  const state = useLiveQuery(fetchFirstRun, FIRST_RUN_TOPICS);
  const dismiss = useAction(() => send('dismissFirstRun', {}));
  // Loading or failing, the guide stays out of the way: the dashboard works without it.
  const value = 'value' in state ? state.value : undefined;
  if (!value?.show) return null;
  return (
    <section className="first-run" aria-labelledby={headingId}>
      <h2 id={headingId}>Get started with Tend</h2>
      <p className="muted">
        {value.doneCount} of {FIRST_RUN_STEPS.length} steps done
      </p>
      <ol className="first-run-steps">
        {FIRST_RUN_STEPS.map((step) => {
          const done = value.done[step];
          return (
            <li key={step} className={done ? 'step done' : 'step'}>
              <p className="step-title">
                <strong>{STEPS[step].title}</strong>
                <span className="step-state">{done ? ' ✓ Done' : ' · To do'}</span>
              </p>
              {!done && <p className="step-body">{STEPS[step].body}</p>}
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => !dismiss.busy && dismiss.run()} aria-disabled={dismiss.busy || undefined}>
        Dismiss
      </button>
      <ErrorText error={dismiss.error} />
    </section>
  );
}
