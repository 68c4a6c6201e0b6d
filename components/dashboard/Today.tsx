import { memo, useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { TODAY_TOPICS } from '../../lib/ui/topics';
import { describeCheckIn } from '../../lib/domain/checkin-wording';
import type { TodayView } from '../../lib/messaging/protocol';
import { RECOMMEND_QUESTION, type Client, type FollowUp, type Resource, type Tier } from '../../lib/model';
import { ErrorText, useAction } from '../useAction';
import { safeLink } from '../../lib/ui/safe-link';
import { SafeLink } from '../SafeLink';
import { confirmBackupSaved, DOWNLOAD_STARTED, saveFullBackup } from '../../lib/backup/download-backup';
import { BACKUP_SNOOZE_DAYS } from '../../lib/domain/backup-reminder';
import type { Call } from '../../lib/backup/transfer';
import { composeLink, type MailApp } from '../../lib/domain/compose-link';
import { daysAheadText } from '../../lib/domain/upcoming-dates';
import { useOfferUndo } from '../UndoNotice';


/** A fast load never flashes a loading state; a slow one says so after this long. */
export const LOADING_DELAY_MS = 300;
/** Overdue rows asked for at first; the rest wait for "Show all". */
export const OVERDUE_SHOWN = 200;

export const TIER_LABELS: Record<Tier, string> = { key: 'Key', active: 'Active', occasional: 'Occasional', none: 'No tier' };

const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const dueLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? word : many}`;
}

/** "Fri, 28 Nov" for a `YYYY-MM-DD` day, in the user's locale. */
function formatDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return dayLabel.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Today's calendar day in local time, `days` (and `months`) ahead, as `YYYY-MM-DD`. */
function localDay(days = 0, months = 0): string {
  const date = new Date();
  if (months) {
    // A month from 31 January is the last day of February, not 3 March.
    const day = date.getDate();
    date.setDate(1);
    date.setMonth(date.getMonth() + months);
    date.setDate(Math.min(day, new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()));
  }
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The one-line summary under the page title. */
export function summaryOf(today: TodayView): string {
  const resources = today.resources.reduce((sum, group) => sum + group.resources.length, 0);
  const parts = [
    today.overdueTotal ? `${plural(today.overdueTotal, 'check-in')} overdue` : '',
    today.upcoming.length ? `${plural(today.upcoming.length, 'date')} coming up` : '',
    today.confirmations.length ? `${plural(today.confirmations.length, 'meeting')} to confirm` : '',
    today.askFeedback?.length ? `${plural(today.askFeedback.length, 'client')} to ask for feedback` : '',
    today.referralsToThank?.total ? `${plural(today.referralsToThank.total, 'referrer')} to thank` : '',
    resources ? `${plural(resources, 'resource')} to share` : '',
    today.backup ? 'a backup to make' : '',
  ].filter(Boolean);
  if (!parts.length) return 'All caught up: nothing needs you today.';
  // "A backup to make" when it stands first.
  const line = parts.join(' · ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}

/** Shows a status only once something has taken longer than LOADING_DELAY_MS. */
export function DelayedStatus({ children }: { children: ReactNode }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), LOADING_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return visible ? (
    <p className="muted loading" role="status">
      {children}
    </p>
  ) : null;
}

/**
 * After an action takes its row off the list, focus goes to the next row (or the
 * one before, or the section heading) instead of falling back to the page top.
 */
function focusNeighbour(row: HTMLElement | null): void {
  if (!row || !row.contains(document.activeElement)) return;
  const next = (row.nextElementSibling ?? row.previousElementSibling) as HTMLElement | null;
  const target = next?.querySelector<HTMLElement>('.client-link') ?? row.closest('section')?.querySelector<HTMLElement>('h2');
  target?.focus();
}

/** Runs an action once at a time; the button stays focusable while it runs. */
function guard(action: { run: () => void; busy: boolean }) {
  return () => {
    if (!action.busy) action.run();
  };
}

/** Today: what to do now, from the background's `getToday`, refreshed on every change. */
export function Today() {
  // The background sends the first OVERDUE_SHOWN overdue rows; "Show all" asks for the rest.
  const [overdueLimit, setOverdueLimit] = useState(OVERDUE_SHOWN);
  const fetchToday = useCallback(() => send('getToday', { overdueLimit }), [overdueLimit]);
  const today = useLiveQuery(fetchToday, TODAY_TOPICS);
  const [announcement, setAnnouncement] = useState('');
  const announce = useCallback((text: string) => setAnnouncement(text), []);
  const value = 'value' in today ? today.value : undefined;
  return (
    <div className="today">
      {today.status === 'loading' && <DelayedStatus>Gathering today’s list…</DelayedStatus>}
      {today.status === 'error' && (
        <div className="notice error" role="alert">
          <p>Tend could not load Today: {today.error}</p>
          <p>{value ? 'What you see may be out of date. ' : ''}Reload this page to try again; if it keeps happening, restart the browser.</p>
        </div>
      )}
      {value && (
        <>
          <header className="today-header">
            <p className="summary">{summaryOf(value)}</p>
            <p className="announce" role="status">
              {announcement}
            </p>
          </header>
          {value.backup && <BackupReminder backup={value.backup} onDone={announce} />}
          <Overdue rows={value.overdue} total={value.overdueTotal} mail={value.mail} onShowAll={setOverdueLimit} onDone={announce} />
          <Upcoming rows={value.upcoming} />
          <Confirmations rows={value.confirmations} onDone={announce} />
          {value.askFeedback && value.askFeedback.length > 0 && <AskFeedback rows={value.askFeedback} mail={value.mail} onDone={announce} />}
          {value.closedByEmail.length > 0 && <ClosedByEmail rows={value.closedByEmail} onDone={announce} />}
          {value.referralsToThank && value.referralsToThank.total > 0 && <ReferralsToThank toThank={value.referralsToThank} onDone={announce} />}
          <Resources groups={value.resources} />
        </>
      )}
    </div>
  );
}

function Section({ label, count, children }: { label: string; count: number; children: ReactNode }) {
  return (
    <section aria-label={label} className="today-section">
      <h2 tabIndex={-1}>
        {label}
        {count > 0 && <span className="count">{count.toLocaleString()}</span>}
      </h2>
      {children}
    </section>
  );
}

function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="section-empty">
      <p className="empty-title">{title}</p>
      <p className="muted">{children}</p>
    </div>
  );
}

/** The client's name: opens their latest conversation, or says there is none yet. */
function ClientLink({ client }: { client: Client }) {
  const [note, setNote] = useState<string | null>(null);
  const open = useAction(async () => {
    setNote(null);
    const { url } = await send('latestConversation', { clientId: client.id });
    const safe = safeLink(url, 'mail')?.href;
    if (!safe) {
      setNote('No conversation seen yet');
      return;
    }
    await browser.tabs.create({ url: safe });
  });
  return (
    <>
      <button
        type="button"
        className="link client-link"
        onClick={guard(open)}
        aria-disabled={open.busy || undefined}
        title="Open the latest conversation"
      >
        {client.name}
      </button>
      {note && (
        <span className="inline-note" role="status">
          {note}
        </span>
      )}
      {open.error && (
        <span className="error inline-note" role="alert">
          {open.error}
        </span>
      )}
    </>
  );
}

// ---------------------------------------------------------------------------
// Backup reminder
// ---------------------------------------------------------------------------

const longDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * Shown while a backup is due: Tend keeps everything in this browser only. The
 * backup is made right here (the same file as under Import & backup); taking it
 * ends the reminder, and "Remind me in a week" puts it off.
 */
function BackupReminder({ backup, onDone }: { backup: NonNullable<TodayView['backup']>; onDone: (text: string) => void }) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  /** A download Tend cannot follow: the reminder stays until the user says they have the file. */
  const [unconfirmed, setUnconfirmed] = useState<{ exportedAt: string; fileName: string } | null>(null);
  const backUp = useAction(async () => {
    try {
      setUnconfirmed(null);
      const saved = await saveFullBackup(send as Call, (done, total) => setProgress({ done, total }));
      if (!saved) onDone('No backup was made: the save dialog was closed.');
      else if (!saved.written) setUnconfirmed({ exportedAt: saved.exportedAt, fileName: saved.fileName });
      else onDone(`Backup saved: ${plural(saved.clients, 'client')}, ${plural(saved.interactions, 'interaction')}. Keep the file somewhere safe.`);
    } finally {
      setProgress(null);
    }
  });
  const haveFile = useAction(async () => {
    if (!unconfirmed) return;
    await confirmBackupSaved(send as Call, unconfirmed.exportedAt);
    setUnconfirmed(null);
    onDone('Noted: your last backup is the file you downloaded. Keep it somewhere safe.');
  });
  const later = useAction(async () => {
    await send('snoozeBackupReminder', { days: BACKUP_SNOOZE_DAYS });
    onDone('The backup reminder is put off for a week.');
  });
  return (
    <section aria-label="Backup" className="today-backup">
      <h2>Time for a backup</h2>
      <p>
        {backup.lastBackupAt === null
          ? 'You have not backed up Tend yet. Everything you keep here lives only in this browser: a backup file keeps it safe.'
          : `Your last backup was on ${longDate.format(backup.lastBackupAt)}, more than ${plural(backup.reminderDays, 'day')} ago.`}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={guard(backUp)} aria-disabled={backUp.busy || undefined}>
          {backUp.busy ? 'Preparing backup…' : 'Back up now'}
        </button>
        <button type="button" onClick={guard(later)} aria-disabled={later.busy || undefined}>
          Remind me in a week
        </button>
        <a href="#backup">Backup settings</a>
      </div>
      {unconfirmed && (
        <div className="actions">
          <p role="status">
            {DOWNLOAD_STARTED} When {unconfirmed.fileName} is in your downloads, press “I have the file”.
          </p>
          <button type="button" onClick={guard(haveFile)} aria-disabled={haveFile.busy || undefined}>
            I have the file
          </button>
        </div>
      )}
      {progress && (
        <p className="muted">
          Reading your data: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
        </p>
      )}
      <ErrorText error={backUp.error ?? haveFile.error ?? later.error} />
    </section>
  );
}

// ---------------------------------------------------------------------------
// Overdue check-ins
// ---------------------------------------------------------------------------

interface OverdueProps {
  rows: TodayView['overdue'];
  total: number;
  /** The mail the user uses: "Write to them" opens a new message there. */
  mail: MailApp;
  onShowAll: (total: number) => void;
  onDone: (text: string) => void;
}

function Overdue({ rows, total, mail, onShowAll, onDone }: OverdueProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const focusFirstNew = useRef(false);
  const expand = () => {
    focusFirstNew.current = true;
    onShowAll(total);
  };
  // The button goes away once the rest arrive: focus the first row that was hidden.
  useEffect(() => {
    if (!focusFirstNew.current || rows.length <= OVERDUE_SHOWN) return;
    focusFirstNew.current = false;
    listRef.current?.children[OVERDUE_SHOWN]?.querySelector<HTMLElement>('.client-link')?.focus();
  }, [rows.length]);
  const shown = rows;
  return (
    <Section label="Overdue check-ins" count={total}>
      {rows.length === 0 ? (
        <Empty title="No check-ins overdue">Everyone has heard from you recently. Nice work.</Empty>
      ) : (
        <>
          <ul className="rows" ref={listRef}>
            {shown.map(({ client, days }) => (
              <OverdueRow key={client.id} client={client} days={days} mail={mail} onDone={onDone} />
            ))}
          </ul>
          {shown.length < total && (
            <button type="button" className="show-all" onClick={expand}>
              Show all {total.toLocaleString()}
            </button>
          )}
        </>
      )}
    </Section>
  );
}

const MAIL_APP_NAMES: Record<MailApp['app'], string> = { gmail: 'Gmail', outlook: 'Outlook', mailto: 'your mail app' };

/** The snooze choices offered first; "until" a day of one's choosing follows them. */
const SNOOZE_CHOICES = [
  { label: '1 week', snooze: { weeks: 1 } },
  { label: '2 weeks', snooze: { weeks: 2 } },
  { label: '1 month', snooze: { months: 1 } },
] as const;

/**
 * "Write to them": a new message to the client's first address in the mail the user
 * uses. A link, so it opens like one (new tab, or the mail app for mailto:) and
 * shows where it goes; a client without an address says so instead.
 */
function WriteTo({ client, mail }: { client: Client; mail: MailApp }) {
  const address = client.emails[0];
  const href = composeLink(mail, address);
  if (!href || !address) return <span className="muted inline-note">No address to write to</span>;
  const opensTab = mail.app !== 'mailto';
  return (
    <a
      className="button-link"
      href={href}
      target={opensTab ? '_blank' : undefined}
      rel={opensTab ? 'noreferrer' : undefined}
      title={`New message to ${address} in ${MAIL_APP_NAMES[mail.app]}`}
    >
      Write to them
    </a>
  );
}

const OverdueRow = memo(function OverdueRow({ client, days, mail, onDone }: { client: Client; days: number; mail: MailApp; onDone: (text: string) => void }) {
  const id = useId();
  const rowRef = useRef<HTMLLIElement>(null);
  const snoozeButton = useRef<HTMLButtonElement>(null);
  const [snoozing, setSnoozing] = useState(false);
  const [until, setUntil] = useState('');
  const [dateError, setDateError] = useState<string | null>(null);
  const offerUndo = useOfferUndo();
  const checked = useAction(async () => {
    const reply = await send('checkedIn', { clientId: client.id });
    focusNeighbour(rowRef.current);
    // The Undo notice says it (role status); said once, not twice.
    const text = `Checked in with ${client.name}.`;
    if (!offerUndo(text, reply.undo)) onDone(text);
  });
  const snoozed = (day: string) => {
    focusNeighbour(rowRef.current);
    onDone(`${client.name}’s check-in is snoozed until ${formatDay(day)}.`);
  };
  /** The choice pressed, read by the one action all choices share. */
  const choice = useRef<(typeof SNOOZE_CHOICES)[number]['snooze']>(SNOOZE_CHOICES[0].snooze);
  const snoozeFor = useAction(async () => {
    const picked = choice.current;
    const input = 'weeks' in picked ? { clientId: client.id, weeks: picked.weeks } : { clientId: client.id, until: localDay(0, picked.months) };
    snoozed((await send('snooze', input)).snoozedUntil);
  });
  const snoozeUntil = useAction(async () => snoozed((await send('snooze', { clientId: client.id, until })).snoozedUntil));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!until) return setDateError('Choose a day.');
    if (until <= localDay()) return setDateError('Choose a day after today.');
    setDateError(null);
    if (!snoozeUntil.busy) snoozeUntil.run();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    setSnoozing(false);
    snoozeButton.current?.focus();
  };
  const panel = `${id}-snooze`;
  return (
    <li className="row overdue-row" ref={rowRef}>
      <div className="who">
        <ClientLink client={client} />
        {client.company && <span className="company">{client.company}</span>}
        <span className={`tier tier-${client.tier}`}>{TIER_LABELS[client.tier]}</span>
      </div>
      <p className="due">{describeCheckIn({ state: 'overdue', days, dueDay: '' })}</p>
      <div className="actions">
        <WriteTo client={client} mail={mail} />
        <button type="button" onClick={guard(checked)} aria-disabled={checked.busy || undefined}>
          Checked in<span className="visually-hidden"> with {client.name}</span>
        </button>
        <button
          type="button"
          ref={snoozeButton}
          onClick={() => setSnoozing(!snoozing)}
          aria-expanded={snoozing}
          aria-controls={snoozing ? panel : undefined}
        >
          Snooze<span className="visually-hidden"> check-in with {client.name}</span>
        </button>
      </div>
      {snoozing && (
        <div className="snooze" id={panel} role="group" aria-label={`Snooze the check-in with ${client.name}`} onKeyDown={closeOnEscape}>
          {SNOOZE_CHOICES.map((option) => (
            <button
              key={option.label}
              type="button"
              onClick={() => {
                if (snoozeFor.busy) return;
                choice.current = option.snooze;
                snoozeFor.run();
              }}
              aria-disabled={snoozeFor.busy || undefined}
            >
              {option.label}
            </button>
          ))}
          <form onSubmit={submit} className="inline-form" noValidate>
            <label htmlFor={`${id}-until`}>or until</label>
            <input
              id={`${id}-until`}
              type="date"
              min={localDay(1)}
              value={until}
              onChange={(event) => setUntil(event.target.value)}
              aria-invalid={dateError ? true : undefined}
              aria-describedby={dateError ? `${id}-until-error` : undefined}
            />
            <button type="submit" aria-disabled={snoozeUntil.busy || undefined}>
              Snooze until then
            </button>
          </form>
          {dateError && (
            <p className="error" id={`${id}-until-error`}>
              {dateError}
            </p>
          )}
        </div>
      )}
      <ErrorText error={checked.error ?? snoozeFor.error ?? snoozeUntil.error} />
    </li>
  );
});

// ---------------------------------------------------------------------------
// Dates coming up
// ---------------------------------------------------------------------------

function Upcoming({ rows }: { rows: TodayView['upcoming'] }) {
  return (
    <Section label="Dates coming up" count={rows.length}>
      {rows.length === 0 ? (
        <Empty title="No dates in the next two weeks">Birthdays, anniversaries and milestones you note show up here.</Empty>
      ) : (
        <ul className="rows">
          {rows.map(({ client, date }) => (
            <li key={date.detailId} className="row">
              <div className="who">
                <ClientLink client={client} />
                {client.company && <span className="company">{client.company}</span>}
              </div>
              <p className="what">{date.text}</p>
              <p className="when">
                <strong>{daysAheadText(date.daysUntil)}</strong>
                <span className="muted"> · {formatDay(date.day)}</span>
                {date.yearly && date.years !== undefined && date.years > 0 && (
                  <span className="muted"> · {plural(date.years, 'year')}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

// ---------------------------------------------------------------------------
// Meeting confirmations due
// ---------------------------------------------------------------------------

function Confirmations({ rows, onDone }: { rows: TodayView['confirmations']; onDone: (text: string) => void }) {
  return (
    <Section label="Meeting confirmations due" count={rows.length}>
      {rows.length === 0 ? (
        <Empty title="No meetings waiting">When you log a meeting, confirming it by email within 48 hours waits here.</Empty>
      ) : (
        <ul className="rows">
          {rows.map(({ client, followUp, late }) => (
            <ConfirmationRow key={followUp.id} client={client} followUp={followUp} late={late} onDone={onDone} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function ConfirmationRow({ client, followUp, late, onDone }: { client: Client; followUp: FollowUp; late: boolean; onDone: (text: string) => void }) {
  const rowRef = useRef<HTMLLIElement>(null);
  const done = useAction(async () => {
    await send('completeFollowUp', { id: followUp.id, done: true });
    focusNeighbour(rowRef.current);
    onDone(`Marked done for ${client.name}.`);
  });
  const what = followUp.kind === 'introduction' ? 'Follow up on the introduction' : 'Confirm the meeting by email';
  return (
    <li className={`row${late ? ' late-row' : ''}`} ref={rowRef}>
      <div className="who">
        <ClientLink client={client} />
        {client.company && <span className="company">{client.company}</span>}
        {late && <span className="late">Late</span>}
      </div>
      <p className="what">
        {what}
        {followUp.text.trim() && <span className="meeting-note">: “{followUp.text.trim()}”</span>}
      </p>
      <p className={late ? 'due' : 'muted'}>
        {late ? 'Was due' : 'Due'} {dueLabel.format(followUp.dueAt)}
      </p>
      <div className="actions">
        <button type="button" onClick={guard(done)} aria-disabled={done.busy || undefined}>
          Mark done<span className="visually-hidden"> for {client.name}</span>
        </button>
      </div>
      <ErrorText error={done.error} />
    </li>
  );
}

// ---------------------------------------------------------------------------
// Ask for feedback: a project was marked done a few days ago
// ---------------------------------------------------------------------------

/**
 * "Ask for feedback" opens a new message to the client in the user's mail, the
 * project in its subject and the recommend question in its body; recording their
 * answer on the client page closes the ask, and so does "Not this time".
 */
function AskFeedback({ rows, mail, onDone }: { rows: NonNullable<TodayView['askFeedback']>; mail: MailApp; onDone: (text: string) => void }) {
  return (
    <Section label="Feedback to ask for" count={rows.length}>
      <ul className="rows">
        {rows.map((row) => (
          <AskFeedbackRow key={row.followUp.id} {...row} mail={mail} onDone={onDone} />
        ))}
      </ul>
    </Section>
  );
}

function AskFeedbackRow({ client, followUp, project, mail, onDone }: NonNullable<TodayView['askFeedback']>[number] & { mail: MailApp; onDone: (text: string) => void }) {
  const rowRef = useRef<HTMLLIElement>(null);
  const notNow = useAction(async () => {
    await send('completeFollowUp', { id: followUp.id, done: true });
    focusNeighbour(rowRef.current);
    onDone(`No feedback asked of ${client.name} this time.`);
  });
  // The project's title as it is now; the one it had when marked done if it was deleted since.
  const title = project?.title ?? followUp.text;
  const address = client.emails[0];
  const href = composeLink(mail, address, { subject: title ? `Feedback on ${title}` : 'Your feedback', body: RECOMMEND_QUESTION });
  const opensTab = mail.app !== 'mailto';
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientLink client={client} />
        {client.company && <span className="company">{client.company}</span>}
      </div>
      <p className="what">
        Ask {client.name} for feedback{title && ` on ${title}`}
      </p>
      <div className="actions">
        {href && address ? (
          // A button (the issue names it one): it does something for this client, and the
          // new message it opens is the means, in a new tab (or the mail app for mailto:).
          <button type="button" onClick={() => (opensTab ? window.open(href, '_blank', 'noopener,noreferrer') : window.location.assign(href))} title={`New message to ${address} in ${MAIL_APP_NAMES[mail.app]}`}>
            Ask for feedback
          </button>
        ) : (
          <span className="muted inline-note">No address to write to</span>
        )}
        <button type="button" onClick={guard(notNow)} aria-disabled={notNow.busy || undefined}>
          Not this time
        </button>
      </div>
      <ErrorText error={notNow.error} />
    </li>
  );
}

// ---------------------------------------------------------------------------
// Meeting confirmations an email closed: which email, with Undo
// ---------------------------------------------------------------------------

/**
 * Tend closed these because it saw the user's email to the client after the
 * meeting, sent from a confirmed address. Saying which email did it, with Undo,
 * keeps an automatic change visible and reversible (issue 13, item 4).
 */
function ClosedByEmail({ rows, onDone }: { rows: TodayView['closedByEmail']; onDone: (text: string) => void }) {
  return (
    <Section label="Confirmed by your email" count={rows.length}>
      <ul className="rows">
        {rows.map(({ client, followUp }) => (
          <ClosedByEmailRow key={followUp.id} client={client} followUp={followUp} onDone={onDone} />
        ))}
      </ul>
    </Section>
  );
}

function ClosedByEmailRow({ client, followUp, onDone }: { client: Client; followUp: TodayView['closedByEmail'][number]['followUp']; onDone: (text: string) => void }) {
  const rowRef = useRef<HTMLLIElement>(null);
  const undo = useAction(async () => {
    await send('completeFollowUp', { id: followUp.id, done: false });
    focusNeighbour(rowRef.current);
    onDone(`The meeting confirmation for ${client.name} is open again.`);
  });
  const { closedBy } = followUp;
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientLink client={client} />
        {client.company && <span className="company">{client.company}</span>}
      </div>
      <p className="what">
        Meeting confirmed
        {followUp.text.trim() && <span className="meeting-note"> (“{followUp.text.trim()}”)</span>} by your email{' '}
        <SafeLink url={closedBy.url} kind="mail">
          “{closedBy.subject.trim() || 'no subject'}”
        </SafeLink>{' '}
        from {closedBy.from}, {dueLabel.format(closedBy.at)}
      </p>
      <div className="actions">
        <button type="button" onClick={guard(undo)} aria-disabled={undo.busy || undefined}>
          Undo<span className="visually-hidden"> for {client.name}</span>
        </button>
      </div>
      <ErrorText error={undo.error} />
    </li>
  );
}

// ---------------------------------------------------------------------------
// Referrers to thank
// ---------------------------------------------------------------------------

const referralDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/**
 * Clients who sent someone and have not been thanked yet, oldest first: thanking
 * the people who bring the business is part of keeping them (issue 16). Shown only
 * while there is someone to thank.
 */
function ReferralsToThank({ toThank, onDone }: { toThank: NonNullable<TodayView['referralsToThank']>; onDone: (text: string) => void }) {
  return (
    <Section label="Thank your referrers" count={toThank.total}>
      <ul className="rows">
        {toThank.rows.map((row) => (
          <ReferralToThankRow key={row.referral.id} row={row} onDone={onDone} />
        ))}
      </ul>
      {toThank.rows.length < toThank.total && (
        <p className="muted">
          Showing the {toThank.rows.length.toLocaleString()} oldest of {toThank.total.toLocaleString()}; the rest follow as you thank these.
        </p>
      )}
    </Section>
  );
}

function ReferralToThankRow({ row, onDone }: { row: NonNullable<TodayView['referralsToThank']>['rows'][number]; onDone: (text: string) => void }) {
  const rowRef = useRef<HTMLLIElement>(null);
  const offerUndo = useOfferUndo();
  const { referral, referrer, referred } = row;
  const thanked = useAction(async () => {
    const reply = await send('setReferralThanked', { id: referral.id, thanked: true });
    focusNeighbour(rowRef.current);
    // The Undo notice says it (role status); said once, not twice.
    const text = `${referrer.name} is marked thanked for referring ${referred.name}.`;
    if (!offerUndo(text, reply.undo)) onDone(text);
  });
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientLink client={referrer} />
        {referrer.company && <span className="company">{referrer.company}</span>}
      </div>
      <p className="what">
        Referred <a href={`#client/${encodeURIComponent(referred.id)}`}>{referred.name}</a>
        {referral.said.trim() && <span className="meeting-note">: “{referral.said.trim()}”</span>}
      </p>
      <p className="muted">{referralDay.format(referral.at)}</p>
      <div className="actions">
        <button type="button" onClick={guard(thanked)} aria-disabled={thanked.busy || undefined}>
          Thanked<span className="visually-hidden"> {referrer.name} for referring {referred.name}</span>
        </button>
      </div>
      <ErrorText error={thanked.error} />
    </li>
  );
}

// ---------------------------------------------------------------------------
// Resources to share
// ---------------------------------------------------------------------------

function Resources({ groups }: { groups: TodayView['resources'] }) {
  const total = groups.reduce((sum, group) => sum + group.resources.length, 0);
  return (
    <Section label="Resources to share" count={total}>
      {groups.length === 0 ? (
        <Empty title="Nothing waiting to be shared">Articles you save for a client wait here until you send them.</Empty>
      ) : (
        <ul className="rows">
          {groups.map(({ client, resources }) => (
            <li key={client.id} className="row resource-group">
              <h3 className="who">
                <ClientLink client={client} />
                {client.company && <span className="company">{client.company}</span>}
              </h3>
              <ul className="plain">
                {resources.map((resource) => (
                  <ResourceItem key={resource.id} resource={resource} clientId={client.id} />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function ResourceItem({ resource, clientId }: { resource: Resource; clientId: string }) {
  const title = resource.title || resource.url;
  // Inserted into a reply is not sent: it stays here, said to be waiting, until the sent mail is seen.
  const inserted = resource.pendingShares[clientId]?.insertedAt;
  const note = resource.notes[clientId];
  return (
    <li className="resource">
      <SafeLink url={resource.url} kind="web">
        {title}
      </SafeLink>
      {resource.site && <span className="muted"> · {resource.site}</span>}
      {inserted !== undefined && <span className="muted"> · waiting to be sent (inserted into a reply {new Date(inserted).toLocaleDateString()})</span>}
      {note && (
        <p className="resource-note">
          <span className="visually-hidden">Private note: </span>
          {note}
        </p>
      )}
    </li>
  );
}
