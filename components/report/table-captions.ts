import type { NumberedTable, ReportOutline } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';

/** The caption of a numbered table, "ตารางที่ 7 ความพึงพอใจด้านกระบวนการ… รายข้อ", as the table and the contents print it. */
export function tableCaption(table: NumberedTable, t: ReportTexts, f: ReportFormat): string {
  const number = f.int(table.number);
  const { subject } = table;
  switch (subject.kind) {
    case 'bands':
      return t.r('bandsCaption', { number });
    case 'respondents':
      return t.r('respondentTable', { number, question: t.m(`respondent.${subject.question}.label`) });
    case 'dimensions':
      return t.r('part2Table', { number });
    case 'items':
      return t.r('part2DimensionTable', { number, dimension: t.m(`dimensions.${subject.dimension}`) });
    case 'points':
      return t.r('part2PointTable', { number });
    case 'suggestions':
      return t.r('part3Table', { number });
  }
}

export function captionOf(outline: ReportOutline, key: string, t: ReportTexts, f: ReportFormat): string {
  return tableCaption(
    outline.tables.find((table) => table.key === key)!,
    t,
    f,
  );
}
