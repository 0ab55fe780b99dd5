// Browser end-to-end tests: Debian's Chromium driven by Playwright, against the release build
// served by the real `sijil serve` (started by `cargo xtask test`, which sets SIJIL_BASE_URL).
import { defineConfig, devices } from '@playwright/test';

const baseURL = process.env.SIJIL_BASE_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  testDir: '.',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  // One retry: a test that fails then passes is reported as flaky (visible in the output) rather
  // than turning CI red on a loaded 2-core machine.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // The machine's network is closed: without these, Chromium floods it with background calls.
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'android',
      use: { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, browserName: 'chromium' },
    },
    // iPhone viewport, touch and user agent. WebKit itself cannot be installed here (Playwright
    // downloads its own build), so this is Safari's screen driven by Chromium's engine.
    {
      name: 'iphone',
      testMatch: /form\.spec\.ts/,
      use: { ...devices['iPhone 13'], browserName: 'chromium', defaultBrowserType: 'chromium' },
    },
  ],
});
