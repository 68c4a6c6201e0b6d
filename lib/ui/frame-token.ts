/**
 * The sidebar frame's proof that the content script made it: a token posted by
 * its parent window (the content script shares the mail page's window). A frame
 * the page itself creates never receives the real token; whatever token it gets
 * goes with every request (presentFrameToken), and the background refuses all of
 * them unless the tab's content script registered that very token.
 */
import { FRAME_TOKEN_MESSAGE } from '../messaging/names';
import { presentFrameToken } from '../messaging/send';
import { isMailPageUrl } from '../hosts/origins';

let token: Promise<string> | undefined;

export function frameToken(): Promise<string> {
  token ??= new Promise((resolve) => {
    window.addEventListener('message', function onMessage(event: MessageEvent) {
      const data = event.data as { type?: unknown; token?: unknown } | null;
      if (event.source !== window.parent || !isMailPageUrl(`${event.origin}/`)) return;
      if (data?.type !== FRAME_TOKEN_MESSAGE || typeof data.token !== 'string') return;
      window.removeEventListener('message', onMessage);
      presentFrameToken(data.token);
      resolve(data.token);
    });
  });
  return token;
}
