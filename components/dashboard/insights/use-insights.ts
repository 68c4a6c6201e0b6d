/**
 * The Insights view's data: `getInsights { period }` and the mail app for "Write to
 * them", fetched now and again after changes. The view depends on everything, so it
 * listens to every change; a burst of them (an import, a conversation's emails
 * recorded one by one) makes one fetch after it settles, not one per change.
 */
import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { send } from '../../../lib/messaging/send';
import { onDataChanged, type Loadable } from '../../../lib/ui/live';
import { EVERYTHING } from '../../../lib/messaging/topics';
import { DEFAULT_PERIOD, PERIODS, type InsightsView, type Period } from '../../../lib/domain/insights/view';
import { MAILTO, type MailApp } from '../../../lib/domain/compose-link';

/** How long the page waits for a burst of changes to end before fetching again. */
export const REFRESH_SETTLE_MS = 250;

export interface InsightsData {
  view: InsightsView;
  mail: MailApp;
}

export function useInsights(period: Period | null): Loadable<InsightsData> {
  const [state, setState] = useState<Loadable<InsightsData>>({ status: 'loading' });
  const ticket = useRef(0);
  useEffect(() => {
    if (period === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      const mine = ++ticket.current;
      // Without settings "Write to them" still works, through mailto:.
      const settingsReply = send('getSettings', {}).catch(() => null);
      Promise.all([send('getInsights', { period }), settingsReply]).then(
        ([view, settings]) => {
          // A slower, older answer never replaces a newer one (a period changed meanwhile).
          if (mine === ticket.current) setState({ status: 'ready', value: { view, mail: settings?.mailApp ?? MAILTO } });
        },
        (error: unknown) => {
          if (mine !== ticket.current) return;
          const message = error instanceof Error ? error.message : String(error);
          setState((previous) => ({ status: 'error', error: message, value: previous.status === 'loading' ? undefined : previous.value }));
        },
      );
    };
    setState((previous) => (previous.status === 'ready' && previous.value.view.period === period ? previous : { status: 'loading' }));
    load();
    const stop = onDataChanged([EVERYTHING], () => {
      clearTimeout(timer);
      timer = setTimeout(load, REFRESH_SETTLE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [period]);
  return state;
}

/** Where the chosen period is kept, so a reload shows the same one. */
export const PERIOD_KEY = 'insightsPeriod';

/** The period chosen last (storage.local), the default until it is read. */
export function usePeriod(): [Period | null, (period: Period) => void] {
  const [period, setPeriod] = useState<Period | null>(null);
  useEffect(() => {
    let live = true;
    browser.storage.local.get(PERIOD_KEY).then(
      (stored) => {
        const value = stored[PERIOD_KEY];
        if (live) setPeriod((PERIODS as readonly unknown[]).includes(value) ? (value as Period) : DEFAULT_PERIOD);
      },
      () => live && setPeriod(DEFAULT_PERIOD),
    );
    return () => {
      live = false;
    };
  }, []);
  const choose = (next: Period) => {
    setPeriod(next);
    void browser.storage.local.set({ [PERIOD_KEY]: next }).catch(() => {});
  };
  return [period, choose];
}
