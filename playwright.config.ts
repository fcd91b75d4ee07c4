import { defineConfig } from '@playwright/test';
import { generateProjects } from '@backstage/e2e-test-utils/playwright';

// Browser tests drive the system's Chromium (Debian's `chromium` package): a test tool's own browser
// download is not used. scripts/test.sh starts the app and sets PLAYWRIGHT_URL; run on its own,
// `yarn test:e2e` starts `yarn start` or reuses a running instance.
const chromiumPath =
  process.env.ORCHESTRATION_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },

  webServer: process.env.PLAYWRIGHT_URL
    ? []
    : [
        {
          command: 'yarn start',
          url: 'http://localhost:3000',
          reuseExistingServer: true,
          timeout: 300_000,
        },
      ],

  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [['list']],

  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    // The window the findings were made in, and the README screenshots' size.
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
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

  // Everything the tests write, screenshots included, goes here; only
  // scripts/screenshots.sh writes into docs/screenshots.
  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: generateProjects().map(project => ({
    ...project,
    use: { browserName: 'chromium' as const },
  })),
});
