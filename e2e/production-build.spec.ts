import fs from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * What ships: the production build (`next build`, which `npm run test:e2e` runs before these tests) holds no benchmark
 * code. The submit benchmark's bare insert route (app/api/bench/floor/route.bench.ts) is a route only in the
 * benchmarks' own build, .next-bench.
 */
test('the production build has no benchmark route', async ({ request }) => {
  const routes = Object.values(JSON.parse(fs.readFileSync('.next/app-path-routes-manifest.json', 'utf8')) as Record<string, string>);
  expect(routes).toContain('/api/responses'); // the manifest read is the app's
  expect(routes.filter((route) => route.startsWith('/api/bench'))).toEqual([]);
  const response = await request.post('/api/bench/floor', { data: { clientKey: 'x' } });
  expect(response.status()).toBe(404);
});
