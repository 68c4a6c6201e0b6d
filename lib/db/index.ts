import { TendDatabase } from './schema';

let instance: TendDatabase | undefined;

/**
 * The one database of this extension context. Only the background worker and
 * top-level extension pages may call this: a content script would open the mail
 * site's IndexedDB, and the sidebar frame is a third-party context where it fails.
 */
export function db(): TendDatabase {
  instance ??= new TendDatabase();
  return instance;
}

