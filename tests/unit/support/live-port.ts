/**
 * The live port (lib/ui/live.ts) faked for component tests: pages connect to it as in
 * the extension, and `push` plays a change the background announces.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export function fakeLivePort(): { push: (message: unknown) => void } {
  const listeners = new Set<(message: unknown) => void>();
  (fakeBrowser.runtime as { connect: unknown }).connect = vi.fn(() => ({
    name: 'tend-live',
    onMessage: { addListener: (listener: (message: unknown) => void) => listeners.add(listener) },
    onDisconnect: { addListener: () => {} },
    postMessage: () => {},
    disconnect: () => {},
  }));
  return {
    push(message) {
      act(() => {
        for (const listener of listeners) listener(message);
      });
    },
  };
}
