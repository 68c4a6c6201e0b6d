// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import type { ChangeEvent } from 'react';
import { describe, expect, it } from 'vitest';
import { useImportFlow, type ReadFile } from '../../components/dashboard/import-export/import-flow';
import { NoAnswerError, TendError } from '../../lib/messaging/send';

const picked = (file: File | undefined) => ({ target: { files: file ? [file] : [] } }) as unknown as ChangeEvent<HTMLInputElement>;
const file = new File(['a,b'], 'contacts.csv');

function flowWith(read: ReadFile<string>) {
  return renderHook(() => useImportFlow<string, number>(read, 'Nothing was imported.'));
}

describe('the import flow', () => {
  it('goes pick → reading → preview → writing → report, and empties the input after the write', async () => {
    let finishRead!: () => void;
    let progress!: (done: number, total: number) => void;
    const { result } = flowWith((f, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finishRead = () => resolve(`preview of ${f.name}`)));
    });
    expect(result.current.state).toEqual({ step: 'idle' });
    let choosing!: Promise<void>;
    act(() => {
      choosing = result.current.choose(picked(file));
    });
    expect(result.current.state).toEqual({ step: 'reading', done: 0, total: 0 });
    act(() => progress(5, 10));
    expect(result.current.state).toEqual({ step: 'reading', done: 5, total: 10 });
    await act(async () => {
      finishRead();
      await choosing;
    });
    expect(result.current.state).toEqual({ step: 'preview', preview: 'preview of contacts.csv' });

    const key = result.current.inputKey;
    let finishWrite!: (report: number) => void;
    let confirming!: Promise<void>;
    act(() => {
      confirming = result.current.confirm((preview) => {
        expect(preview).toBe('preview of contacts.csv');
        return new Promise((resolve) => (finishWrite = resolve));
      });
    });
    expect(result.current.state).toEqual({ step: 'writing', preview: 'preview of contacts.csv' });
    await act(async () => {
      finishWrite(3);
      await confirming;
    });
    expect(result.current.state).toEqual({ step: 'done', report: 3 });
    expect(result.current.inputKey).not.toBe(key);
  });

  it('ignores an empty pick and says why a file could not be read', async () => {
    const { result } = flowWith(async () => {
      throw new Error('Not a contacts file.');
    });
    await act(() => result.current.choose(picked(undefined)));
    expect(result.current.state).toEqual({ step: 'idle' });
    await act(() => result.current.choose(picked(file)));
    expect(result.current.state).toEqual({ step: 'error', error: 'Not a contacts file.' });
  });

  it('says nothing was written when the write fails, and keeps the input', async () => {
    const { result } = flowWith(async () => 'preview');
    await act(() => result.current.choose(picked(file)));
    const key = result.current.inputKey;
    await act(() => result.current.confirm(async () => Promise.reject(new Error('Disk full.'))));
    expect(result.current.state).toEqual({ step: 'error', error: 'Disk full. Nothing was imported.' });
    expect(result.current.inputKey).toBe(key);
  });

  it('a write that got no answer asks what happened: written, or not (then the preview stays to try again)', async () => {
    const outcomes = new Map<string, number | null>();
    const { result } = renderHook(() => useImportFlow<string, number>(async () => 'preview', 'Nothing was imported.', async (op) => outcomes.get(op) ?? null));
    await act(() => result.current.choose(picked(file)));
    const stopped = () => Promise.reject(new Error('The message port closed before a response was received.'));

    // Rolled back (the worker stopped mid-transaction): said, and the same preview can be confirmed again.
    await act(() => result.current.confirm(stopped));
    expect(result.current.state).toEqual({
      step: 'preview',
      preview: 'preview',
      error: 'Tend’s background stopped before it finished. Nothing was imported. Your data is exactly as it was; you can try again.',
    });
    // No reply at all (Chromium may resolve with nothing when the worker stops): asked too.
    await act(() => result.current.confirm(() => Promise.reject(new NoAnswerError('Tend’s background did not answer.'))));
    expect(result.current.state).toMatchObject({ step: 'preview', error: expect.stringMatching(/^Tend’s background stopped before it finished\./) });
    // Committed just before the worker stopped: the report, not an error.
    await act(() => result.current.confirm(async (_preview, op) => (outcomes.set(op, 7), stopped())));
    expect(result.current.state).toEqual({ step: 'done', report: 7, note: 'Tend’s background stopped just as it finished: everything was written.' });
  });

  it('a reason the background gave is shown as it is, without asking', async () => {
    let asked = false;
    const { result } = renderHook(() => useImportFlow<string, number>(async () => 'preview', 'Nothing was imported.', async () => ((asked = true), null)));
    await act(() => result.current.choose(picked(file)));
    await act(() => result.current.confirm(async () => Promise.reject(new TendError('Disk full.'))));
    expect(result.current.state).toEqual({ step: 'error', error: 'Disk full. Nothing was imported.' });
    expect(asked).toBe(false);
  });

  it('changes the preview only while it is shown, and cancels back to the start', async () => {
    const { result } = flowWith(async () => 'preview');
    act(() => result.current.updatePreview((p) => `${p}!`));
    expect(result.current.state).toEqual({ step: 'idle' });
    await act(() => result.current.choose(picked(file)));
    act(() => result.current.updatePreview((p) => `${p} (dry run)`));
    expect(result.current.state).toEqual({ step: 'preview', preview: 'preview (dry run)' });
    const key = result.current.inputKey;
    act(() => result.current.cancel());
    expect(result.current.state).toEqual({ step: 'idle' });
    expect(result.current.inputKey).not.toBe(key);
    // Confirm does nothing without a preview.
    await act(() => result.current.confirm(async () => 1));
    expect(result.current.state).toEqual({ step: 'idle' });
  });
});
