import { defineContentScript } from 'wxt/utils/define-content-script';
import { gmailAdapter } from '../../lib/hosts/gmail';
import { GMAIL_MATCHES } from '../../lib/hosts/origins';
import { runMailContentScript } from '../../lib/content/watch-thread';

export default defineContentScript({
  matches: GMAIL_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runMailContentScript(ctx, gmailAdapter),
});
