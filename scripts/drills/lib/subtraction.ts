import type { PublicResults, PublicResultsFilter, StatCell } from '../../../lib/stats/types';

/**
 * The subtraction attack on the public results, as an outsider with the public anon key would run it: ask
 * public_results for every period and every scope the public may ask for in one fiscal year, gather every cell, and
 * try to work out any hidden cell from the cells shown:
 *   - along each "total = its parts" line (the total minus the parts shown, the year minus its round, a round minus
 *     its months, a dimension minus its items): a line with exactly one hidden member gives it back, and hidden parts
 *     of a shown total that together hold fewer than 5 responses give back a small group;
 *   - by linear algebra over every cell at once: a hidden cell is derivable when its set of responses is a signed
 *     sum of the sets of cells shown (over month × service point × question, the finest the public grid has).
 * Used by supabase/tests/public-results.test.ts and by `npm run drill:subtraction`.
 */

export type AskPublic = (filter: PublicResultsFilter) => Promise<PublicResults>;

/** A cell: 'period|unit|measure', period fy/h1/YYYY-MM, unit all/d:slug/p:slug, measure overall/items/dim:x/item:code. */
export interface SeenCell {
  key: string;
  period: string;
  unit: string;
  measure: string;
  n: number | null;
  sum: number | null;
  hidden: boolean;
}

export interface Harvest {
  fiscalYear: number;
  months: string[];
  cells: Map<string, SeenCell>;
  pointsOf: Map<string, string[]>; // division slug → point slugs
  itemsOf: Map<string, string[]>; // dimension → item codes
  inconsistent: string[]; // the same cell with different figures in two answers
  calls: number;
}

/** The twelve months of fiscal year `fy` (B.E.), October first, as 'YYYY-MM'. */
export function monthsOf(fy: number): string[] {
  const start = fy - 544;
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    return `${month >= 10 ? start : start + 1}-${String(month).padStart(2, '0')}`;
  });
}

export async function harvest(ask: AskPublic, fiscalYear: number): Promise<Harvest> {
  const months = monthsOf(fiscalYear);
  const cells = new Map<string, SeenCell>();
  const inconsistent: string[] = [];
  const pointsOf = new Map<string, string[]>();
  const itemsOf = new Map<string, string[]>();
  let calls = 0;

  const see = (period: string, unit: string, measure: string, cell: StatCell<true>) => {
    const key = `${period}|${unit}|${measure}`;
    const seen: SeenCell = {
      key,
      period,
      unit,
      measure,
      n: cell.n,
      sum: cell.mean === null || cell.n === null ? (cell.n === 0 ? 0 : null) : cell.mean * cell.n,
      hidden: cell.suppressed,
    };
    const before = cells.get(key);
    if (before && (before.n !== seen.n || before.hidden !== seen.hidden || Math.abs((before.sum ?? 0) - (seen.sum ?? 0)) > 1e-6))
      inconsistent.push(key);
    cells.set(key, seen);
  };

  const first = await ask({ fiscalYear });
  calls += 1;
  for (const p of first.byServicePoint) pointsOf.set(p.division, [...(pointsOf.get(p.division) ?? []), p.slug]);
  for (const d of first.byDivision) if (!pointsOf.has(d.slug)) pointsOf.set(d.slug, []);
  for (const i of first.items) itemsOf.set(i.dimension, [...(itemsOf.get(i.dimension) ?? []), i.code]);

  const periods: { key: string; filter: PublicResultsFilter }[] = [
    { key: 'fy', filter: { fiscalYear } },
    { key: 'h1', filter: { fiscalYear, round: 'h1' } },
    ...months.map((month) => ({ key: month, filter: { month } })),
  ];
  const scopes: { unit: string; filter: { division?: string; servicePoint?: string } }[] = [
    { unit: 'all', filter: {} },
    ...[...pointsOf.keys()].map((division) => ({ unit: `d:${division}`, filter: { division } })),
    ...[...pointsOf.values()].flat().map((servicePoint) => ({ unit: `p:${servicePoint}`, filter: { servicePoint } })),
  ];
  for (const period of periods) {
    for (const scope of scopes) {
      const r = await ask({ ...period.filter, ...scope.filter } as PublicResultsFilter);
      calls += 1;
      see(period.key, scope.unit, 'overall', r.overall);
      see(period.key, scope.unit, 'items', r.allItems);
      for (const d of r.dimensions) see(period.key, scope.unit, `dim:${d.dimension}`, d);
      for (const i of r.items) see(period.key, scope.unit, `item:${i.code}`, i);
      for (const m of r.trend) see(m.month, scope.unit, 'overall', m);
      for (const d of r.byDivision) see(period.key, `d:${d.slug}`, 'overall', d);
      for (const p of r.byServicePoint) see(period.key, `p:${p.slug}`, 'overall', p);
    }
  }
  return { fiscalYear, months, cells, pointsOf, itemsOf, inconsistent, calls };
}

/** What one line's subtraction gives: the hidden cell (or small group) worked out, with its n and mean. */
export interface Leak {
  line: string;
  derived: string[];
  n: number;
  mean: number | null;
}

/**
 * Every "total = parts" line among the cells seen. Shared-response lines (questions) leak a small group when the
 * hidden parts hold fewer than 5 answers to any one item; this attacker only counts n, so it checks the disjoint
 * lines for small groups, and every line for a single hidden member.
 */
export function lines(h: Harvest): { line: string; total: string; parts: string[] }[] {
  const out: { line: string; total: string; parts: string[] }[] = [];
  const periods = ['fy', 'h1', ...h.months];
  const units = ['all', ...[...h.pointsOf.keys()].map((d) => `d:${d}`), ...[...h.pointsOf.values()].flat().map((p) => `p:${p}`)];
  const measures = [
    'overall',
    'items',
    ...[...h.itemsOf.keys()].map((d) => `dim:${d}`),
    ...[...h.itemsOf.values()].flat().map((c) => `item:${c}`),
  ];
  const h1Months = h.months.slice(0, 6);
  for (const unit of units) {
    for (const measure of measures) {
      out.push({
        line: `year − round (${unit}, ${measure})`,
        total: `fy|${unit}|${measure}`,
        parts: [`h1|${unit}|${measure}`, `h2|${unit}|${measure}`],
      });
      out.push({
        line: `round − months (${unit}, ${measure})`,
        total: `h1|${unit}|${measure}`,
        parts: h1Months.map((m) => `${m}|${unit}|${measure}`),
      });
      out.push({
        line: `year − months (${unit}, ${measure})`,
        total: `fy|${unit}|${measure}`,
        parts: h.months.map((m) => `${m}|${unit}|${measure}`),
      });
      out.push({
        line: `(year − round) − months (${unit}, ${measure})`,
        total: `h2|${unit}|${measure}`,
        parts: h.months.slice(6).map((m) => `${m}|${unit}|${measure}`),
      });
    }
  }
  for (const period of periods) {
    for (const measure of measures) {
      out.push({
        line: `total − divisions (${period}, ${measure})`,
        total: `${period}|all|${measure}`,
        parts: [...h.pointsOf.keys()].map((d) => `${period}|d:${d}|${measure}`),
      });
      for (const [division, points] of h.pointsOf) {
        out.push({
          line: `division − points (${period}, ${division}, ${measure})`,
          total: `${period}|d:${division}|${measure}`,
          parts: points.map((p) => `${period}|p:${p}|${measure}`),
        });
      }
    }
    for (const unit of units) {
      for (const [dimension, codes] of h.itemsOf) {
        out.push({
          line: `dimension − items (${period}, ${unit}, ${dimension})`,
          total: `${period}|${unit}|dim:${dimension}`,
          parts: codes.map((c) => `${period}|${unit}|item:${c}`),
        });
      }
    }
  }
  return out;
}

/**
 * The subtraction along each line, as by hand: a shown total minus its shown parts. h2 (Apr–Sep) is never asked for
 * but is exactly what the year minus its round gives, so the year − round line counts it as one unknown part.
 */
export function subtractAlongLines(h: Harvest): Leak[] {
  const leaks: Leak[] = [];
  // Apr–Sep is never published, but the year minus its round is it: a small one is a leak, a large one a total.
  const derived = new Map<string, SeenCell>();
  for (const fy of h.cells.values()) {
    if (fy.period !== 'fy') continue;
    const h1 = h.cells.get(`h1|${fy.unit}|${fy.measure}`);
    if (fy.hidden || !h1 || h1.hidden) continue;
    const h2: SeenCell = { ...fy, key: `h2|${fy.unit}|${fy.measure}`, period: 'h2', n: fy.n! - h1.n!, sum: (fy.sum ?? 0) - (h1.sum ?? 0) };
    derived.set(h2.key, h2);
    if (h2.n! > 0 && h2.n! < 5)
      leaks.push({ line: `year − round (${fy.unit}, ${fy.measure})`, derived: [h2.key], n: h2.n!, mean: h2.sum! / h2.n! });
  }
  for (const { line, total, parts } of lines(h)) {
    if (line.startsWith('year − round')) continue; // counted above
    const t = h.cells.get(total) ?? derived.get(total);
    if (!t || t.hidden || t.n === null) continue;
    const seen = parts.map((key) => ({ key, cell: h.cells.get(key) }));
    const unknown = seen.filter((p) => !p.cell || p.cell.hidden);
    const shown = seen.filter((p) => p.cell && !p.cell.hidden);
    const n = t.n - shown.reduce((a, p) => a + (p.cell!.n ?? 0), 0);
    const sum = (t.sum ?? 0) - shown.reduce((a, p) => a + (p.cell!.sum ?? 0), 0);
    if (unknown.length === 0 || n === 0) continue;
    // Parts of a question line share responses: only a single unknown part is a leak there; elsewhere any group < 5.
    const sharedLine = line.startsWith('dimension');
    if (unknown.length === 1 || (!sharedLine && n < 5)) {
      leaks.push({ line, derived: unknown.map((p) => p.key), n, mean: sum / n });
    }
  }
  return leaks;
}

/** The response sets (atoms month|point|leaf) a cell covers. */
function atomsOf(h: Harvest, cell: { period: string; unit: string; measure: string }): string[] {
  const months =
    cell.period === 'fy'
      ? h.months
      : cell.period === 'h1'
        ? h.months.slice(0, 6)
        : cell.period === 'h2'
          ? h.months.slice(6)
          : [cell.period];
  const points =
    cell.unit === 'all'
      ? [...h.pointsOf.values()].flat()
      : cell.unit.startsWith('d:')
        ? (h.pointsOf.get(cell.unit.slice(2)) ?? [])
        : [cell.unit.slice(2)];
  const leaves =
    cell.measure === 'overall'
      ? ['overall']
      : cell.measure === 'items'
        ? [...h.itemsOf.values()].flat()
        : cell.measure.startsWith('dim:')
          ? (h.itemsOf.get(cell.measure.slice(4)) ?? [])
          : [cell.measure.slice(5)];
  const out: string[] = [];
  for (const m of months) for (const p of points) for (const l of leaves) out.push(`${m}|${p}|${l}`);
  return out;
}

/**
 * The hidden cells that linear algebra gives back exactly from all the cells shown: those whose atoms are a signed sum
 * of shown cells' atoms (Gaussian elimination over the atoms not already known to be empty).
 */
export function derivableByAlgebra(h: Harvest): string[] {
  const known0 = new Set<string>();
  for (const c of h.cells.values()) if (!c.hidden && c.n === 0) for (const a of atomsOf(h, c)) known0.add(a);
  const column = new Map<string, number>();
  const vector = (c: SeenCell) => {
    const v = new Map<number, number>();
    for (const a of atomsOf(h, c)) {
      if (known0.has(a)) continue;
      if (!column.has(a)) column.set(a, column.size);
      v.set(column.get(a)!, 1);
    }
    return v;
  };
  const shown = [...h.cells.values()].filter((c) => !c.hidden && (c.n ?? 0) > 0).map(vector);
  const hidden = [...h.cells.values()].filter((c) => c.hidden).map((c) => ({ key: c.key, v: vector(c) }));
  const width = column.size;
  const basis = new Map<number, Float64Array>(); // pivot column → row, zero before its pivot, 1 at it
  const reduce = (row: Float64Array) => {
    for (let j = 0; j < width; j += 1) {
      const x = row[j]!;
      if (Math.abs(x) < 1e-9) {
        row[j] = 0;
        continue;
      }
      const b = basis.get(j);
      if (b) for (let k = j; k < width; k += 1) row[k]! -= x * b[k]!;
    }
    return row;
  };
  const dense = (v: Map<number, number>) => {
    const row = new Float64Array(width);
    for (const [j, x] of v) row[j] = x;
    return row;
  };
  for (const v of shown) {
    const row = reduce(dense(v));
    const pivot = row.findIndex((x) => Math.abs(x) > 1e-9);
    if (pivot < 0) continue;
    const p = row[pivot]!;
    for (let k = pivot; k < width; k += 1) row[k]! /= p;
    basis.set(pivot, row);
  }
  return hidden.filter(({ v }) => v.size > 0 && reduce(dense(v)).every((x) => Math.abs(x) < 1e-9)).map(({ key }) => key);
}
