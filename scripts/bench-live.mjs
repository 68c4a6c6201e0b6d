// Re-fetches after one write with a dashboard and two sidebars open (issue 12):
//
//   node scripts/bench-live.mjs
//
// Bundles scripts/bench/live-refetch.ts with esbuild and runs it in Node over
// fake-indexeddb (no browser). Prints, per write, how many open pages fetch again:
// before (every page, for every write) and now (only those showing what changed).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const outfile = join(root, 'bench-results', 'bench-live.mjs');
await build({
  entryPoints: [join(root, 'scripts/bench/live-refetch.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile,
  logLevel: 'warning',
});
await import('fake-indexeddb/auto');
const { measureRefetches } = await import(outfile);
console.log('Live updates: pages fetching again after one write (a dashboard on Today, sidebars A and B on different conversations)');
for (const figure of await measureRefetches()) {
  console.log(`  ${figure.write}: before ${figure.before}, now ${figure.after}${figure.pages.length ? ` (${figure.pages.join(', ')})` : ''}`);
}
