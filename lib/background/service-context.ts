/**
 * Builds the ServiceContext every feature's handlers are made from: the deps the
 * caller gives (database, thread store, clock, notify), plus what several features
 * share (settings, requireClient, recording contact, the search index).
 */
import type { Client } from '../model';
import { UserFacingError, type ServiceContext, type ServiceDeps } from './context';
import { readSettings as readStoredSettings } from './settings';
import { createContacts } from './contacts';
import { createSearchIndex } from './search/index';
import { createUndo } from './undo';

export function createServiceContext(deps: ServiceDeps): ServiceContext {
  const { db, now } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const readSettings = () => readStoredSettings(db);

  async function requireClient(clientId: string): Promise<Client> {
    const client = await db.clients.get(clientId);
    if (!client) throw new UserFacingError('That client no longer exists.');
    return client;
  }

  function touch<T extends { updatedAt: number }>(record: T): T {
    return { ...record, updatedAt: now().getTime() };
  }

  const base = { ...deps, newId, readSettings, requireClient, touch };
  const { undoable } = createUndo(db, now);
  return { ...base, ...createContacts(base), search: deps.corpus ?? createSearchIndex(db), undoable };
}
