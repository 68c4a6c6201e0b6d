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
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'activeTab', 'scripting', 'contextMenus'],
    action: { default_title: 'Tend' },
    web_accessible_resources:
      manifestVersion === 3
        ? [
            {
              resources: ['sidebar.html'],
              matches: [...GMAIL_MATCHES, ...OUTLOOK_MATCHES],
              // A per-session random URL: a mail page cannot frame the sidebar itself.
              ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
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
