import { defineConfig } from 'wxt';
import { GMAIL_MATCHES, OUTLOOK_MATCHES } from './lib/hosts/origins';

/**
 * Firefox's part of the manifest. `strict_min_version` 140 is the oldest Firefox that
 * reads `data_collection_permissions` (128–139 ignore it, so they would install Tend
 * without the "collects nothing" consent; 127 and older refuse a manifest that has
 * it). 140 is also an ESR, and above every other floor: MV3 event pages (109),
 * `storage.session` (115), host permissions of content scripts granted at install
 * (127). docs/firefox.md has the table.
 */
const FIREFOX_GECKO = {
  id: 'tend@tend.local',
  strict_min_version: '140.0',
  // Tend sends nothing anywhere: no telemetry, no server (addons.mozilla.org asks).
  data_collection_permissions: { required: ['none'] },
};

/** Firefox for Android reads `data_collection_permissions` from 142 on. */
const FIREFOX_ANDROID_GECKO = { strict_min_version: '142.0' };

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // TEND_OUT_DIR: a build of its own (several builds side by side, e.g. parallel work
  // on one checkout); the tests read the same variable. Default: .output.
  outDir: process.env.TEND_OUT_DIR || '.output',
  // Explicit imports everywhere: auto-imports do not reach lib/ in tests and hide
  // where a name comes from.
  imports: false,
  // Manifest V3 in every browser, Firefox included (docs/firefox.md says why): one
  // `browser.action`, and the sidebar frame exposed to the mail origins only.
  manifestVersion: 3,
  // `npm run zip`: the store files. The sources zip (Firefox's reviewers build from
  // it with `npm ci && npm run build`) leaves out what the build does not read.
  zip: { excludeSources: ['tests/**', 'docs/**', '.ci/**', 'test-results/**', 'playwright*.config.ts', 'vitest.config.ts'] },
  manifest: ({ browser }) => ({
    name: 'Tend',
    description: 'Client memory beside your inbox: who this email is with, and what you remember about them.',
    // activeTab + scripting: the popup extracts the current page only when the user asks.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'activeTab', 'scripting', 'contextMenus'],
    action: { default_title: 'Tend' },
    // The keyboard shortcut presses the toolbar button (opens the save popup).
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save this page for a client',
      },
    },
    // The dashboard (Today first) doubles as the options page.
    options_ui: { page: 'dashboard.html', open_in_tab: true },
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        // Only the mail hosts may frame the sidebar. A mail page that frames it
        // itself sees nothing: the background shows a conversation only to the
        // frame holding our content script's token (lib/ui/frame-token.ts).
        matches: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES],
      },
    ],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: FIREFOX_GECKO, gecko_android: FIREFOX_ANDROID_GECKO } } : {}),
  }),
});
