/**
 * The sidebar's conversation: the content script reports the open thread
 * (threadChanged; its seen emails are recorded for known clients), and the sidebar
 * frame asks who is in it (getSidebarView).
 */
import { browser } from 'wxt/browser';
import type { Client, Settings } from '../../model';
import type { PersonView } from '../../messaging/protocol';
import { threadTopic, type Topic } from '../../messaging/topics';
import { CHECKIN_OVERDUE_MESSAGE, type CheckInOverdueMessage } from '../../messaging/overdue-message';
import type { Correspondent, Recognition } from '../../domain/recognition';
import { cadenceOf, checkInStatus } from '../../domain/checkin-policy';
import { describeCheckIn } from '../../domain/checkin-wording';
import { upcomingDates } from '../../domain/upcoming-dates';
import { currentProject } from '../../domain/projects';
import { timelineOf } from '../../db/timelines';
import { UserFacingError, type FeatureHandlers, type ServiceContext } from '../context';
import { contactTopics } from '../contacts';
import { ownAddressQuestion, recogniseAll, rememberAccountAddress } from '../recognition';
import { recordMailPage } from './first-run';
import { browserCountry, formatPhone, telHref } from '../../domain/phones';

/**
 * The sidebar gets every known person and up to this many others (it folds them
 * into "N other people" and filters them itself); beyond it they are only counted
 * (`more`): a page may list 150,000 participants.
 */
export const MAX_OTHERS_SENT = 1000;
const INTERACTIONS_SHOWN = 10;

export interface SidebarOptions {
  /** Tells a mail tab's top frame (its content script) whether to warn on the folded tab. */
  sendToTab?: (tabId: number, message: CheckInOverdueMessage) => Promise<void>;
}

async function defaultSendToTab(tabId: number, message: CheckInOverdueMessage): Promise<void> {
  try {
    await browser.tabs.sendMessage(tabId, message, { frameId: 0 });
  } catch {
    // No content script listening (the tab navigated away, the extension reloaded).
  }
}

export function createSidebarHandlers(context: ServiceContext, options: SidebarOptions = {}) {
  const { db, threads, now, notify, timeZone } = context;
  const sendToTab = options.sendToTab ?? defaultSendToTab;
  /** What each tab's content script was last told, keyed with its frame token (a reloaded page is told anew). */
  const toldTabs = new Map<number, string>();

  /**
   * The folded tab's warning follows the sidebar's view: sent whenever the view is
   * worked out (it is fetched again when a check-in changes), only when it changed.
   * Not awaited: the sidebar does not wait for the mail page.
   */
  function tellTab(tabId: number | null, frameToken: string, overdue: boolean): void {
    if (tabId === null) return;
    const told = `${frameToken}\u0000${overdue}`;
    if (toldTabs.get(tabId) === told) return;
    toldTabs.set(tabId, told);
    void sendToTab(tabId, { type: CHECKIN_OVERDUE_MESSAGE, overdue });
  }

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
    const country = browserCountry();
    const phones = (client.phones ?? []).map((phone) => ({ tel: telHref(phone), text: formatPhone(phone, country) }));
    const [details, interactions, project] = await Promise.all([
      db.details.where('clientId').equals(client.id).toArray(),
      timelineOf(db, client.id).then((timeline) => timeline.slice(0, INTERACTIONS_SHOWN)),
      // One indexed read per shown client: their current project, in one line.
      db.projects.where('clientId').equals(client.id).toArray().then(currentProject),
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
      phones,
      project: project ? { title: project.title, status: project.status } : null,
    };
  }

  return {
    async threadChanged(input, sender) {
      if (sender.tabId === null) throw new UserFacingError('A conversation must come from a mail tab.');
      await threads.set(sender.tabId, { snapshot: input.snapshot, frameToken: input.frameToken });
      const topics: Topic[] = [threadTopic(sender.tabId)];
      // The dashboard's first run waits for a mail page; "Write to them" opens the mail seen.
      topics.push(...(await recordMailPage(db, now().getTime(), input.snapshot)));
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
      if (!snapshot) {
        if (tab && tab.frameToken === input.frameToken) tellTab(sender.tabId, input.frameToken, false);
        return { state: 'no-conversation' };
      }
      // The page says a conversation is open, yet its adapter read nobody: say so.
      if (snapshot.messages.length === 0 && snapshot.diagnostics) {
        tellTab(sender.tabId, input.frameToken, false);
        return { state: 'unreadable', host: snapshot.host, diagnostics: snapshot.diagnostics };
      }
      // The settings recognition read serve the whole view (check-in rhythms, the question).
      const { people, settings } = await recogniseAll(context, snapshot);
      // Known clients first (in the conversation's order, sender first); then the
      // others (unknown people, possible colleagues), which the sidebar folds into
      // "N other people" and filters, so it needs them all (up to a bound).
      const isClient = (kind: Recognition['kind']) => kind === 'client' || kind === 'probable';
      const clients = people.filter((entry) => isClient(entry.recognition.kind));
      const others = people.filter((entry) => !isClient(entry.recognition.kind));
      const shown = [...clients, ...others.slice(0, MAX_OTHERS_SENT)];
      const views = await Promise.all(shown.map(({ person, recognition }) => personView(person, recognition, settings.tierCadences)));
      // Only a client certainly in the conversation: a name-only guess warns nobody.
      tellTab(sender.tabId, input.frameToken, views.some((view) => view.match === 'client' && view.checkIn?.state === 'overdue'));
      const question = ownAddressQuestion(settings, snapshot);
      return { state: 'conversation', subject: snapshot.subject, people: views, more: people.length - shown.length, ownAddressQuestion: question };
    },
  } satisfies FeatureHandlers;
}
