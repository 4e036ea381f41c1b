import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { anon, serviceRole, type Caller } from '../../lib/db/types';
import type { PublicResults, PublicResultsFilter, StatCell } from '../../lib/stats/types';
import { derivableByAlgebra, harvest, subtractAlongLines, type Harvest } from '../../scripts/drills/lib/subtraction';
import { onEveryDatabase } from './databases';
import { refusal, rpcUnchecked, submission } from './fixtures';

/**
 * Issue 17: public results could be undone by subtraction. Cells under 5 responses were hidden, but the total minus
 * the divisions shown, the fiscal year minus its round, a round minus its months, a dimension minus its items, and
 * two date windows one day apart each gave back a hidden group or a single citizen's rating. Here the attack is run
 * as anon against hand-built data in FY2562 (1 Oct 2018 – 30 Sep 2019), where each of those holes is planted once.
 */

const bkk = (local: string) => `${local}+07:00`;
const FY = 2562;

/** The planted data; every n and sum below is counted by hand from it. */
function plantedData(): Record<string, unknown>[] {
  const civil = [5, 4, 4, 5, 3, 4, 5].map((overall_rating, i) =>
    submission({
      service_point: 'civil-registration',
      overall_rating,
      created_at: bkk(`2018-10-${10 + i}T10:00:00`),
      // process_speed answered 6 times, process_simple twice: the dimension minus process_speed was process_simple.
      answers: { ...(i < 6 ? { process_speed: overall_rating } : {}), ...(i < 2 ? { process_simple: 1 } : {}) },
    }),
  );
  return [
    ...civil,
    // The one citizen of 16 November: a window to the 15th and one to the 16th differed by exactly this rating.
    submission({ service_point: 'civil-registration', overall_rating: 2, created_at: bkk('2018-11-16T09:30:00') }),
    // Finance: 7 in November.
    ...[4, 4, 3, 5, 4, 4, 3].map((overall_rating, i) =>
      submission({
        service_point: 'land-building-tax',
        overall_rating,
        created_at: bkk(`2018-11-${10 + i}T11:00:00`),
      }),
    ),
    // Health and environment: 2, both rating 1. The total minus the divisions shown gave n 2, mean 1.00.
    ...[1, 1].map((overall_rating, i) =>
      submission({
        service_point: 'waste-fees',
        overall_rating,
        created_at: bkk(`2018-11-2${i}T14:00:00`),
      }),
    ),
    // Education: 6 in January (the round), and one in May rating 1: the year minus the round gave it.
    ...[5, 5, 4, 4, 5, 4].map((overall_rating, i) =>
      submission({
        service_point: 'child-development-centre',
        overall_rating,
        created_at: bkk(`2019-01-${10 + i}T10:00:00`),
      }),
    ),
    submission({ service_point: 'child-development-centre', overall_rating: 1, created_at: bkk('2019-05-07T10:00:00') }),
  ];
}

onEveryDatabase('public results: subtraction attack', (db) => {
  const ask = (filter: PublicResultsFilter, caller: Caller = anon) =>
    db().rpc('public_results', { p_filter: filter, p_locale: 'en' }, caller) as Promise<PublicResults>;
  let seen: Harvest;

  it('hides the small groups planted, and what would give them back, along every line', async () => {
    await db().rpc('submit_response_batch', { p_submissions: plantedData() }, serviceRole);
    seen = await harvest((f) => ask(f), FY);
    expect(seen.calls).toBe(1 + 14 * (1 + 6 + 7)); // fy, h1, 12 months × the whole, 6 divisions, 7 service points
    expect(seen.inconsistent).toEqual([]); // one cell, one answer, whichever page shows it
    expect(subtractAlongLines(seen)).toEqual([]);
  }, 300_000); // 197 calls, each deciding the whole year's grid

  it('total − divisions shown no longer gives the hidden division', async () => {
    const year = await ask({ fiscalYear: FY });
    const hidden = year.byDivision.filter((d) => d.suppressed);
    expect(hidden.map((d) => d.slug)).toContain('health-environment');
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const shown = year.byDivision.filter((d) => !d.suppressed).reduce((a, d) => a + d.n!, 0);
    expect(year.overall.n! - shown).toBeGreaterThanOrEqual(5);
  });

  it('refuses a date window to anon, so two windows one day apart cannot be differenced', async () => {
    const window = (to: string) =>
      rpcUnchecked(
        db(),
        'public_results',
        {
          p_filter: { from: '2018-10-01', to, servicePoint: 'civil-registration' },
          p_locale: 'th',
        },
        anon,
      );
    for (const to of ['2018-11-15', '2018-11-16']) {
      const error = await refusal(window(to));
      expect(error).toMatchObject({ code: '22023', message: 'fixed_periods_only' });
    }
    // Nor the same through a channel, or with no period at all.
    expect(
      await refusal(rpcUnchecked(db(), 'public_results', { p_filter: { fiscalYear: FY, channel: 'qr' }, p_locale: 'th' }, anon)),
    ).toMatchObject({ code: '22023', message: 'unknown_field', detail: 'filter.channel' });
    expect(await refusal(rpcUnchecked(db(), 'public_results', { p_filter: {}, p_locale: 'th' }, anon))).toMatchObject({
      code: '22023',
      message: 'period_required',
    });
    for (const bad of [
      { month: '2018-13' },
      { month: '2018-10', round: 'h1' },
      { month: '2018-10', fiscalYear: 2561 },
      { fiscalYear: FY, round: 'h2' },
      { fiscalYear: '2562' },
      { fiscalYear: FY, servicePoint: 'waste-fees', division: 'finance' },
    ]) {
      expect(
        await refusal(rpcUnchecked(db(), 'public_results', { p_filter: bad, p_locale: 'th' }, anon)),
        JSON.stringify(bad),
      ).toMatchObject({ code: '22023', message: 'invalid_value' });
    }
  });

  it('fiscal year − round no longer gives the lone May response', async () => {
    const scope = { servicePoint: 'child-development-centre' };
    const year = await ask({ fiscalYear: FY, ...scope });
    const round = await ask({ fiscalYear: FY, round: 'h1', ...scope });
    expect(year.overall.suppressed || round.overall.suppressed).toBe(true);
  });

  it('round − months no longer gives the lone 16 November response', async () => {
    const round = await ask({ fiscalYear: FY, round: 'h1', servicePoint: 'civil-registration' });
    expect(round.overall).toMatchObject({ n: 8, suppressed: false });
    const months = round.trend.filter((m) => m.n !== 0);
    expect(months.map((m) => m.month)).toEqual(['2018-10', '2018-11']);
    expect(months.every((m) => m.suppressed)).toBe(true); // October too, or 8 − 7 = 1
  });

  it('dimension − items no longer gives the two process_simple answers', async () => {
    const round = await ask({ fiscalYear: FY, round: 'h1', servicePoint: 'civil-registration' });
    const items = round.items.filter((i) => i.dimension === 'process' && i.n !== 0);
    expect(items.map((i) => [i.code, i.suppressed]).sort()).toEqual([
      ['process_simple', true],
      ['process_speed', true],
    ]);
  });

  it('leaves no hidden cell that linear algebra over every cell shown can work out', () => {
    expect(seen.cells.size).toBeGreaterThan(2000);
    expect([...seen.cells.values()].filter((c) => c.hidden).length).toBeGreaterThan(20);
    expect(derivableByAlgebra(seen)).toEqual([]);
  });

  it('shows the cells it shows with the very numbers worked out by hand', async () => {
    // FY2562, the whole municipality: 8 + 7 + 2 + 7 = 24 responses; Σ = (30 + 2) + 27 + 2 + (27 + 1) = 89.
    // mean 89/24 = 3.708333…; Σx² = (25+16+16+25+9+16+25 + 4) + (16+16+9+25+16+16+9) + (1+1) + (25+25+16+16+25+16 + 1)
    //   = 136 + 107 + 2 + 124 = 369; sample variance (369 − 89²/24)/23 = (369 − 330.041666…)/23 = 1.693840…
    const year = await ask({ fiscalYear: FY });
    expectCell(year.overall, 24, 89 / 24, Math.sqrt((369 - (89 * 89) / 24) / 23));
    expect(year.counts).toEqual({ responses: 24 });
    expect(year.overall.level).toBe('high'); // 3.71
    expect(year.overall.percent).toBeCloseTo((89 / 24 / 5) * 100, 10);
    // Civil registration's round: 5,4,4,5,3,4,5,2 → n 8, Σ 32, mean 4.00; Σx² 136 → (136 − 128)/7 = 8/7.
    const round = await ask({ fiscalYear: FY, round: 'h1', servicePoint: 'civil-registration' });
    expectCell(round.overall, 8, 4, Math.sqrt(8 / 7));
    // The staff see every figure, hidden or not, and for any dates.
    const staff = await db().rpc(
      'satisfaction_stats',
      { p_filter: { from: '2018-11-16', to: '2018-11-16', servicePoint: 'civil-registration' }, p_locale: 'en' },
      serviceRole,
    );
    expect(staff.overall).toMatchObject({ n: 1, mean: 2, suppressed: false });
    const staffYear = await db().rpc('satisfaction_stats', { p_filter: { fiscalYear: FY }, p_locale: 'en' }, serviceRole);
    for (const key of ['n', 'mean', 'sd', 'percent', 'level'] as const) expect(year.overall[key]).toEqual(staffYear.overall[key]);
  });

  it('shows nothing of the hidden cells, and none of the splits that are not public', async () => {
    const year = await ask({ fiscalYear: FY });
    const hidden = { n: null, mean: null, sd: null, percent: null, level: null, suppressed: true };
    const cells: StatCell<true>[] = [
      year.overall,
      year.allItems,
      ...year.dimensions,
      ...year.items,
      ...year.trend,
      ...year.byDivision,
      ...year.byServicePoint,
    ];
    for (const cell of cells) {
      if (cell.suppressed) expect(cell).toMatchObject(hidden);
      else expect(cell.n === 0 || cell.n! >= 5).toBe(true);
    }
    expect(Object.keys(year).sort()).toEqual([
      'allItems',
      'byDivision',
      'byServicePoint',
      'counts',
      'dimensions',
      'filter',
      'items',
      'levelBands',
      'overall',
      'suppression',
      'trend',
    ]);
    expect(year.suppression).toEqual({ minN: 5, complementary: true });
    expect(year.filter).toEqual({
      fiscalYear: FY,
      round: 'full',
      month: null,
      from: '2018-10-01',
      to: '2019-09-30',
      division: null,
      servicePoint: null,
    });
    const month = await ask({ month: '2019-01' });
    expect(month.filter).toMatchObject({ fiscalYear: FY, round: null, month: '2019-01', from: '2019-01-01', to: '2019-01-31' });
    expect(month.trend.map((m) => m.month)).toEqual(['2019-01']);
  });

  it('lets every role call public_results, and nobody the grid behind it', async () => {
    const outsider: Caller = { role: 'authenticated', claims: { sub: randomUUID(), role: 'authenticated' } };
    for (const caller of [anon, outsider, serviceRole]) {
      expect((await ask({ fiscalYear: FY }, caller)).overall.n, caller.role).toBe(24);
      for (const sql of [`select app.public_grid(${FY})`, "select app.public_cell_json(null, '0.5')"]) {
        expect((await refusal(db().query(sql, [], caller))).code, `${caller.role}: ${sql}`).toBe('42501');
      }
    }
    const executable = await db().ownerQuery<{ who: string }>(
      `select r.rolname || ' ' || p.oid::regprocedure::text as who
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_roles r on r.rolname in ('anon', 'authenticated', 'service_role')
       where n.nspname = 'app' and p.proname in ('public_grid', 'public_cell_json') and has_function_privilege(r.oid, p.oid, 'execute')`,
    );
    expect(executable).toEqual([]);
  });
});

function expectCell(cell: StatCell<true>, n: number, mean: number, sd: number) {
  expect(cell.suppressed).toBe(false);
  expect(cell.n).toBe(n);
  expect(cell.mean).toBeCloseTo(mean, 12);
  expect(cell.sd).toBeCloseTo(sd, 12);
}
