// Opening the client page of a client with 5,000 interactions in Chromium, medians
// over fresh loads (scripts/bench/history.ts; budget 200 ms). Part of `npm run bench`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(root, 'bench-results');
await build({ entryPoints: [join(root, 'scripts/bench/history-page.ts')], bundle: true, format: 'iife', outfile: join(out, 'bench-history-page.js'), logLevel: 'warning' });
await build({ entryPoints: [join(root, 'scripts/bench/history.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(out, 'bench-history.mjs'), logLevel: 'warning' });
process.env.TEND_ROOT = root;
await import(join(out, 'bench-history.mjs'));
