import { defineConfig } from '@playwright/test'

// Debian's Chromium drives the browser host; Playwright's own browser download is never used (no route to it here).
export default defineConfig({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // No retry, anywhere: a step that passes only sometimes is a failure to fix, not a pass. Should a retry ever be
  // passed on the command line (--retries), a test that passes only on retry still fails the run.
  retries: 0,
  failOnFlakyTests: true,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'browser', metadata: { target: 'browser' } },
    { name: 'electron', metadata: { target: 'electron' } },
  ],
})
