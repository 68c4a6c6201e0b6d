/**
 * Open extension pages (each sidebar, the dashboard) hold a port to the
 * background; after every write they are told what changed, as topics
 * (lib/messaging/topics.ts), and refresh only what shows one of them. A mail tab's
 * conversation ('thread:<tabId>') goes to that tab's pages only, as 'thread'. The
 * set of ports is connection state only: when the worker restarts the ports break
 * and the pages reconnect, so nothing is lost with it.
 */
import { browser, type Browser } from 'wxt/browser';
import { LIVE_PORT } from '../messaging/names';
import { topicsForPage, type Topic } from '../messaging/topics';

export function createLiveHub(extensionOrigin: string, { onConnect }: { onConnect?: () => void } = {}) {
  const ports = new Set<Browser.runtime.Port>();

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT || !port.sender?.url?.startsWith(extensionOrigin)) {
      port.disconnect();
      return;
    }
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    // A dashboard or sidebar is open: the user may search any moment now.
    onConnect?.();
  });

  return {
    notify(changed: readonly Topic[]) {
      for (const port of ports) {
        const topics = topicsForPage(changed, port.sender?.tab?.id);
        if (topics.length === 0) continue;
        try {
          port.postMessage({ type: 'changed', topics });
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
