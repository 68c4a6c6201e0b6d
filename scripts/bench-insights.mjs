// The Insights view for 10,000 clients in Chromium, from opening it to its charts
// painted (scripts/bench/insights.ts; budget: median 500 ms). Part of `npm run bench`.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(root, 'bench-results');
await build({ entryPoints: [join(root, 'scripts/bench/insights-page.ts')], bundle: true, format: 'iife', outfile: join(out, 'bench-insights-page.js'), logLevel: 'warning' });
await build({ entryPoints: [join(root, 'scripts/bench/insights.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(out, 'bench-insights.mjs'), logLevel: 'warning' });
process.env.TEND_ROOT = root;
await import(join(out, 'bench-insights.mjs'));
