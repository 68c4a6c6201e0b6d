/**
 * A saved article, read offline: the stored HTML sanitised once more (it was
 * sanitised when saved; a stored copy from an older version, or a backup someone
 * edited, must not be trusted) and shown under the page's strict CSP. No private
 * note is shown: the reader is opened without a client, and each client's note is
 * theirs (it shows on their sidebar card and client page).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { SafeLink } from '../SafeLink';
import { send } from '../../lib/messaging/send';
import type { ReaderResource } from '../../lib/messaging/protocol-resources';
import { sanitizeArticleFragment } from '../../lib/articles/sanitize';

export function ReaderApp({ id }: { id: string }) {
  const [resource, setResource] = useState<ReaderResource | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) {
      setError('No saved page was named.');
      return;
    }
    send('getResource', { id }).then(setResource, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [id]);
  const article = useRef<HTMLElement>(null);
  // The article's nodes, sanitised, are appended here: React writes no markup string.
  useLayoutEffect(() => {
    article.current?.replaceChildren(sanitizeArticleFragment(resource?.contentHtml ?? ''));
  }, [resource]);
  useEffect(() => {
    if (resource) document.title = resource.title;
  }, [resource]);

  if (error) return <main className="reader"><p role="alert">{error}</p></main>;
  if (!resource) return <main className="reader"><p>Loading…</p></main>;
  const meta = [resource.site, resource.byline].filter(Boolean).join(' · ');
  return (
    <main className="reader">
      <header>
        <h1>{resource.title}</h1>
        {meta && <p className="meta">{meta}</p>}
        <p className="meta">
          <SafeLink url={resource.url} kind="web">
            Open the original
          </SafeLink>
        </p>
      </header>
      {resource.contentHtml ? (
        // Filled by the layout effect above with the allow-list of lib/articles/sanitize.ts.
        <article ref={article} />
      ) : (
        <p>{resource.excerpt || 'Saved as a link: there is no copy of the page to read here.'}</p>
      )}
    </main>
  );
}
