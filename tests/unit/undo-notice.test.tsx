// @vitest-environment happy-dom
/**
 * The Undo notice (components/UndoNotice.tsx): role status, an "Undo" button for at
 * least 8 seconds (longer while it has the pointer or focus), Ctrl+Z, Escape, and what
 * it says when the background refuses.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UndoProvider, UNDO_SHOWN_MS, useOfferUndo } from '../../components/UndoNotice';

const send = vi.hoisted(() => vi.fn());
vi.mock('../../lib/messaging/send', () => ({ send }));

const TOKEN = '0b5c2a4e-8d1f-4c3b-9a2e-7f6d5c4b3a21';

function Offerer({ token = TOKEN }: { token?: string | null }) {
  const offer = useOfferUndo();
  return (
    <>
      <button type="button" onClick={() => offer('Checked in with Ada Lovelace.', token)}>
        Checked in
      </button>
      <input aria-label="Note" />
    </>
  );
}

function renderWith(token?: string | null) {
  render(
    <UndoProvider>
      <Offerer token={token} />
    </UndoProvider>,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Checked in' }));
}

beforeEach(() => {
  vi.useFakeTimers();
  send.mockReset();
  send.mockResolvedValue({ label: 'Checked in' });
});
afterEach(() => vi.useRealTimers());

describe('the Undo notice', () => {
  it('says what was done, with Undo, for at least 8 seconds, then goes', () => {
    renderWith();
    expect(screen.getByRole('status').textContent).toContain('Checked in with Ada Lovelace.');
    expect((screen.getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(false);
    act(() => void vi.advanceTimersByTime(8_000));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
    act(() => void vi.advanceTimersByTime(UNDO_SHOWN_MS - 8_000 + 1));
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('stays while the keyboard focus is on it', () => {
    renderWith();
    act(() => screen.getByRole('button', { name: 'Undo' }).focus());
    act(() => void vi.advanceTimersByTime(UNDO_SHOWN_MS * 3));
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy();
  });

  it('sends the token back and says it is undone', async () => {
    renderWith();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(send).toHaveBeenCalledWith('undo', { token: TOKEN });
    expect(screen.getByRole('status').textContent).toContain('Undone.');
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it('undoes with Ctrl+Z, but not while typing in a field', async () => {
    renderWith();
    await act(async () => fireEvent.keyDown(screen.getByRole('textbox', { name: 'Note' }), { key: 'z', ctrlKey: true }));
    expect(send).not.toHaveBeenCalled();
    await act(async () => fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true }));
    expect(send).toHaveBeenCalledWith('undo', { token: TOKEN });
  });

  it('says why, as an alert, when the background refuses', async () => {
    send.mockRejectedValue(new Error('Tend can’t undo “Checked in”: it has changed since.'));
    renderWith();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Undo' })));
    expect(screen.getByRole('alert').textContent).toContain('it has changed since');
  });

  it('Escape dismisses it', () => {
    renderWith();
    fireEvent.keyDown(screen.getByRole('button', { name: 'Undo' }), { key: 'Escape' });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('offers nothing for a write that changed nothing', () => {
    renderWith(null);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('the Undo notice in a page that changes what it shows', () => {
  it('goes when the scope changes (another conversation opened)', () => {
    const { rerender } = render(
      <UndoProvider scope="conversation:Pricing">
        <Offerer />
      </UndoProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Checked in' }));
    expect(screen.getByRole('status').textContent).toContain('Ada Lovelace');
    rerender(
      <UndoProvider scope="conversation:Compiler review">
        <Offerer />
      </UndoProvider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
  });
});
