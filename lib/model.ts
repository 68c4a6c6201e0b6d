/**
 * The data Tend keeps, as zod schemas: the single source of the types, and the
 * validation every write and every message goes through. Rows already stored are
 * read as they are (an old row may predate a tightened rule); a backup is made to
 * fit before it is validated (lib/backup/format.ts), so an old file's bad link is
 * dropped and reported rather than refusing the whole file.
 */
import { z } from './zod';
import { isMailPageUrl, isWebUrl, OUTLOOK_HOSTS } from './hosts/origins';

export const TIERS = ['key', 'active', 'occasional', 'none'] as const;
export const DETAIL_KINDS = ['family', 'hobby', 'travel', 'milestone', 'preference', 'work', 'other'] as const;
export const INTERACTION_KINDS = ['email', 'note', 'call', 'meeting', 'checkin', 'shared-resource', 'gift'] as const;
export const MAIL_HOSTS = ['gmail', 'outlook'] as const;
export const PROJECT_STATUSES = ['proposed', 'active', 'done', 'lost'] as const;
export const FEEDBACK_SOURCES = ['email', 'call', 'meeting', 'survey'] as const;

const id = z.string().min(1).max(64);
/** Milliseconds since the epoch. */
const timestamp = z.number().int().nonnegative();
const shortText = z.string().trim().max(500);
const longText = z.string().max(20_000); // MAX_NOTE_CHARS

/** Addresses are stored lower-cased: mail addresses compare case-insensitively in practice. */
export const EmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/, 'is not an email address');

/** A web page's address, as stored: http or https only (never javascript:, data: or file:). */
export const WebUrl = z.string().trim().max(4000).refine(isWebUrl, 'is not a web address (http or https)');
/** A link back to a conversation: a page of the mail hosts' own origins (lib/hosts/origins.ts), or none (''). */
export const MailLinkUrl = z
  .string()
  .max(4000)
  .refine((url) => url === '' || isMailPageUrl(url), 'is not an address of a Gmail or Outlook page');

/** A calendar day without time zone, as `YYYY-MM-DD`. */
export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a YYYY-MM-DD date');

export type EmailAddress = z.infer<typeof EmailAddress>;
export type CalendarDay = z.infer<typeof CalendarDay>;

export const Tier = z.enum(TIERS);
export type Tier = z.infer<typeof Tier>;
export const DetailKind = z.enum(DETAIL_KINDS);
export type DetailKind = z.infer<typeof DetailKind>;
export const InteractionKind = z.enum(INTERACTION_KINDS);
export type InteractionKind = z.infer<typeof InteractionKind>;
export const MailHost = z.enum(MAIL_HOSTS);
export type MailHost = z.infer<typeof MailHost>;

/**
 * How many of each list one client keeps. A merge, an import or a restore that would
 * go over one is refused (or the row skipped) with a message naming the limit: lists
 * are never cut.
 */
export const CLIENT_LIST_LIMITS = { emails: 50, domains: 20, nameKeys: 50, confirmedNameKeys: 50, rejectedNameKeys: 50, phones: 20, tags: 50 } as const;
/** The longest note (an interaction's text, an imported contact's notes). */
export const MAX_NOTE_CHARS = 20_000;
/** The longest phone number kept as written (one libphonenumber-js could not read). */
export const MAX_PHONE_CHARS = 40;
/** The longest note on a saved article. */
export const MAX_RESOURCE_NOTE_CHARS = 2000;

export const Client = z.object({
  id,
  name: shortText.min(1),
  /** Every address the client writes from, lower-cased (multi-entry index). */
  emails: z.array(EmailAddress).max(CLIENT_LIST_LIMITS.emails),
  company: shortText.default(''),
  role: shortText.default(''),
  /** Company mail domains, for the colleague suggestion (multi-entry index). */
  domains: z.array(z.string().max(253)).max(CLIENT_LIST_LIMITS.domains).default([]),
  /** Normalised name plus display names the user confirmed (multi-entry index). */
  nameKeys: z.array(z.string().max(500)).max(CLIENT_LIST_LIMITS.nameKeys),
  /** Display names the user confirmed belong to this client (Outlook often shows no address). */
  confirmedNameKeys: z.array(z.string().max(500)).max(CLIENT_LIST_LIMITS.confirmedNameKeys).default([]),
  /**
   * Display names the user said are not this client ("Not them" on a name-only match
   * in Outlook): that name is never offered as this client again (normalised keys).
   */
  rejectedNameKeys: z.array(z.string().max(500)).max(CLIENT_LIST_LIMITS.rejectedNameKeys).default([]),
  /** Phone numbers, in international (E.164) form where they could be read, else as written. */
  phones: z.array(z.string().trim().min(1).max(MAX_PHONE_CHARS)).max(CLIENT_LIST_LIMITS.phones).default([]),
  tier: Tier.default('active'),
  /** Days between check-ins; null follows the tier's default. */
  cadenceDays: z.number().int().min(1).max(3650).nullable().default(null),
  tags: z.array(shortText).max(CLIENT_LIST_LIMITS.tags).default([]),
  /** The latest real contact (not a private note); kept in step with interactions. */
  lastContactAt: timestamp.nullable().default(null),
  /** A snooze moves the next check-in to this day at the earliest. */
  snoozedUntil: CalendarDay.nullable().default(null),
  /**
   * Start of the day the next check-in is due (indexed: the badge counts overdue
   * clients with one range query). Null for clients without a cadence, which
   * IndexedDB then leaves out of the index.
   */
  nextDueAt: timestamp.nullable().default(null),
  createdAt: timestamp,
  updatedAt: timestamp,
  archivedAt: timestamp.nullable().default(null),
});
export type Client = z.infer<typeof Client>;

export const Detail = z.object({
  id,
  clientId: id,
  kind: DetailKind,
  text: z.string().trim().min(1).max(2000),
  date: CalendarDay.nullable().default(null),
  /** Birthdays and anniversaries come round every year. */
  yearly: z.boolean().default(false),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Detail = z.infer<typeof Detail>;

export const Interaction = z.object({
  id,
  clientId: id,
  kind: InteractionKind,
  /** For email: 'in' from the client, 'out' from the user. */
  direction: z.enum(['in', 'out']).nullable().default(null),
  subject: shortText.default(''),
  text: longText.default(''),
  at: timestamp,
  /** True when the page's date could not be read and `at` is when Tend saw it. */
  dateUncertain: z.boolean().default(false),
  host: MailHost.nullable().default(null),
  /** Link back to the conversation: the mail host's own page only, or ''. */
  url: MailLinkUrl.default(''),
  /** `<clientId>|<host>|<message key>`: records each seen message once (unique index). */
  dedupeKey: z.string().max(1000).optional(),
  /**
   * For an email seen on screen: its sender's address as the page showed it
   * (normalised). Kept so a meeting confirmation is closed only by mail sent from
   * an address the user confirmed (lib/domain/confirmations.ts). Absent on rows
   * stored before it existed, and on other kinds.
   */
  from: EmailAddress.nullable().optional(),
  createdAt: timestamp,
});
export type Interaction = z.infer<typeof Interaction>;

/** A resource inserted into a reply to a client and not yet seen sent: when, and in which conversation. */
export const PendingShare = z.object({
  insertedAt: timestamp,
  host: MailHost.nullable().default(null),
  threadId: z.string().max(1000).nullable().default(null),
  /** The conversation it was inserted in (a mail page's address only, or ''). */
  url: MailLinkUrl.default(''),
});
export type PendingShare = z.infer<typeof PendingShare>;

export const Resource = z.object({
  id,
  url: WebUrl,
  canonicalUrl: WebUrl,
  title: shortText,
  site: shortText.default(''),
  byline: shortText.default(''),
  excerpt: z.string().max(2000).default(''),
  contentHtml: z.string().max(5_000_000).default(''),
  /**
   * clientId -> the user's private note for that client ("why this is for them"):
   * shown only in Tend, never inserted into a reply, never shown for another client.
   */
  notes: z.record(z.string(), z.string().max(2000)).default({}), // MAX_RESOURCE_NOTE_CHARS
  clientIds: z.array(id).max(1000),
  /** clientId -> when it was shared with them: their sent mail held the link, or the user said so. */
  sharedWith: z.record(z.string(), timestamp).default({}),
  /** clientId -> inserted into a reply to them, not yet seen sent (a discarded draft changes nothing). */
  pendingShares: z.record(z.string(), PendingShare).default({}),
  /** The keys of `pendingShares` (multi-entry index): a conversation's sent mail looks up only resources waiting for its clients. */
  pendingFor: z.array(id).max(1000).default([]),
  savedAt: timestamp,
});
export type Resource = z.infer<typeof Resource>;

/** Who sent whom: the referral ledger (referrer thanked or not, what was said). */
export const Referral = z.object({
  id,
  referrerId: id,
  referredId: id,
  said: z.string().max(2000).default(''),
  at: timestamp,
  thankedAt: timestamp.nullable().default(null),
});
export type Referral = z.infer<typeof Referral>;

/** A promise to keep, such as confirming a meeting by email within 48 hours. */
export const FollowUp = z.object({
  id,
  clientId: id,
  /** 'ask-feedback': a project was marked done; closed by feedback recorded for that client, or "Not this time". */
  kind: z.enum(['confirm-meeting', 'introduction', 'ask-feedback']),
  /** What created it: the meeting (an interaction), or for 'ask-feedback' the project. */
  sourceId: id.nullable().default(null),
  text: z.string().max(2000).default(''),
  dueAt: timestamp,
  doneAt: timestamp.nullable().default(null),
  createdAt: timestamp,
  /** The email seen on screen that closed it (null: open, or closed by hand): Today names it, with Undo. */
  closedBy: z
    .object({ interactionId: id, subject: z.string().max(500), at: timestamp, from: EmailAddress, url: MailLinkUrl })
    .nullable()
    .default(null),
  /** Emails the user said did not confirm it (Undo on Today): they never close it again. */
  keptOpenDespite: z.array(id).max(100).default([]),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const ProjectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatus>;
export const FeedbackSource = z.enum(FEEDBACK_SOURCES);
export type FeedbackSource = z.infer<typeof FeedbackSource>;

/** Whether the runtime knows this ISO 4217 code (Intl lists every currency it can format). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && knownCurrencies().has(code);
}
let currencies: Set<string> | undefined;
function knownCurrencies(): Set<string> {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies;
}
/** An ISO 4217 currency code, upper-cased ('eur' is EUR). */
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCurrencyCode, 'is not a currency code Tend knows (three letters, such as EUR, USD or GBP)');

/** The largest project value Tend keeps: a typo of many zeros is refused rather than skewing every average. */
export const MAX_PROJECT_VALUE = 1_000_000_000_000;

/**
 * A project (an engagement) with a client, issue 16. Its value is in the currency's
 * major unit (euros, not cents), never added to another currency's. The checks
 * between fields (an end before the start, a value without its currency) are in
 * `projectProblem`, so that this object stays extendable.
 */
export const ProjectFields = z.object({
  id,
  clientId: id,
  title: shortText.min(1, 'A title is needed'),
  startDay: CalendarDay,
  /** Null while it is ongoing (or not started). */
  endDay: CalendarDay.nullable().default(null),
  status: ProjectStatus.default('active'),
  value: z.number().finite('is not a number').nonnegative('cannot be negative').max(MAX_PROJECT_VALUE).nullable().default(null),
  currency: CurrencyCode.nullable().default(null),
  note: z.string().max(2000).default(''),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/** What is wrong between a project's fields, naming the field, or null. */
export function projectProblem(project: Pick<z.infer<typeof ProjectFields>, 'startDay' | 'endDay' | 'value' | 'currency'>): { field: 'endDay' | 'currency'; message: string } | null {
  if (project.endDay !== null && project.endDay < project.startDay) return { field: 'endDay', message: 'The end day is before the start day.' };
  if (project.value !== null && project.currency === null) return { field: 'currency', message: 'A value needs its currency (such as EUR or USD).' };
  return null;
}

export const Project = ProjectFields.superRefine((project, ctx) => {
  const problem = projectProblem(project);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
});
export type Project = z.infer<typeof ProjectFields>;

/** The recommend question a score answers (Net Promoter Score). */
export const RECOMMEND_QUESTION = 'How likely are you to recommend us to a friend or colleague?';

/** What a client said of the work, issue 16: a 0–10 recommend score and, if any, a note. */
export const Feedback = z.object({
  id,
  clientId: id,
  /** The project it is about, if any. */
  projectId: id.nullable().default(null),
  day: CalendarDay,
  score: z.number().int('is not a whole number').min(0, 'is below 0').max(10, 'is above 10'),
  note: z.string().max(2000).default(''),
  source: FeedbackSource.default('email'),
  createdAt: timestamp,
});
export type Feedback = z.infer<typeof Feedback>;

export const Setting = z.object({ key: z.string().max(100), value: z.unknown() });
export type Setting = z.infer<typeof Setting>;

const cadence = z.number().int().min(1).max(3650).nullable();

/**
 * The mail the user uses, as Tend last saw it (lib/domain/compose-link.ts): "Write
 * to them" opens a new message there. Strict, because it becomes a link: a Gmail
 * account path and one of Outlook's own origins only.
 */
export const MailApp = z.discriminatedUnion('app', [
  z.object({ app: z.literal('gmail'), account: z.string().max(200).regex(/^(?:(?:b\/\d+\/)?u\/[\w.+%@-]+\/)?$/) }),
  z.object({ app: z.literal('outlook'), origin: z.enum(OUTLOOK_HOSTS.map((host) => `https://${host}`) as [string, ...string[]]) }),
  z.object({ app: z.literal('mailto') }),
]);
export type MailApp = z.infer<typeof MailApp>;

/** What the user can tune; stored row by row in the settings table. */
export const Settings = z.object({
  /** The user's own addresses: typed in, or confirmed with "Yes, that's me". */
  ownAddresses: z.array(EmailAddress).max(50).default([]),
  /**
   * Addresses read from the mail pages' account area, not yet confirmed. A page's
   * account address tells "me" from "them" on that page at once, but is stored as
   * the user's own only once they confirm it (the page could be lying, issue 13, item 4).
   */
  detectedOwnAddresses: z.array(EmailAddress).max(50).default([]),
  /** Addresses the user said are not theirs ("No"): never asked about, never taken as "me". */
  notOwnAddresses: z.array(EmailAddress).max(50).default([]),
  /** Days between check-ins per tier; null: no check-ins for that tier. */
  tierCadences: z
    .object({ key: cadence, active: cadence, occasional: cadence, none: cadence })
    .default({ key: 14, active: 30, occasional: 90, none: null }),
  /** Opt-in: a daily notification summarising Today. */
  dailySummary: z.boolean().default(false),
  /** When the user last downloaded a full backup (lib/background/backup.ts); null: never. */
  lastBackupAt: timestamp.nullable().default(null),
  /** Offer a backup when the last one is older than this many days. */
  backupReminderDays: z.number().int().min(1).max(365).default(30),
  /** The backup reminder on Today is put off until then; null: not snoozed. */
  backupReminderSnoozedUntil: timestamp.nullable().default(null),
  /** When Tend first saw a Gmail or Outlook page (the first run's third step); null: not yet. */
  mailPageSeenAt: timestamp.nullable().default(null),
  /** The mail of the last conversation seen, for "Write to them"; null: none seen yet (mailto:). */
  mailApp: MailApp.nullable().default(null),
  /** When the user dismissed the first-run steps on the dashboard; null: still shown until all are done. */
  firstRunDismissedAt: timestamp.nullable().default(null),
});
export type Settings = z.infer<typeof Settings>;
