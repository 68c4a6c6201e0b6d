/**
 * Follows the open conversation: re-reads it whenever the page's DOM or URL
 * changes (no polling), and tells the background only when what it read differs
 * from what it last sent.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { MailHostAdapter, ThreadSnapshot } from '../hosts/thread';
import { send } from '../messaging/send';
import { mountSidebarFrame } from './sidebar-frame';
import { listenForInserts } from './insert-link';

/** Mutations arrive in bursts while a conversation renders: read once per burst. */
const SETTLE_MS = 15;

export async function runMailContentScript(ctx: ContentScriptContext, adapter: MailHostAdapter): Promise<void> {
  const frameToken = crypto.randomUUID();
  let lastSent: string | undefined;
  let pending: number | undefined;

  /** Reads the conversation and reports it when it changed; settles once reported (or failed). */
  function readNow(): Promise<void> {
    pending = undefined;
    if (ctx.isInvalid) return Promise.resolve();
    let snapshot: ThreadSnapshot | null = null;
    try {
      snapshot = adapter.readThread(document, new URL(location.href));
    } catch (error) {
      // A page shape the adapter did not expect: show the neutral state, never break the page.
      console.warn('Tend could not read this conversation', error);
    }
    const serialised = JSON.stringify(snapshot);
    if (serialised === lastSent) return Promise.resolve();
    lastSent = serialised;
    return send('threadChanged', { snapshot, frameToken }).then(() => undefined, (error: unknown) => {
      // Let the next change try again (the worker may have been restarting).
      lastSent = undefined;
      if (ctx.isValid) console.warn('Tend could not reach its background', error);
    });
  }

  function schedule(): void {
    if (pending === undefined) pending = ctx.setTimeout(() => void readNow(), SETTLE_MS);
  }

  // The first report registers the frame's token with the background: the frame is
  // handed the token only after it, so its first request is not refused.
  const registered = readNow();
  const frame = await mountSidebarFrame(document, frameToken, registered);
  ctx.onInvalidated(() => frame.remove());
  // The sidebar's "Insert into reply" arrives here through the background.
  listenForInserts(ctx, adapter);

  const observer = new MutationObserver(schedule);
  observer.observe(document.body ?? document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    // The hooks the adapters read; other attribute churn (hover classes) is ignored.
    attributeFilter: ['email', 'name', 'title', 'aria-label', 'aria-selected', 'data-legacy-thread-id', 'data-convid'],
  });
  ctx.onInvalidated(() => observer.disconnect());
  // Gmail navigates by hash, Outlook by history: both also change the DOM, but the
  // URL events catch a navigation that reuses the same DOM.
  ctx.addEventListener(window, 'hashchange', schedule);
  ctx.addEventListener(window, 'popstate', schedule);
  // The page may have changed while the frame was mounted, before the observer
  // started: read once more (nothing is sent when nothing changed).
  void readNow();
}
