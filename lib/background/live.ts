/**
 * Open extension pages (each sidebar, the dashboard) hold a port to the
 * background; after every write they are told to refresh. The set of ports is
 * connection state only: when the worker restarts the ports break and the pages
 * reconnect, so nothing is lost with it.
 */
import { browser, type Browser } from 'wxt/browser';
import { LIVE_PORT } from '../messaging/names';

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
    notify() {
      for (const port of ports) {
        try {
          port.postMessage({ type: 'changed' });
        } catch {
          ports.delete(port);
        }
      }
    },
  };
}
