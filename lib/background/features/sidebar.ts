/**
 * The sidebar's conversation: the content script reports the open thread
 * (threadChanged; its seen emails are recorded for known clients), and the sidebar
 * frame asks who is in it (getSidebarView).
 */
import type { Client, Settings } from '../../model';
import type { PersonView } from '../../messaging/protocol';
import { threadTopic, type Topic } from '../../messaging/topics';
import type { Correspondent, Recognition } from '../../domain/recognition';
import { cadenceOf, checkInStatus } from '../../domain/checkin-policy';
import { describeCheckIn } from '../../domain/checkin-wording';
import { upcomingDates } from '../../domain/upcoming-dates';
import { timelineOf } from '../../db/timelines';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';
import { contactTopics } from '../contacts';
import { ownAddressQuestion, recogniseAll, rememberAccountAddress } from '../recognition';

/** The sidebar lists every known person, and unknown ones up to this many. */
export const MAX_PEOPLE_SHOWN = 25;
const INTERACTIONS_SHOWN = 10;

export function createSidebarHandlers(context: ServiceContext) {
  const { db, threads, now, notify, timeZone } = context;

  function checkInOf(client: Client, tiers: Settings['tierCadences']) {
    const cadenceDays = client.archivedAt === null ? cadenceOf(client, tiers) : null;
    const status = checkInStatus({ ...client, cadenceDays }, now(), timeZone);
    return { ...status, text: describeCheckIn(status) };
  }

  async function personView(person: Correspondent, recognition: Recognition, tierCadences: Settings['tierCadences']): Promise<PersonView> {
    const base = { name: person.name, email: person.email, isSender: person.isSender };
    const empty = { details: [], interactions: [], checkIn: null, upcoming: [] };
    if (recognition.kind === 'unknown') return { ...base, match: 'unknown', client: null, ...empty };
    if (recognition.kind === 'colleague') return { ...base, match: 'colleague', client: recognition.client, ...empty };
    const client = recognition.client;
    const [details, interactions] = await Promise.all([
      db.details.where('clientId').equals(client.id).toArray(),
      timelineOf(db, client.id).then((timeline) => timeline.slice(0, INTERACTIONS_SHOWN)),
    ]);
    details.sort((a, b) => b.updatedAt - a.updatedAt);
    return {
      ...base,
      match: recognition.kind === 'client' ? 'client' : 'probable',
      client,
      details,
      interactions,
      checkIn: checkInOf(client, tierCadences),
      upcoming: upcomingDates(details, now(), undefined, timeZone),
    };
  }

  return {
    async threadChanged(input, sender) {
      if (sender.tabId === null) throw new UserFacingError('A conversation must come from a mail tab.');
      await threads.set(sender.tabId, { snapshot: input.snapshot, frameToken: input.frameToken });
      const topics: Topic[] = [threadTopic(sender.tabId)];
      if (input.snapshot) {
        // A newly seen own address changes who is listed in every sidebar.
        if (await rememberAccountAddress(context, input.snapshot)) topics.push('settings', 'people');
        const recorded = await context.recordEmails(input.snapshot);
        if (recorded.length) topics.push(...contactTopics(recorded));
      }
      notify(topics);
      return { ok: true as const };
    },

    async getSidebarView(input, sender) {
      const tab = sender.tabId === null ? null : await threads.get(sender.tabId);
      // Only the frame our content script made (it holds the token) sees the thread.
      const snapshot = tab && tab.frameToken === input.frameToken ? tab.snapshot : null;
      if (!snapshot) return { state: 'no-conversation' };
      // The page says a conversation is open, yet its adapter read nobody: say so.
      if (snapshot.messages.length === 0 && snapshot.diagnostics) return { state: 'unreadable', host: snapshot.host, diagnostics: snapshot.diagnostics };
      // The settings recognition read serve the whole view (check-in rhythms, the question).
      const { people, settings } = await recogniseAll(context, snapshot);
      // Every client is shown; the others (unknown people, possible colleagues) fill
      // the rest up to the cap, so a 200-person cc list stays a glanceable sidebar.
      const isClient = (kind: Recognition['kind']) => kind === 'client' || kind === 'probable';
      const clientCount = people.filter((entry) => isClient(entry.recognition.kind)).length;
      let room = Math.max(0, MAX_PEOPLE_SHOWN - clientCount);
      const shown = people.filter((entry) => isClient(entry.recognition.kind) || room-- > 0);
      const views = await Promise.all(shown.map(({ person, recognition }) => personView(person, recognition, settings.tierCadences)));
      const question = ownAddressQuestion(settings, snapshot);
      return { state: 'conversation', subject: snapshot.subject, people: views, more: people.length - shown.length, ownAddressQuestion: question };
    },
  } satisfies FeatureHandlers;
}
