import { useEffect, useId, useState, type FormEvent } from 'react';
import { OwnAddressQuestion } from '../OwnAddressQuestion';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { SETTINGS_TOPICS } from '../../lib/ui/topics';
import { EmailAddress, type Settings } from '../../lib/model';
import { ErrorText, useAction } from '../useAction';
import { DelayedStatus } from './Today';

const fetchSettings = () => send('getSettings', {});

export const MIN_DAYS = 1;
export const MAX_DAYS = 3650;
const MAX_ADDRESSES = 50;

/** The tiers whose rhythm the user sets; clients with no tier are never due a check-in. */
const TIERS = [
  { tier: 'key', label: 'Key clients' },
  { tier: 'active', label: 'Active clients' },
  { tier: 'occasional', label: 'Occasional clients' },
] as const;
type RhythmTier = (typeof TIERS)[number]['tier'];
type Draft = Record<RhythmTier, { off: boolean; days: string }>;

function draftOf(cadences: Settings['tierCadences']): Draft {
  const one = (days: number | null) => ({ off: days === null, days: days === null ? '' : String(days) });
  return { key: one(cadences.key), active: one(cadences.active), occasional: one(cadences.occasional) };
}

/** Why a typed number of days cannot be saved, or null when it can. */
export function cadenceProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return 'Enter a number of days, or choose “No check-ins”.';
  if (!/^\d+$/.test(trimmed)) return 'Enter a whole number of days.';
  const days = Number(trimmed);
  if (days < MIN_DAYS) return `Enter at least ${MIN_DAYS} day.`;
  if (days > MAX_DAYS) return `Enter at most ${MAX_DAYS.toLocaleString()} days (ten years).`;
  return null;
}

/** Settings: how often to check in per tier, the daily summary, and the user's own addresses. */
export function SettingsView() {
  const settings = useLiveQuery(fetchSettings, SETTINGS_TOPICS);
  const value = 'value' in settings ? settings.value : undefined;
  return (
    <div className="settings-view">
      {settings.status === 'loading' && <DelayedStatus>Loading your settings…</DelayedStatus>}
      {settings.status === 'error' && (
        <div className="notice error" role="alert">
          <p>Tend could not load your settings: {settings.error}</p>
          <p>Reload this page to try again; if it keeps happening, restart the browser.</p>
        </div>
      )}
      {value && (
        <>
          <Rhythm settings={value} />
          <DailySummary settings={value} />
          <OwnAddresses settings={value} />
        </>
      )}
    </div>
  );
}

function Rhythm({ settings }: { settings: Settings }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problems, setProblems] = useState<Partial<Record<RhythmTier, string>>>({});
  const [saved, setSaved] = useState(false);
  const current = draft ?? draftOf(settings.tierCadences);
  const edit = (tier: RhythmTier, change: Partial<Draft[RhythmTier]>) => {
    setSaved(false);
    setDraft({ ...current, [tier]: { ...current[tier], ...change } });
  };
  const save = useAction(async () => {
    const cadence = (tier: RhythmTier) => (current[tier].off ? null : Number(current[tier].days.trim()));
    await send('saveSettings', {
      tierCadences: {
        key: cadence('key'),
        active: cadence('active'),
        occasional: cadence('occasional'),
        // Clients with no tier are never due (lib/domain/checkin-policy: cadenceOf); kept as stored.
        none: settings.tierCadences.none,
      },
    });
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<RhythmTier, string>> = {};
    for (const { tier } of TIERS) {
      const problem = current[tier].off ? null : cadenceProblem(current[tier].days);
      if (problem) found[tier] = problem;
    }
    setProblems(found);
    setSaved(false);
    const first = TIERS.find(({ tier }) => found[tier]);
    if (first) {
      document.getElementById(`${id}-${first.tier}`)?.focus();
      return;
    }
    if (!save.busy) save.run();
  };
  return (
    <section aria-label="How often to check in" className="settings-section">
      <h2>How often to check in</h2>
      <p className="muted">
        Days between check-ins for each tier. A client’s own rhythm, set in the sidebar, comes first. Clients with no tier
        are never due a check-in.
      </p>
      <form onSubmit={submit} noValidate className="rhythm">
        {TIERS.map(({ tier, label }) => {
          const problem = problems[tier];
          const field = `${id}-${tier}`;
          return (
            <div key={tier} className="rhythm-row">
              <label htmlFor={field} className="rhythm-label">
                {label}
              </label>
              <span className="days">
                <input
                  id={field}
                  type="number"
                  inputMode="numeric"
                  min={MIN_DAYS}
                  max={MAX_DAYS}
                  step={1}
                  value={current[tier].days}
                  disabled={current[tier].off}
                  onChange={(event) => edit(tier, { days: event.target.value })}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? `${field}-error` : `${id}-unit`}
                />
                <span aria-hidden="true">days</span>
              </span>
              <label className="check">
                <input type="checkbox" checked={current[tier].off} onChange={(event) => edit(tier, { off: event.target.checked })} />
                No check-ins<span className="visually-hidden"> for {label}</span>
              </label>
              {problem && (
                <p className="error field-error" id={`${field}-error`}>
                  {label}: {problem}
                </p>
              )}
            </div>
          );
        })}
        <p className="visually-hidden" id={`${id}-unit`}>
          Days between check-ins, from {MIN_DAYS} to {MAX_DAYS}.
        </p>
        <div className="rhythm-row">
          <span className="rhythm-label">Clients with no tier</span>
          <span className="muted">No check-ins</span>
        </div>
        <ErrorText error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
            Save<span className="visually-hidden"> how often to check in</span>
          </button>
          <span role="status" className="saved">
            {saved ? 'Saved. Every client’s next check-in follows the new rhythm.' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}

function DailySummary({ settings }: { settings: Settings }) {
  const id = useId();
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Once the stored value catches up, it is the truth again (another tab may change it later).
  useEffect(() => {
    if (pending !== null && settings.dailySummary === pending) setPending(null);
  }, [pending, settings.dailySummary]);
  const checked = pending ?? settings.dailySummary;
  const toggle = (next: boolean) => {
    setPending(next);
    setError(null);
    send('saveSettings', { dailySummary: next }).catch((failure: unknown) => {
      setPending(null);
      setError(failure instanceof Error ? failure.message : String(failure));
    });
  };
  return (
    <section aria-label="Daily summary" className="settings-section">
      <h2>Daily summary</h2>
      <div className="check">
        <input id={`${id}-daily`} type="checkbox" checked={checked} onChange={(event) => toggle(event.target.checked)} aria-describedby={`${id}-daily-hint`} />
        <label htmlFor={`${id}-daily`}>Show a daily summary notification</label>
      </div>
      <p className="muted" id={`${id}-daily-hint`}>
        Once a day, a notification says what Today holds, such as “3 check-ins overdue”. Off unless you turn it on.
      </p>
      <ErrorText error={error} />
    </section>
  );
}

/** Lines of the text box read as addresses, with the ones that are not. */
export function readAddresses(text: string): { addresses: string[]; invalid: string[] } {
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const parsed = EmailAddress.safeParse(trimmed);
    if (parsed.success) {
      if (!addresses.includes(parsed.data)) addresses.push(parsed.data);
    } else invalid.push(trimmed);
  }
  return { addresses, invalid };
}

function OwnAddresses({ settings }: { settings: Settings }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const text = draft ?? settings.ownAddresses.join('\n');
  const save = useAction(async () => {
    const { addresses } = readAddresses(text);
    await send('saveOwnAddresses', { addresses });
    setDraft(addresses.join('\n'));
    setSaved(true);
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const { addresses, invalid } = readAddresses(text);
    if (invalid.length) {
      const list = invalid.map((line) => `“${line}”`).join(', ');
      setProblem(`${invalid.length === 1 ? 'This is' : 'These are'} not an email address: ${list}. Fix or remove ${invalid.length === 1 ? 'it' : 'them'}, one address per line.`);
      return;
    }
    if (addresses.length > MAX_ADDRESSES) {
      setProblem(`Tend keeps up to ${MAX_ADDRESSES} addresses; remove ${addresses.length - MAX_ADDRESSES}.`);
      return;
    }
    setProblem(null);
    if (!save.busy) save.run();
  };
  return (
    <section aria-label="Your addresses" className="settings-section">
      <h2>Your addresses</h2>
      <p className="muted">Mail from and to these addresses is yours: Tend never treats them as a client or a stranger.</p>
      {/* Read from a mail page's account area: yours only once you say so. */}
      {settings.detectedOwnAddresses.map((address) => (
        <OwnAddressQuestion key={address} address={address} headingLevel={3} />
      ))}
      <form onSubmit={submit} noValidate className="addresses">
        <label htmlFor={`${id}-own`}>Other addresses of yours, one per line</label>
        <textarea
          id={`${id}-own`}
          rows={4}
          value={text}
          spellCheck={false}
          onChange={(event) => {
            setDraft(event.target.value);
            setSaved(false);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-own-error` : undefined}
        />
        {problem && (
          <p className="error" id={`${id}-own-error`} role="alert">
            {problem}
          </p>
        )}
        <ErrorText error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={save.busy || undefined}>
            Save addresses
          </button>
          <span role="status" className="saved">
            {saved ? 'Saved.' : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
