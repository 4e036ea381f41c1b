import { randomUUID } from 'node:crypto';
import { expect, test, type Browser } from '@playwright/test';
import { ENTRY_NAMES, fuzzContext, fuzzEntry, POINTS, probeReference, sequenceOf, type KioskCodes } from '../scripts/drills/lib/fuzz';
import { HttpClient } from '../scripts/drills/lib/http';
import { issueKioskCode, revokeKiosk, signedIn } from './staff';

/**
 * Bad input at scale, the everyday size: fast-check sends FUZZ_RUNS (default 300) generated malformed and edge-case
 * requests to each public entry point (scripts/drills/lib/fuzz.ts says what and what must hold). `npm run drill:fuzz`
 * runs 10,000 per entry point. A failure names the seed: FUZZ_SEED=<seed> reruns exactly those cases.
 *
 * Nothing stored from a refused request: the reference sequence is the probe. One valid response before and one
 * after; every response stored in between takes a number, so the gap must equal the accepted client keys.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** For the kiosk sync: one tablet per demo service point and a revoked one, paired by the admin as staff do. */
async function pairTablets(browser: Browser, qrClientKey: string): Promise<KioskCodes> {
  const context = await browser.newContext({ locale: 'th-TH', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false });
  const page = await context.newPage();
  try {
    await signedIn(page, 'admin');
    // Each code is typed once on its tablet, which gets a device token: the sync is fuzzed with the tokens.
    const pairWith = async (code: string, servicePoint: string) => {
      const answer = await page.request.post('/api/kiosk/pair', { data: { code, servicePoint } });
      expect(answer.status()).toBe(200);
      return ((await answer.json()) as { token: string }).token;
    };
    const active: string[] = [];
    for (const [i, point] of POINTS.entries()) active.push(await pairWith(await issueKioskCode(page, point, `ฟัซ ${i + 1}`), point));
    const revoked = await pairWith(await issueKioskCode(page, 'complaints-centre', 'ฟัซ ยกเลิก'), 'complaints-centre');
    await revokeKiosk(page, 'complaints-centre', 'ฟัซ ยกเลิก');
    return { active, revoked, qrClientKey };
  } finally {
    await context.close();
  }
}

test.describe('bad input at scale (fast-check)', () => {
  for (const entry of ENTRY_NAMES) {
    test(`${entry}: no 5xx, every refusal localised, nothing stored from a refused request`, async ({ baseURL, browser }) => {
      test.setTimeout(240_000 + RUNS * 400);
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000_000);
      const client = new HttpClient(baseURL!, 4);
      try {
        const probeKey = randomUUID();
        const kiosk = entry === 'kiosk-sync' ? await pairTablets(browser, probeKey) : undefined;
        const before = await probeReference(client, probeKey);
        const report = await fuzzEntry({ client, entry, ctx: await fuzzContext(client, before, kiosk), runs: RUNS, seed, concurrency: 3 });
        const after = await probeReference(client, randomUUID());

        expect(report.failures, `seed ${seed} (rerun with FUZZ_SEED=${seed})`).toEqual([]);
        expect(
          Object.keys(report.statuses).filter((s) => Number(s) >= 500),
          `seed ${seed}`,
        ).toEqual([]);
        expect(sequenceOf(after) - sequenceOf(before) - 1, `stored between ${before} and ${after}; seed ${seed}`).toBe(
          report.accepted.size,
        );
        test.info().annotations.push({
          type: 'fuzz',
          description: `${entry}: ${RUNS} cases, seed ${seed}, statuses ${JSON.stringify(report.statuses)}, accepted ${report.accepted.size}`,
        });
      } finally {
        client.close();
      }
    });
  }
});
