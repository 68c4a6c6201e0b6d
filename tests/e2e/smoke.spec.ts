/**
 * Proves the harness itself: the built extension loads, its worker runs, the
 * manifest asks for no broad host access, the badge can be read, and the network
 * guard and Trusted Types helpers do what the other e2e tests rely on.
 */
import {
  badgeText,
  blockedRequests,
  expect,
  manifestOf,
  servePage,
  setHtmlUnderTrustedTypes,
  stopServiceWorker,
  test,
  wakeServiceWorker,
  watchTrustedTypes,
  GMAIL_CSP,
} from './harness';

/** Host patterns that amount to "every site". */
const BROAD = /^(<all_urls>|\*:\/\/\*\/\*|https?:\/\/\*\/.*|\*:\/\/\*\..*|https?:\/\/\*\.\*?\/.*)$/;

test('the extension loads: worker, id, manifest without broad host access, empty badge', async ({
  serviceWorker,
  extensionId,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${extensionId}/`));

  const manifest = await manifestOf(serviceWorker);
  expect(manifest.manifest_version).toBe(3);
  // The toolbar button (and its badge) need an `action` key.
  expect(manifest).toHaveProperty('action');

  // Host access comes from content-script matches and activeTab only.
  expect(manifest.host_permissions ?? []).toEqual([]);
  const everyPattern = [
    ...(manifest.permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    ...(manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []),
  ].map(String);
  expect(everyPattern.filter((pattern) => BROAD.test(pattern))).toEqual([]);

  expect(await badgeText(serviceWorker)).toBe('');
});

test('the network guard blocks what is not served and serves what is, mutably', async ({ context, page }) => {
  const url = 'https://example.org/articles/one';

  // A blocked navigation leaves Chromium's error page loading in that tab: probe in a
  // throwaway one.
  const probe = await context.newPage();
  await expect(probe.goto(url)).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/);
  await probe.close();
  expect(blockedRequests(context)).toContain(`GET ${url}`);

  servePage(context, url, '<title>First</title><p>one</p>');
  await page.goto(url);
  await expect(page).toHaveTitle('First');

  // Sub-requests the test did not serve are refused too.
  const fetched = await page.evaluate(() =>
    fetch('https://example.org/api/track').then(
      () => 'reached',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');

  servePage(context, url, '<title>Second</title><p>two</p>');
  await page.reload();
  await expect(page).toHaveTitle('Second');
});

test('Trusted Types: a raw innerHTML is caught, the fixture swap is not', async ({ context, page }) => {
  const url = servePage(context, 'https://example.org/tt', '<main id="pane">old</main>', { csp: GMAIL_CSP });
  const watch = await watchTrustedTypes(page);
  await page.goto(url);

  await setHtmlUnderTrustedTypes(page, '#pane', '<h1>new conversation</h1>');
  await expect(page.locator('#pane h1')).toHaveText('new conversation');
  expect(await watch.settle()).toEqual([]);

  // The watcher must be able to see a violation, or "none" would mean nothing.
  const threw = await page.evaluate(() => {
    try {
      document.querySelector('#pane')!.innerHTML = '<b>raw</b>';
      return false;
    } catch {
      return true;
    }
  });
  expect(threw).toBe(true);
  await expect.poll(async () => (await watch.settle()).some((v) => v.directive === 'require-trusted-types-for')).toBe(true);
});

test('the service worker can be stopped and a fresh one is found', async ({
  context,
  cdp,
  extensionId,
  serviceWorker,
}) => {
  await serviceWorker.evaluate(() => {
    (globalThis as { tendE2eMarker?: string }).tendE2eMarker = 'before the stop';
  });

  await stopServiceWorker(cdp, extensionId);
  const targets = (await cdp.send('Target.getTargets')).targetInfos;
  expect(targets.filter((t) => t.type === 'service_worker' && t.url.includes(extensionId))).toEqual([]);

  const worker = await wakeServiceWorker(context, extensionId);
  // A fresh worker: what the old one kept in memory is gone.
  expect(await worker.evaluate(() => (globalThis as { tendE2eMarker?: string }).tendE2eMarker ?? null)).toBeNull();
  expect(await badgeText(worker)).toBe('');
});
