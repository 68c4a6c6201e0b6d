/** Settings: tier cadences, the daily summary, the user's own addresses. */
import { withSchedule } from '../../domain/schedule';
import type { FeatureHandlers, ServiceContext } from '../context';

export function createSettingsHandlers(context: ServiceContext) {
  const { db, notify, timeZone, readSettings } = context;

  return {
    async getSettings(_input) {
      return readSettings();
    },

    async saveOwnAddresses(input) {
      await db.settings.put({ key: 'ownAddresses', value: [...new Set(input.addresses)] });
      // Own addresses are never listed as people in a conversation.
      notify(['settings', 'people']);
      return {};
    },

    async saveSettings(input) {
      await db.transaction('rw', db.settings, db.clients, async () => {
        if (input.dailySummary !== undefined) await db.settings.put({ key: 'dailySummary', value: input.dailySummary });
        if (input.tierCadences) {
          await db.settings.put({ key: 'tierCadences', value: input.tierCadences });
          // New tier defaults move every client's next check-in, in the same transaction.
          const tiers = input.tierCadences;
          await db.clients.toCollection().modify((client) => {
            client.nextDueAt = withSchedule(client, tiers, timeZone).nextDueAt;
          });
        }
      });
      // Pages showing a client's check-in subscribe to 'settings' as well.
      notify(input.tierCadences ? ['settings', 'clients', 'today'] : ['settings']);
      return readSettings();
    },
  } satisfies FeatureHandlers;
}
