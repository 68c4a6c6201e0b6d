/** Settings: tier cadences, the daily summary, the user's own addresses (typed, or confirmed when a page showed them). */
import { withSchedule } from '../../domain/schedule';
import { normaliseEmail } from '../../domain/addresses';
import { clientTopic } from '../../messaging/topics';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';

export function createSettingsHandlers(context: ServiceContext) {
  const { db, notify, timeZone, readSettings, closeConfirmationsByConfirmedMail } = context;

  return {
    async getSettings(_input) {
      return readSettings();
    },

    async saveOwnAddresses(input) {
      const typed = new Set(input.addresses.map((address) => normaliseEmail(address) ?? address));
      await db.transaction('rw', db.settings, async () => {
        const settings = await readSettings();
        // Typing an address in answers the question about it too.
        const unanswered = (list: readonly string[]) => list.filter((address) => !typed.has(normaliseEmail(address) ?? address));
        await db.settings.bulkPut([
          { key: 'ownAddresses', value: [...new Set(input.addresses)] },
          { key: 'notOwnAddresses', value: unanswered(settings.notOwnAddresses) },
          { key: 'detectedOwnAddresses', value: unanswered(settings.detectedOwnAddresses) },
        ]);
      });
      // Own addresses are never listed as people in a conversation.
      notify(['settings', 'people']);
      return {};
    },

    async answerOwnAddress(input) {
      const address = normaliseEmail(input.address);
      if (!address) throw new UserFacingError('That is not an email address.');
      const closed = await db.transaction('rw', [db.settings, db.followUps, db.timelines], async () => {
        const settings = await readSettings();
        const without = (list: readonly string[]) => list.filter((a) => normaliseEmail(a) !== address);
        const own = input.mine ? [...without(settings.ownAddresses), address] : without(settings.ownAddresses);
        const notOwn = input.mine ? without(settings.notOwnAddresses) : [...without(settings.notOwnAddresses), address];
        if (own.length > 50 || notOwn.length > 50) throw new UserFacingError('Tend keeps up to 50 addresses of each kind; remove some in Settings first.');
        await db.settings.bulkPut([
          { key: 'ownAddresses', value: own },
          { key: 'notOwnAddresses', value: notOwn },
          { key: 'detectedOwnAddresses', value: without(settings.detectedOwnAddresses) },
        ]);
        // Mail already seen from a newly confirmed address keeps the promises it answers.
        return input.mine ? closeConfirmationsByConfirmedMail() : new Set<string>();
      });
      notify(['settings', 'people', ...(closed.size ? (['today', ...[...closed].map(clientTopic)] as const) : [])]);
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
