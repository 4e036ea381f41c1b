import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure functions, next to their code as *.test.ts) and `db` (SQL against real databases:
 * PGlite always, and a PostgreSQL server when TEST_DATABASE_URL is set). Playwright runs the browser tests (e2e/).
 */
export default defineConfig({
  resolve: { alias: { '@': path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    // next-intl's navigation (getPathname, in the links of emails, LINE messages and ITA answers) imports `next/navigation`
    // without an extension, which Node's ESM loader refuses outside Next.js: let Vite resolve it.
    server: { deps: { inline: ['next-intl'] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'i18n/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['supabase/tests/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['supabase/tests/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite needs about 800 MB per open database; two workers keep the suite fast on 2 cores.
          maxWorkers: 2,
          // Its own group, so `npx vitest run` runs both projects (unit first).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
