/**
 * The Insights lists that lead to an action: clients drifting away ("Write to them"),
 * top clients who are not Key yet ("Make Key", with Undo), Key clients not thanked in
 * a year ("Log a gift"), and referrers not yet thanked ("Thanked", with Undo).
 */
import { useRef, useState } from 'react';
import type { ClientRef, InsightsView } from '../../../lib/domain/insights/view';
import { composeLink, type MailApp } from '../../../lib/domain/compose-link';
import { send } from '../../../lib/messaging/send';
import { NewInteractionForm } from '../../LogInteractionForm';
import { useOfferUndo } from '../../UndoNotice';
import { ErrorText, useAction } from '../../useAction';
import { dayLabel, money, plural } from './format';

/**
 * After an action its row leaves the list (the view refreshes without it): focus goes
 * to the section's heading rather than falling back to the top of the page.
 */
function focusSectionOf(row: HTMLElement | null): void {
  if (!row || !row.contains(document.activeElement)) return;
  row.closest('section')?.querySelector<HTMLElement>('h2')?.focus();
}

const MAIL_APP_NAMES: Record<MailApp['app'], string> = { gmail: 'Gmail', outlook: 'Outlook', mailto: 'your mail app' };

function ClientName({ client }: { client: ClientRef }) {
  return (
    <>
      <a className="client-link" href={`#client/${encodeURIComponent(client.clientId)}`}>
        {client.name}
      </a>
      {client.company && <span className="company">{client.company}</span>}
    </>
  );
}

export function Drifting({ drifting, mail }: { drifting: InsightsView['drifting']; mail: MailApp }) {
  return (
    <section aria-labelledby="insights-drifting" className="insights-section">
      <h2 id="insights-drifting">
        Drifting away
        {drifting.total > 0 && <span className="count">{drifting.total.toLocaleString()}</span>}
      </h2>
      {drifting.clients.length === 0 ? (
        <p className="muted">No one is drifting away: every client has heard from you within their usual rhythm.</p>
      ) : (
        <>
          <ul className="rows">
            {drifting.clients.map((client) => {
              const href = composeLink(mail, client.email);
              const opensTab = mail.app !== 'mailto';
              return (
                <li key={client.clientId} className="row">
                  <div className="who">
                    <ClientName client={client} />
                  </div>
                  <p className="what">
                    {plural(client.sinceDays, 'day')} since last contact, usually every {plural(client.usualGapDays, 'day')}
                  </p>
                  <div className="actions">
                    {href && client.email ? (
                      <a
                        className="button-link"
                        href={href}
                        target={opensTab ? '_blank' : undefined}
                        rel={opensTab ? 'noreferrer' : undefined}
                        title={`New message to ${client.email} in ${MAIL_APP_NAMES[mail.app]}`}
                      >
                        Write to them<span className="visually-hidden"> ({client.name})</span>
                      </a>
                    ) : (
                      <span className="muted inline-note">No address to write to</span>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          {drifting.total > drifting.clients.length && (
            <p className="muted">
              The {drifting.clients.length.toLocaleString()} most drifted of {drifting.total.toLocaleString()} are shown.
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function BusinessLists({ business }: { business: InsightsView['business'] }) {
  return (
    <>
      {business.makeKey.length > 0 && (
        <>
          <h3>Top clients who are not Key</h3>
          <p className="muted">They are in the top 20 % by the business they bring, directly or by referral.</p>
          <ul className="rows">
            {business.makeKey.map((client) => (
              <MakeKeyRow key={client.clientId} client={client} />
            ))}
          </ul>
          <More shown={business.makeKey.length} total={business.makeKeyTotal} what="highest value first" />
        </>
      )}
      {business.giftsDue.length > 0 && (
        <>
          <h3>Key clients to thank</h3>
          <p className="muted">No gift or thank-you logged for them in 12 months.</p>
          <ul className="rows">
            {business.giftsDue.map((client) => (
              <GiftRow key={client.clientId} client={client} />
            ))}
          </ul>
          <More shown={business.giftsDue.length} total={business.giftsDueTotal} what="longest without thanks first" />
        </>
      )}
    </>
  );
}

function MakeKeyRow({ client }: { client: InsightsView['business']['makeKey'][number] }) {
  const offerUndo = useOfferUndo();
  const rowRef = useRef<HTMLLIElement>(null);
  // No local "done" state: the view refreshes without the row, and Undo brings it back.
  const make = useAction(async () => {
    const reply = await send('makeKey', { clientId: client.clientId });
    focusSectionOf(rowRef.current);
    offerUndo(`Made ${client.name} a Key client.`, reply.undo);
  });
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientName client={client} />
      </div>
      <p className="what">{money(client.value, client.currency)} of business</p>
      <div className="actions">
        <button type="button" onClick={() => !make.busy && make.run()} aria-disabled={make.busy || undefined}>
          Make Key<span className="visually-hidden"> ({client.name})</span>
        </button>
      </div>
      <ErrorText error={make.error} />
    </li>
  );
}

function GiftRow({ client }: { client: InsightsView['business']['giftsDue'][number] }) {
  const [open, setOpen] = useState(false);
  const rowRef = useRef<HTMLLIElement>(null);
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientName client={client} />
      </div>
      <p className="what muted">{client.lastThanksAt === null ? 'No gift or thank-you logged yet' : `Last thanked ${dayLabel(client.lastThanksAt)}`}</p>
      <div className="actions">
        {!open && (
          <button type="button" onClick={() => setOpen(true)}>
            Log a gift<span className="visually-hidden"> ({client.name})</span>
          </button>
        )}
      </div>
      {open && (
        <div className="inline-form">
          <NewInteractionForm
            clientId={client.clientId}
            kind="gift"
            label={`Log a gift for ${client.name}`}
            onDone={() => {
              focusSectionOf(rowRef.current);
              setOpen(false);
            }}
          />
        </div>
      )}
    </li>
  );
}

export function Referrals({ referrals }: { referrals: InsightsView['referrals'] }) {
  return (
    <section aria-labelledby="insights-referrals" className="insights-section">
      <h2 id="insights-referrals" tabIndex={-1}>
        Referrals
      </h2>
      {referrals.received.length === 0 ? (
        <p className="muted">No referrals received in this period. Note who introduced a client on the client’s page to see them here.</p>
      ) : (
        <table className="insights-table">
          <caption className="visually-hidden">Referrals received in the period, by referrer</caption>
          <thead>
            <tr>
              <th scope="col">Referrer</th>
              <th scope="col">Referrals received</th>
            </tr>
          </thead>
          <tbody>
            {referrals.received.map((row) => (
              <tr key={row.clientId}>
                <th scope="row">
                  <ClientName client={row} />
                </th>
                <td>{row.count.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More shown={referrals.received.length} total={referrals.receivedTotal} what="most referrals first" />
      {referrals.unthanked.length > 0 && (
        <>
          <h3>Not yet thanked</h3>
          <ul className="rows">
            {referrals.unthanked.map((row) => (
              <ThankRow key={row.referralId} row={row} />
            ))}
          </ul>
          <More shown={referrals.unthanked.length} total={referrals.unthankedTotal} what="oldest first" />
        </>
      )}
    </section>
  );
}

function ThankRow({ row }: { row: InsightsView['referrals']['unthanked'][number] }) {
  const offerUndo = useOfferUndo();
  const rowRef = useRef<HTMLLIElement>(null);
  const thank = useAction(async () => {
    const reply: { undo?: string | null } = await send('setReferralThanked', { id: row.referralId, thanked: true });
    focusSectionOf(rowRef.current);
    offerUndo(`Marked ${row.referrer.name} as thanked.`, reply.undo);
  });
  return (
    <li className="row" ref={rowRef}>
      <div className="who">
        <ClientName client={row.referrer} />
      </div>
      <p className="what">
        Introduced {row.referred.name}
        {row.referred.company && ` (${row.referred.company})`} on {dayLabel(row.at)}
      </p>
      <div className="actions">
        <button type="button" onClick={() => !thank.busy && thank.run()} aria-disabled={thank.busy || undefined}>
          Thanked<span className="visually-hidden"> ({row.referrer.name})</span>
        </button>
      </div>
      <ErrorText error={thank.error} />
    </li>
  );
}

export function MostOftenLate({ rows }: { rows: InsightsView['checkIns']['mostOftenLate'] }) {
  if (!rows.length) return null;
  return (
    <>
      <h3>Most often late</h3>
      <ul className="plain late-list">
        {rows.map((row) => (
          <li key={row.clientId}>
            <ClientName client={row} /> <span className="muted">late for {row.late.toLocaleString()} of {plural(row.due, 'check-in')}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Under a list cut to its first rows (LIST_ROWS): how many more there are, so none is silently missing. */
function More({ shown, total, what }: { shown: number; total: number; what: string }) {
  if (total <= shown) return null;
  return (
    <p className="muted">
      The first {shown.toLocaleString()} of {total.toLocaleString()}, {what}.
    </p>
  );
}
