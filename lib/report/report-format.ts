import { formatDate, toThaiDigits, type DisplaySettings } from '@/lib/format/thai-format';
import { countText, statText } from '@/lib/stats/display';

/**
 * How the report writes every number. With the municipality's Thai-digit setting on (Thai version only), a number in
 * the report is in Thai digits wherever it comes from: figures and dates (Intl with -nu-thai), and the digits written
 * inside sentences, headings and labels ("ส่วนที่ 1", "ร้อยละ 70", "5 ระดับ", "20–29 ปี", item texts from the survey),
 * which `text` converts. Off, or in English, everything stays as written.
 */
export interface ReportFormat {
  settings: DisplaySettings;
  thaiDigits: boolean;
  /** A text written elsewhere (a message, an item, a name): its digits as the setting asks. */
  text: (value: string) => string;
  /** A count: 1,234 · ๑,๒๓๔. */
  count: (value: number | null) => string;
  /** A statistic with two decimals, rounded as SQL rounds it: 4.58 · ๔.๕๘. */
  stat: (value: number | null) => string;
  /** A Bangkok day ('YYYY-MM-DD') or a moment, in the official long style: 31 มกราคม 2569. */
  date: (value: string | Date) => string;
  /** Any integer in prose (a table number, a fiscal year, a number of days). */
  int: (value: number) => string;
}

export function reportFormat(locale: string, thaiDigitsSetting: boolean): ReportFormat {
  const thaiDigits = thaiDigitsSetting && locale === 'th';
  const settings: DisplaySettings = { thaiDigits };
  const text = thaiDigits ? toThaiDigits : (value: string) => value;
  return {
    settings,
    thaiDigits,
    text,
    count: (value) => countText(value, locale, settings),
    stat: (value) => statText(value, locale, settings),
    date: (value) =>
      formatDate(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00+07:00` : value, locale, settings),
    // A year or a table number has no thousands separator (พ.ศ. 2569, not 2,569).
    int: (value) => text(String(value)),
  };
}
