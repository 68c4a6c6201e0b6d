import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { send } from '../../lib/messaging/send';
import { useLiveQuery } from '../../lib/ui/live';
import { clientTopic } from '../../lib/messaging/topics';
import { clientPageTopics } from '../../lib/ui/topics';
import { TIERS, type Client, type Interaction, type Tier } from '../../lib/model';
import type { ClientPageView, SearchReply } from '../../lib/messaging/protocol-clients';
import { DetailsSection } from '../sidebar/DetailsSection';
import { ErrorText, useAction } from '../useAction';
import { DelayedStatus, TIER_LABELS } from './Today';
import { formatLastContact, formatNextCheckIn } from './ClientsView';
import './clients.css';
import { ClientResources } from './ClientResources';
import { ClientPhones } from './ClientPhones';
import { ClientProjects } from './ClientProjects';
import { ClientFeedback } from './ClientFeedback';
import { DeleteInteractionButton, EditInteractionForm, KIND_LABELS, NewInteractionForm } from '../LogInteractionForm';
import { useOfferUndo } from '../UndoNotice';

type Page = ClientPageView;
export const TIMELINE_PAGE = 50;

const dateTime = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

const splitList = (text: string) =>
  text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** Everything about one client, editable: `#client/<id>`. */
export function ClientPage({ clientId }: { clientId: string }) {
  const fetchPage = useCallback(() => send('getClientPage', { clientId }), [clientId]);
  const shows = useCallback((value: Page | undefined) => clientPageTopics(clientId, value), [clientId]);
  const page = useLiveQuery(fetchPage, shows);
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [clientId]);
  if (page.status === 'loading') return <DelayedStatus>Loading the client…</DelayedStatus>;
  if (page.status === 'error' && !page.value) {
    return (
      <div className="notice error" role="alert">
        <p>{page.error}</p>
        <p>
          <a href="#clients">Back to all clients</a>
        </p>
      </div>
    );
  }
  const value = page.value!;
  const { client } = value;
  return (
    <article className="client-page" aria-label={client.name}>
      <p>
        <a href="#clients">← All clients</a>
      </p>
      {page.status === 'error' && (
        <p className="error" role="alert">
          {page.error}
        </p>
      )}
      <Header client={client} page={value} onDone={setNotice} />
      <p className="page-notice" role="status">
        {notice}
      </p>
      <Profile key={`${client.id}:${client.updatedAt}`} client={client} tierDefaultDays={value.tierDefaultDays} onDone={setNotice} />
      <Addresses client={client} />
      <ClientPhones client={client} />
      <Lists key={`lists:${client.id}:${client.updatedAt}`} client={client} onDone={setNotice} />
      <DetailsSection clientId={client.id} clientName={client.name} details={value.details} />
      <Timeline clientId={client.id} total={value.interactionCount} />
      <ClientResources clientId={client.id} clientName={client.name} resources={value.resources} />
      <ClientProjects clientId={client.id} clientName={client.name} projects={value.projects} lastCurrency={value.lastCurrency} />
      <ClientFeedback clientId={client.id} clientName={client.name} feedback={value.feedback} projects={value.projects} />
      <Referrals client={client} page={value} />
      <Introductions client={client} introductions={value.introductions} />
      <Merge client={client} onDone={setNotice} />
    </article>
  );
}

function Header({ client, page, onDone }: { client: Client; page: Page; onDone: (text: string) => void }) {
  const archive = useAction(async () => {
    const archived = client.archivedAt === null;
    await send('archiveClient', { clientId: client.id, archived });
    onDone(archived ? `${client.name} is archived: out of the check-in rhythm and the sidebar.` : `${client.name} is restored.`);
  });
  const next = formatNextCheckIn(client);
  return (
    <header className="client-page-head">
      <h2>{client.name}</h2>
      {client.archivedAt !== null && <span className="archived-badge">Archived</span>}
      <span className={`tier tier-${client.tier}`}>{TIER_LABELS[client.tier]}</span>
      <span className="muted">Last contact: {formatLastContact(client.lastContactAt)}</span>
      <span className={next.overdue ? 'due' : 'muted'}>
        Next check-in: {next.text}
        {page.cadenceDays !== null && ` (every ${page.cadenceDays} days)`}
      </span>
      <button type="button" onClick={archive.run} disabled={archive.busy}>
        {client.archivedAt === null ? 'Archive' : 'Restore'}
      </button>
      <DeleteClient client={client} page={page} />
      <ErrorText error={archive.error} />
    </header>
  );
}

function counted(count: number, word: string): string {
  return `${count.toLocaleString()} ${count === 1 ? word : `${word}s`}`;
}

/** "Delete Ada Lovelace and their 3 projects, 2 feedback records and 120 interactions?": what goes, said before it goes. */
export function deleteQuestion(name: string, counts: { projects: number; feedback: number; interactions: number }): string {
  const parts = [
    counts.projects ? counted(counts.projects, 'project') : '',
    counts.feedback ? counted(counts.feedback, 'feedback record') : '',
    counts.interactions ? counted(counts.interactions, 'interaction') : '',
  ].filter(Boolean);
  if (!parts.length) return `Delete ${name}?`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `Delete ${name} and their ${list}?`;
}

/**
 * "Delete client": asks first, naming what goes, then deletes and goes to the client
 * list, where the dashboard-wide Undo notice offers to bring it all back.
 */
function DeleteClient({ client, page }: { client: Client; page: Page }) {
  const [asking, setAsking] = useState(false);
  const askButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const offerUndo = useOfferUndo();
  const remove = useAction(async () => {
    const reply = await send('deleteClient', { clientId: client.id });
    window.location.hash = '#clients';
    offerUndo(`Deleted ${reply.name}.`, reply.undo);
  });
  // The safe choice has focus when the question appears; closing it returns focus to the button.
  useEffect(() => {
    if (asking) cancelButton.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    askButton.current?.focus();
  };
  const question = deleteQuestion(client.name, { projects: page.projects.length, feedback: page.feedback.length, interactions: page.interactionCount });
  return (
    <>
      <button type="button" className="danger" ref={askButton} onClick={() => setAsking(true)} aria-expanded={asking}>
        Delete client
      </button>
      {asking && (
        <div className="delete-client-confirm" role="group" aria-label="Delete client" onKeyDown={(event) => event.key === 'Escape' && cancel()}>
          <p>{question}</p>
          <button type="button" className="danger" onClick={remove.run} disabled={remove.busy}>
            Delete
          </button>
          <button type="button" ref={cancelButton} onClick={cancel}>
            Cancel
          </button>
          <ErrorText error={remove.error} />
        </div>
      )}
    </>
  );
}

function Profile({ client, tierDefaultDays, onDone }: { client: Client; tierDefaultDays: number | null; onDone: (text: string) => void }) {
  const id = useId();
  const [name, setName] = useState(client.name);
  const [company, setCompany] = useState(client.company);
  const [role, setRole] = useState(client.role);
  const [tier, setTier] = useState<Tier>(client.tier);
  const [custom, setCustom] = useState(client.cadenceDays !== null);
  const [days, setDays] = useState(String(client.cadenceDays ?? tierDefaultDays ?? 30));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction(async () => {
    await send('updateClient', { clientId: client.id, name, company, role, tier, cadenceDays: custom ? Number(days) : null });
    onDone('Saved.');
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setInvalid('A name is needed.');
    if (custom && !(Number.isInteger(Number(days)) && Number(days) >= 1 && Number(days) <= 3650)) return setInvalid('Days between check-ins: a whole number from 1 to 3650.');
    setInvalid(null);
    save.run();
  };
  return (
    <Section title="Profile">
      <form onSubmit={submit} aria-label="Profile" noValidate>
        <div className="fields">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={500} required />
          <label htmlFor={`${id}-company`}>Company</label>
          <input id={`${id}-company`} value={company} onChange={(e) => setCompany(e.target.value)} maxLength={500} />
          <label htmlFor={`${id}-role`}>Role</label>
          <input id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} maxLength={500} />
          <label htmlFor={`${id}-tier`}>Tier</label>
          <select id={`${id}-tier`} value={tier} onChange={(e) => setTier(e.target.value as Tier)}>
            {TIERS.map((value) => (
              <option key={value} value={value}>
                {TIER_LABELS[value]}
              </option>
            ))}
          </select>
          <span>Check-ins</span>
          <div role="radiogroup" aria-label="Check-ins" className="inline-form">
            <label className="check">
              <input type="radio" name={`${id}-cadence`} checked={!custom} onChange={() => setCustom(false)} /> Tier default
            </label>
            <label className="check">
              <input type="radio" name={`${id}-cadence`} checked={custom} onChange={() => setCustom(true)} /> Every
            </label>
            <input
              type="number"
              min={1}
              max={3650}
              aria-label="Days between check-ins"
              value={days}
              disabled={!custom}
              onChange={(e) => setDays(e.target.value)}
            />
            days
          </div>
        </div>
        {invalid && <p className="error" role="alert">{invalid}</p>}
        <ErrorText error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.busy}>
            Save profile
          </button>
        </div>
      </form>
    </Section>
  );
}

function Addresses({ client }: { client: Client }) {
  const id = useId();
  const [email, setEmail] = useState('');
  const [removeError, setRemoveError] = useState<string | null>(null);
  const add = useAction(async () => {
    await send('addClientAddress', { clientId: client.id, email });
    setEmail('');
  });
  const remove = (address: string) => {
    setRemoveError(null);
    send('removeClientAddress', { clientId: client.id, email: address }).catch((e: unknown) => setRemoveError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <Section title="Addresses">
      {client.emails.length === 0 ? (
        <p className="muted">No address yet: Tend then recognises {client.name} by name only.</p>
      ) : (
        <ul className="plain">
          {client.emails.map((address) => (
            <li key={address}>
              {address}{' '}
              <button type="button" className="link" onClick={() => remove(address)} aria-label={`Remove ${address}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={removeError} />
      <form
        className="inline-form"
        aria-label="Add an address"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (email.trim()) add.run();
        }}
      >
        <label htmlFor={`${id}-email`}>New address</label>
        <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={320} aria-invalid={add.error ? true : undefined} />
        <button type="submit" disabled={add.busy}>
          Add address
        </button>
      </form>
      <ErrorText error={add.error} />
    </Section>
  );
}

/** Company domains and tags, each edited as a comma-separated list. */
function Lists({ client, onDone }: { client: Client; onDone: (text: string) => void }) {
  const id = useId();
  const [domains, setDomains] = useState(client.domains.join(', '));
  const [tags, setTags] = useState(client.tags.join(', '));
  const saveDomains = useAction(async () => {
    await send('setClientDomains', { clientId: client.id, domains: splitList(domains) });
    onDone('Company domains saved.');
  });
  const saveTags = useAction(async () => {
    await send('setClientTags', { clientId: client.id, tags: splitList(tags) });
    onDone('Tags saved.');
  });
  return (
    <>
      <Section title="Company domains">
        <form className="inline-form" aria-label="Company domains" onSubmit={(e) => (e.preventDefault(), saveDomains.run())}>
          <label htmlFor={`${id}-domains`} className="visually-hidden">
            Company domains, separated by commas
          </label>
          <input id={`${id}-domains`} value={domains} onChange={(e) => setDomains(e.target.value)} placeholder="acme.com, acme.co.uk" />
          <button type="submit" disabled={saveDomains.busy}>
            Save domains
          </button>
        </form>
        <p className="muted">Someone writing from one of these is offered as a colleague of {client.name}.</p>
        <ErrorText error={saveDomains.error} />
      </Section>
      <Section title="Tags">
        <form className="inline-form" aria-label="Tags" onSubmit={(e) => (e.preventDefault(), saveTags.run())}>
          <label htmlFor={`${id}-tags`} className="visually-hidden">
            Tags, separated by commas
          </label>
          <input id={`${id}-tags`} value={tags} onChange={(e) => setTags(e.target.value)} placeholder="pricing, board" />
          <button type="submit" disabled={saveTags.busy}>
            Save tags
          </button>
        </form>
        <ErrorText error={saveTags.error} />
      </Section>
    </>
  );
}

/** What an entry says: an email's direction and subject (and the user's note on it), else the text written. */
function entryText(interaction: Interaction): ReactNode {
  if (interaction.kind !== 'email') return interaction.text || interaction.subject;
  return (
    <>
      {interaction.subject || '(no subject)'}
      {interaction.text && <span className="entry-note"> · {interaction.text}</span>}
    </>
  );
}

const entryKind = (interaction: Interaction) =>
  interaction.kind === 'email' ? (interaction.direction === 'out' ? 'Email to them' : 'Email from them') : KIND_LABELS[interaction.kind];

/** The whole history, newest first, a page at a time: log, edit and delete. */
function Timeline({ clientId, total }: { clientId: string; total: number }) {
  const [offset, setOffset] = useState(0);
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setOffset(0);
    setLogging(false);
    setEditing(null);
  }, [clientId]);
  const fetchPage = useCallback(() => send('listClientInteractions', { clientId, offset, limit: TIMELINE_PAGE }), [clientId, offset]);
  const page = useLiveQuery(fetchPage, [clientTopic(clientId)]);
  const value = 'value' in page ? page.value : undefined;
  const count = value?.total ?? total;
  // The last page emptied by deletes: step back to the page that now ends the history.
  useEffect(() => {
    if (value && value.interactions.length === 0 && offset > 0) setOffset(Math.max(0, Math.floor((value.total - 1) / TIMELINE_PAGE) * TIMELINE_PAGE));
  }, [value, offset]);
  return (
    <Section title="Interactions">
      <p className="muted">{count === 0 ? 'Nothing recorded yet.' : count === 1 ? '1 interaction' : `${count.toLocaleString()} interactions`}</p>
      {logging ? (
        <NewInteractionForm clientId={clientId} onDone={() => setLogging(false)} />
      ) : (
        <button type="button" onClick={() => setLogging(true)}>
          Log interaction
        </button>
      )}
      <ErrorText error={error} />
      {value && value.interactions.length > 0 && (
        <ul className="plain timeline" aria-label="Interactions, newest first">
          {value.interactions.map((interaction) =>
            editing === interaction.id ? (
              <li key={interaction.id} className="editing">
                <EditInteractionForm interaction={interaction} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={interaction.id}>
                <time className="muted when" dateTime={new Date(interaction.at).toISOString()} title={interaction.dateUncertain ? 'The date could not be read; this is when Tend saw it' : undefined}>
                  {interaction.dateUncertain ? 'seen ' : ''}
                  {dateTime.format(interaction.at)}
                </time>
                <span>
                  <span className="kind">{entryKind(interaction)}</span> {entryText(interaction)}
                </span>
                <span className="entry-actions">
                  <button type="button" className="link" onClick={() => setEditing(interaction.id)}>
                    Edit
                  </button>{' '}
                  <DeleteInteractionButton interaction={interaction} onError={setError} />
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      {page.status === 'error' && <ErrorText error={page.error} />}
      {count > TIMELINE_PAGE && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - TIMELINE_PAGE))}>
            Newer
          </button>
          <span className="muted">
            {(offset + 1).toLocaleString()}–{Math.min(offset + TIMELINE_PAGE, count).toLocaleString()} of {count.toLocaleString()}
          </span>
          <button type="button" disabled={offset + TIMELINE_PAGE >= count} onClick={() => setOffset(offset + TIMELINE_PAGE)}>
            Older
          </button>
        </div>
      )}
    </Section>
  );
}

/** Picks another client by searching: the first few matches as buttons. */
function ClientPicker({ label, exclude, onPick }: { label: string; exclude: string; onPick: (client: { id: string; name: string }) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchReply['clients']>([]);
  const ticket = useRef(0);
  useEffect(() => {
    const mine = ++ticket.current;
    if (!query.trim()) return setHits([]);
    send('search', { query, limit: 8 }).then(
      (result) => mine === ticket.current && setHits(result.clients.filter((hit) => hit.id !== exclude)),
      () => mine === ticket.current && setHits([]),
    );
  }, [query, exclude]);
  return (
    <div>
      <label htmlFor={`${id}-q`}>{label}</label>
      <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
      {hits.length > 0 && (
        <div className="picker-results" role="group" aria-label={`${label}: matches`}>
          {hits.map((hit) => (
            <button
              key={hit.id}
              type="button"
              onClick={() => {
                onPick({ id: hit.id, name: hit.name });
                setQuery('');
              }}
            >
              {hit.name}
              {hit.company && <span className="muted"> · {hit.company}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

function Referrals({ client, page }: { client: Client; page: Page }) {
  const id = useId();
  const offerUndo = useOfferUndo();
  const [referrer, setReferrer] = useState<{ id: string; name: string } | null>(null);
  const [said, setSaid] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useAction(async () => {
    if (!referrer) return;
    await send('addReferral', { referrerId: referrer.id, referredId: client.id, said });
    setReferrer(null);
    setSaid('');
  });
  const thank = (referralId: string, thanked: boolean, who: string) => {
    setError(null);
    send('setReferralThanked', { id: referralId, thanked }).then(
      (reply) => offerUndo(`${who} is marked thanked.`, reply.undo),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  };
  const thankButton = (referral: Page['referredBy'][number]['referral'], who: string) =>
    referral.thankedAt === null ? (
      <button type="button" className="link" onClick={() => thank(referral.id, true, who)}>
        Mark {who} thanked
      </button>
    ) : (
      <span className="muted">
        thanked {dateOnly.format(referral.thankedAt)}{' '}
        <button type="button" className="link" onClick={() => thank(referral.id, false, who)}>
          Undo
        </button>
      </span>
    );
  return (
    <Section title="Referrals">
      <h4>Referred by</h4>
      {page.referredBy.length === 0 ? (
        <p className="muted">Nobody recorded.</p>
      ) : (
        <ul className="plain" aria-label="Referred by">
          {page.referredBy.map(({ referral, name }) => (
            <li key={referral.id}>
              <a href={`#client/${encodeURIComponent(referral.referrerId)}`}>{name}</a>
              {referral.said && <span> said “{referral.said}”</span>} <span className="muted">· {dateOnly.format(referral.at)}</span>{' '}
              {thankButton(referral, name)}
            </li>
          ))}
        </ul>
      )}
      <form
        className="card-form"
        aria-label="Add who referred them"
        onSubmit={(event) => {
          event.preventDefault();
          add.run();
        }}
      >
        {referrer ? (
          <p>
            Referred by <strong>{referrer.name}</strong>{' '}
            <button type="button" className="link" onClick={() => setReferrer(null)}>
              Change
            </button>
          </p>
        ) : (
          <ClientPicker label="Who referred them?" exclude={client.id} onPick={setReferrer} />
        )}
        <label htmlFor={`${id}-said`}>What they said</label>
        <textarea id={`${id}-said`} value={said} onChange={(e) => setSaid(e.target.value)} rows={2} maxLength={2000} />
        <ErrorText error={add.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!referrer || add.busy}>
            Add referral
          </button>
        </div>
      </form>
      <h4>Referred by {client.name}</h4>
      {page.referred.length === 0 ? (
        <p className="muted">Nobody yet.</p>
      ) : (
        <ul className="plain" aria-label={`Referred by ${client.name}`}>
          {page.referred.map(({ referral, name }) => (
            <li key={referral.id}>
              <a href={`#client/${encodeURIComponent(referral.referredId)}`}>{name}</a>
              {referral.said && <span> · “{referral.said}”</span>} {thankButton(referral, client.name)}
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={error} />
    </Section>
  );
}

function Introductions({ client, introductions }: { client: Client; introductions: Page['introductions'] }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useAction(async () => {
    await send('addIntroduction', { clientId: client.id, text });
    setText('');
  });
  const done = (followUpId: string, isDone: boolean) => {
    setError(null);
    send('completeFollowUp', { id: followUpId, done: isDone }).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <Section title="Introductions">
      {introductions.length === 0 ? (
        <p className="muted">No introductions made for {client.name} yet.</p>
      ) : (
        <ul className="plain" aria-label="Introductions made">
          {introductions.map((intro) => (
            <li key={intro.id}>
              {intro.text} <span className="muted">· {dateOnly.format(intro.createdAt)} · </span>
              {intro.doneAt === null ? (
                <>
                  <span className="muted">follow up by {dateOnly.format(intro.dueAt)} </span>
                  <button type="button" className="link" onClick={() => done(intro.id, true)}>
                    Followed up
                  </button>
                </>
              ) : (
                <span className="muted">followed up</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorText error={error} />
      <form className="inline-form" aria-label="Add an introduction" onSubmit={(e) => (e.preventDefault(), text.trim() && add.run())}>
        <label htmlFor={`${id}-intro`}>Introduced to</label>
        <input id={`${id}-intro`} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} placeholder="Mary at Somerville Print, for packaging" />
        <button type="submit" disabled={add.busy}>
          Add introduction
        </button>
      </form>
      <p className="muted">A follow-up (“did you two meet?”) shows on Today two weeks later.</p>
      <ErrorText error={add.error} />
    </Section>
  );
}

function Merge({ client, onDone }: { client: Client; onDone: (text: string) => void }) {
  const [other, setOther] = useState<{ id: string; name: string } | null>(null);
  const merge = useAction(async () => {
    if (!other) return;
    await send('mergeClients', { keepId: client.id, mergeId: other.id });
    onDone(`${other.name} is merged into ${client.name}.`);
    setOther(null);
  });
  return (
    <Section title="Merge">
      <p className="muted">
        Two records for the same person? Merge the other into {client.name}: addresses, details, interactions, resources, referrals and follow-ups move here,
        and the other record is deleted.
      </p>
      {other ? (
        <div className="actions">
          <button type="button" className="primary" onClick={merge.run} disabled={merge.busy}>
            Merge {other.name} into {client.name}
          </button>
          <button type="button" onClick={() => setOther(null)}>
            Cancel
          </button>
        </div>
      ) : (
        <ClientPicker label="Client to merge into this one" exclude={client.id} onPick={setOther} />
      )}
      <ErrorText error={merge.error} />
    </Section>
  );
}
