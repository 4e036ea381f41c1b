import type { ReportOutline, SectionId } from '@/lib/report/outline';
import type { ReportFormat } from '@/lib/report/report-format';
import type { ReportTexts } from './report-texts';
import { tableCaption } from './table-captions';

export const SECTION_HEADING: Record<SectionId, string> = {
  method: 'methodHeading',
  part1: 'part1',
  part2: 'part2',
  part3: 'part3',
  part4: 'part4',
  part5: 'part5',
};

/**
 * สารบัญ and สารบัญตาราง: every part and every numbered table, linked to where it is. (Printed page numbers cannot be
 * given here: Chromium's print has no target-counter(); each page carries its own number at the top.)
 */
export function ReportContents({ outline, t, f }: { outline: ReportOutline; t: ReportTexts; f: ReportFormat }) {
  return (
    <nav className="report-contents" aria-labelledby="report-contents">
      <h2 id="report-contents">{t.r('contents')}</h2>
      <ol className="report-toc">
        {outline.sections.map((id) => (
          <li key={id}>
            <a href={`#${id}`}>{t.r(SECTION_HEADING[id])}</a>
          </li>
        ))}
      </ol>
      <h2>{t.r('contentsTables')}</h2>
      <ol className="report-toc">
        {outline.tables.map((table) => (
          <li key={table.key}>
            <a href={`#table-${table.key}`}>{tableCaption(table, t, f)}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
