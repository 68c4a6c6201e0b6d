/**
 * Who may send a message, told apart by the background from the sender's URL path
 * and frame (lib/background/router.ts): the mail page's content script, the sidebar
 * (sidebar.html framed into a mail tab, holding its content script's token), and the
 * full extension pages. Each protocol entry names the kinds that may send it: the
 * least each page needs, so a sidebar frame can only do sidebar things. Free of zod:
 * content scripts import the protocol's types.
 */
export const SENDER_KINDS = ['content', 'sidebar', 'dashboard', 'popup', 'reader'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

/** The extension pages, by the path of their URL. */
export const PAGE_PATHS = {
  '/sidebar.html': 'sidebar',
  '/dashboard.html': 'dashboard',
  '/popup.html': 'popup',
  '/reader.html': 'reader',
} as const satisfies Record<string, Exclude<SenderKind, 'content'>>;

/** The content script of a top-level mail page: it reports the open conversation. */
export const CONTENT = ['content'] as const;
/** The sidebar only (what it shows about the open conversation). */
export const SIDEBAR = ['sidebar'] as const;
/**
 * The dashboard only: everything else, above all what is destructive or bulk
 * (delete everything, export, restore, import, settings).
 */
export const DASHBOARD = ['dashboard'] as const;
/** What both the sidebar's person card and the dashboard's client page do. */
export const SIDEBAR_AND_DASHBOARD = ['sidebar', 'dashboard'] as const;
/** The save popup: "save this page for a client". */
export const POPUP = ['popup'] as const;
/** The reader: one saved article. */
export const READER = ['reader'] as const;

export type Senders = readonly SenderKind[];
