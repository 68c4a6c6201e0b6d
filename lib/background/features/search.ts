/** Search over clients and saved articles, answered from the in-memory index (lib/background/search/). */
import type { FeatureHandlers, ServiceContext } from '../context';
import { reportBuildError } from '../search/index';
import { browserCountry, formatPhone } from '../../domain/phones';

export function createSearchHandlers(context: ServiceContext) {
  const { notify } = context;
  /** Waiting for the index to be whole, to tell the pages that searched meanwhile. */
  let announcing: Promise<void> | null = null;

  return {
    async search(input) {
      const started = performance.now();
      // Right after a worker restart the texts may still be building: rather than keep
      // the first keystroke waiting, answer over the clients' own fields and say so
      // (`complete: false`). Once the index is whole, open pages are told ('search'),
      // and a search box showing an incomplete answer asks again.
      const result = await context.search.search(input.query, input.limit, context.searchWaitMs);
      if (!result.complete) {
        announcing ??= context.search
          .whenComplete()
          .then(() => notify(['search']), reportBuildError)
          .finally(() => (announcing = null));
      }
      // A phone hit is shown as people read numbers; formatted here, where libphonenumber-js
      // is loaded anyway, so the sidebar's search box need not load its metadata.
      const country = browserCountry();
      const clients = result.clients.map((hit) => (hit.field === 'phone' ? { ...hit, excerpt: formatPhone(hit.excerpt, country) } : hit));
      return { ...result, clients, tookMs: Math.round((performance.now() - started) * 10) / 10 };
    },
  } satisfies FeatureHandlers;
}
