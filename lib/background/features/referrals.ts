/** Who referred whom (and whether they were thanked), and introductions made for a client. */
import { FollowUp, Referral } from '../../model';
import { clientTopic, type Topic } from '../../messaging/topics';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';

const DAY_MS = 86_400_000;
/** An introduction is followed up ("did you two meet?") after two weeks. */
export const INTRODUCTION_FOLLOW_UP_DAYS = 14;

/** A referral shows on both clients' pages, and on Today while its referrer is not thanked. */
const referralTopics = (referral: Pick<Referral, 'referrerId' | 'referredId'>): Topic[] => [clientTopic(referral.referrerId), clientTopic(referral.referredId), 'today'];

export function createReferralHandlers(context: ServiceContext) {
  const { db, now, notify, newId, requireClient } = context;

  return {
    async addReferral(input) {
      if (input.referrerId === input.referredId) throw new UserFacingError('A client cannot refer themselves.');
      const referral = Referral.parse({
        id: newId(),
        referrerId: input.referrerId,
        referredId: input.referredId,
        said: input.said,
        at: input.at ?? now().getTime(),
      });
      await db.transaction('rw', db.clients, db.referrals, async () => {
        await requireClient(input.referrerId);
        await requireClient(input.referredId);
        await db.referrals.add(referral);
      });
      notify(referralTopics(referral));
      return { id: referral.id };
    },

    async setReferralThanked(input) {
      const referral = await db.referrals.get(input.id);
      if (!referral) throw new UserFacingError('That referral no longer exists.');
      const mark = () =>
        db.transaction('rw', db.referrals, async () => {
          const existing = await db.referrals.get(input.id);
          if (!existing) throw new UserFacingError('That referral no longer exists.');
          // Already so: nothing written (and nothing to undo).
          if ((existing.thankedAt !== null) === input.thanked) return;
          await db.referrals.put({ ...existing, thankedAt: input.thanked ? now().getTime() : null });
        });
      let undo: string | null = null;
      // "Thanked" (Today, the client page) offers Undo: the referral is in its referrer's Undo image.
      if (input.thanked) ({ undo } = await context.undoable('Thanked', { clients: [referral.referrerId] }, mark));
      else await mark();
      notify(referralTopics(referral));
      return { undo };
    },

    async deleteReferral(input) {
      const referral = await db.transaction('rw', db.referrals, async () => {
        const existing = await db.referrals.get(input.id);
        await db.referrals.delete(input.id);
        return existing;
      });
      notify(referral ? referralTopics(referral) : []);
      return {};
    },

    async addIntroduction(input) {
      const at = now().getTime();
      const followUp = FollowUp.parse({
        id: newId(),
        clientId: input.clientId,
        kind: 'introduction',
        text: input.text,
        dueAt: at + INTRODUCTION_FOLLOW_UP_DAYS * DAY_MS,
        createdAt: at,
      });
      await db.transaction('rw', db.clients, db.followUps, async () => {
        await requireClient(input.clientId);
        await db.followUps.add(followUp);
      });
      // Followed up on Today two weeks later.
      notify([clientTopic(input.clientId), 'today']);
      return { id: followUp.id };
    },
  } satisfies FeatureHandlers;
}
