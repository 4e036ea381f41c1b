/**
 * Filter fields named in words, joined as the reader's language joins a list ("ปีงบประมาณ และถึงวันที่",
 * "fiscal year and to date"): an error never shows parameter names such as "from, to".
 */
export function fieldList(fields: string[], locale: string, label: (field: string) => string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(fields.map(label));
}
