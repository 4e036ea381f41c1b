/**
 * The one place dates and numbers are formatted for people. Thai uses the Buddhist Era (พ.ศ.) and, when the
 * municipality chooses, Thai digits (๐–๙); English and Burmese readers get the Gregorian calendar.
 */

export interface DisplaySettings {
  /** Thai digits in Thai text (a municipality's choice; Arabic digits are acceptable in tables). */
  thaiDigits?: boolean;
}

function tag(locale: string, settings: DisplaySettings): string {
  if (locale === 'th') return settings.thaiDigits ? 'th-TH-u-ca-buddhist-nu-thai' : 'th-TH-u-ca-buddhist';
  if (locale === 'my') return 'my-MM-u-nu-latn';
  return 'en-GB';
}

/** 31 มกราคม 2563 (th) · 31 January 2020 (en). */
export function formatDate(value: Date | string, locale: string, settings: DisplaySettings = {}): string {
  return new Intl.DateTimeFormat(tag(locale, settings), { dateStyle: 'long', timeZone: 'Asia/Bangkok' }).format(new Date(value));
}

/** 31 ม.ค. 2563 เวลา 14:05 น. style: date and time in Bangkok. */
export function formatDateTime(value: Date | string, locale: string, settings: DisplaySettings = {}): string {
  return new Intl.DateTimeFormat(tag(locale, settings), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Bangkok',
  }).format(new Date(value));
}

/** Short month and year, as in Thai reports: ต.ค. 65 (th, B.E.) · Oct 2022 (en). */
export function formatMonth(value: Date | string, locale: string, settings: DisplaySettings = {}): string {
  return new Intl.DateTimeFormat(tag(locale, settings), {
    month: 'short',
    year: locale === 'th' ? '2-digit' : 'numeric',
    timeZone: 'Asia/Bangkok',
  }).format(new Date(value));
}

export function formatNumber(
  value: number,
  locale: string,
  settings: DisplaySettings = {},
  options: Intl.NumberFormatOptions = {},
): string {
  return new Intl.NumberFormat(tag(locale, settings), options).format(value);
}

/** Fixed decimals, as statistics are reported: 4.58, 91.60. */
export function formatDecimal(value: number, decimals: number, locale: string, settings: DisplaySettings = {}): string {
  return formatNumber(value, locale, settings, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Arabic digits → Thai digits in any text (for text built outside Intl, such as a reference). */
export function toThaiDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => THAI_DIGITS[Number(d)]!);
}
