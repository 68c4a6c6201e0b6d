/**
 * The File System Access save picker in end-to-end tests. Its dialog is the
 * browser's own and no automation can answer it, so a test stands in for the user's
 * choice: `showSaveFilePicker` answers a real file handle in the page's origin
 * private file system, which Tend then writes through the same writable stream as a
 * file on disk (and the test reads back). `withoutSavePicker` makes the page like a
 * browser without the API (Firefox): the backup goes out as a download.
 */
import type { Page } from '@playwright/test';

/** The next save picker answers a file in the origin private file system (by `name`, or the name Tend suggests). */
export async function pickSaveFileInOpfs(page: Page, name?: string): Promise<void> {
  await page.evaluate((fixed) => {
    Object.assign(globalThis, {
      showSaveFilePicker: async ({ suggestedName }: { suggestedName: string }) => {
        const root = await navigator.storage.getDirectory();
        return root.getFileHandle(fixed ?? suggestedName, { create: true });
      },
    });
  }, name ?? null);
}

/** The save picker is closed without choosing a file (the user pressed Cancel). */
export async function cancelSavePicker(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.assign(globalThis, { showSaveFilePicker: async () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError')) });
  });
}

/** The page as in a browser without the save picker. */
export async function withoutSavePicker(page: Page): Promise<void> {
  await page.evaluate(() => {
    delete (globalThis as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    delete (Object.getPrototypeOf(globalThis) as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    delete (Window.prototype as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
}

/** The names of the files in the page's origin private file system. */
export async function opfsFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names: string[] = [];
    const root = (await navigator.storage.getDirectory()) as unknown as { keys(): AsyncIterable<string> };
    for await (const name of root.keys()) names.push(name);
    return names.sort();
  });
}

/** A file's text from the page's origin private file system. */
export async function readOpfsFile(page: Page, name: string): Promise<string> {
  return page.evaluate(async (file) => {
    const root = await navigator.storage.getDirectory();
    return (await (await root.getFileHandle(file)).getFile()).text();
  }, name);
}
