/**
 * A section of a client's card that folds (Check-in, Talking points, Resources,
 * Details, Interactions): a heading whose button opens and closes it. Whether each
 * is open is remembered per section name (not per client) in the extension's
 * storage: a UI preference, not client data. The sidebar reads it once, before it
 * first shows a card (`loadFolds`), so a folded section never flashes open.
 */
import { useId, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';

export type FoldName = 'check-in' | 'talking-points' | 'resources' | 'details' | 'interactions';

const FOLDS_KEY = 'sidebarFolds';

let remembered: Partial<Record<FoldName, boolean>> = {};
let loading: Promise<void> | null = null;

function isFoldState(value: unknown): value is Partial<Record<FoldName, boolean>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((open) => typeof open === 'boolean');
}

/** Reads the remembered folds once per page load; never fails (defaults then). */
export function loadFolds(): Promise<void> {
  loading ??= browser.storage.local.get(FOLDS_KEY).then(
    (stored) => {
      const value: unknown = stored[FOLDS_KEY];
      if (isFoldState(value)) remembered = value;
    },
    () => undefined,
  );
  return loading;
}

interface Props {
  name: FoldName;
  title: string;
  /** Shown beside the title while folded ("Check-in overdue by 12 days"): the gist without opening. */
  summary?: string;
  defaultOpen?: boolean;
  children: ReactNode;
}

export function Fold({ name, title, summary, defaultOpen = true, children }: Props) {
  const [open, setOpen] = useState(() => remembered[name] ?? defaultOpen);
  const bodyId = useId();
  const toggle = () => {
    const next = !open;
    setOpen(next);
    remembered = { ...remembered, [name]: next };
    // A preference: if storage refuses, this page still remembers it.
    browser.storage.local.set({ [FOLDS_KEY]: remembered }).catch(() => undefined);
  };
  return (
    <div className={`fold fold-${name}`}>
      <h2 className="fold-title">
        <button type="button" className="fold-toggle" aria-expanded={open} aria-controls={bodyId} onClick={toggle}>
          <span className="fold-label">{title}</span>
          {!open && summary && <span className="fold-summary">{summary}</span>}
        </button>
      </h2>
      {/* Kept mounted while folded: a half-written note survives folding, and an
          empty section (nothing saved) can hide its whole fold (CSS). */}
      <div id={bodyId} className="fold-body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
