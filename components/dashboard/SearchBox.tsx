import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { send } from '../../lib/messaging/send';
import { onDataChanged } from '../../lib/ui/live';
import type { SearchReply } from '../../lib/messaging/protocol-clients';
import type { MatchField } from '../../lib/domain/search';
import './clients.css';
import { safeLink } from '../../lib/ui/safe-link';

type Result = SearchReply;

const WHY: Record<MatchField, string> = { name: '', address: 'Address', phone: 'Phone', company: 'Company', tag: 'Tag', text: 'Noted' };

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

interface Props {
  /** Where a client result leads. */
  hrefFor: (clientId: string) => string;
  /** Open client results in a new tab (the sidebar). */
  newTab?: boolean;
  /** A key that focuses the box from anywhere on the page (the dashboard's `/`). */
  shortcut?: string;
}

/**
 * One search box for clients (name, company, address, tag, detail and note text)
 * and saved resources, answered by the background's in-memory index as you type.
 */
export function SearchBox({ hrefFor, newTab = false, shortcut }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);

  useEffect(() => {
    if (!shortcut) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== shortcut || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [shortcut]);

  useEffect(() => {
    const mine = ++ticket.current;
    if (!query.trim()) {
      setResult(null);
      setError(null);
      return;
    }
    let stopWaiting: (() => void) | undefined;
    // Answers arriving out of order are dropped: the last keystroke wins.
    const ask = (): Promise<void> =>
      send('search', { query, limit: 20 }).then(
        (value) => {
          if (mine !== ticket.current) return;
          setResult(value);
          setError(null);
          // Just after the background restarted, notes are still being read: the
          // clients matched so far show now; the background says when the index is
          // whole (topic 'search'), and the search runs again then.
          if (value.complete === false && !stopWaiting) {
            stopWaiting = onDataChanged(['search'], () => {
              stopWaiting?.();
              stopWaiting = undefined;
              void ask();
            });
          }
        },
        (failure: unknown) => {
          if (mine === ticket.current) setError(failure instanceof Error ? failure.message : String(failure));
        },
      );
    void ask();
    return () => stopWaiting?.();
  }, [query]);

  const clear = () => setQuery('');
  // The background builds its index when the page connects; should it still be
  // missing (a page open across a worker restart), focusing the box starts it.
  const warmed = useRef(false);
  const warmUp = () => {
    if (warmed.current) return;
    warmed.current = true;
    send('search', { query: '', limit: 1 }).catch(() => {
      warmed.current = false;
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') clear();
  };
  const target = newTab ? { target: '_blank', rel: 'noreferrer' } : {};
  const open = query.trim() !== '' && (result !== null || error !== null);
  return (
    <div className="search" role="search" onKeyDown={onKeyDown}>
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search clients and resources
      </label>
      <input
        id={`${id}-q`}
        ref={input}
        type="search"
        placeholder={shortcut ? `Search clients and resources (${shortcut})` : 'Search clients and resources'}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onFocus={warmUp}
        autoComplete="off"
        aria-controls={open ? `${id}-results` : undefined}
        aria-keyshortcuts={shortcut}
        maxLength={200}
      />
      {open && (
        <div className="search-results" id={`${id}-results`} role="region" aria-label="Search results">
          {error && (
            <p className="error search-empty" role="alert">
              {error}
            </p>
          )}
          {result && result.complete === false && (
            <p className="search-empty muted" role="status">
              Still reading your notes: more may turn up in a moment.
            </p>
          )}
          {result && result.complete !== false && result.clients.length === 0 && result.resources.length === 0 && (
            <p className="search-empty" role="status">
              Nothing matches “{query.trim()}”.
            </p>
          )}
          {result && result.clients.length > 0 && (
            <>
              <h2>
                Clients
                {result.clientTotal > result.clients.length && ` (first ${result.clients.length} of ${result.clientTotal.toLocaleString()})`}
              </h2>
              <ul aria-label="Clients found">
                {result.clients.map((hit) => (
                  <li key={hit.id}>
                    <a href={hrefFor(hit.id)} {...target} onClick={newTab ? undefined : clear}>
                      <span className="hit-name">
                        {hit.name}
                        {hit.archived && <span className="archived-badge"> Archived</span>}
                      </span>
                      {(hit.company || hit.excerpt) && (
                        <span className="hit-why">
                          {hit.field !== 'name' && hit.field !== 'company' && hit.excerpt
                            ? `${WHY[hit.field]}: ${hit.excerpt}`
                            : hit.company}
                        </span>
                      )}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {result && result.resources.length > 0 && (
            <>
              <h2>Resources</h2>
              <ul aria-label="Resources found">
                {result.resources.map((hit) => {
                  // Not a web address (an old backup's): an anchor without href, text only.
                  const link = safeLink(hit.url, 'web');
                  return (
                    <li key={hit.id}>
                      <a {...(link ?? {})}>
                        <span className="hit-name">{hit.title || hit.url}</span>
                        {hit.excerpt && <span className="hit-why">{hit.excerpt}</span>}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </div>
      )}
    </div>
  );
}
