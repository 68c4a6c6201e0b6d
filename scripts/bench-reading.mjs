// Reading a 50-message conversation in English, Russian and Chinese in Chromium:
// the adapter and the dates, medians (scripts/bench/reading.ts). Part of `npm run bench`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(root, 'bench-results');
await build({ entryPoints: [join(root, 'scripts/bench/reading-page.ts')], bundle: true, format: 'iife', outfile: join(out, 'bench-reading-page.js'), logLevel: 'warning' });
await build({ entryPoints: [join(root, 'scripts/bench/reading.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(out, 'bench-reading.mjs'), logLevel: 'warning' });
process.env.TEND_ROOT = root;
await import(join(out, 'bench-reading.mjs'));
