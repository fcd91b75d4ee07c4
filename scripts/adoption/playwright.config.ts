import { defineConfig } from '@playwright/test';

// The browser check of the adoption test (scripts/adoption/run.sh): the host app that installed
// the packed packages, at ADOPTION_URL, in Debian's Chromium. Separate from playwright.config.ts at
// the root, whose projects are the packages' e2e-tests folders, so neither run picks up the other.
const chromiumPath =
  process.env.ORCHESTRATION_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: __dirname,
  testMatch: 'host.spec.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: process.env.ADOPTION_URL ?? 'http://localhost:7007',
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  outputDir:
    process.env.ADOPTION_OUTPUT_DIR ??
    '../../node_modules/.cache/adoption-test-results',
});
