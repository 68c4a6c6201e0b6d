/**
 * One import flow for contacts (CSV, vCard) and backups: pick a file → read and check
 * it, with progress → preview what will change → confirm → report. A format plugs in
 * how a picked file becomes a preview (`read`) and, at confirm, how that preview is
 * written; its section renders its own preview and report inside the pieces here.
 *
 * Nothing is written before the user confirms: reading may ask the background for a
 * dry run, and a failed write says that nothing was written (the background writes in
 * one transaction).
 */
import { useCallback, useState, type ChangeEvent, type ReactNode } from 'react';
import { Progress } from './Progress';
import { NoAnswerError, TendError, send } from '../../../lib/messaging/send';
import { message } from './shared';

export type ImportFlowState<Preview, Report> =
  | { step: 'idle' }
  | { step: 'reading'; done: number; total: number }
  /** `error`: a write that did not happen (the background stopped first); confirming again retries it. */
  | { step: 'preview'; preview: Preview; error?: string }
  | { step: 'writing'; preview: Preview }
  | { step: 'done'; report: Report; note?: string }
  | { step: 'error'; error: string };

/** Reads and checks a picked file into what the preview shows, saying how far it got. */
export type ReadFile<Preview> = (file: File, progress: (done: number, total: number) => void) => Promise<Preview>;

export interface ImportFlow<Preview, Report> {
  state: ImportFlowState<Preview, Report>;
  /** Changes when the file input should be emptied (after a write or a cancel). */
  inputKey: number;
  choose: (event: ChangeEvent<HTMLInputElement>) => Promise<void>;
  /**
   * Writes the previewed file; a no-op unless a preview is shown. `op` names the write,
   * so that when no answer comes (the background stopped) the flow can ask what happened.
   */
  confirm: (write: (preview: Preview, op: string) => Promise<Report>) => Promise<void>;
  cancel: () => void;
  /** Changes the shown preview (e.g. a new dry run); a no-op once it is gone. */
  updatePreview: (update: (preview: Preview) => Preview) => void;
}

/**
 * Asks the background whether the write named `op` was committed: its report if so,
 * null if not. Used when a write got no answer (the worker stopped mid-way).
 */
export type WriteOutcome<Report> = (op: string) => Promise<Report | null>;

/**
 * Whether a write sent with `op` was committed, and then its summary: what a flow
 * asks a fresh worker when the write got no answer (`writeOutcome`).
 */
export async function committedSummary<Report>(op: string): Promise<Report | null> {
  const outcome = await send('writeOutcome', { op });
  return outcome.written ? (outcome.summary as Report) : null;
}

/**
 * The flow's state machine. `nothingWritten` follows the reason a write failed
 * ("Nothing was imported."). With `outcome`, a write that got no answer is never
 * guessed at: the background is asked, and the page says what really happened.
 */
export function useImportFlow<Preview, Report>(read: ReadFile<Preview>, nothingWritten: string, outcome?: WriteOutcome<Report>): ImportFlow<Preview, Report> {
  const [state, setState] = useState<ImportFlowState<Preview, Report>>({ step: 'idle' });
  const [inputKey, setInputKey] = useState(0);
  const emptyInput = () => setInputKey((k) => k + 1);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      setState({ step: 'reading', done: 0, total: 0 });
      const preview = await read(file, (done, total) => setState({ step: 'reading', done, total }));
      setState({ step: 'preview', preview });
    } catch (failure) {
      setState({ step: 'error', error: message(failure) });
    }
  };
  const confirm = async (write: (preview: Preview, op: string) => Promise<Report>) => {
    if (state.step !== 'preview') return;
    const { preview } = state;
    const op = crypto.randomUUID();
    setState({ step: 'writing', preview });
    try {
      const report = await write(preview, op);
      setState({ step: 'done', report });
      emptyInput();
    } catch (failure) {
      // The background answered with a reason: its transaction was rolled back. (No
      // reply at all, or a closed channel, is no answer: then it may have committed.)
      if (!outcome || (failure instanceof TendError && !(failure instanceof NoAnswerError))) {
        setState({ step: 'error', error: `${message(failure)} ${nothingWritten}` });
        return;
      }
      // No answer at all: the worker stopped. Its transaction either committed (and
      // noted so) or was rolled back; ask a fresh worker which.
      let found: Report | null;
      try {
        found = await outcome(op);
      } catch {
        setState({ step: 'error', error: 'Tend’s background stopped before it answered, and Tend could not find out whether it was written. Look at your data before trying again.' });
        return;
      }
      if (found) {
        setState({ step: 'done', report: found, note: 'Tend’s background stopped just as it finished: everything was written.' });
        emptyInput();
      } else {
        setState({ step: 'preview', preview, error: `Tend’s background stopped before it finished. ${nothingWritten} Your data is exactly as it was; you can try again.` });
      }
    }
  };
  const cancel = () => {
    setState({ step: 'idle' });
    emptyInput();
  };
  const updatePreview = useCallback(
    (update: (preview: Preview) => Preview) =>
      setState((s) => (s.step === 'preview' ? { ...s, preview: update(s.preview) } : s)),
    [],
  );
  return { state, inputKey, choose, confirm, cancel, updatePreview };
}

/**
 * The flow on the page: the file input, then whichever of progress, error, preview,
 * "writing" status and report the flow is at.
 */
export function ImportFlowView<Preview, Report>({
  flow,
  fileLabel,
  accept,
  progressLabel,
  progressUnit,
  preview,
  writing,
  report,
  reportClass,
}: {
  flow: ImportFlow<Preview, Report>;
  fileLabel: string;
  accept: string;
  progressLabel: string;
  progressUnit?: string;
  preview: (preview: Preview) => ReactNode;
  writing: (preview: Preview) => ReactNode;
  report: (report: Report) => ReactNode;
  reportClass: string;
}) {
  const { state } = flow;
  return (
    <>
      <label className="file-pick">
        <span>{fileLabel}</span>
        <input key={flow.inputKey} type="file" accept={accept} onChange={flow.choose} disabled={state.step === 'reading' || state.step === 'writing'} />
      </label>
      {state.step === 'reading' && <Progress label={progressLabel} done={state.done} total={state.total} unit={progressUnit} />}
      {state.step === 'error' && <p className="error" role="alert">{state.error}</p>}
      {state.step === 'preview' && state.error && <p className="error" role="alert">{state.error}</p>}
      {state.step === 'preview' && preview(state.preview)}
      {state.step === 'writing' && <p role="status">{writing(state.preview)}</p>}
      {state.step === 'done' && (
        <p role="status" className={reportClass}>
          {report(state.report)}
          {state.note ? ` ${state.note}` : ''}
        </p>
      )}
    </>
  );
}

/** A preview's frame: what the format shows, then its confirm button and Cancel. */
export function PreviewFrame({
  label,
  children,
  confirmText,
  confirmClass = 'primary',
  confirmDisabled,
  onConfirm,
  onCancel,
}: {
  label: string;
  children: ReactNode;
  confirmText: string;
  confirmClass?: string;
  confirmDisabled: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="preview" role="region" aria-label={label}>
      {children}
      <div className="actions">
        <button type="button" className={confirmClass} onClick={onConfirm} disabled={confirmDisabled}>
          {confirmText}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
