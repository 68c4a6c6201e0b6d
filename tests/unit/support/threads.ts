import type { TabThread, ThreadStore } from '../../../lib/background/threads';

/** The open conversation per tab, kept in memory: `storage.session` as the data service sees it. */
export function memoryThreads(): ThreadStore {
  const map = new Map<number, TabThread>();
  return {
    async get(tabId) {
      return map.get(tabId) ?? null;
    },
    async set(tabId, value) {
      if (value) map.set(tabId, value);
      else map.delete(tabId);
    },
  };
}
