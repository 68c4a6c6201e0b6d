// `npm start` runs this after building: it opens Chromium with the freshly built
// extension on Gmail when it can, and always prints how to load the build by hand.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromeBuild = join(root, '.output', 'chrome-mv3');
const firefoxManifest = join(root, '.output', 'firefox-mv3', 'manifest.json');
const startUrl = 'https://mail.google.com/';

/** First Chromium-family browser found: CHROMIUM_PATH, Debian's, then PATH names. */
function findChromium() {
  const candidates = [];
  if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
  if (process.platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    );
  } else if (process.platform === 'win32') {
    for (const base of [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA]) {
      if (base) candidates.push(join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    }
  } else {
    candidates.push('/usr/bin/chromium');
  }
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  if (process.platform !== 'win32') {
    for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
      const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
      const path = found.status === 0 ? found.stdout.trim() : '';
      if (path) return path;
    }
  }
  return null;
}

function hasDisplay() {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

function printInstructions() {
  console.log(`
To load Tend by hand:
  Chrome / Chromium / Edge: open chrome://extensions, turn on "Developer mode",
    click "Load unpacked" and choose:
      ${chromeBuild}
  Firefox: open about:debugging → "This Firefox" → "Load Temporary Add-on…" and choose:
      ${firefoxManifest}
`);
}

if (!existsSync(join(chromeBuild, 'manifest.json'))) {
  console.error(`No build at ${chromeBuild}: run npm run build first.`);
  printInstructions();
  process.exit(1);
}

const browser = findChromium();
if (!browser) {
  console.log('No Chromium or Chrome found (set CHROMIUM_PATH to use another binary).');
} else if (!hasDisplay()) {
  console.log(`Found ${browser}, but there is no display (DISPLAY / WAYLAND_DISPLAY unset): not launching it.`);
} else {
  // A fresh profile each time: the extension loads clean and your own profile is untouched.
  const profile = mkdtempSync(join(tmpdir(), 'tend-dev-profile-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${chromeBuild}`,
    `--load-extension=${chromeBuild}`,
    '--no-first-run',
    '--no-default-browser-check',
    startUrl,
  ];
  try {
    const child = spawn(browser, args, { detached: true, stdio: 'ignore' });
    child.on('error', (error) => console.error(`Could not start ${browser}: ${error.message}`));
    child.unref();
    console.log(`Opened ${browser} with Tend loaded (profile: ${profile}) at ${startUrl}`);
    if (/google.?chrome/i.test(browser)) {
      console.log('Note: Google Chrome 137+ ignores --load-extension; if Tend is missing there, load it by hand.');
    }
  } catch (error) {
    console.error(`Could not start ${browser}: ${error instanceof Error ? error.message : error}`);
  }
}

printInstructions();
