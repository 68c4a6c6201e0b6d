// `npm run start:firefox` runs this after building: web-ext (Mozilla's own tool)
// opens Firefox with a fresh profile and the build loaded as a temporary add-on, on
// Gmail, reloading Tend when the build changes. Without a display it prints how to
// load the build by hand instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const firefoxBuild = join(root, '.output', 'firefox-mv3');

/** FIREFOX_PATH, else the first of Debian's firefox-esr and PATH's firefox; null lets web-ext look. */
function findFirefox() {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  if (process.platform === 'darwin' || process.platform === 'win32') return null;
  for (const name of ['firefox-esr', 'firefox']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return null;
}

const instructions = `
To load Tend into Firefox by hand: open about:debugging#/runtime/this-firefox,
click "Load Temporary Add-on…" and choose:
  ${join(firefoxBuild, 'manifest.json')}
(A temporary add-on stays until Firefox restarts; \`npm run zip\` makes the files
for addons.mozilla.org.)
`;

if (!existsSync(join(firefoxBuild, 'manifest.json'))) {
  console.error(`No build at ${firefoxBuild}: run npm run build first.`);
  console.log(instructions);
  process.exit(1);
}
const hasDisplay = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (!hasDisplay) {
  console.log('No display here, so Firefox is not opened.');
  console.log(instructions);
  process.exit(0);
}

const firefox = findFirefox();
const args = ['web-ext', 'run', '--source-dir', firefoxBuild, '--start-url', 'https://mail.google.com/', '--no-config-discovery'];
if (firefox) args.push('--firefox', firefox);
console.log(`Opening Firefox${firefox ? ` (${firefox})` : ''} with Tend loaded…`);
console.log(instructions);
const child = spawn('npx', args, { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
