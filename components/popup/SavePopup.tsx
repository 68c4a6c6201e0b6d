/**
 * "Save this page for a client": reads the tab the popup was opened for (an
 * injected Readability pass, lib/articles/extract.ts), shows what was found, and
 * saves it for the clients picked. Also opened as a small window by the context
 * menu (`?tab=<id>` for a page, `?link=<url>` for a link).
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/send';
import type { PickerClient } from '../../lib/messaging/protocol-resources';
import { Extraction, extractionErrorMessage, unsupportedPageMessage } from '../../lib/articles/page';
import { canonicalUrlOf, cleanUrl } from '../../lib/articles/canonical';
import { ErrorText } from '../useAction';

/** The popup closes itself this long after confirming a save. */
const CLOSE_AFTER_MS = 1500;

interface Prepared {
  page: Extraction;
  /** Article HTML as the extraction script sanitised it ('' for a link). */
  contentHtml: string;
  canonicalUrl: string;
  /** The tab moved to another page while Tend read it. */
  changed: boolean;
}

type Load = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; prepared: Prepared };

/** Reads the page the popup is for (or the link it was opened with). */
export async function readTab(): Promise<Prepared> {
  const params = new URLSearchParams(location.search);
  const link = params.get('link');
  if (link) {
    const url = cleanUrl(link);
    if (!url) throw new Error('Tend saves web links (http and https) only.');
    const title = params.get('title')?.trim() || url;
    const page = Extraction.parse({
      url, declaredCanonical: [], kind: 'link', reason: null, title: title.slice(0, 500), site: new URL(url).hostname.replace(/^www\./, ''),
      byline: '', excerpt: '', contentHtml: '', text: title.slice(0, 20_000), words: 0, readingMinutes: 0, lang: '',
    });
    return { page, contentHtml: '', canonicalUrl: url, changed: false };
  }
  const tabParam = Number(params.get('tab'));
  const tab = Number.isInteger(tabParam) && tabParam > 0
    ? await browser.tabs.get(tabParam)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (tab?.id === undefined) throw new Error('Tend cannot find the page to save.');
  // With activeTab the URL is visible; without it (no grant) executeScript fails below anyway.
  const unsupported = tab.url ? unsupportedPageMessage(tab.url) : null;
  if (unsupported) throw new Error(unsupported);
  let result: unknown;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/extract.js'] });
    result = injection?.result;
  } catch (error) {
    throw new Error(extractionErrorMessage(error));
  }
  const parsed = Extraction.safeParse(result);
  if (!parsed.success) throw new Error('Tend could not read this page. Nothing was saved.');
  const page = parsed.data;
  const unsupportedNow = unsupportedPageMessage(page.url);
  if (unsupportedNow) throw new Error(unsupportedNow);
  const canonicalUrl = canonicalUrlOf(page.url, page.declaredCanonical) ?? page.url;
  return {
    page: { ...page, contentHtml: '' },
    // Sanitised where Readability built it (lib/articles/extract.ts), in the
    // extension's isolated world; sanitised again on Save (see save()), and by the
    // reader page before it is shown.
    contentHtml: page.contentHtml,
    canonicalUrl,
    changed: !!tab.url && cleanUrl(tab.url) !== cleanUrl(page.url),
  };
}

/**
 * `reading` is the page being read, when the caller started reading it before
 * React mounted (entrypoints/popup/main.tsx): the tab's extraction then runs while
 * the popup renders rather than after.
 */
export function SavePopup({ reading }: { reading?: Promise<Prepared> }) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  useEffect(() => {
    (reading ?? readTab()).then(
      (prepared) => setLoad({ state: 'ready', prepared }),
      (error: unknown) => setLoad({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [reading]);
  return (
    <main className="popup" aria-label="Save to Tend">
      {load.state === 'loading' && <p className="muted" role="status">Reading this page…</p>}
      {load.state === 'failed' && (
        <div className="notice" role="alert">
          <p>{load.message}</p>
        </div>
      )}
      {load.state === 'ready' && <SaveForm prepared={load.prepared} />}
    </main>
  );
}

function describeLink(reason: Extraction['reason']): string {
  if (reason === 'too-large') return 'This page is too large to keep a copy; it will be saved as a link.';
  if (reason === 'pdf') return 'A PDF: it will be saved as a link.';
  return 'Not an article: it will be saved as a link.';
}

/** Keys that move through the list of matches (a roving list: one Tab stop). */
const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (index, count) => Math.min(index + 1, count - 1),
  ArrowUp: (index) => index - 1,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

const PICK_ONE = 'Pick at least one client.';

function SaveForm({ prepared }: { prepared: Prepared }) {
  const { page } = prepared;
  const [clients, setClients] = useState<PickerClient[] | null>(null);
  const [existing, setExisting] = useState<{ clientIds: string[] } | null>(null);
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  /** Save was pressed with nobody picked: said until someone is. */
  const [needsPick, setNeedsPick] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  /** The match that holds the list's one Tab stop (the last one focused). */
  const [activeId, setActiveId] = useState<string | null>(null);
  /** The chip that holds the chips' one Tab stop. */
  const [activeChip, setActiveChip] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  const ids = useId();

  // Focus starts where the keyboard path starts: finding a client.
  useEffect(() => searchRef.current?.focus(), []);

  useEffect(() => {
    performance.mark('tend-preview-shown');
    send('getSaveContext', { url: prepared.canonicalUrl, text: page.text }).then(
      (context) => {
        setClients(context.clients);
        setExisting(context.existing);
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [prepared, page.text]);

  const shown = useMemo(() => {
    if (!clients) return [];
    const q = query.trim().toLowerCase();
    if (!q) return clients.slice(0, 50);
    return clients
      .filter((c) => c.name.toLowerCase().includes(q) || c.company.toLowerCase().includes(q) || c.emails.some((e) => e.includes(q)))
      .slice(0, 50);
  }, [clients, query]);
  const names = new Map((clients ?? []).map((c) => [c.id, c.name]));
  const tabStop = shown.some((c) => c.id === activeId) ? activeId : (shown[0]?.id ?? null);
  const pickError = needsPick && picked.length === 0 ? PICK_ONE : null;
  // Once someone is picked the error is over; removing them again does not bring it back before Save.
  useEffect(() => {
    if (picked.length) setNeedsPick(false);
  }, [picked.length]);

  const toggle = (id: string) => setPicked((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now, id]));
  const optionAt = (index: number) => listRef.current?.querySelectorAll<HTMLInputElement>('input[type=checkbox]')[index];

  /** In "Find a client": ↓ enters the matches, Enter picks the first one (and clears the search for the next). */
  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' && shown.length) {
      event.preventDefault();
      optionAt(Math.max(0, shown.findIndex((c) => c.id === tabStop)))?.focus();
    } else if (event.key === 'Enter') {
      // Enter never saves from here: a half-typed name is not a finished choice.
      event.preventDefault();
      const first = shown[0];
      if (query.trim() && first) {
        if (!picked.includes(first.id)) toggle(first.id);
        setQuery('');
      }
    }
  }

  /** On a match: arrows, Home and End move; Space (the checkbox's own) or Enter picks; ↑ from the first goes back to the search. */
  function onOptionKey(event: KeyboardEvent<HTMLInputElement>, index: number, id: string) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const move = MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = move(index, shown.length);
      if (next < 0) searchRef.current?.focus();
      else optionAt(next)?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      toggle(id);
    } else if (event.key.length === 1 && event.key !== ' ') {
      // Typing on a match goes on searching.
      event.preventDefault();
      setQuery((now) => now + event.key);
      searchRef.current?.focus();
    }
  }

  /** On a chip: ← and → move, Delete, Backspace, Enter or Space removes it. */
  function onChipKey(event: KeyboardEvent<HTMLButtonElement>, index: number, id: string) {
    const chips = () => chipsRef.current?.querySelectorAll<HTMLButtonElement>('button');
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const next = Math.max(0, Math.min(picked.length - 1, index + (event.key === 'ArrowRight' ? 1 : -1)));
      setActiveChip(next);
      chips()?.[next]?.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      removeChip(index, id);
    }
  }

  function removeChip(index: number, id: string) {
    const remaining = picked.length - 1;
    setPicked((now) => now.filter((x) => x !== id));
    // Focus stays among the chips while there are any, else goes back to the search.
    const next = Math.min(index, remaining - 1);
    setActiveChip(Math.max(0, next));
    if (next >= 0) requestAnimationFrame(() => chipsRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus());
    else searchRef.current?.focus();
  }

  async function save() {
    if (busy) return;
    if (picked.length === 0) {
      setNeedsPick(true);
      searchRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // What the tab handed over was cleaned there, by a script running in the page's
      // renderer: a compromised renderer could hand over anything. Cleaned once more
      // here, in Tend's own page, before it is stored; loaded on Save, so DOMPurify
      // does not weigh on the popup's first paint.
      const contentHtml = prepared.contentHtml ? (await import('../../lib/articles/sanitize')).sanitizeArticleHtml(prepared.contentHtml) : '';
      const result = await send('saveResource', {
        url: page.url,
        canonicalUrl: prepared.canonicalUrl,
        title: page.title || page.url,
        site: page.site,
        byline: page.byline,
        excerpt: page.excerpt,
        contentHtml,
        note,
        clientIds: picked,
      });
      const who = picked.map((id) => names.get(id) ?? 'a client').join(', ');
      setSaved(result.existed ? `Already saved; now also for ${who}.` : `Saved for ${who}.`);
      setTimeout(() => window.close(), CLOSE_AFTER_MS);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <p className="notice" role="status">
        {saved}
      </p>
    );
  }
  const meta = [page.site, page.byline, page.readingMinutes ? `${page.readingMinutes} min read` : null].filter(Boolean).join(' · ');
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  return (
    <>
      <section className="preview" aria-label="Page to save">
        <h1>{page.title || page.url}</h1>
        {meta && <p className="meta">{meta}</p>}
        {page.excerpt && <p className="excerpt">{page.excerpt}</p>}
        {page.kind === 'link' && <p className="muted">{describeLink(page.reason)}</p>}
        {prepared.changed && <p className="muted">The page changed while Tend read it; this is what it shows now.</p>}
        {existing && <p className="muted">Already saved{existing.clientIds.length ? ` for ${existing.clientIds.map((id) => names.get(id) ?? '…').join(', ')}` : ''}; saving adds clients.</p>}
      </section>
      <form
        className="save"
        aria-label="Save for clients"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
        onKeyDown={(event) => {
          // Ctrl+Enter (⌘+Enter on a Mac) saves from anywhere in the form.
          if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
          event.preventDefault();
          void save();
        }}
      >
        <label htmlFor="client-search" className="section-title">For</label>
        <input
          id="client-search"
          ref={searchRef}
          type="search"
          placeholder="Name, company or address"
          aria-label="Find a client"
          aria-controls={`${ids}-list`}
          aria-describedby={pickError ? `${hintId} ${errorId}` : hintId}
          aria-invalid={pickError ? true : undefined}
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
        />
        <p className="hint" id={hintId}>
          ↓ goes through the matches; Space or Enter picks; Ctrl+Enter saves.
        </p>
        {picked.length > 0 && (
          <ul className="chips" aria-label="Chosen clients" ref={chipsRef}>
            {picked.map((id, index) => (
              <li key={id} className="chip">
                <span>{names.get(id)}</span>
                <button
                  type="button"
                  tabIndex={index === Math.min(activeChip, picked.length - 1) ? 0 : -1}
                  aria-label={`Remove ${names.get(id) ?? 'client'}`}
                  onFocus={() => setActiveChip(index)}
                  onClick={() => removeChip(index, id)}
                  onKeyDown={(event) => onChipKey(event, index, id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="picker" role="group" aria-label="Clients" id={`${ids}-list`} ref={listRef}>
          {clients === null && <p className="muted">Loading clients…</p>}
          {clients?.length === 0 && <p className="muted">No clients yet: add one from a conversation in Gmail or Outlook.</p>}
          {clients && clients.length > 0 && shown.length === 0 && <p className="muted">No client matches “{query.trim()}”.</p>}
          {shown.map((client, index) => (
            <label key={client.id}>
              <input
                type="checkbox"
                tabIndex={client.id === tabStop ? 0 : -1}
                checked={picked.includes(client.id)}
                onChange={() => toggle(client.id)}
                onFocus={() => setActiveId(client.id)}
                onKeyDown={(event) => onOptionKey(event, index, client.id)}
              />
              <span>
                {client.name}
                {client.company && <span className="muted"> · {client.company}</span>}
                {client.reason === 'conversation' && <span className="why"> · from your last conversation</span>}
                {client.reason === 'keywords' && <span className="why"> · about {client.terms.join(', ')}</span>}
              </span>
            </label>
          ))}
        </div>
        <label htmlFor="save-note" className="section-title">Private note (only you see it)</label>
        <textarea id="save-note" maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />
        <div className="save-row">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {picked.length > 1 ? `Save for ${picked.length} clients` : 'Save'}
          </button>
        </div>
        {pickError && (
          <p className="error" role="alert" id={errorId}>
            {pickError}
          </p>
        )}
        <ErrorText error={error} />
      </form>
    </>
  );
}
