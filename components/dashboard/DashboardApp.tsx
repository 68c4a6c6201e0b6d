import { useEffect, useState } from 'react';
import { Today } from './Today';
import { SettingsView } from './SettingsView';

/** The dashboard's views, in nav order; the first is the default. */
export const VIEWS = [
  { id: 'today', label: 'Today' },
  { id: 'settings', label: 'Settings' },
] as const;
export type ViewId = (typeof VIEWS)[number]['id'];

/** The view a URL hash names (`#today`, `#settings`); anything else is Today. */
export function viewOf(hash: string): ViewId {
  const name = hash.replace(/^#/, '');
  return VIEWS.find((view) => view.id === name)?.id ?? VIEWS[0].id;
}

/**
 * The dashboard page (also the options page): a header with the views, then the
 * chosen view. The URL hash keeps the view, so links, reloads and Back work.
 */
export function DashboardApp() {
  const [view, setView] = useState<ViewId>(() => viewOf(window.location.hash));
  useEffect(() => {
    const follow = () => setView(viewOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const label = VIEWS.find((entry) => entry.id === view)!.label;
  return (
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
      </header>
      <main className="view" aria-label={label}>
        {view === 'today' ? <Today /> : <SettingsView />}
      </main>
    </div>
  );
}
