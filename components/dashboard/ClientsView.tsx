import { useCallback, useEffect, useId, useRef, useState, type UIEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { CLIENT_LIST_TOPICS } from '../../lib/ui/topics';
import { TIERS, type Tier } from '../../lib/model';
import type { ClientListQuery, ClientRow, ClientSort } from '../../lib/messaging/protocol-clients';
import { DelayedStatus, TIER_LABELS } from './Today';
import './clients.css';

/** Fixed row height: the list renders only the rows in view (10,000 rows scroll smoothly). */
export const ROW_HEIGHT = 44;
/** Rows rendered above and below the visible ones. */
const OVERSCAN = 8;
/** Used until the list has been laid out (and in tests, where nothing is). */
const FALLBACK_VIEWPORT = 640;
const DAY_MS = 86_400_000;

const SORT_LABELS: Record<ClientSort, string> = {
  name: 'Name',
  lastContact: 'Last contact (longest ago first)',
  nextDue: 'Next check-in (most overdue first)',
};

const absolute = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

function startOfLocalDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "3 days ago" when recent, "12 Mar 2025" when far. */
export function formatLastContact(at: number | null, now = Date.now()): string {
  if (at === null) return 'Never';
  const days = Math.round((startOfLocalDay(now) - startOfLocalDay(at)) / DAY_MS);
  return days <= 30 ? relative.format(-days, 'day') : absolute.format(at);
}

export function formatNextCheckIn(row: Pick<ClientRow, 'nextDueAt' | 'archivedAt'>, now = Date.now()): { text: string; overdue: boolean } {
  if (row.archivedAt !== null) return { text: 'Archived', overdue: false };
  if (row.nextDueAt === null) return { text: 'No check-ins', overdue: false };
  const days = Math.round((startOfLocalDay(row.nextDueAt) - startOfLocalDay(now)) / DAY_MS);
  if (days < 0) return { text: `Overdue by ${-days} day${days === -1 ? '' : 's'}`, overdue: true };
  if (days === 0) return { text: 'Due today', overdue: false };
  return { text: `In ${days} day${days === 1 ? '' : 's'}`, overdue: false };
}

const DEFAULT_QUERY: ClientListQuery = { sort: 'name', tier: null, tag: null, overdue: false, quiet: false, archived: false };

/** All clients: filters, sorting, and a virtualised list of compact rows. */
export function ClientsView() {
  const id = useId();
  const [query, setQuery] = useState<ClientListQuery>(DEFAULT_QUERY);
  const fetchList = useCallback(() => send('listClients', query), [query]);
  const list = useLiveQuery(fetchList, CLIENT_LIST_TOPICS);
  const value = 'value' in list ? list.value : undefined;
  const set = <K extends keyof ClientListQuery>(key: K, next: ClientListQuery[K]) => setQuery((previous) => ({ ...previous, [key]: next }));
  const filtered = query.tier !== null || query.tag !== null || query.overdue || query.quiet;

  return (
    <div className="clients-view">
      <div className="filters" role="group" aria-label="Filter and sort clients">
        <label>
          Sort by
          <select value={query.sort} onChange={(event) => set('sort', event.target.value as ClientSort)}>
            {(Object.keys(SORT_LABELS) as ClientSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tier
          <select value={query.tier ?? ''} onChange={(event) => set('tier', (event.target.value || null) as Tier | null)}>
            <option value="">All tiers</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {TIER_LABELS[tier]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <select value={query.tag ?? ''} onChange={(event) => set('tag', event.target.value || null)}>
            <option value="">All tags</option>
            {(value?.tags ?? []).map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={query.overdue} onChange={(event) => set('overdue', event.target.checked)} /> Overdue
        </label>
        <label>
          <input type="checkbox" checked={query.quiet} onChange={(event) => set('quiet', event.target.checked)} /> No contact for 6 months
        </label>
        <label>
          <input type="checkbox" checked={query.archived} onChange={(event) => set('archived', event.target.checked)} /> Archived
        </label>
      </div>
      {list.status === 'loading' && <DelayedStatus>Loading clients…</DelayedStatus>}
      {list.status === 'error' && (
        <div className="notice error" role="alert">
          <p>Tend could not load the clients: {list.error}</p>
          <p>Reload this page to try again.</p>
        </div>
      )}
      {value && (
        <>
          <p className="muted" role="status" id={`${id}-count`}>
            {value.rows.length.toLocaleString()} {query.archived ? 'archived ' : ''}
            {value.rows.length === 1 ? 'client' : 'clients'}
            {filtered ? ' match' : ''}
            {!query.archived && value.counts.archived > 0 && ` · ${value.counts.archived.toLocaleString()} archived`}
          </p>
          {value.rows.length === 0 ? (
            <div className="section-empty">
              <p className="empty-title">{filtered || query.archived ? 'No clients match' : 'No clients yet'}</p>
              <p className="muted">
                {filtered || query.archived
                  ? 'Change the filters above to see more.'
                  : 'Open a conversation in Gmail or Outlook and press Add client in the Tend sidebar.'}
              </p>
            </div>
          ) : (
            <VirtualClientList rows={value.rows} describedBy={`${id}-count`} />
          )}
        </>
      )}
    </div>
  );
}

function VirtualClientList({ rows, describedBy }: { rows: ClientRow[]; describedBy: string }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const now = Date.now();
  return (
    <>
      <div className="client-list-head" aria-hidden="true">
        <span>Name</span>
        <span>Company</span>
        <span>Tier</span>
        <span>Last contact</span>
        <span>Next check-in</span>
      </div>
      <div className="client-list" ref={scroller} onScroll={onScroll} tabIndex={-1}>
        <div className="client-list-inner" role="list" aria-label="Clients" aria-describedby={describedBy} style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((row, i) => {
            const next = formatNextCheckIn(row, now);
            return (
              <div
                key={row.id}
                className="client-row"
                role="listitem"
                aria-setsize={rows.length}
                aria-posinset={first + i + 1}
                style={{ top: (first + i) * ROW_HEIGHT }}
              >
                <a href={`#client/${encodeURIComponent(row.id)}`}>{row.name}</a>
                <span className="company">{row.company}</span>
                <span>
                  <span className={`tier tier-${row.tier}`}>{TIER_LABELS[row.tier]}</span>
                </span>
                <span>
                  <span className="visually-hidden">Last contact: </span>
                  {formatLastContact(row.lastContactAt, now)}
                </span>
                <span className={next.overdue ? 'overdue' : undefined}>
                  <span className="visually-hidden">Next check-in: </span>
                  {next.text}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
