/** Shorten text to at most `max` user-perceived characters (graphemes), so Thai marks and emoji are never split. */
export function truncate(text: string, max: number): string {
  const graphemes = Array.from(new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  return graphemes.length <= max ? text : `${graphemes.slice(0, max).join('')}…`;
}
