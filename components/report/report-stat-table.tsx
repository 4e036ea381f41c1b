import type { ReportFormat } from '@/lib/report/report-format';
import type { StatCell } from '@/lib/stats/types';
import type { ReportTexts } from './report-texts';

export interface StatRow {
  key: string;
  /** ลำดับที่ (1 = highest mean); null for a row outside the ranking (overall, all items). */
  rank: number | null;
  label: React.ReactNode;
  cell: StatCell;
  total?: boolean;
}

/**
 * A numbered table of the report in the official layout: ลำดับที่, the row, n (its header says what is counted:
 * people or answers), X̄, S.D., ร้อยละ and ระดับ. It never splits across pages when it fits on one.
 */
export function ReportStatTable({
  id,
  caption,
  labelHeader,
  countHeader,
  rows,
  note,
  t,
  f,
}: {
  id: string;
  caption: string;
  labelHeader: string;
  countHeader: string;
  rows: StatRow[];
  note?: string;
  t: ReportTexts;
  f: ReportFormat;
}) {
  return (
    <figure className="report-table" id={id}>
      <table className="data">
        <caption className="report-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num rank">
              {t.r('rank')}
            </th>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="num">
              {countHeader}
            </th>
            <th scope="col" className="num">
              {t.s('mean')}
            </th>
            <th scope="col" className="num">
              {t.s('sd')}
            </th>
            <th scope="col" className="num">
              {t.s('percent')}
            </th>
            <th scope="col">{t.s('level')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, rank, label, cell, total }) => (
            <tr key={key} className={total ? 'report-total' : undefined}>
              <td className="num rank">{rank === null ? '' : f.int(rank)}</td>
              <th scope="row">{label}</th>
              <td className="num">{f.count(cell.n)}</td>
              <td className="num">{f.stat(cell.mean)}</td>
              <td className="num">{f.stat(cell.sd)}</td>
              <td className="num">{f.stat(cell.percent)}</td>
              <td>{cell.level ? t.s(`levels.${cell.level}`) : t.s('noData')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <figcaption className="report-note">{note}</figcaption>}
    </figure>
  );
}
