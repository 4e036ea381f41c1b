/** Helpers to read localised fields (nameTh, nameEn, nameMy) from a posted admin form. */

export function localizedFrom(values: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [locale, suffix] of [
    ['th', 'Th'],
    ['en', 'En'],
    ['my', 'My'],
  ] as const) {
    const value = values[`${prefix}${suffix}`]?.trim();
    if (value) out[locale] = value;
  }
  return out;
}

/** One Thai service per line → [{ th }], blank lines dropped. */
export function servicesFrom(text: string | undefined): { th: string }[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((th) => ({ th }));
}

/** The report's signature block on the organisation form: preparerNameTh, preparerNameEn, … approverPositionEn. */
export const SIGNATORY_FIELDS = (['preparer', 'approver'] as const).flatMap((role) =>
  (['Name', 'Position'] as const).flatMap((part) => (['Th', 'En'] as const).map((lang) => `${role}${part}${lang}` as const)),
);
export type SignatoryField = (typeof SIGNATORY_FIELDS)[number];
/** As organisation.report_signatories allows (app.expect_signatories). */
export const SIGNATORY_MAX = 200;
