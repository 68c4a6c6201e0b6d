import { defineContentScript } from 'wxt/utils/define-content-script';
import { outlookAdapter } from '../../lib/hosts/outlook';
import { OUTLOOK_MATCHES } from '../../lib/hosts/origins';
import { runMailContentScript } from '../../lib/content/watch-thread';

export default defineContentScript({
  matches: OUTLOOK_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runMailContentScript(ctx, outlookAdapter),
});
