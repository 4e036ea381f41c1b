import fs from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Browser tests in real Chromium against `next start` on a fresh embedded database (.data-e2e), built beforehand by
 * `npm run test:e2e`. Playwright's own Chromium is used where it is installed; otherwise Debian's /usr/bin/chromium
 * (browser downloads do not work on the CI machines). One worker: the tests share one server and one database, and
 * some assert on consecutive reference numbers.
 *
 * Two groups of specs share nothing, so `npm run test:e2e` (scripts/test-e2e.mjs) runs them as two Playwright runs at
 * once, each still on one worker:
 *   - E2E_GROUP=shared: the specs on the shared server (setup, phone, desktop), with the webServer below;
 *   - E2E_GROUP=own: the specs that start their own servers on their own databases (two-instances, start-up, line,
 *     supabase-*), which need no shared server and so start at once, while the shared one is still seeding.
 * Unset (`npx playwright test e2e/<spec>`): every project in one run, as before.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210);
const GROUP = process.env.E2E_GROUP as 'shared' | 'own' | undefined;
if (GROUP && GROUP !== 'shared' && GROUP !== 'own') throw new Error(`E2E_GROUP must be "shared" or "own", not "${GROUP}"`);
// Specs that start servers of their own (on E2E_PORT + 1..3, + 6 and + 10, and INSTANCE_*_PORT), each on its own
// database; with the supabase project's, they make the `own` group.
// Anchored at the folder: /line\.spec/ alone would also take citizen-offline.spec.ts.
const OWN_SERVERS = [/\/two-instances\.spec\.ts$/, /\/start-up\.spec\.ts$/, /\/line\.spec\.ts$/];
const bundled = (() => {
  try {
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
})();
const executablePath = bundled ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');

const projects = {
  setup: { name: 'setup', testMatch: /auth\.setup\.ts/ },
  phone: { name: 'phone', testIgnore: [/staff-.*\.spec\.ts/, /supabase-.*\.spec\.ts/], use: { ...devices['Pixel 7'], locale: 'th-TH' } },
  // Their own app servers (ports E2E_PORT + 1..3), started by each spec on the build, on PostgreSQL databases of their own.
  supabase: { name: 'supabase', testMatch: /supabase-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], locale: 'th-TH' } },
  desktop: {
    name: 'desktop',
    testMatch: /staff-.*\.spec\.ts/,
    dependencies: ['setup'],
    use: { ...devices['Desktop Chrome'], locale: 'th-TH' },
  },
};

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  // The two groups run at the same time: separate folders, so that neither clears the other's results.
  outputDir: GROUP === 'own' ? 'test-results-own' : 'test-results',
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: GROUP === 'own' ? 'playwright-report-own' : 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects:
    GROUP === 'shared'
      ? [projects.setup, { ...projects.phone, testIgnore: [...projects.phone.testIgnore, ...OWN_SERVERS] }, projects.desktop]
      : GROUP === 'own'
        ? [{ ...projects.phone, testIgnore: undefined, testMatch: OWN_SERVERS }, projects.supabase]
        : [projects.setup, projects.phone, projects.supabase, projects.desktop],
  webServer:
    GROUP === 'own'
      ? undefined
      : {
          command: `node scripts/serve-e2e.mjs ${PORT}`,
          url: `http://localhost:${PORT}/api/health`,
          // Seeding the demo data takes about a minute; on a busy shared machine (two cores) it can take several.
          timeout: 300_000,
          reuseExistingServer: false,
          stdout: 'ignore',
          stderr: 'pipe',
        },
});
