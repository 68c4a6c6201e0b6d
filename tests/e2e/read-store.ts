/**
 * Reads every row of one object store of Tend's database, run inside a top-level
 * extension page (first-party there, so IndexedDB is allowed) by either driver:
 * Playwright in Chromium (./data.ts), puppeteer in Firefox (../e2e-firefox/harness.ts).
 * Self-contained: the driver sends its source into the page.
 */
export function readObjectStore<T>(table: string): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const open = indexedDB.open('tend');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains(table)) {
        db.close();
        resolve([]);
        return;
      }
      const request = db.transaction(table).objectStore(table).getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result as T[]);
      };
      request.onerror = () => reject(request.error);
    };
  });
}
