import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { anon, serviceRole, type Caller, type SqlDb } from '../../lib/db/types';
import { runFoldJob } from '../../lib/stats/fold-job';
import type { StatCell, StatsFilter } from '../../lib/stats/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, rpcUnchecked, SEED_ITEMS, submission, submit } from './fixtures';

/**
 * The statistics engine: figures worked out by hand, level bands at their edges, fiscal-year boundaries, rollups
 * against a naive GROUP BY over the raw tables, suppression for the public, and who may call what.
 *
 * All tests of a file share one database, so each test keeps to its own fiscal year (B.E.):
 *   2560 band edges · 2561 the hand-worked data · 2563 random data vs raw · 2564 public results · 2565/2566/2567 boundaries
 */

/** A moment given as Bangkok wall-clock time. */
const bkk = (local: string) => `${local}+07:00`;

function stats(db: SqlDb, filter: StatsFilter | null, locale = 'th', caller: Caller = serviceRole) {
  return db.rpc('satisfaction_stats', { p_filter: filter, p_locale: locale }, caller);
}

function batch(db: SqlDb, submissions: Record<string, unknown>[]) {
  return db.rpc('submit_response_batch', { p_submissions: submissions }, serviceRole);
}

/** Expect a cell to equal hand-worked figures (to 12 decimals: the database sends ~16–20 significant digits). */
function expectCell(cell: StatCell | undefined, want: { n: number; mean: number | null; sd: number | null; level: string | null }) {
  expect(cell).toBeDefined();
  expect(cell!.n).toBe(want.n);
  expect(cell!.suppressed).toBe(false);
  expect(cell!.level).toBe(want.level);
  for (const key of ['mean', 'sd'] as const) {
    if (want[key] === null) expect(cell![key], key).toBeNull();
    else expect(cell![key], key).toBeCloseTo(want[key]!, 12);
  }
  if (want.mean === null) expect(cell!.percent).toBeNull();
  else expect(cell!.percent).toBeCloseTo((want.mean / 5) * 100, 10);
}

const EMPTY = { n: 0, mean: null, sd: null, level: null };

onEveryDatabase('satisfaction statistics', (db) => {
  it('computes n, mean, sample S.D., percent, level and ranks exactly as worked out by hand', async () => {
    // FY2561 = 1 Oct 2017 – 30 Sep 2018. Five counted responses and one flagged (excluded from every figure).
    const finance = { service_point: 'land-building-tax' }; // กองคลัง
    const health = { service_point: 'waste-fees' }; // กองสาธารณสุขและสิ่งแวดล้อม
    await submit(
      db(),
      submission({
        ...finance,
        overall_rating: 5,
        created_at: bkk('2017-11-05T10:00:00'),
        channel: 'qr',
        answers: { process_speed: 5, process_simple: 3, staff_polite: 5, facilities_clean: 2 },
        respondent: { gender: 'female', age_band: '60_plus' },
      }),
    );
    await submit(
      db(),
      submission({
        ...finance,
        overall_rating: 4,
        created_at: bkk('2017-11-20T09:00:00'),
        channel: 'qr',
        answers: { process_speed: 5, facilities_clean: 1 },
        respondent: { gender: 'female' },
      }),
    );
    await submit(
      db(),
      submission({
        ...finance,
        overall_rating: 4,
        created_at: bkk('2018-02-01T00:00:00'),
        channel: 'qr',
        answers: { process_speed: 4, process_simple: 3, facilities_clean: 3 },
        respondent: { gender: 'male' },
      }),
    );
    await submit(db(), submission({ ...health, overall_rating: 3, created_at: bkk('2018-02-14T15:00:00'), channel: 'kiosk' }));
    await submit(db(), submission({ ...health, overall_rating: 5, created_at: bkk('2018-02-28T23:59:59'), channel: 'paper' }));
    await submit(
      db(),
      submission({
        ...health,
        overall_rating: 1,
        created_at: bkk('2018-02-28T12:00:00'),
        channel: 'qr',
        flag: 'repeat_press',
        answers: { process_speed: 1 },
        respondent: { gender: 'male' },
      }),
    );

    const s = await stats(db(), { fiscalYear: 2561 }, 'en');
    expect(s.filter).toEqual({
      fiscalYear: 2561,
      round: 'full',
      from: '2017-10-01',
      to: '2018-09-30',
      division: null,
      servicePoint: null,
      channel: null,
    });
    expect(s.counts).toEqual({ responses: 5, oneTapOnly: 2, withItems: 3, flagged: 1 });
    expect(s.suppression).toBeNull();
    expect(s.levelBands.setting).toBe('0.5');

    // Overall ratings 5, 4, 4, 3, 5: mean = 21/5 = 4.20.
    // Deviations 0.8, −0.2, −0.2, −1.2, 0.8; squares 0.64 + 0.04 + 0.04 + 1.44 + 0.64 = 2.80;
    // sample variance 2.80/(5−1) = 0.70; S.D. = √0.70 = 0.83666…; percent = 4.20/5 × 100 = 84; 4.20 → มาก (high).
    expectCell(s.overall, { n: 5, mean: 4.2, sd: Math.sqrt(0.7), level: 'high' });
    expect(s.overall.percent).toBeCloseTo(84, 12);

    // process_speed 5, 5, 4: mean 14/3 = 4.6667; deviations ⅓, ⅓, −⅔ → squares 1/9 + 1/9 + 4/9 = 6/9; ÷2 = ⅓;
    //   S.D. = √⅓ = 0.57735; percent 93.33; 4.67 → มากที่สุด.
    // process_simple 3, 3: mean 3, S.D. 0, percent 60; 3.00 → ปานกลาง.
    // staff_polite 5: n 1, mean 5, S.D. none (n < 2), percent 100.
    // facilities_clean 2, 1, 3: mean 2; deviations 0, −1, 1 → 2 ÷ 2 = 1; S.D. 1; percent 40; 2.00 → น้อย.
    const item = (code: string) => s.items.find((i) => i.code === code);
    expectCell(item('process_speed'), { n: 3, mean: 14 / 3, sd: Math.sqrt(1 / 3), level: 'very_high' });
    expectCell(item('process_simple'), { n: 2, mean: 3, sd: 0, level: 'moderate' });
    expectCell(item('staff_polite'), { n: 1, mean: 5, sd: null, level: 'very_high' });
    expectCell(item('facilities_clean'), { n: 3, mean: 2, sd: 1, level: 'low' });
    expect(item('staff_polite')?.text).toBe('Staff were polite and friendly');
    // Ranked highest mean first (5.00, 4.67, 3.00, 2.00), then the 8 unanswered items without a rank.
    expect(s.items.map((i) => [i.code, i.rank]).slice(0, 4)).toEqual([
      ['staff_polite', 1],
      ['process_speed', 2],
      ['process_simple', 3],
      ['facilities_clean', 4],
    ]);
    expect(s.items).toHaveLength(12);
    expect(s.items.slice(4).every((i) => i.n === 0 && i.rank === null && i.mean === null)).toBe(true);

    // Dimensions pool their items' answers. process: 5, 5, 4, 3, 3 → mean 20/5 = 4.00; deviations 1, 1, 0, −1, −1 →
    // 4 ÷ 4 = 1 → S.D. 1; 80%. staff: 5 alone. facilities: 2, 1, 3 as above. outcome: nothing answered.
    const dim = (d: string) => s.dimensions.find((x) => x.dimension === d);
    expect(s.dimensions.map((d) => d.dimension)).toEqual(['process', 'staff', 'facilities', 'outcome']);
    expectCell(dim('process'), { n: 5, mean: 4, sd: 1, level: 'high' });
    expectCell(dim('staff'), { n: 1, mean: 5, sd: null, level: 'very_high' });
    expectCell(dim('facilities'), { n: 3, mean: 2, sd: 1, level: 'low' });
    expectCell(dim('outcome'), EMPTY);
    // All 9 answers 5, 5, 4, 3, 3, 5, 2, 1, 3: Σx = 31, Σx² = 123; mean 31/9 = 3.444…;
    // variance (123 − 31²/9)/8 = (1107 − 961)/72 = 146/72 = 73/36; S.D. = √73/6 = 1.42400…; 3.44 → ปานกลาง (0.5 bands).
    expectCell(s.allItems, { n: 9, mean: 31 / 9, sd: Math.sqrt(73) / 6, level: 'moderate' });

    // Distribution of the overall rating: one 3, two 4s, two 5s of 5.
    expect(s.distribution).toEqual([
      { rating: 1, count: 0, percent: 0, suppressed: false },
      { rating: 2, count: 0, percent: 0, suppressed: false },
      { rating: 3, count: 1, percent: 20, suppressed: false },
      { rating: 4, count: 2, percent: 40, suppressed: false },
      { rating: 5, count: 2, percent: 40, suppressed: false },
    ]);

    // Trend: every month Oct 2017 – Sep 2018. Nov: 5, 4 → 4.50, S.D. √0.5, which is มาก under 0.5 bands (4.50 ≤ 4.50).
    // Feb: 4, 3, 5 → 4.00, S.D. 1.
    expect(s.trend.map((t) => t.month)).toEqual([
      '2017-10',
      '2017-11',
      '2017-12',
      '2018-01',
      '2018-02',
      '2018-03',
      '2018-04',
      '2018-05',
      '2018-06',
      '2018-07',
      '2018-08',
      '2018-09',
    ]);
    expect(new Set(s.trend.map((t) => t.fiscalYear))).toEqual(new Set([2561]));
    expectCell(s.trend[1], { n: 2, mean: 4.5, sd: Math.sqrt(0.5), level: 'high' });
    expectCell(s.trend[4], { n: 3, mean: 4, sd: 1, level: 'high' });
    for (const i of [0, 2, 3, 5, 6, 7, 8, 9, 10, 11]) expectCell(s.trend[i], EMPTY);

    // By division and service point: finance 5, 4, 4 → 13/3 = 4.333, S.D. √⅓; health 3, 5 → 4.00, S.D. √2.
    const division = (slug: string) => s.byDivision.find((d) => d.slug === slug);
    expectCell(division('finance'), { n: 3, mean: 13 / 3, sd: Math.sqrt(1 / 3), level: 'high' });
    expectCell(division('health-environment'), { n: 2, mean: 4, sd: Math.SQRT2, level: 'high' });
    expectCell(division('clerk'), EMPTY);
    expect(division('finance')?.name).toBe('Finance Division');
    const point = (slug: string) => s.byServicePoint.find((p) => p.slug === slug);
    expectCell(point('land-building-tax'), { n: 3, mean: 13 / 3, sd: Math.sqrt(1 / 3), level: 'high' });
    expectCell(point('waste-fees'), { n: 2, mean: 4, sd: Math.SQRT2, level: 'high' });
    expect(point('waste-fees')?.division).toBe('health-environment');

    // By channel: qr 5, 4, 4 (the flagged qr response is excluded); web none; kiosk 3; paper 5.
    expect(s.byChannel.map((c) => c.channel)).toEqual(['qr', 'web', 'kiosk', 'paper']);
    expectCell(s.byChannel[0], { n: 3, mean: 13 / 3, sd: Math.sqrt(1 / 3), level: 'high' });
    expect(s.byChannel[1]?.n).toBe(0);
    expectCell(s.byChannel[2], { n: 1, mean: 3, sd: null, level: 'moderate' });
    expectCell(s.byChannel[3], { n: 1, mean: 5, sd: null, level: 'very_high' });

    // Respondents: 2 women (40%), 1 man (20%), 2 did not say (40%); the women's overall ratings 5, 4 → 4.50.
    const gender = Object.fromEntries(s.respondents.gender.map((g) => [String(g.value), g]));
    expect(s.respondents.gender.map((g) => g.value)).toEqual(['male', 'female', 'other', 'undisclosed', null]);
    expect([gender.male?.n, gender.female?.n, gender.other?.n, gender.null?.n]).toEqual([1, 2, 0, 2]);
    expect([gender.male?.percent, gender.female?.percent, gender.null?.percent]).toEqual([20, 40, 40]);
    expectCell(gender.female?.overall, { n: 2, mean: 4.5, sd: Math.sqrt(0.5), level: 'high' });
    const age = s.respondents.age_band;
    expect(age.find((a) => a.value === '60_plus')).toMatchObject({ n: 1, percent: 20 });
    expect(age.find((a) => a.value === null)).toMatchObject({ n: 4, percent: 80 });

    // The same figures in Thai, with Thai names.
    const th = await stats(db(), { fiscalYear: 2561 });
    expect(th.overall).toEqual(s.overall);
    expect(th.byDivision.find((d) => d.slug === 'finance')?.name).toBe('กองคลัง');
  });

  it('changes the numbers as expected when filtered by division, service point, channel or dates', async () => {
    // The FY2561 data of the previous test.
    const finance = await stats(db(), { fiscalYear: 2561, division: 'finance' });
    expectCell(finance.overall, { n: 3, mean: 13 / 3, sd: Math.sqrt(1 / 3), level: 'high' });
    expect(finance.counts).toEqual({ responses: 3, oneTapOnly: 0, withItems: 3, flagged: 0 });
    expect(finance.byDivision.map((d) => d.slug)).toEqual(['finance']);
    expect(finance.byServicePoint.map((p) => p.slug)).toEqual(['land-building-tax']);
    expectCell(
      finance.items.find((i) => i.code === 'process_speed'),
      { n: 3, mean: 14 / 3, sd: Math.sqrt(1 / 3), level: 'very_high' },
    );

    const waste = await stats(db(), { fiscalYear: 2561, servicePoint: 'waste-fees' });
    expectCell(waste.overall, { n: 2, mean: 4, sd: Math.SQRT2, level: 'high' });
    expect(waste.counts).toEqual({ responses: 2, oneTapOnly: 2, withItems: 0, flagged: 1 });
    expect(waste.items.every((i) => i.n === 0)).toBe(true); // the flagged response's answer does not count
    expect(waste.byDivision.map((d) => d.slug)).toEqual(['health-environment']);

    const kiosk = await stats(db(), { fiscalYear: 2561, channel: 'kiosk' });
    expectCell(kiosk.overall, { n: 1, mean: 3, sd: null, level: 'moderate' });
    expect(kiosk.byChannel.map((c) => c.channel)).toEqual(['kiosk']);

    const mismatch = await stats(db(), { fiscalYear: 2561, division: 'finance', servicePoint: 'waste-fees' });
    expectCell(mismatch.overall, EMPTY);
    expect(mismatch.byServicePoint).toEqual([]);

    // November only (from/to inclusive, inside the fiscal year): 5, 4.
    const november = await stats(db(), { fiscalYear: 2561, from: '2017-11-01', to: '2017-11-30' });
    expectCell(november.overall, { n: 2, mean: 4.5, sd: Math.sqrt(0.5), level: 'high' });
    expect(november.trend.map((t) => t.month)).toEqual(['2017-11']);
    // 28 Feb 2018 23:59:59 Bangkok is still 28 February.
    const lastDay = await stats(db(), { from: '2018-02-28', to: '2018-02-28' });
    expectCell(lastDay.overall, { n: 1, mean: 5, sd: null, level: 'very_high' });
  });

  it('reads levels at the band edges, directly and through the organisation setting', async () => {
    const level = async (mean: number | null, bands: string) =>
      (await ownerQuery<{ level: string | null }>(db(), 'select app.satisfaction_level($1::numeric, $2) as level', [mean, bands]))[0]
        ?.level;
    const cases: [number | null, string, string | null][] = [
      [5, '0.5', 'very_high'],
      [4.51, '0.5', 'very_high'],
      [4.505, '0.5', 'very_high'], // 4.505 is reported as 4.51
      [4.504, '0.5', 'high'],
      [4.5, '0.5', 'high'],
      [3.51, '0.5', 'high'],
      [3.5, '0.5', 'moderate'],
      [2.51, '0.5', 'moderate'],
      [2.5, '0.5', 'low'],
      [1.51, '0.5', 'low'],
      [1.5, '0.5', 'very_low'],
      [1, '0.5', 'very_low'],
      [4.21, '0.8', 'very_high'],
      [4.205, '0.8', 'very_high'],
      [4.204, '0.8', 'high'],
      [4.2, '0.8', 'high'],
      [3.41, '0.8', 'high'],
      [3.4, '0.8', 'moderate'],
      [2.61, '0.8', 'moderate'],
      [2.6, '0.8', 'low'],
      [1.81, '0.8', 'low'],
      [1.8, '0.8', 'very_low'],
      [null, '0.5', null],
    ];
    for (const [mean, bands, want] of cases) expect(await level(mean, bands), `${mean} on ${bands}`).toBe(want);
    expect((await refusal(level(4, '1.0'))).code).toBe('22023');

    // FY2560, one month each: Oct 2016 5, 4 → 4.50; Nov 51 fives + 49 fours → 451/100 = 4.51;
    // Dec 5, 4, 4, 4, 4 → 21/5 = 4.20; Jan 2017 21 fives + 79 fours → 421/100 = 4.21.
    const ratings = (fives: number, fours: number, day: string) =>
      [...Array(fives).fill(5), ...Array(fours).fill(4)].map((overall_rating, i) =>
        submission({
          overall_rating,
          service_point: 'complaints-centre',
          created_at: bkk(`${day}T08:${String(i % 60).padStart(2, '0')}:00`),
        }),
      );
    await batch(db(), [
      ...ratings(1, 1, '2016-10-10'),
      ...ratings(51, 49, '2016-11-10'),
      ...ratings(1, 4, '2016-12-10'),
      ...ratings(21, 79, '2017-01-10'),
    ]);
    const month = async (from: string, to: string) => (await stats(db(), { from, to, servicePoint: 'complaints-centre' })).overall;

    expect(await month('2016-10-01', '2016-10-31')).toMatchObject({ n: 2, mean: 4.5, level: 'high' });
    expect(await month('2016-11-01', '2016-11-30')).toMatchObject({ n: 100, mean: 4.51, level: 'very_high' });
    expect(await month('2016-12-01', '2016-12-31')).toMatchObject({ n: 5, mean: 4.2, level: 'high' });
    expect(await month('2017-01-01', '2017-01-31')).toMatchObject({ n: 100, mean: 4.21, level: 'high' });
    try {
      await ownerQuery(db(), "update organisation set level_bands = '0.8'");
      expect(await month('2016-12-01', '2016-12-31')).toMatchObject({ mean: 4.2, level: 'high' });
      expect(await month('2017-01-01', '2017-01-31')).toMatchObject({ mean: 4.21, level: 'very_high' });
      expect(await month('2016-10-01', '2016-10-31')).toMatchObject({ mean: 4.5, level: 'very_high' });
      expect((await stats(db(), { fiscalYear: 2560 })).levelBands).toEqual({
        setting: '0.8',
        bands: [
          { level: 'very_high', min: 4.21, max: 5 },
          { level: 'high', min: 3.41, max: 4.2 },
          { level: 'moderate', min: 2.61, max: 3.4 },
          { level: 'low', min: 1.81, max: 2.6 },
          { level: 'very_low', min: 1, max: 1.8 },
        ],
      });
    } finally {
      await ownerQuery(db(), "update organisation set level_bands = '0.5'");
    }
  });

  it('returns n 0 and null figures for an empty selection: no NaN, no division by zero', async () => {
    const s = await stats(db(), { fiscalYear: 2555 });
    expectCell(s.overall, EMPTY);
    expectCell(s.allItems, EMPTY);
    expect(s.counts).toEqual({ responses: 0, oneTapOnly: 0, withItems: 0, flagged: 0 });
    expect(s.items.every((i) => i.n === 0 && i.mean === null && i.sd === null && i.percent === null && i.rank === null)).toBe(true);
    expect(s.distribution.every((d) => d.count === 0 && d.percent === null)).toBe(true);
    expect(s.trend).toHaveLength(12);
    expect(s.respondents.gender.every((g) => g.n === 0 && g.percent === null)).toBe(true);
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
    // A range that the fiscal year leaves empty is empty, not an error.
    expectCell((await stats(db(), { fiscalYear: 2555, from: '2020-01-01' })).overall, EMPTY);
  });

  it('puts 30 Sep 23:59 and 1 Oct 00:00 (Bangkok) in different fiscal years, and ends round h1 with March', async () => {
    const point = { service_point: 'building-permit' };
    await submit(db(), submission({ ...point, overall_rating: 2, created_at: bkk('2023-09-30T23:59:00') })); // FY2566
    await submit(db(), submission({ ...point, overall_rating: 5, created_at: bkk('2023-10-01T00:00:00') })); // FY2567
    const fy2566 = await stats(db(), { fiscalYear: 2566, servicePoint: 'building-permit' });
    const fy2567 = await stats(db(), { fiscalYear: 2567, servicePoint: 'building-permit' });
    expect(fy2566.overall).toMatchObject({ n: 1, mean: 2 });
    expect(fy2567.overall).toMatchObject({ n: 1, mean: 5 });
    expect(fy2566.trend.at(-1)).toMatchObject({ month: '2023-09', fiscalYear: 2566, n: 1 });
    expect(fy2567.trend[0]).toMatchObject({ month: '2023-10', fiscalYear: 2567, n: 1 });

    // FY2565: 31 Mar 2022 23:59 is in the 6-month round; 1 Apr 2022 00:00 is not.
    await submit(db(), submission({ ...point, overall_rating: 3, created_at: bkk('2022-03-31T23:59:00') }));
    await submit(db(), submission({ ...point, overall_rating: 5, created_at: bkk('2022-04-01T00:00:00') }));
    const h1 = await stats(db(), { fiscalYear: 2565, round: 'h1', servicePoint: 'building-permit' });
    const full = await stats(db(), { fiscalYear: 2565, round: 'full', servicePoint: 'building-permit' });
    expect(h1.filter).toMatchObject({ from: '2021-10-01', to: '2022-03-31', round: 'h1' });
    expect(h1.overall).toMatchObject({ n: 1, mean: 3 });
    expect(h1.trend.map((t) => t.month)).toEqual(['2021-10', '2021-11', '2021-12', '2022-01', '2022-02', '2022-03']);
    expect(full.overall).toMatchObject({ n: 2, mean: 4 });
    expect(full.trend).toHaveLength(12);
  });

  it('refuses a malformed filter with invalid_value (filter), and unknown keys by name', async () => {
    const bad: unknown[] = [
      { fiscalYear: '2566' },
      { fiscalYear: 2566.5 },
      { fiscalYear: 66 },
      { round: 'h1' },
      { fiscalYear: 2566, round: 'h2' },
      { from: '2023-02-30' },
      { from: '2023/01/01' },
      { from: 20230101 },
      { from: '2024-01-02', to: '2024-01-01' },
      { division: 'nowhere' },
      { servicePoint: 'nowhere' },
      { servicePoint: 7 },
      { channel: 'fax' },
      [],
    ];
    for (const filter of bad) {
      const error = await refusal(db().rpc('satisfaction_stats', { p_filter: filter, p_locale: 'th' }, serviceRole));
      expect(error, JSON.stringify(filter)).toMatchObject({ code: '22023', message: 'invalid_value', detail: 'filter' });
    }
    expect(await refusal(stats(db(), { colour: 'red' } as StatsFilter))).toMatchObject({
      message: 'unknown_field',
      detail: 'filter.colour',
    });
    // No filter (or null values) = all time.
    expect((await stats(db(), null)).filter).toMatchObject({ fiscalYear: null, from: null, to: null });
    expect((await stats(db(), { division: null } as unknown as StatsFilter)).filter.division).toBeNull();
  });
});

/**
 * Random responses, amended, flagged, moved and deleted in every way the triggers must follow; then every figure of
 * satisfaction_stats is compared with a naive GROUP BY over the raw tables, and the rollups with a rebuild from scratch.
 */
onEveryDatabase('statistics rollups', (db) => {
  const POINTS = [
    'civil-registration',
    'complaints-centre',
    'land-building-tax',
    'building-permit',
    'waste-fees',
    'welfare-allowance',
    'child-development-centre',
  ];
  const CHANNELS = ['qr', 'kiosk', 'paper'];
  const RESPONDENT: Record<string, string[]> = {
    gender: ['male', 'female', 'other', 'undisclosed'],
    age_band: ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'],
    education: ['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other'],
    occupation: ['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other'],
  };

  // A small seeded generator (mulberry32), so a failure can be replayed.
  let seed = 20261126;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const rating = () => 1 + Math.floor(random() * 5);

  function randomAnswers(): Record<string, number> | undefined {
    if (random() < 0.35) return undefined;
    return Object.fromEntries(SEED_ITEMS.filter(() => random() < 0.6).map((code) => [code, rating()]));
  }
  function randomRespondent(): Record<string, string> | undefined {
    if (random() < 0.3) return undefined;
    return Object.fromEntries(
      Object.entries(RESPONDENT)
        .filter(() => random() < 0.7)
        .map(([q, values]) => [q, pick(values)]),
    );
  }
  function randomMoment(): string {
    // Mostly FY2563 (1 Oct 2019 – 30 Sep 2020) and a little either side; some exactly at Bangkok midnight.
    const start = Date.parse('2019-09-20T00:00:00+07:00');
    const end = Date.parse('2020-10-10T00:00:00+07:00');
    const ms = start + Math.floor(random() * (end - start));
    const at = random() < 0.1 ? ms - ((ms + 7 * 3600_000) % 86_400_000) : ms;
    return new Date(at).toISOString();
  }

  it('agree with a naive GROUP BY over the raw tables after inserts, amendments, flags, moves and deletes', async () => {
    const submitted: Record<string, unknown>[] = [];
    for (let i = 0; i < 320; i++) {
      submitted.push(
        submission({
          service_point: pick(POINTS),
          channel: pick(CHANNELS),
          overall_rating: rating(),
          created_at: randomMoment(),
          answers: randomAnswers(),
          respondent: randomRespondent(),
          ...(random() < 0.04 ? { flag: 'burst_address' } : {}),
        }),
      );
    }
    for (let i = 0; i < submitted.length; i += 80) await batch(db(), submitted.slice(i, i + 80));
    // Half of them rolled up, half still pending: every change below meets both kinds.
    expect(await fold(db(), 160)).toBe(160);
    expect(await pendingCount(db())).toBe(160);

    // Amendments under the same client key: a new overall rating, answers changed and added, respondent filled in.
    for (const original of submitted.slice(0, 40)) {
      await submit(db(), {
        ...original,
        overall_rating: rating(),
        answers: { ...(original.answers as object), [pick(SEED_ITEMS)]: rating(), [pick(SEED_ITEMS)]: rating() },
        respondent: randomRespondent(),
      });
    }
    const ids = (
      await ownerQuery<{ id: string }>(db(), `select r.id from response r where r.client_key ${IN_LIST} order by r.client_key`, [
        submitted.map((s) => s.client_key),
      ])
    ).map((r) => r.id);
    expect(ids).toHaveLength(submitted.length);
    const some = (from: number, count: number) => ids.slice(from, from + count);
    const change = (sql: string, list: string[], ...more: unknown[]) => ownerQuery(db(), sql.replace(':ids', IN_LIST), [list, ...more]);

    // Direct changes by the owner, several rows per statement (statement-level triggers see them all at once).
    await change("update response set flag = 'burst_device' where id :ids", some(50, 6));
    await change('update response set flag = null where id :ids and flag is not null', ids); // un-flag all
    await change("update response set flag = 'repeat_press' where id :ids", some(60, 8));
    await change("update response set created_at = created_at + interval '19 days' where id :ids", some(70, 5));
    await change("update response set created_at = timestamptz '2020-03-31 23:59:59+07' where id :ids", some(75, 2));
    await change(
      `update response set service_point_id = (select id from service_point where slug = 'waste-fees'), channel = 'paper'
                  where id :ids`,
      some(80, 5),
    );
    await change("update response set gender = 'other', overall_rating = 1 where id :ids", some(90, 4));
    await change('update response set locale = $2 where id :ids', some(95, 4), 'en'); // not rolled up: nothing moves
    await change('update response_answer set rating = 6 - rating where response_id :ids', some(100, 10));
    await change('delete from response_answer where response_id :ids', some(110, 6)); // back to one-tap only
    await change(
      `delete from response_answer where (response_id, item_id) in (
                    select response_id, min(item_id) from response_answer where response_id :ids group by 1)`,
      some(120, 10),
    );
    await change('delete from response where id :ids', some(130, 7)); // answers go by cascade
    await change("update response set flag = 'burst_address' where id :ids", some(140, 3));
    await change('delete from response where id :ids', some(140, 2)); // deleting flagged responses

    const filters: StatsFilter[] = [
      { fiscalYear: 2563 },
      { fiscalYear: 2563, round: 'h1' },
      { fiscalYear: 2563, division: 'clerk' },
      { fiscalYear: 2563, servicePoint: 'waste-fees' },
      { fiscalYear: 2563, channel: 'paper' },
      { from: '2019-12-15', to: '2020-02-10' }, // partial months at both ends: day rows and month rows together
      { from: '2020-03-31', to: '2020-04-01' },
      {}, // all time
    ];
    for (const filter of filters) await expectSameAsRaw(db(), filter);

    // Folding what is still pending moves figures from one place to the other and changes none of them.
    const mixed = await Promise.all(filters.map((filter) => stats(db(), filter)));
    expect(await pendingCount(db())).toBeGreaterThan(100);
    await fold(db(), 100_000);
    expect(await pendingCount(db())).toBe(0);
    expect(await Promise.all(filters.map((filter) => stats(db(), filter)))).toEqual(mixed);
    for (const filter of filters) await expectSameAsRaw(db(), filter);

    // The rollups equal a rebuild from scratch: the backfill of the migration.
    const before = await rollups(db());
    expect(before.stat_rating_month?.length ?? 0).toBeGreaterThan(0);
    await ownerQuery(db(), 'select app.stat_rebuild()');
    expect(await rollups(db())).toEqual(before);
  });

  it('stays exact while folds run beside amendments, flags and deletes on other connections', async () => {
    // FY2563 again, fresh responses; on PostgreSQL the writers and the folds run truly at once (a pool of 4).
    const fresh = Array.from({ length: 120 }, () =>
      submission({
        service_point: pick(POINTS),
        channel: pick(CHANNELS),
        overall_rating: rating(),
        created_at: randomMoment(),
        answers: randomAnswers(),
        respondent: randomRespondent(),
      }),
    );
    for (let i = 0; i < fresh.length; i += 40) await batch(db(), fresh.slice(i, i + 40));
    const ids = (
      await ownerQuery<{ id: string }>(db(), `select r.id from response r where r.client_key ${IN_LIST} order by r.client_key`, [
        fresh.map((s) => s.client_key),
      ])
    ).map((r) => r.id);
    const writers = async (worker: number) => {
      for (let i = worker; i < 60; i += 3) {
        const original = fresh[i]!;
        await submit(db(), {
          ...original,
          overall_rating: rating(),
          answers: { [pick(SEED_ITEMS)]: rating(), [pick(SEED_ITEMS)]: rating() },
          respondent: randomRespondent(),
        });
        if (i % 4 === 0) await ownerQuery(db(), "update response set flag = 'burst_device' where id = $1", [ids[i + 60]]);
        if (i % 5 === 0) await ownerQuery(db(), 'delete from response where id = $1', [ids[i + 61]]);
        // Answers change only through submit_response, which locks the response before its answers; a direct update
        // must take the same order, or it deadlocks with another writer's amendment of the same response (ids are in
        // client-key order, so ids[i + 59] may be the response another worker is amending).
        if (i % 6 === 0) {
          await ownerQuery(
            db(),
            `with r as (select id from response where id = $1 for no key update)
            update response_answer set rating = 6 - rating where response_id = (select id from r)`,
            [ids[i + 59]],
          );
        }
      }
    };
    const folds = async () => {
      for (let i = 0; i < 15; i++) await fold(db(), 7);
    };
    await Promise.all([writers(0), writers(1), writers(2), folds(), folds()]);
    for (const filter of [{ fiscalYear: 2563 }, { from: '2019-12-15', to: '2020-02-10' }, {}]) await expectSameAsRaw(db(), filter);
    await fold(db(), 100_000);
    for (const filter of [{ fiscalYear: 2563 }, {}]) await expectSameAsRaw(db(), filter);
    const before = await rollups(db());
    await ownerQuery(db(), 'select app.stat_rebuild()');
    expect(await rollups(db())).toEqual(before);
  });

  it('folds only responses that have settled, through stat_fold_pending for the server alone', async () => {
    const { responseId } = await submit(db(), submission({ overall_rating: 2, created_at: bkk('2020-05-05T10:00:00') }));
    const isPending = async () => (await ownerQuery(db(), 'select 1 from stat_pending where response_id = $1', [responseId])).length === 1;
    expect(await isPending()).toBe(true);
    expect(await db().rpc('stat_fold_pending', { p_settle_seconds: 3600, p_limit: 50000 }, serviceRole)).toEqual({ folded: 0, pending: 1 });
    expect(await isPending()).toBe(true); // queued a moment ago: it waits
    await ownerQuery(db(), "update stat_pending set queued_at = now() - interval '2 hours' where response_id = $1", [responseId]);
    expect(await db().rpc('stat_fold_pending', { p_settle_seconds: 3600, p_limit: 50000 }, serviceRole)).toEqual({ folded: 1, pending: 0 });
    expect(await isPending()).toBe(false);
    // The server's job: batches until a batch comes back short; only what has settled.
    const aged = await Promise.all(
      [1, 2, 3].map(() => submit(db(), submission({ overall_rating: 5, created_at: bkk('2020-05-06T10:00:00') }))),
    );
    await ownerQuery(db(), `update stat_pending set queued_at = now() - interval '2 hours' where response_id ${IN_LIST}`, [
      aged.map((a) => a.responseId),
    ]);
    const fresh = await submit(db(), submission({ overall_rating: 1, created_at: bkk('2020-05-06T11:00:00') }));
    expect(await runFoldJob({ db: db(), settleSeconds: 3600 })).toEqual({ folded: 3 });
    expect(await ownerQuery(db(), 'select response_id from stat_pending')).toEqual([{ response_id: fresh.responseId }]);
    // Beyond the cap, the oldest go whatever their age: of four fresh ones (queued in this order) and a cap of one,
    // the newest stays.
    // (Their queue times are set apart: on a fast machine several submissions share one clock tick, and a tie is
    // broken by the random response id.)
    const burst: string[] = [];
    for (const hour of ['12', '13', '14'])
      burst.push((await submit(db(), submission({ overall_rating: 3, created_at: bkk(`2020-05-06T${hour}:00:00`) }))).responseId);
    for (const [i, id] of [fresh.responseId, ...burst].entries()) {
      await ownerQuery(db(), 'update stat_pending set queued_at = now() - make_interval(secs => 20 - $2::int) where response_id = $1', [
        id,
        i,
      ]);
    }
    expect(await runFoldJob({ db: db(), settleSeconds: 3600, pendingCap: 1 })).toEqual({ folded: 3 });
    expect(await ownerQuery(db(), 'select response_id from stat_pending')).toEqual([{ response_id: burst[2] }]);
    for (const [settle, limit, field] of [
      [-1, 10, 'p_settle_seconds'],
      [86_401, 10, 'p_settle_seconds'],
      [null, 10, 'p_settle_seconds'],
      [0, 0, 'p_limit'],
      [0, 50_001, 'p_limit'],
      [0, null, 'p_limit'],
    ] as const) {
      const error = await refusal(rpcUnchecked(db(), 'stat_fold_pending', { p_settle_seconds: settle, p_limit: limit }, serviceRole));
      expect(error, `${settle} ${limit}`).toMatchObject({ code: '22023', message: 'invalid_value', detail: field });
    }
    for (const caller of [anon, { role: 'authenticated', claims: { sub: randomUUID(), role: 'authenticated' } } as Caller]) {
      expect((await refusal(db().rpc('stat_fold_pending', { p_settle_seconds: 0, p_limit: 10 }, caller))).code).toBe('42501');
      expect((await refusal(db().query('select count(*) from public.stat_pending', [], caller))).code).toBe('42501');
    }
  });

  it('rebuild after TRUNCATE leaves nothing behind, and submit_response keeps working', async () => {
    await ownerQuery(db(), 'truncate response cascade');
    expect(await rollups(db())).toEqual({
      stat_rating_day: [],
      stat_rating_month: [],
      stat_response_day: [],
      stat_response_month: [],
      stat_respondent_day: [],
      stat_respondent_month: [],
    });
    await submit(db(), submission({ overall_rating: 4, answers: { staff_polite: 5 } }));
    const s = await stats(db(), {});
    expect(s.overall).toMatchObject({ n: 1, mean: 4 });
    expect(s.counts).toMatchObject({ responses: 1, oneTapOnly: 0 });
  });
});

/** Fold up to `limit` pending responses into the rollups at once (no settle time); how many were folded. */
async function fold(db: SqlDb, limit: number): Promise<number> {
  const [{ folded }] = (await ownerQuery<{ folded: number }>(db, "select app.stat_fold(interval '0', $1) as folded", [limit])) as [
    { folded: number },
  ];
  return folded;
}

async function pendingCount(db: SqlDb): Promise<number> {
  const [{ n }] = (await ownerQuery<{ n: number }>(db, 'select count(*)::int as n from stat_pending')) as [{ n: number }];
  return n;
}

/** `in (…)` a JSON array of uuids passed as $1. */
const IN_LIST = 'in (select value::uuid from jsonb_array_elements_text($1::jsonb))';

/** Every rollup row that holds something, in key order (rows brought back to zero are not significant). */
async function rollups(db: SqlDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, live] of [
    ['stat_rating_day', 'n <> 0 or c1 <> 0 or c2 <> 0 or c3 <> 0 or c4 <> 0 or c5 <> 0'],
    ['stat_rating_month', 'n <> 0 or c1 <> 0 or c2 <> 0 or c3 <> 0 or c4 <> 0 or c5 <> 0'],
    ['stat_response_day', 'responses <> 0 or one_tap <> 0 or flagged <> 0'],
    ['stat_response_month', 'responses <> 0 or one_tap <> 0 or flagged <> 0'],
    ['stat_respondent_day', 'n <> 0 or sum_rating <> 0 or sum_sq <> 0'],
    ['stat_respondent_month', 'n <> 0 or sum_rating <> 0 or sum_sq <> 0'],
  ] as const) {
    out[table] = await ownerQuery(db, `select to_jsonb(t) as row from public.${table} t where ${live} order by 1`);
  }
  return out;
}

interface RawCell {
  key: string;
  n: number;
  mean: number | null;
  sd: number | null;
  level: string | null;
}

/** The filter as plain SQL over the raw tables, written independently of the rollups (no app.* date helpers). */
async function expectSameAsRaw(db: SqlDb, filter: StatsFilter) {
  const s = await stats(db, filter);
  const from = s.filter.from ?? '1900-01-01';
  const to = s.filter.to ?? '9999-12-31';
  const scope = `
    from response r
    join service_point p on p.id = r.service_point_id
    join division d on d.id = p.division_id
    where (r.created_at at time zone 'Asia/Bangkok')::date between $1::date and $2::date
      and ($3::text is null or d.slug = $3) and ($4::text is null or p.slug = $4) and ($5::text is null or r.channel = $5)`;
  const params = [from, to, filter.division ?? null, filter.servicePoint ?? null, filter.channel ?? null];
  const grouped = (value: string, key: string, join = '', where = 'r.flag is null') =>
    ownerQuery<RawCell>(
      db,
      `
      select ${key}::text as key, count(*)::int as n, avg(${value})::float8 as mean, stddev_samp(${value})::float8 as sd,
             app.satisfaction_level(avg(${value}), '0.5') as level
      ${scope.replace('where', `${join} where`)} and ${where}
      group by 1 order by 1`,
      params,
    );
  const label = JSON.stringify(filter);
  const same = (cell: StatCell | undefined, raw: RawCell | undefined, what: string) => {
    expect(cell, `${label} ${what}`).toBeDefined();
    if (!raw) {
      expect(cell!.n, `${label} ${what} n`).toBe(0);
      expect(cell!.mean, `${label} ${what} mean`).toBeNull();
      return;
    }
    expect(cell!.n, `${label} ${what} n`).toBe(raw.n);
    expect(cell!.level, `${label} ${what} level`).toBe(raw.level);
    expect(cell!.mean!, `${label} ${what} mean`).toBeCloseTo(raw.mean!, 12);
    expect(cell!.percent!, `${label} ${what} percent`).toBeCloseTo((raw.mean! / 5) * 100, 10);
    if (raw.sd === null) expect(cell!.sd, `${label} ${what} sd`).toBeNull();
    else expect(cell!.sd!, `${label} ${what} sd`).toBeCloseTo(raw.sd, 12);
  };
  const byKey = (rows: RawCell[]) => new Map(rows.map((r) => [r.key, r]));
  const answers = 'join response_answer a on a.response_id = r.id join survey_item i on i.id = a.item_id';

  const [counts] = await ownerQuery<{ responses: number; one_tap: number; flagged: number }>(
    db,
    `
    select count(*) filter (where r.flag is null)::int as responses,
           count(*) filter (where r.flag is null and not exists (select 1 from response_answer a where a.response_id = r.id))::int as one_tap,
           count(*) filter (where r.flag is not null)::int as flagged
    ${scope}`,
    params,
  );
  expect(s.counts, label).toEqual({
    responses: counts!.responses,
    oneTapOnly: counts!.one_tap,
    withItems: counts!.responses - counts!.one_tap,
    flagged: counts!.flagged,
  });
  expect(s.counts.responses, `${label}: the data set reaches this filter`).toBeGreaterThan(0);

  same(s.overall, (await grouped('r.overall_rating', "'all'"))[0], 'overall');
  same(s.allItems, (await grouped('a.rating', "'all'", answers))[0], 'allItems');
  const items = byKey(await grouped('a.rating', 'i.code', answers));
  for (const item of s.items) same(item, items.get(item.code), `item ${item.code}`);
  expect(
    s.items
      .filter((i) => i.n! > 0)
      .map((i) => i.code)
      .sort(),
    label,
  ).toEqual([...items.keys()].sort());
  const dimensions = byKey(await grouped('a.rating', 'i.dimension', answers));
  for (const d of s.dimensions) same(d, dimensions.get(d.dimension), `dimension ${d.dimension}`);
  const ranked = s.items.filter((i) => i.rank !== null);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.mean!, label).toBeLessThanOrEqual(ranked[i - 1]!.mean!);

  const distribution = byKey(await grouped('r.overall_rating', 'r.overall_rating'));
  for (const d of s.distribution) {
    const count = distribution.get(String(d.rating))?.n ?? 0;
    expect(d.count, `${label} rating ${d.rating}`).toBe(count);
    expect(d.percent!, `${label} rating ${d.rating} %`).toBeCloseTo((count / counts!.responses) * 100, 10);
  }
  const months = byKey(await grouped('r.overall_rating', "to_char((r.created_at at time zone 'Asia/Bangkok')::date, 'YYYY-MM')"));
  for (const t of s.trend) same(t, months.get(t.month), `month ${t.month}`);
  expect(
    s.trend.filter((t) => t.n! > 0).map((t) => t.month),
    label,
  ).toEqual([...months.keys()]);
  const divisions = byKey(await grouped('r.overall_rating', 'd.slug'));
  for (const d of s.byDivision) same(d, divisions.get(d.slug), `division ${d.slug}`);
  const points = byKey(await grouped('r.overall_rating', 'p.slug'));
  for (const p of s.byServicePoint) same(p, points.get(p.slug), `point ${p.slug}`);
  expect(s.byServicePoint.filter((p) => p.n! > 0).length, label).toBe(points.size);
  const channels = byKey(await grouped('r.overall_rating', 'r.channel'));
  for (const c of s.byChannel) same(c, channels.get(c.channel), `channel ${c.channel}`);

  for (const question of ['gender', 'age_band', 'education', 'occupation'] as const) {
    const raw = byKey(await grouped('r.overall_rating', `coalesce(r.${question}, '')`));
    for (const share of s.respondents[question]) {
      const rawCell = raw.get(share.value ?? '');
      expect(share.n, `${label} ${question}=${share.value}`).toBe(rawCell?.n ?? 0);
      expect(share.percent!, `${label} ${question}=${share.value} %`).toBeCloseTo(((rawCell?.n ?? 0) / counts!.responses) * 100, 10);
      same(share.overall, rawCell, `${question}=${share.value} overall`);
    }
  }
}

onEveryDatabase('public results and access', (db) => {
  const signedIn = (userId: string): Caller => ({ role: 'authenticated', claims: { sub: userId, role: 'authenticated' } });
  const FAKE_BCRYPT = `$2b$10$${'a'.repeat(53)}`;

  it('lets anon read a fixed period with every cell under 5 hidden, and what would give it back (public-results.test.ts attacks it)', async () => {
    // FY2564: the child development centre has 6 responses, the welfare counter 3 (and one flagged).
    const childCentre = [5, 4, 4, 5, 3, 4].map((overall_rating, i) =>
      submission({
        service_point: 'child-development-centre',
        overall_rating,
        created_at: bkk(`2021-0${i < 4 ? 1 : 2}-1${i}T10:00:00`),
        answers: { process_speed: overall_rating, ...(i < 2 ? { staff_polite: 5 } : {}) },
        respondent: { gender: 'female' },
        ...(i === 0 ? { suggestion: { text: 'ขอบคุณครูพี่เลี้ยง 0812345678' } } : {}),
      }),
    );
    const welfare = [2, 3, 3].map((overall_rating, i) =>
      submission({
        service_point: 'welfare-allowance',
        overall_rating,
        created_at: bkk(`2021-01-2${i}T10:00:00`),
        respondent: { gender: 'male' },
      }),
    );
    await batch(db(), [
      ...childCentre,
      ...welfare,
      submission({ service_point: 'welfare-allowance', overall_rating: 1, created_at: bkk('2021-01-25T10:00:00'), flag: 'burst_device' }),
    ]);

    const filter = { fiscalYear: 2564 };
    const staff = await stats(db(), filter);
    const pub = await db().rpc('public_results', { p_filter: filter, p_locale: 'th' }, anon);
    const hidden = { n: null, mean: null, sd: null, percent: null, level: null, suppressed: true };

    expect(pub.suppression).toEqual({ minN: 5, complementary: true });
    expect(pub.counts).toEqual({ responses: 9 }); // no one-tap or flagged count in public
    expect(pub.overall).toEqual(staff.overall); // n 9: shown, the very same numbers
    // Welfare has 3: hidden. Education, the only other division with responses, is hidden with it: 9 − 6 = 3.
    expect(pub.byDivision.find((d) => d.slug === 'social-welfare')).toMatchObject(hidden);
    expect(pub.byDivision.find((d) => d.slug === 'education')).toMatchObject(hidden);
    expect(staff.byDivision.find((d) => d.slug === 'education')).toMatchObject({ n: 6, suppressed: false });
    expect(pub.byDivision.find((d) => d.slug === 'finance')).toMatchObject({ n: 0, mean: null, suppressed: false }); // 0 reveals nobody
    expect(pub.byServicePoint.find((p) => p.slug === 'welfare-allowance')).toMatchObject(hidden);
    // Months: January has 4 + 3 = 7 but February 2, and the round (shown, 9) minus January would be February.
    expect(pub.trend.find((t) => t.month === '2021-02')).toMatchObject(hidden);
    expect(pub.trend.find((t) => t.month === '2021-01')).toMatchObject(hidden);
    expect(staff.trend.find((t) => t.month === '2021-01')).toMatchObject({ n: 7 });
    // staff_polite (2 answers) is hidden, ranked with nothing.
    const item = (code: string) => pub.items.find((i) => i.code === code);
    expect(item('staff_polite')).toMatchObject({ ...hidden, rank: null });

    // Never a figure beside a suppressed cell, never the citizens' words, no split the public does not get.
    const text = JSON.stringify(pub);
    expect(text).not.toContain('0812345678');
    expect(text).not.toContain('ขอบคุณ');
    expect(pub).not.toHaveProperty('respondents');
    expect(pub).not.toHaveProperty('distribution');
    expect(pub).not.toHaveProperty('byChannel');
    const cells: StatCell<true>[] = [
      pub.overall,
      pub.allItems,
      ...pub.dimensions,
      ...pub.items,
      ...pub.trend,
      ...pub.byDivision,
      ...pub.byServicePoint,
    ];
    for (const cell of cells) {
      if (cell.suppressed) expect(cell).toMatchObject(hidden);
      else expect(cell.n === 0 || cell.n! >= 5).toBe(true);
    }
  });

  it('lets anon and signed-in non-staff execute public_results but not satisfaction_stats (42501)', async () => {
    const outsider = signedIn(randomUUID());
    for (const caller of [anon, outsider]) {
      const error = await refusal(stats(db(), { fiscalYear: 2564 }, 'th', caller));
      expect(error.code, caller.role).toBe('42501');
      const pub = await db().rpc('public_results', { p_filter: { fiscalYear: 2564 }, p_locale: 'en' }, caller);
      expect(pub.overall.n).toBe(9);
    }
    // Nor reach the rollups or the computation directly.
    expect((await refusal(db().query('select * from public.stat_rating_month', [], outsider))).code).toBe('42501');
    expect((await refusal(db().query("select app.stat_figures('{}', 'th', false)", [], anon))).code).toBe('42501');
    expect((await refusal(db().query("select app.stat_figures('{}', 'th', false)", [], outsider))).code).toBe('42501');
    expect((await refusal(db().query('select app.stat_rebuild()', [], outsider))).code).toBe('42501');
  });

  it('lets active staff of any role read the figures, and not once deactivated', async () => {
    const { userId } = await db().rpc(
      'staff_upsert',
      {
        p_email: `exec-${randomUUID()}@example.org`,
        p_role: 'executive',
        p_display_name: 'นายก',
        p_password_hash: FAKE_BCRYPT,
      },
      serviceRole,
    );
    const s = await stats(db(), { fiscalYear: 2564 }, 'th', signedIn(userId));
    expect(s.overall.n).toBe(9);
    expect(s.counts.flagged).toBe(1);
    await ownerQuery(db(), 'update staff set active = false where user_id = $1', [userId]);
    expect((await refusal(stats(db(), { fiscalYear: 2564 }, 'th', signedIn(userId)))).code).toBe('42501');
  });
});
