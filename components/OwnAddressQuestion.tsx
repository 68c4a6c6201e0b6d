import { useCallback } from 'react';
import { send } from '../lib/messaging/send';
import { ErrorText, useAction } from './useAction';

/**
 * "Is robin@example.com your address?": an address Tend read from a mail page's
 * account area. Until the user says yes it tells "me" from "them" on that page
 * only; it becomes one of their own addresses (whose sent mail keeps meeting
 * confirmations) only with "Yes, that's me". "No" is remembered, and never asked again.
 */
export function OwnAddressQuestion({ address, headingLevel = 2 }: { address: string; headingLevel?: 2 | 3 }) {
  const answer = useCallback((mine: boolean) => send('answerOwnAddress', { address, mine }), [address]);
  const yes = useAction(useCallback(() => answer(true), [answer]));
  const no = useAction(useCallback(() => answer(false), [answer]));
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const busy = yes.busy || no.busy;
  return (
    <section className="notice question" aria-label="Your address?">
      <Heading className="question-title">
        Is <strong>{address}</strong> your address?
      </Heading>
      <p className="muted">This page says you are signed in with it. Mail you send from your own addresses keeps your meeting follow-ups.</p>
      <ErrorText error={yes.error ?? no.error} />
      <div className="actions">
        <button type="button" className="primary" onClick={yes.run} disabled={busy}>
          Yes, that&apos;s me
        </button>
        <button type="button" onClick={no.run} disabled={busy}>
          No
        </button>
      </div>
    </section>
  );
}
