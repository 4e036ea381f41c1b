import { DIMENSIONS, RESPONDENT_QUESTION_KEYS, type Dimension, type RespondentQuestion } from '@/lib/responses/options';
import type { ReportData } from './load-report';

/**
 * The report's parts and its numbered tables, decided once from the data, so that the table of contents and the
 * tables themselves agree: ตารางที่ 1, 2, 3 … in the order they are printed, with no number skipped for a table that
 * has nothing to show (a dimension nobody rated, suggestions in a period without any).
 */

export type SectionId = 'method' | 'part1' | 'part2' | 'part3' | 'part4' | 'part5';

export type TableSubject =
  | { kind: 'bands' }
  | { kind: 'respondents'; question: RespondentQuestion }
  | { kind: 'dimensions' }
  | { kind: 'items'; dimension: Dimension }
  | { kind: 'points' }
  | { kind: 'suggestions' };

export interface NumberedTable {
  key: string;
  number: number;
  section: SectionId;
  subject: TableSubject;
}

export interface ReportOutline {
  sections: SectionId[];
  tables: NumberedTable[];
  /** The number of a table by its key ('bands', 'respondents-gender', 'dimensions', 'items-process', 'points', 'suggestions'). */
  number: (key: string) => number;
}

export const SECTIONS: SectionId[] = ['method', 'part1', 'part2', 'part3', 'part4', 'part5'];

export function tableKey(subject: TableSubject): string {
  switch (subject.kind) {
    case 'respondents':
      return `respondents-${subject.question}`;
    case 'items':
      return `items-${subject.dimension}`;
    default:
      return subject.kind;
  }
}

export function reportOutline(data: Pick<ReportData, 'stats' | 'suggestions'>): ReportOutline {
  const { stats, suggestions } = data;
  const planned: [SectionId, TableSubject][] = [['method', { kind: 'bands' }]];
  for (const question of RESPONDENT_QUESTION_KEYS) planned.push(['part1', { kind: 'respondents', question }]);
  if (stats.overall.level) {
    planned.push(['part2', { kind: 'dimensions' }]);
    for (const dimension of DIMENSIONS) {
      if (stats.items.some((i) => i.dimension === dimension && i.mean !== null)) planned.push(['part2', { kind: 'items', dimension }]);
    }
    if (stats.byServicePoint.some((p) => p.n)) planned.push(['part2', { kind: 'points' }]);
  }
  if (suggestions.total > 0) planned.push(['part3', { kind: 'suggestions' }]);

  const tables = planned.map(([section, subject], index) => ({ key: tableKey(subject), number: index + 1, section, subject }));
  const byKey = new Map(tables.map((t) => [t.key, t.number]));
  return {
    sections: SECTIONS,
    tables,
    number: (key) => {
      const found = byKey.get(key);
      if (found === undefined) throw new Error(`the report has no table ${key}`);
      return found;
    },
  };
}
