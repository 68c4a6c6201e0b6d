import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built extension (.output/chrome-mv3) in Debian's
 * Chromium. The browser is launched by our own fixture (tests/e2e/harness.ts), never
 * by Playwright's browser download, which does not work on a closed network.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One browser at a time: each test launches a whole Chromium with a fresh profile,
  // and the machines have two cores.
  workers: 1,
  fullyParallel: false,
  // A flaky test must show up as a failure, not be hidden by a retry.
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // `line` keeps CI logs short (one line per test, failures in full); `list` is nicer
  // in a terminal.
  reporter: process.env.CI ? [['line']] : [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
  },
});
