/**
 * Every message Tend sends, defined once: the input each one takes (a zod schema,
 * checked on receipt) and who may send it. Call sites name a message and pass its
 * data; the types follow from here.
 */
import { z } from '../zod';
import { CalendarDay, Client, Detail, DetailKind, EmailAddress, Interaction, Settings, Tier } from '../model';
import { ThreadSnapshot } from '../hosts/thread';
import { clientMessages } from './protocol-clients';
import { backupMessages } from './protocol-backup';
import { resourceMessages } from './protocol-resources';


/** Who may send a message: a mail page's content script, or one of our own pages. */
export type SenderKind = 'content' | 'extension';

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

export const LOGGABLE_KINDS = ['note', 'call', 'meeting'] as const;

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
});
export type PersonView = z.infer<typeof PersonView>;

export const SidebarView = z.discriminatedUnion('state', [
  z.object({ state: z.literal('no-conversation') }),
  z.object({
    state: z.literal('conversation'),
    subject: z.string(),
    people: z.array(PersonView),
    /** How many correspondents were left out of the list (a 200-person cc). */
    more: z.number().int().nonnegative(),
  }),
]);
export type SidebarView = z.infer<typeof SidebarView>;

export const protocol = {
  /** The content script read the open conversation (null: none is open). */
  threadChanged: {
    from: 'content',
    input: z.object({ snapshot: ThreadSnapshot.nullable(), frameToken: z.string().min(16).max(100) }),
  },

  getSidebarView: { from: 'extension', input: z.object({ frameToken: z.string().max(100) }) },
  createClient: { from: 'extension', input: NewClientInput },
  addClientAddress: { from: 'extension', input: z.object({ clientId, email: EmailAddress }) },
  confirmClientName: { from: 'extension', input: z.object({ clientId, name: z.string().trim().min(1).max(1000) }) },
  addDetail: { from: 'extension', input: DetailInput.extend({ clientId }) },
  updateDetail: { from: 'extension', input: DetailInput.extend({ id: z.string().min(1).max(64) }) },
  deleteDetail: { from: 'extension', input: z.object({ id: z.string().min(1).max(64) }) },
  restoreDetail: { from: 'extension', input: z.object({ detail: Detail }) },
  logInteraction: {
    from: 'extension',
    input: z.object({
      clientId,
      kind: z.enum(LOGGABLE_KINDS),
      text: z.string().trim().max(20_000),
      at: z.number().int().nonnegative().optional(),
    }),
  },
  checkedIn: { from: 'extension', input: z.object({ clientId }) },
  snooze: {
    from: 'extension',
    input: z.union([
      z.object({ clientId, weeks: z.number().int().min(1).max(52) }),
      z.object({ clientId, until: CalendarDay }),
    ]),
  },
  updateClient: {
    from: 'extension',
    input: z.object({
      clientId,
      name: z.string().trim().min(1).max(500).optional(),
      company: z.string().trim().max(500).optional(),
      role: z.string().trim().max(500).optional(),
      tier: Tier.optional(),
      cadenceDays: z.number().int().min(1).max(3650).nullable().optional(),
    }),
  },
  completeFollowUp: { from: 'extension', input: z.object({ id: z.string().min(1).max(64), done: z.boolean() }) },
  getToday: { from: 'extension', input: z.object({ overdueLimit: z.number().int().min(1).max(100_000).optional() }) },
  latestConversation: { from: 'extension', input: z.object({ clientId }) },
  getSettings: { from: 'extension', input: z.object({}) },
  saveSettings: {
    from: 'extension',
    input: z.object({ tierCadences: Settings.shape.tierCadences.unwrap().optional(), dailySummary: z.boolean().optional() }),
  },
  saveOwnAddresses: { from: 'extension', input: z.object({ addresses: z.array(EmailAddress).max(50) }) },
  /** Puts Today's backup reminder off for a number of days. */
  snoozeBackupReminder: { from: 'extension', input: z.object({ days: z.number().int().min(1).max(90) }) },
  ...clientMessages,
  ...backupMessages,
  ...resourceMessages,
} as const satisfies Record<string, { from: SenderKind; input: z.ZodType }>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type MessageInput<K extends MessageName> = z.input<Protocol[K]['input']>;

/** The envelope on the wire; `tend` marks it as ours among other runtime messages. */
export const Envelope = z.object({ tend: z.literal(1), name: z.string().max(64), data: z.unknown() });

/** Pushed over the live port (LIVE_PORT) to every open extension page after a write. */
export const LiveEvent = z.object({ type: z.literal('changed') });
