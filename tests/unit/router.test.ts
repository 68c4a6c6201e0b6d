/**
 * The router's own answers (lib/background/router.ts), apart from who may send what
 * (tests/unit/senders.test.ts): malformed requests, unknown names, invalid input, and
 * what a handler's failure becomes for the page. Written after the mutation run
 * (docs/mutation-testing.md) found these paths untested.
 */
import { describe, expect, it, vi } from 'vitest';
import { isEnvelope, route, senderKindOf } from '../../lib/background/router';
import { UserFacingError, type ProtocolHandlers } from '../../lib/background/context';
import { NOT_ALLOWED } from '../../lib/messaging/names';

const OWN_ID = 'tend-id';
const ORIGIN = `chrome-extension://${OWN_ID}/`;
const DASHBOARD = { id: OWN_ID, url: `${ORIGIN}dashboard.html`, tab: { id: 8, url: `${ORIGIN}dashboard.html` }, frameId: 0 };

function handlersThat(answer: () => Promise<unknown>): ProtocolHandlers {
  return new Proxy({}, { get: () => answer }) as ProtocolHandlers;
}
const ok = handlersThat(async () => ({ fine: true }));
const send = (message: unknown, handlers: ProtocolHandlers = ok, sender: object = DASHBOARD) =>
  route(handlers, message, sender as never, OWN_ID, ORIGIN, async () => null);
const failingWith = (error: unknown) => send({ tend: 1, name: 'getToday', data: {} }, handlersThat(async () => { throw error; }));
const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

describe('route: what the page is answered', () => {
  it('answers a valid request with its handler’s value', async () => {
    expect(await send({ tend: 1, name: 'getToday', data: {} })).toEqual({ ok: true, value: { fine: true } });
  });

  it('refuses malformed envelopes and unknown names, without calling anything', async () => {
    for (const message of [null, 'getToday', { name: 'getToday', data: {} }, { tend: 2, name: 'getToday', data: {} }, { tend: 1, data: {} }]) {
      expect(await send(message)).toEqual({ ok: false, error: 'Malformed request.' });
    }
    expect(await send({ tend: 1, name: 'launchMissiles', data: {} })).toEqual({ ok: false, error: 'Unknown request "launchMissiles".' });
    expect(await send({ tend: 1, name: '__proto__', data: {} })).toEqual({ ok: false, error: 'Unknown request "__proto__".' });
    // Names are short: a longer one is no request at all.
    expect(await send({ tend: 1, name: 'x'.repeat(64), data: {} })).toEqual({ ok: false, error: `Unknown request "${'x'.repeat(64)}".` });
    expect(await send({ tend: 1, name: 'x'.repeat(65), data: {} })).toEqual({ ok: false, error: 'Malformed request.' });
  });

  it('names the field an invalid input gets wrong', async () => {
    const reply = await send({ tend: 1, name: 'getToday', data: { overdueLimit: -1 } });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(/^overdueLimit: /);
  });

  it('passes a UserFacingError’s words on as they are', async () => {
    expect(await failingWith(new UserFacingError('That client no longer exists.'))).toEqual({ ok: false, error: 'That client no longer exists.' });
  });

  it('turns storage failures into what happened and what to do, never the raw error', async () => {
    // The raw error goes to the background's console, for the developer.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await failingWith(named('QuotaExceededError'))).toEqual({ ok: false, error: 'The browser is out of storage space for Tend. Nothing was changed; free some space and try again.' });
    expect(await failingWith(new Error('IndexedDB: quota exceeded'))).toEqual({ ok: false, error: 'The browser is out of storage space for Tend. Nothing was changed; free some space and try again.' });
    expect(await failingWith(named('ConstraintError'))).toEqual({ ok: false, error: 'That already exists.' });
    for (const name of ['OpenFailedError', 'UpgradeError', 'DatabaseClosedError', 'VersionError']) {
      expect(await failingWith(named(name))).toEqual({ ok: false, error: 'Tend could not open its database, so nothing was read or changed. Your data is kept as it was; restart the browser to try again.' });
    }
    expect(await failingWith(new TypeError('secret internals'))).toEqual({ ok: false, error: 'Tend could not save that. Nothing was changed; please try again.' });
    expect(await failingWith('a thrown string')).toEqual({ ok: false, error: 'Tend could not save that. Nothing was changed; please try again.' });
    expect(logged).toHaveBeenCalledWith('Tend: getToday failed', expect.objectContaining({ message: 'secret internals' }));
    logged.mockRestore();
  });
});

describe('isEnvelope and senderKindOf at their edges', () => {
  it('isEnvelope takes only objects marked tend: 1', () => {
    expect(isEnvelope({ tend: 1 })).toBe(true);
    for (const other of [null, undefined, 1, 'tend', { tend: 2 }, { tend: '1' }, {}]) expect(isEnvelope(other)).toBe(false);
  });

  it('a sender without a URL, or from another extension, is nobody', async () => {
    expect(senderKindOf({ id: OWN_ID } as never, OWN_ID, ORIGIN)).toBeNull();
    expect(senderKindOf({ ...DASHBOARD, id: 'other' } as never, OWN_ID, ORIGIN)).toBeNull();
    expect(await send({ tend: 1, name: 'getToday', data: {} }, ok, { id: OWN_ID })).toEqual({ ok: false, error: NOT_ALLOWED });
  });

  it('a content script needs its tab and the top frame of a mail page', () => {
    const gmail = 'https://mail.google.com/mail/u/0/#inbox';
    expect(senderKindOf({ id: OWN_ID, url: gmail, tab: { id: 3 }, frameId: 0 } as never, OWN_ID, ORIGIN)).toBe('content');
    expect(senderKindOf({ id: OWN_ID, url: gmail, frameId: 0 } as never, OWN_ID, ORIGIN)).toBeNull();
    expect(senderKindOf({ id: OWN_ID, url: gmail, tab: { id: 3 } } as never, OWN_ID, ORIGIN)).toBeNull();
  });

  it('the sidebar is framed into a tab whose URL is a mail page, or unknown', () => {
    const sidebar = { id: OWN_ID, url: `${ORIGIN}sidebar.html`, frameId: 4 };
    expect(senderKindOf({ ...sidebar, tab: { id: 3 } } as never, OWN_ID, ORIGIN)).toBe('sidebar');
    expect(senderKindOf({ ...sidebar, tab: { id: 3, url: 'https://outlook.office.com/mail/' } } as never, OWN_ID, ORIGIN)).toBe('sidebar');
    expect(senderKindOf(sidebar as never, OWN_ID, ORIGIN)).toBeNull();
    expect(senderKindOf({ ...sidebar, url: `${ORIGIN}%%bad` } as never, OWN_ID, ORIGIN)).toBeNull();
  });
});
