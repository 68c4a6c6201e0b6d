/**
 * Every message Tend sends, defined once: which senders may send it (`from`,
 * lib/messaging/senders.ts: the least each page needs), the input it
 * takes (a zod schema, checked on receipt) and the reply it gets (a type only,
 * lib/messaging/reply.ts). Call sites name a message and pass its data; the
 * router, the handlers' types and `send` all follow from here.
 */
import { z } from '../zod';
import { CalendarDay, Client, Detail, DetailKind, EmailAddress, FollowUp, Interaction, ProjectStatus, Resource, Settings, Tier, type MailApp, type Referral } from '../model';
import type { UpcomingDate } from '../domain/upcoming-dates';
import type { FirstRunState } from '../domain/first-run';
import { type Senders, CONTENT, DASHBOARD, SIDEBAR, SIDEBAR_AND_DASHBOARD } from './senders';
import { replyType, type Done, type ReplyOf, type ReplyType, type Undoable } from './reply';
import { ThreadSnapshot } from '../hosts/thread';
import { clientMessages } from './protocol-clients';
import { backupMessages } from './protocol-backup';
import { resourceMessages } from './protocol-resources';
import { insightsMessages } from './protocol-insights';
import { projectMessages } from './protocol-projects';

export type { SenderKind } from './senders';

const clientId = z.string().min(1).max(64);

export const NewClientInput = z.object({
  name: z.string().trim().min(1, 'A name is needed').max(500),
  email: EmailAddress.nullable(),
  company: z.string().trim().max(500).default(''),
  role: z.string().trim().max(500).default(''),
  /** A display name seen on the page to remember as this client's, when no address is known. */
  seenName: z.string().max(1000).optional(),
});

export const DetailInput = z.object({
  kind: DetailKind,
  text: z.string().trim().min(1, 'Write the detail').max(2000),
  date: CalendarDay.nullable().default(null),
  yearly: z.boolean().default(false),
});

/** What the user logs by hand (emails are seen on screen, shares come from resources). */
export const LOGGABLE_KINDS = ['call', 'meeting', 'note', 'checkin', 'gift'] as const;
export type LoggableKind = (typeof LOGGABLE_KINDS)[number];

/**
 * A logged interaction's date: from 1970 on (`nonnegative`); that it is not in the
 * future (beyond a few minutes' allowance) is checked by the handler against its
 * clock (lib/domain/interactions.ts, `loggedDateProblem`), which says so in words.
 */
const loggedAt = z.number().int().nonnegative('That date is before 1970: choose a later one.');

/** One person of the open conversation, as the sidebar shows them. */
export const PersonView = z.object({
  name: z.string(),
  email: z.string().nullable(),
  isSender: z.boolean(),
  match: z.enum(['client', 'probable', 'colleague', 'unknown']),
  /** The client (for 'client' and 'probable'), or the colleague's company client. */
  client: Client.nullable(),
  details: z.array(Detail),
  interactions: z.array(Interaction),
  /** Where the check-in stands, in words ("Check-in overdue by 12 days"); null for non-clients. */
  checkIn: z
    .object({
      state: z.enum(['none', 'overdue', 'due-today', 'upcoming']),
      days: z.number().optional(),
      dueDay: z.string().optional(),
      text: z.string(),
    })
    .nullable(),
  /** Dated details coming up within two weeks: talking points. */
  upcoming: z.array(
    z.object({ detailId: z.string(), clientId: z.string(), text: z.string(), kind: DetailKind, day: z.string(), daysUntil: z.number(), yearly: z.boolean(), years: z.number().optional() }),
  ),
  /**
   * The client's phone numbers as shown (formatted by the background, which loads
   * libphonenumber-js anyway: the sidebar then need not) and their `tel:` links.
   */
  phones: z.array(z.object({ tel: z.string(), text: z.string() })).optional(),
  /** The client's current project in one line (lib/domain/projects.ts, `currentProject`); null: none going on. */
  project: z.object({ title: z.string(), status: ProjectStatus }).nullable().optional(),
});
export type PersonView = z.infer<typeof PersonView>;

export const SidebarView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no-conversation') }),
  /** A conversation is open but nobody could be read from it: its structure (no text) for a report. */
  z.object({ state: z.literal('unreadable'), host: z.string(), diagnostics: z.string() }),
  z.object({
    state: z.literal('conversation'),
    subject: z.string(),
    people: z.array(PersonView),
    /** Others beyond the bound the list holds (counted in "N other people", not sent). */
    more: z.number().int().nonnegative(),
    /** The page's account address, when the user has not yet said whether it is theirs: "Is … your address?". */
    ownAddressQuestion: z.string().nullable(),
  }),
]);
export type SidebarView = z.infer<typeof SidebarView>;

/** Today: what the user should do now (lib/background/today.ts builds it). */
export interface TodayView {
  /** The most pressing overdue check-ins, up to the limit asked for. */
  overdue: Array<{ client: Client; days: number }>;
  /** How many clients are overdue in all. */
  overdueTotal: number;
  upcoming: Array<{ client: Client; date: UpcomingDate }>;
  confirmations: Array<{ client: Client; followUp: FollowUp; late: boolean }>;
  /**
   * "Ask for feedback" due: a project was marked done a few days ago (the follow-up's
   * `sourceId` is the project). buildToday always fills it; optional so a view built
   * by hand (tests' fixtures) may leave it out.
   */
  askFeedback?: Array<{ client: Client; followUp: FollowUp; project: { id: string; title: string } | null }>;
  /**
   * "Thank your referrers": referrals not yet thanked whose referrer is a current
   * client, oldest first, at most REFERRALS_TO_THANK_SHOWN of `total`. buildToday
   * always fills it; optional so a view built by hand (tests' fixtures) may leave it out.
   */
  referralsToThank?: { rows: Array<{ referral: Referral; referrer: Client; referred: { id: string; name: string } }>; total: number };
  /** Meeting confirmations an email seen on screen closed lately: Today names the email, with Undo. */
  closedByEmail: Array<{ client: Client; followUp: FollowUp & { closedBy: NonNullable<FollowUp['closedBy']> } }>;
  resources: Array<{ client: Client; resources: Resource[] }>;
  /** A backup is due (none yet with data here, or the last is older than the interval); null: not now. */
  backup: { lastBackupAt: number | null; reminderDays: number } | null;
  /** The mail the user uses (that of the last conversation seen): "Write to them" opens a new message there. */
  mail: MailApp;
}

const id = z.string().min(1).max(64);

export const protocol = {
  /** The content script read the open conversation (null: none is open). */
  threadChanged: {
    from: CONTENT,
    input: z.object({ snapshot: ThreadSnapshot.nullable(), frameToken: z.string().min(16).max(100) }),
    reply: replyType<{ ok: true }>(),
  },

  getSidebarView: { from: SIDEBAR, input: z.object({ frameToken: z.string().max(100) }), reply: replyType<SidebarView>() },
  createClient: { from: SIDEBAR, input: NewClientInput, reply: replyType<{ clientId: string } & Undoable>() },
  addClientAddress: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ clientId, email: EmailAddress }), reply: replyType<Done>() },
  confirmClientName: { from: SIDEBAR, input: z.object({ clientId, name: z.string().trim().min(1).max(1000) }), reply: replyType<Done>() },
  /** "Not them" on a name-only match: this display name is not that client (never asked again). */
  rejectClientName: { from: SIDEBAR, input: z.object({ clientId, name: z.string().trim().min(1).max(1000) }), reply: replyType<Undoable>() },
  addDetail: { from: SIDEBAR_AND_DASHBOARD, input: DetailInput.extend({ clientId }), reply: replyType<{ id: string }>() },
  updateDetail: { from: SIDEBAR_AND_DASHBOARD, input: DetailInput.extend({ id }), reply: replyType<Done>() },
  /** Answers the deleted detail (for the notice's words) and the Undo token. */
  deleteDetail: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ id }), reply: replyType<{ detail: Detail | null } & Undoable>() },
  logInteraction: {
    from: SIDEBAR_AND_DASHBOARD,
    input: z.object({
      clientId,
      kind: z.enum(LOGGABLE_KINDS),
      text: z.string().trim().max(20_000),
      at: loggedAt.optional(),
    }),
    reply: replyType<{ id: string }>(),
  },
  /** Corrects one interaction; what may change depends on its kind (features/interactions.ts). */
  updateInteraction: {
    from: SIDEBAR_AND_DASHBOARD,
    input: z.object({
      clientId,
      id: z.string().min(1).max(64),
      kind: z.enum(LOGGABLE_KINDS).optional(),
      at: loggedAt.optional(),
      text: z.string().trim().max(20_000).optional(),
      subject: z.string().trim().max(500).optional(),
    }),
    reply: replyType<{ interaction: Interaction }>(),
  },
  /** Answers the deleted interaction (null when it was already gone). */
  deleteInteraction: {
    from: SIDEBAR_AND_DASHBOARD,
    input: z.object({ clientId, id: z.string().min(1).max(64) }),
    reply: replyType<{ interaction: Interaction | null } & Undoable>(),
  },
  checkedIn: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ clientId }), reply: replyType<{ id: string } & Undoable>() },
  /** Puts back what a one-click write changed (its reply's `undo` token): lib/background/undo.ts. */
  undo: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ token: z.uuid() }), reply: replyType<{ label: string }>() },
  snooze: {
    from: SIDEBAR_AND_DASHBOARD,
    input: z.union([
      z.object({ clientId, weeks: z.number().int().min(1).max(52) }),
      z.object({ clientId, until: CalendarDay }),
    ]),
    reply: replyType<{ snoozedUntil: CalendarDay }>(),
  },
  updateClient: {
    from: DASHBOARD,
    input: z.object({
      clientId,
      name: z.string().trim().min(1).max(500).optional(),
      company: z.string().trim().max(500).optional(),
      role: z.string().trim().max(500).optional(),
      tier: Tier.optional(),
      cadenceDays: z.number().int().min(1).max(3650).nullable().optional(),
      /** The client's whole list of phones, as typed: the background stores them normalised (E.164 where it can). */
      phones: Client.shape.phones.unwrap().optional(),
    }),
    reply: replyType<Done>(),
  },
  completeFollowUp: { from: DASHBOARD, input: z.object({ id, done: z.boolean() }), reply: replyType<Done>() },
  getToday: {
    from: DASHBOARD,
    input: z.object({ overdueLimit: z.number().int().min(1).max(100_000).optional() }),
    reply: replyType<TodayView>(),
  },
  /** The newest email interaction that links back to its conversation. */
  latestConversation: { from: DASHBOARD, input: z.object({ clientId }), reply: replyType<{ url: string | null }>() },
  getSettings: { from: SIDEBAR_AND_DASHBOARD, input: z.object({}), reply: replyType<Settings>() },
  saveSettings: {
    from: DASHBOARD,
    input: z.object({ tierCadences: Settings.shape.tierCadences.unwrap().optional(), dailySummary: z.boolean().optional() }),
    reply: replyType<Settings>(),
  },
  saveOwnAddresses: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ addresses: z.array(EmailAddress).max(50) }), reply: replyType<Done>() },
  /** "Is … your address?": Yes stores it as the user's own; No remembers it is not (never asked again). */
  answerOwnAddress: { from: SIDEBAR_AND_DASHBOARD, input: z.object({ address: EmailAddress, mine: z.boolean() }), reply: replyType<Done>() },
  /** Puts Today's backup reminder off for a number of days. */
  snoozeBackupReminder: {
    from: DASHBOARD,
    input: z.object({ days: z.number().int().min(1).max(90) }),
    reply: replyType<{ snoozedUntil: number }>(),
  },
  /** The dashboard's first-run steps: which are done, and whether the guide shows. */
  getFirstRun: { from: DASHBOARD, input: z.object({}), reply: replyType<FirstRunState>() },
  /** "Dismiss" on the first-run steps: remembered, never shown again. */
  dismissFirstRun: { from: DASHBOARD, input: z.object({}), reply: replyType<Done>() },
  ...clientMessages,
  ...backupMessages,
  ...resourceMessages,
  ...insightsMessages,
  ...projectMessages,
} as const satisfies Record<string, { from: Senders; input: z.ZodType; reply: ReplyType<unknown>; fields?: Readonly<Record<string, string>> }>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
/** What a sender passes (before defaults are filled in). */
export type MessageInput<K extends MessageName> = z.input<Protocol[K]['input']>;
/** What a handler receives: the input after validation (defaults filled in). */
export type MessageData<K extends MessageName> = z.output<Protocol[K]['input']>;
/** What the message answers. */
export type MessageReply<K extends MessageName> = ReplyOf<Protocol[K]>;

/**
 * The envelope on the wire; `tend` marks it as ours among other runtime messages.
 * The sidebar adds its frame token to every request (lib/messaging/send.ts): the
 * background answers a sidebar only when the token is the one its tab's content
 * script registered (threadChanged).
 */
export const Envelope = z.object({ tend: z.literal(1), name: z.string().max(64), data: z.unknown(), frameToken: z.string().max(100).optional() });

/**
 * Pushed over the live port (LIVE_PORT) to the open extension pages after a write:
 * what changed (lib/messaging/topics.ts). Without topics: everything.
 */
export const LiveEvent = z.object({ type: z.literal('changed'), topics: z.array(z.string().max(200)).max(100_000).optional() });
