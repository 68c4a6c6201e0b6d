/**
 * The check-in rhythm from the pages: "Checked in" and "Snooze". (The badge and
 * the daily summary are lib/background/badge.ts and rhythm.ts; Today is today.ts.)
 */
import { Client } from '../../model';
import { snoozeDay } from '../../domain/checkin-policy';
import { withSchedule } from '../../domain/schedule';
import type { FeatureHandlers, ServiceContext } from '../context';
import { contactTopics } from '../contacts';

export function createCheckInHandlers(context: ServiceContext) {
  const { db, now, notify, timeZone, readSettings, requireClient, touch } = context;

  return {
    async checkedIn(input) {
      // Undo puts the last contact and the next check-in back as they were.
      const { result, undo } = await context.undoable('Checked in', { clients: [input.clientId] }, () =>
        context.logInteraction({ clientId: input.clientId, kind: 'checkin', text: '' }),
      );
      return { ...result, undo };
    },

    async snooze(input) {
      const day = snoozeDay(now(), 'until' in input ? { until: input.until } : { weeks: input.weeks }, timeZone);
      const { tierCadences } = await readSettings();
      await db.transaction('rw', db.clients, async () => {
        const client = await requireClient(input.clientId);
        await db.clients.put(Client.parse(withSchedule(touch({ ...client, snoozedUntil: day }), tierCadences, timeZone)));
      });
      // The next check-in moves: as after a contact.
      notify(contactTopics([input.clientId]));
      return { snoozedUntil: day };
    },
  } satisfies FeatureHandlers;
}
