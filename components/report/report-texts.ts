import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { Say } from '@/lib/report/narrative';
import type { ReportFormat } from '@/lib/report/report-format';

type Translate = (key: string, values?: Record<string, string>) => string;

export interface ReportTexts {
  /** staff.report */
  r: Say;
  /** stats */
  s: Translate;
  /** more (respondent questions, dimensions, suggestion categories) */
  m: Translate;
  /** staff.actions.statuses */
  status: Translate;
}

/**
 * The report's messages, each passed through the report's digits: with Thai digits on, "ส่วนที่ 1", "ร้อยละ 70",
 * "5 ระดับ" and "20–29 ปี" print as "ส่วนที่ ๑", "ร้อยละ ๗๐", "๕ ระดับ" and "๒๐–๒๙ ปี", like every figure.
 */
export async function reportTexts(locale: Locale, f: ReportFormat): Promise<ReportTexts> {
  const [r, s, m, status] = await Promise.all([
    getTranslations({ locale, namespace: 'staff.report' }),
    getTranslations({ locale, namespace: 'stats' }),
    getTranslations({ locale, namespace: 'more' }),
    getTranslations({ locale, namespace: 'staff.actions.statuses' }),
  ]);
  // Keys built from data (a dimension, a channel) cannot be typed; lib/report/messages.test.ts keeps th and en complete.
  const wrap =
    (t: unknown): Translate =>
    (key, values) =>
      f.text((t as Translate)(key, values));
  return { r: wrap(r), s: wrap(s), m: wrap(m), status: wrap(status) };
}
