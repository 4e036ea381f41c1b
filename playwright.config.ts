import fs from 'node:fs';
import { chromium, defineConfig, devices } from '@playwright/test';

/**
 * Browser tests in real Chromium against `next start` on a fresh embedded database (.data-e2e), built beforehand by
 * `npm run test:e2e`. Playwright's own Chromium is used where it is installed; otherwise Debian's /usr/bin/chromium
 * (browser downloads do not work on the CI machines). One worker: the tests share one server and one database, and
 * some assert on consecutive reference numbers.
 */

const PORT = Number(process.env.E2E_PORT ?? 3210);
const bundled = (() => {
  try {
    return fs.existsSync(chromium.executablePath());
  } catch {
    return false;
  }
})();
const executablePath = bundled ? undefined : process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    { name: 'phone', testIgnore: [/staff-.*\.spec\.ts/, /supabase-.*\.spec\.ts/], use: { ...devices['Pixel 7'], locale: 'th-TH' } },
    // Its own app server on a Supabase-shaped PostgreSQL database (port E2E_PORT + 1), built by the spec itself.
    { name: 'supabase', testMatch: /supabase-.*\.spec\.ts/, use: { ...devices['Desktop Chrome'], locale: 'th-TH' } },
    { name: 'desktop', testMatch: /staff-.*\.spec\.ts/, dependencies: ['setup'], use: { ...devices['Desktop Chrome'], locale: 'th-TH' } },
  ],
  webServer: {
    command: `node scripts/serve-e2e.mjs ${PORT}`,
    url: `http://localhost:${PORT}/api/health`,
    // Seeding the demo data takes about a minute; on a busy shared machine (two cores) it can take several.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
