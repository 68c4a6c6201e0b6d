import { defineConfig } from 'wxt';
import { GMAIL_MATCHES, OUTLOOK_MATCHES } from './lib/hosts/origins';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports everywhere: auto-imports do not reach lib/ in tests and hide
  // where a name comes from.
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Tend',
    description: 'Client memory beside your inbox: who this email is with, and what you remember about them.',
    // activeTab + scripting: the popup extracts the current page only when the user asks.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'notifications', 'activeTab', 'scripting', 'contextMenus'],
    action: { default_title: 'Tend' },
    // The keyboard shortcut presses the toolbar button (opens the save popup).
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save this page for a client',
      },
    },
    // The dashboard (Today first) doubles as the options page.
    options_ui: { page: 'dashboard.html', open_in_tab: true },
    web_accessible_resources:
      manifestVersion === 3
        ? [
            {
              resources: ['sidebar.html'],
              // Only the mail hosts may frame the sidebar. A mail page that frames it
              // itself sees nothing: the background shows a conversation only to the
              // frame holding our content script's token (lib/ui/frame-token.ts).
              matches: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES],
            },
          ]
        : ['sidebar.html'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'tend@tend.local', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
