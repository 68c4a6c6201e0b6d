import { useEffect, useState } from 'react';
import { UndoProvider } from '../UndoNotice';
import { Today } from './Today';
import { SettingsView } from './SettingsView';
import { ClientsView } from './ClientsView';
import { ClientPage } from './ClientPage';
import { SearchBox } from './SearchBox';
import { ImportExport } from './import-export/ImportExport';
import { FirstRun } from './FirstRun';
import { Insights } from './insights/Insights';
import { requestPersistentStorage } from '../../lib/backup/storage';

/** The dashboard's views, in nav order; the first is the default. */
export const VIEWS = [
  { id: 'today', label: 'Today' },
  { id: 'clients', label: 'Clients' },
  { id: 'insights', label: 'Insights' },
  { id: 'settings', label: 'Settings' },
  { id: 'backup', label: 'Import & backup' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** The view a URL hash names (`#today`, `#settings`); anything else is Today. */
export function viewOf(hash: string): ViewId {
  if (clientOf(hash) !== null) return 'clients';
  const name = hash.replace(/^#/, '');
  return VIEWS.find((view) => view.id === name)?.id ?? VIEWS[0].id;
}

/** The client a `#client/<id>` hash names, or null. */
export function clientOf(hash: string): string | null {
  const match = /^#?client\/(.+)$/.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * The dashboard page (also the options page): a header with the views, then the
 * chosen view. The URL hash keeps the view, so links, reloads and Back work.
 */
export function DashboardApp() {
  const [view, setView] = useState<ViewId>(() => viewOf(window.location.hash));
  const [clientId, setClientId] = useState(() => clientOf(window.location.hash));
  useEffect(() => {
    const follow = () => {
      setView(viewOf(window.location.hash));
      setClientId(clientOf(window.location.hash));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  // Ask once per load for storage the browser will not evict under pressure.
  useEffect(() => void requestPersistentStorage(), []);
  const label = VIEWS.find((entry) => entry.id === view)!.label;
  return (
    <UndoProvider>
      <div className="dashboard">
        <header className="top">
          <h1 className="brand">Tend</h1>
          <nav aria-label="Dashboard">
            <ul>
              {VIEWS.map((entry) => (
                <li key={entry.id}>
                  <a href={`#${entry.id}`} aria-current={entry.id === view ? 'page' : undefined}>
                    {entry.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <SearchBox hrefFor={(id) => `#client/${encodeURIComponent(id)}`} shortcut="/" />
        </header>
        <main className="view" aria-label={label}>
          {/* Above every view: its steps link to Settings and Import, and stay in sight there. */}
          <FirstRun />
          {clientId !== null ? <ClientPage clientId={clientId} /> : view === 'today' ? <Today /> : view === 'clients' ? <ClientsView /> : view === 'insights' ? <Insights /> : view === 'backup' ? <ImportExport /> : <SettingsView />}
        </main>
      </div>
    </UndoProvider>
  );
}
