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
import { message } from './shared';

export type ImportFlowState<Preview, Report> =
  | { step: 'idle' }
  | { step: 'reading'; done: number; total: number }
  | { step: 'preview'; preview: Preview }
  | { step: 'writing'; preview: Preview }
  | { step: 'done'; report: Report }
  | { step: 'error'; error: string };

/** Reads and checks a picked file into what the preview shows, saying how far it got. */
export type ReadFile<Preview> = (file: File, progress: (done: number, total: number) => void) => Promise<Preview>;

export interface ImportFlow<Preview, Report> {
  state: ImportFlowState<Preview, Report>;
  /** Changes when the file input should be emptied (after a write or a cancel). */
  inputKey: number;
  choose: (event: ChangeEvent<HTMLInputElement>) => Promise<void>;
  /** Writes the previewed file; a no-op unless a preview is shown. */
  confirm: (write: (preview: Preview) => Promise<Report>) => Promise<void>;
  cancel: () => void;
  /** Changes the shown preview (e.g. a new dry run); a no-op once it is gone. */
  updatePreview: (update: (preview: Preview) => Preview) => void;
}

/**
 * The flow's state machine. `nothingWritten` follows the reason a write failed
 * ("Nothing was imported.").
 */
export function useImportFlow<Preview, Report>(read: ReadFile<Preview>, nothingWritten: string): ImportFlow<Preview, Report> {
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
  const confirm = async (write: (preview: Preview) => Promise<Report>) => {
    if (state.step !== 'preview') return;
    const { preview } = state;
    setState({ step: 'writing', preview });
    try {
      const report = await write(preview);
      setState({ step: 'done', report });
      emptyInput();
    } catch (failure) {
      setState({ step: 'error', error: `${message(failure)} ${nothingWritten}` });
    }
  };
  const cancel = () => {
    setState({ step: 'idle' });
    emptyInput();
  };
  const updatePreview = useCallback(
    (update: (preview: Preview) => Preview) =>
      setState((s) => (s.step === 'preview' ? { step: 'preview', preview: update(s.preview) } : s)),
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
      {state.step === 'preview' && preview(state.preview)}
      {state.step === 'writing' && <p role="status">{writing(state.preview)}</p>}
      {state.step === 'done' && (
        <p role="status" className={reportClass}>
          {report(state.report)}
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
