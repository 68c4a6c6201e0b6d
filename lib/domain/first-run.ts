/**
 * The first run's three steps on the dashboard (issue 15, item 12): say which
 * addresses are yours, import contacts or add a client, open Gmail or Outlook. Each
 * is done when Tend sees it happen; the guide shows until all three are done or the
 * user dismisses it (so an existing user who has done everything never sees it).
 *
 * Pure: facts in, states out.
 */
export const FIRST_RUN_STEPS = ['addresses', 'clients', 'mail'] as const;
export type FirstRunStep = (typeof FIRST_RUN_STEPS)[number];

export interface FirstRunFacts {
  /** How many own addresses the user has confirmed (Settings `ownAddresses`). */
  ownAddresses: number;
  /** Whether any client exists (archived ones included: the user got that far). */
  hasClients: boolean;
  /** Whether Tend has seen a mail page (a recorded visit, or any email it recorded). */
  mailPageSeen: boolean;
  dismissed: boolean;
}

export interface FirstRunState {
  done: Record<FirstRunStep, boolean>;
  /** How many of the steps are done. */
  doneCount: number;
  /** Whether the dashboard shows the guide. */
  show: boolean;
}

export function firstRunState(facts: FirstRunFacts): FirstRunState {
  const done: Record<FirstRunStep, boolean> = {
    addresses: facts.ownAddresses > 0,
    clients: facts.hasClients,
    mail: facts.mailPageSeen,
  };
  const doneCount = FIRST_RUN_STEPS.filter((step) => done[step]).length;
  return { done, doneCount, show: !facts.dismissed && doneCount < FIRST_RUN_STEPS.length };
}
