/**
 * The dashboard's first-run steps (lib/domain/first-run.ts): what Tend has seen
 * happen, and "Dismiss". Also records the first mail page the content script
 * reports, which the third step waits for.
 */
import { firstRunState } from '../../domain/first-run';
import { mailAppOf } from '../../domain/compose-link';
import type { Setting } from '../../model';
import type { ThreadSnapshot } from '../../hosts/thread';
import type { TendDatabase } from '../../db/schema';
import type { Topic } from '../../messaging/topics';
import type { FeatureHandlers, ServiceContext } from '../context';

/**
 * What a mail page's report tells the dashboard: that a mail page was seen at all
 * (the first run's third step; any `threadChanged`, a conversation open or not),
 * and which mail the user uses ("Write to them": Gmail and its account, or which
 * Outlook origin), from the open conversation's link. Every mail page reports
 * often, so this reads two rows and writes only when something is new. Answers the
 * topics of what it wrote (none, most of the time).
 */
export async function recordMailPage(db: TendDatabase, at: number, conversation: Pick<ThreadSnapshot, 'host' | 'url'> | null): Promise<Topic[]> {
  // A conversation without a link back (Gmail's default account) says too little to change what is stored.
  const seen = conversation?.url ? mailAppOf([conversation]) : null;
  const app = seen && seen.app !== 'mailto' ? seen : null;
  const changes = async (): Promise<Setting[]> => {
    const [seenAt, stored] = await db.settings.bulkGet(['mailPageSeenAt', 'mailApp']);
    const rows: Setting[] = [];
    if (typeof seenAt?.value !== 'number') rows.push({ key: 'mailPageSeenAt', value: at });
    if (app !== null && JSON.stringify(stored?.value) !== JSON.stringify(app)) rows.push({ key: 'mailApp', value: app });
    return rows;
  };
  if ((await changes()).length === 0) return [];
  const written = await db.transaction('rw', db.settings, async () => {
    // Read again inside the transaction: another tab may have written it meanwhile.
    const rows = await changes();
    await db.settings.bulkPut(rows);
    return rows;
  });
  if (written.length === 0) return [];
  // Today's "Write to them" links follow the mail app.
  return written.some((row) => row.key === 'mailApp') ? ['settings', 'today'] : ['settings'];
}

export function createFirstRunHandlers(context: ServiceContext) {
  const { db, now, notify, readSettings } = context;

  return {
    async getFirstRun(_input) {
      const [settings, clients] = await Promise.all([readSettings(), db.clients.limit(1).count()]);
      return firstRunState({
        ownAddresses: settings.ownAddresses.length,
        hasClients: clients > 0,
        // An account address read from a mail page before visits were noted tells the same.
        mailPageSeen: settings.mailPageSeenAt !== null || settings.mailApp !== null || settings.detectedOwnAddresses.length > 0,
        dismissed: settings.firstRunDismissedAt !== null,
      });
    },

    async dismissFirstRun(_input) {
      await db.transaction('rw', db.settings, async () => {
        await db.settings.put({ key: 'firstRunDismissedAt', value: now().getTime() });
      });
      notify(['settings']);
      return {};
    },
  } satisfies FeatureHandlers;
}
