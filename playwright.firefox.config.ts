import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Firefox: the built extension (.output/firefox-mv3) in Debian's
 * Firefox ESR, driven by puppeteer-core over WebDriver BiDi (tests/e2e-firefox/
 * harness.ts); Playwright is only the test runner here, as it cannot load an
 * extension into Firefox.
 */
export default defineConfig({
  testDir: 'tests/e2e-firefox',
  testMatch: '**/*.spec.ts',
  // One browser at a time: each test starts a whole Firefox with a fresh profile.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['line']] : [['list']],
  outputDir: 'test-results/firefox',
});
