import { useState } from 'react';
import { browser } from 'wxt/browser';
import { copyText } from '../../lib/ui/clipboard';

/**
 * "Tend can't read this conversation": the mail page changed in a way the adapter
 * does not know (a redesign, a layout Tend has not seen). Rather than look like an
 * empty sidebar, it says so, and offers the page's structure for a report: tags,
 * classes, attribute names and counts only, no text, name or address
 * (lib/hosts/diagnostics.ts).
 */
export function Unreadable({ host, diagnostics }: { host: string; diagnostics: string }) {
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    const report = [`Tend ${browser.runtime.getManifest().version} on ${host}`, navigator.userAgent, diagnostics].join('\n');
    const result = await copyText(report);
    setCopied(result === 'failed' ? 'Tend could not copy to the clipboard here.' : 'Copied. Paste it into your report.');
  };
  return (
    <section className="empty" aria-label="Tend can't read this conversation">
      <h1>Tend can&apos;t read this conversation</h1>
      <p>The page may have changed its layout. Nothing of this conversation was recorded.</p>
      <p className="muted">Copy diagnostics copies a description of the page&apos;s structure, with none of your mail&apos;s text, names or addresses, to send with a report.</p>
      <button type="button" onClick={() => void copy()}>
        Copy diagnostics
      </button>
      <p className="muted" role="status">
        {copied}
      </p>
    </section>
  );
}
