/**
 * Least privilege, request by request: one table says which kinds of sender may
 * send each protocol request, and the router is tried with every request from
 * every kind (and from senders that are no kind at all). Written out here rather
 * than read from the protocol map, so a widened `from` fails this test.
 */
import { describe, expect, it } from 'vitest';
import { route } from '../../lib/background/router';
import type { ProtocolHandlers } from '../../lib/background/context';
import { protocol, type MessageName } from '../../lib/messaging/protocol';
import { NOT_ALLOWED } from '../../lib/messaging/names';
import { SENDER_KINDS, type SenderKind } from '../../lib/messaging/senders';

const S = ['sidebar'] as const;
const D = ['dashboard'] as const;
const SD = ['sidebar', 'dashboard'] as const;

/** Who may send what: checked against what each page really sends (`send(` in components/ and lib/). */
const ALLOWED: Record<MessageName, readonly SenderKind[]> = {
  threadChanged: ['content'],
  // The sidebar: the open conversation's people and what it does with them.
  getSidebarView: S,
  createClient: S,
  confirmClientName: S,
  rejectClientName: S,
  listClientResources: S,
  insertIntoReply: S,
  // The sidebar's person card and the dashboard's client page share these.
  addClientAddress: SD,
  addDetail: SD,
  updateDetail: SD,
  deleteDetail: SD,
  checkedIn: SD,
  // "Undo" after a one-click write, wherever it was made.
  undo: SD,
  // The history, read and corrected in the sidebar and on the client page.
  logInteraction: SD,
  updateInteraction: SD,
  deleteInteraction: SD,
  snooze: SD,
  search: SD,
  markResourceShared: SD,
  // The sidebar's "Your addresses" form (who is the user) and Settings.
  getSettings: SD,
  saveOwnAddresses: SD,
  // "Is … your address?" in the sidebar, and the same question in Settings.
  answerOwnAddress: SD,
  // The dashboard only.
  updateClient: D,
  completeFollowUp: D,
  getToday: D,
  latestConversation: D,
  saveSettings: D,
  snoozeBackupReminder: D,
  getFirstRun: D,
  getInsights: D,
  dismissFirstRun: D,
  listClients: D,
  getClientPage: D,
  listClientInteractions: D,
  removeClientAddress: D,
  setClientTags: D,
  setClientDomains: D,
  archiveClient: D,
  mergeClients: D,
  deleteClient: D,
  makeKey: D,
  addReferral: D,
  setReferralThanked: D,
  deleteReferral: D,
  addIntroduction: D,
  // Projects and feedback: recorded on the client page only (issue 16).
  addProject: D,
  updateProject: D,
  deleteProject: D,
  recordFeedback: D,
  deleteFeedback: D,
  markResourceUnshared: D,
  setResourceNote: D,
  removeResourceFromClient: D,
  // Bulk and destructive: the dashboard only.
  importContacts: D,
  importProjects: D,
  backupExportStart: D,
  backupExportChunk: D,
  backupExportFinish: D,
  restoreUpload: D,
  restoreRead: D,
  restoreBackup: D,
  deleteAllData: D,
  setBackupReminder: D,
  // A backup's file exists; the safety copy a replace keeps; a write's outcome after the worker stopped.
  backupSaved: D,
  restoreSafetyCopy: D,
  restoreSafetyCopyPart: D,
  undoRestore: D,
  writeOutcome: D,
  // The save popup and the reader.
  getSaveContext: ['popup'],
  saveResource: ['popup'],
  getResource: ['reader'],
};

const OWN_ID = 'tend-id';
const ORIGIN = `chrome-extension://${OWN_ID}/`;
const GMAIL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgz';
const MAIL_TAB = { id: 7, url: GMAIL };

/** A sender of each kind, as Chromium describes it. */
const SENDERS: Record<SenderKind, object> = {
  content: { id: OWN_ID, url: GMAIL, tab: MAIL_TAB, frameId: 0 },
  sidebar: { id: OWN_ID, url: `${ORIGIN}sidebar.html`, tab: MAIL_TAB, frameId: 3 },
  dashboard: { id: OWN_ID, url: `${ORIGIN}dashboard.html#today`, tab: { id: 8, url: `${ORIGIN}dashboard.html#today` }, frameId: 0 },
  popup: { id: OWN_ID, url: `${ORIGIN}popup.html` },
  reader: { id: OWN_ID, url: `${ORIGIN}reader.html?id=r1`, tab: { id: 9 }, frameId: 0 },
};

/** Senders that are none of the kinds: refused whatever they send. */
const NOBODY: Record<string, object> = {
  'another extension': { ...SENDERS.dashboard, id: 'someone-else' },
  'an unknown extension page': { id: OWN_ID, url: `${ORIGIN}bench.html`, tab: { id: 8 }, frameId: 0 },
  'a framed dashboard': { ...SENDERS.dashboard, tab: MAIL_TAB, frameId: 2 },
  'the sidebar opened as a tab': { id: OWN_ID, url: `${ORIGIN}sidebar.html`, tab: { id: 8 }, frameId: 0 },
  'the sidebar framed into another site': { ...SENDERS.sidebar, tab: { id: 7, url: 'https://evil.example/' } },
  'a frame of the mail page': { ...SENDERS.content, frameId: 5 },
  'a page that is no mail host': { ...SENDERS.content, url: 'https://evil.example/' },
};

const SIDEBAR_TOKEN = 'frame-token-0123456789abcdef';
const anyHandler = new Proxy({}, { get: () => async () => ({}) }) as ProtocolHandlers;
const call = (name: string, sender: object) =>
  route(anyHandler, { tend: 1, name, data: {}, frameToken: SIDEBAR_TOKEN }, sender as never, OWN_ID, ORIGIN, async (tabId) => (tabId === MAIL_TAB.id ? SIDEBAR_TOKEN : null));

describe('which sender may send which request', () => {
  it('the table covers every request of the protocol, and only those', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual(Object.keys(protocol).sort());
  });

  const names = Object.keys(protocol) as MessageName[];
  it.each(names.flatMap((name) => SENDER_KINDS.map((kind) => [name, kind] as const)))('%s from the %s', async (name, kind) => {
    const reply = await call(name, SENDERS[kind]);
    const refused = !reply.ok && reply.error === NOT_ALLOWED;
    expect(refused ? 'refused' : 'accepted').toBe(ALLOWED[name].includes(kind) ? 'accepted' : 'refused');
  });

  it.each(Object.entries(NOBODY))('%s may send nothing', async (_what, sender) => {
    for (const name of names) expect(await call(name, sender)).toEqual({ ok: false, error: NOT_ALLOWED });
  });

  it('destructive and bulk requests come from the dashboard only', () => {
    for (const name of ['deleteAllData', 'backupExportStart', 'restoreBackup', 'restoreUpload', 'importContacts', 'importProjects', 'saveSettings', 'setBackupReminder', 'undoRestore', 'restoreSafetyCopyPart'] as const) {
      expect(protocol[name].from).toEqual(['dashboard']);
    }
  });
});
