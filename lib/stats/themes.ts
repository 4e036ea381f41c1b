/**
 * Themes: the most frequent words and two-word phrases in recent suggestions. Thai has no spaces between words, so
 * text is segmented with Intl.Segmenter (ICU's dictionary), then function words are dropped. Phrases count before
 * single words when they recur, because "ห้องน้ำไม่สะอาด" says more than "ห้องน้ำ".
 */

/** Never part of a theme: particles, pronouns, conjunctions, politeness. */
const FUNCTION_WORDS = new Set([
  'ที่',
  'และ',
  'ใน',
  'ของ',
  'ให้',
  'ได้',
  'เป็น',
  'การ',
  'จะ',
  'ก็',
  'ว่า',
  'กับ',
  'แล้ว',
  'ไป',
  'มา',
  'อยู่',
  'นี้',
  'นั้น',
  'ครับ',
  'ค่ะ',
  'คะ',
  'นะ',
  'จ้ะ',
  'จ้า',
  'ด้วย',
  'ขอ',
  'อยาก',
  'ควร',
  'เพราะ',
  'แต่',
  'หรือ',
  'ถ้า',
  'ความ',
  'ท่าน',
  'เรา',
  'ผม',
  'ฉัน',
  'ดิฉัน',
  'กรุณา',
  'ช่วย',
  'เลย',
  'ยัง',
  'อีก',
  'ขอบคุณ',
  'โดย',
  'เพื่อ',
  'จาก',
  'ซึ่ง',
  'ทุก',
  'บาง',
  'หลาย',
  'เมื่อ',
  'กว่า',
  'ต้อง',
  'ค่อย',
  'นิด',
  'หน่อย',
  'ๆ',
  'ที่สุด',
  'ครั้ง',
  'ทำให้',
  'ตาม',
  'แบบ',
  'อะไร',
  'the',
  'a',
  'an',
  'and',
  'or',
  'to',
  'of',
  'in',
  'is',
  'are',
  'was',
  'be',
  'for',
  'on',
  'at',
  'it',
  'this',
  'that',
  'please',
  'with',
  'we',
  'i',
  'you',
  'my',
  'our',
  'your',
  'they',
  'there',
  'thank',
  'thanks',
]);
/** Too general to be a theme alone, but telling at the start of a phrase: "ไม่สะอาด", "ไม่มีสบู่". */
const GENERIC_WORDS = new Set([
  'ไม่',
  'ไม่มี',
  'ยังไม่',
  'มี',
  'มาก',
  'ดี',
  'ใช้',
  'ทาง',
  'บริการ',
  'เรื่อง',
  'ผ่าน',
  'เพิ่ม',
  'ได้รับ',
  'ทำ',
  'คน',
  'พอ',
  'มากๆ',
  'very',
  'not',
  'no',
  'too',
]);
const isContent = (word: string) => !FUNCTION_WORDS.has(word) && !GENERIC_WORDS.has(word) && [...word].length >= 2;

export interface Theme {
  term: string;
  count: number;
}

/**
 * Burmese is left out: ICU splits it into particles and syllables (တယ်, မှာ, ပါ) that read as fragments, and there is no
 * list of its function words reviewed by a native speaker yet. Burmese suggestions stay in the inbox, word for word.
 */
const MYANMAR = /\p{Script=Myanmar}/u;

function words(text: string): string[] {
  const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  const out: string[] = [];
  let previousWasWord = false;
  for (const { segment, isWordLike } of segmenter.segment(text.toLowerCase())) {
    if (isWordLike && !/^[\d๐-๙.,]+$/.test(segment) && !MYANMAR.test(segment)) {
      out.push(segment);
      previousWasWord = true;
    } else {
      if (previousWasWord) out.push(''); // a gap: phrases never span punctuation or spaces
      previousWasWord = false;
    }
  }
  return out;
}

export function themes(texts: string[], limit = 12): Theme[] {
  const singles = new Map<string, Set<number>>();
  const phrases = new Map<string, Set<number>>();
  const note = (map: Map<string, Set<number>>, term: string, doc: number) => {
    if (!map.has(term)) map.set(term, new Set());
    map.get(term)!.add(doc);
  };
  texts.forEach((text, doc) => {
    const list = words(text);
    list.forEach((word, i) => {
      if (word && isContent(word)) note(singles, word, doc);
      const next = list[i + 1];
      // A phrase ends on a content word and starts with anything but a function word: "ไม่สะอาด", "จอดรถ".
      if (word && next && !FUNCTION_WORDS.has(word) && isContent(next)) {
        const joiner = /[a-z]$/.test(word) && /^[a-z]/.test(next) ? ' ' : '';
        note(phrases, `${word}${joiner}${next}`, doc);
      }
    });
  });
  // Count each term once per suggestion: one long complaint does not make a theme. A word that mostly occurs inside
  // one recurring phrase is shown as that phrase ("ไฟทาง", not "ทาง"): the phrase says what the word alone does not.
  const recurringPhrases = [...phrases].filter(([, docs]) => docs.size >= 2).map(([term, docs]) => ({ term, count: docs.size }));
  const ranked = [...singles]
    .map(([term, docs]) => {
      const best = recurringPhrases.filter((p) => p.term.includes(term)).sort((a, b) => b.count - a.count)[0];
      return best && best.count >= 0.6 * docs.size ? best : { term, count: docs.size };
    })
    .concat(recurringPhrases)
    .sort((a, b) => b.count - a.count || b.term.length - a.term.length || a.term.localeCompare(b.term, 'th'));
  const chosen: Theme[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= limit) break;
    // Nothing twice, and nothing already said by a chosen, longer theme of at least the same weight.
    if (chosen.some((c) => c.term.includes(candidate.term) && c.count >= candidate.count)) continue;
    chosen.push(candidate);
  }
  return chosen;
}
