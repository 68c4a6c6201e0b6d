// Builds the benchmark (TypeScript) with esbuild and runs it. `npm run bench`
// builds the extension first; this only bundles the bench itself.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'bench-results');
await build({
  entryPoints: [join(root, 'scripts/bench/page.ts')],
  bundle: true,
  format: 'iife',
  outfile: join(out, 'bench-page.js'),
  logLevel: 'warning',
});
await build({
  entryPoints: [join(root, 'scripts/bench/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: join(out, 'bench-main.mjs'),
  logLevel: 'warning',
});
process.env.TEND_ROOT = root;
await import(join(out, 'bench-main.mjs'));
