/**
 * npm run drill:subtraction [-- --responses 600 --seed 17]
 *
 * The subtraction attack on the public results (issue 17). A fresh embedded database gets a fiscal year of responses
 * (counters of very different sizes, so that many cells are small) and three planted victims: a lone response on one
 * day, a division with 2 responses in the year, and a counter's lone response in April–September. Then, as anon
 * (what anyone holding the public anon key can call):
 *   1. two date windows one day apart (must be refused: fixed periods only);
 *   2. every period (year, 6-month round, 12 months) × every scope (all, each division, each counter) asked for, and
 *      every hidden cell attacked along every "total = parts" line and by linear algebra over all the cells at once.
 * Exits 1 if any hidden cell or group under 5 can be worked out. Prints the figures for RELIABILITY.md.
 */
import { randomUUID } from 'node:crypto';
import { openEmbedded } from '../../lib/db/pglite';
import { anon, serviceRole } from '../../lib/db/types';
import type { PublicResults, PublicResultsFilter } from '../../lib/stats/types';
import { argValue, machine } from './lib/app';
import { derivableByAlgebra, harvest, subtractAlongLines } from './lib/subtraction';

const FY = 2568; // 1 Oct 2024 – 30 Sep 2025
const POINTS = [
  ['civil-registration', 30],
  ['land-building-tax', 18],
  ['welfare-allowance', 16],
  ['complaints-centre', 10],
  ['building-permit', 8],
  ['child-development-centre', 3],
] as const; // waste-fees gets only the planted victims

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const responses = Number(argValue('responses', '600'));
  const random = rng(Number(argValue('seed', '17')));
  const started = Date.now();
  const db = await openEmbedded();
  try {
    const total = POINTS.reduce((a, [, w]) => a + w, 0);
    const at = (day: number) => new Date(Date.UTC(2024, 9, 1, 3) + day * 86_400_000).toISOString();
    const submissions: Record<string, unknown>[] = [];
    for (let i = 0; i < responses; i += 1) {
      let w = random() * total;
      const point = POINTS.find(([, weight]) => (w -= weight) < 0)?.[0] ?? 'civil-registration';
      const rating = 1 + Math.floor(random() * 5);
      submissions.push({
        client_key: randomUUID(),
        service_point: point,
        locale: 'th',
        overall_rating: rating,
        created_at: at(Math.floor(random() * 365)),
        ...(random() < 0.5 ? { answers: { process_speed: rating, staff_polite: 1 + Math.floor(random() * 5) } } : {}),
      });
    }
    // The victims: one citizen alone on 16 Nov 2024 at a quiet counter, two at waste fees all year, one in May.
    submissions.push({
      client_key: randomUUID(),
      service_point: 'complaints-centre',
      locale: 'th',
      overall_rating: 1,
      created_at: '2024-11-16T09:00:00+07:00',
    });
    for (const d of ['2024-12-02', '2025-01-06'])
      submissions.push({
        client_key: randomUUID(),
        service_point: 'waste-fees',
        locale: 'th',
        overall_rating: 1,
        created_at: `${d}T10:00:00+07:00`,
      });
    submissions.push({
      client_key: randomUUID(),
      service_point: 'child-development-centre',
      locale: 'th',
      overall_rating: 1,
      created_at: '2025-05-07T10:00:00+07:00',
    });
    for (let i = 0; i < submissions.length; i += 200) {
      await db.rpc('submit_response_batch', { p_submissions: submissions.slice(i, i + 200) }, serviceRole);
    }

    // 1. Two windows one day apart.
    const windows = await Promise.all(
      ['2024-11-15', '2024-11-16'].map((to) =>
        (db.rpc as (fn: string, args: unknown, caller: unknown) => Promise<unknown>)(
          'public_results',
          { p_filter: { from: '2024-11-01', to }, p_locale: 'th' },
          anon,
        ).then(
          () => 'answered',
          (e: { message?: string }) => e.message ?? 'refused',
        ),
      ),
    );
    const windowsRefused = windows.every((w) => w === 'fixed_periods_only');

    // 2. Everything the public may ask for, then every subtraction.
    const t0 = Date.now();
    const ask = (filter: PublicResultsFilter) =>
      db.rpc('public_results', { p_filter: filter, p_locale: 'th' }, anon) as Promise<PublicResults>;
    const seen = await harvest(ask, FY);
    const askMs = (Date.now() - t0) / seen.calls;
    const leaks = subtractAlongLines(seen);
    const derivable = derivableByAlgebra(seen);
    const cells = [...seen.cells.values()];
    const hidden = cells.filter((c) => c.hidden);
    // Which hidden cells hold 1–4 responses (the staff figures say; the public cannot tell).
    let small = 0;
    for (const c of hidden.filter((x) => x.measure === 'overall' && x.period === 'fy')) {
      const unit = c.unit === 'all' ? {} : c.unit.startsWith('d:') ? { division: c.unit.slice(2) } : { servicePoint: c.unit.slice(2) };
      const staff = await db.rpc('satisfaction_stats', { p_filter: { fiscalYear: FY, ...unit }, p_locale: 'th' }, serviceRole);
      if (staff.overall.n > 0 && staff.overall.n < 5) small += 1;
    }

    const ok = windowsRefused && leaks.length === 0 && derivable.length === 0 && seen.inconsistent.length === 0;
    console.log(`\n## drill:subtraction — ${ok ? 'PASS' : 'FAIL'}\n`);
    console.log('| what | figure |\n| --- | --- |');
    console.log(`| responses in FY${FY} | ${submissions.length} |`);
    console.log(`| two windows one day apart (anon) | ${windows.join(' / ')} |`);
    console.log(`| public_results calls (every period × scope) | ${seen.calls}, ${askMs.toFixed(0)} ms each on average |`);
    console.log(`| cells seen / hidden | ${cells.length} / ${hidden.length} |`);
    console.log(`| year-level overall cells hidden that hold 1–4 responses | ${small} |`);
    console.log(`| leaks along lines (total − parts, year − round, round − months, …) | ${leaks.length} |`);
    console.log(`| hidden cells derivable by linear algebra | ${derivable.length} |`);
    console.log(`| same cell, different answers | ${seen.inconsistent.length} |`);
    console.log(`\n${machine()}; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`);
    for (const leak of leaks.slice(0, 10))
      console.log(`LEAK ${leak.line}: ${leak.derived.join(', ')} n ${leak.n} mean ${leak.mean?.toFixed(2)}`);
    for (const key of derivable.slice(0, 10)) console.log(`DERIVABLE ${key}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
