/** A text the municipality enters per language (service point and division names): Thai always, the others optional. */
export type LocalizedText = { th: string; en?: string; my?: string };

/** The text in the reader's language when it was entered, else in Thai. */
export function textIn(text: LocalizedText, locale: string): string {
  return (locale === 'en' || locale === 'my' ? text[locale] : undefined) || text.th;
}
