import { describe, expect, it } from 'vitest';
import { themes } from './themes';

describe('themes in suggestions', () => {
  it('finds Thai words and phrases without spaces, dropping function words', () => {
    const found = themes(['ห้องน้ำไม่สะอาด ไม่มีสบู่', 'ห้องน้ำไม่สะอาดมากครับ', 'ที่จอดรถไม่พอ', 'อยากให้มีที่จอดรถเพิ่ม', 'รอคิวนานมาก']);
    const terms = found.map((t) => t.term);
    expect(terms).toContain('ห้องน้ำ');
    expect(terms).toContain('ไม่สะอาด');
    expect(found.find((t) => t.term === 'ห้องน้ำ')?.count).toBe(2);
    for (const stop of ['ที่', 'มาก', 'ครับ', 'อยาก', 'ให้']) expect(terms).not.toContain(stop);
  });

  it('counts a word once per suggestion, and handles English', () => {
    const found = themes(['parking parking parking', 'No parking at all', 'Queue too long']);
    expect(found.find((t) => t.term === 'parking')?.count).toBe(2);
    expect(found.map((t) => t.term)).not.toContain('at');
  });

  it('takes no fragments of Burmese words, however often a Burmese suggestion recurs', () => {
    const burmese = 'မြန်မာဘာသာဖြင့် ရှင်းပြနိုင်သော ဝန်ထမ်း လိုအပ်ပါတယ်';
    const found = themes([burmese, burmese, burmese, 'ห้องน้ำไม่สะอาด', 'ห้องน้ำสกปรก']);
    expect(found.filter((t) => /\p{Script=Myanmar}/u.test(t.term))).toEqual([]);
    expect(found.map((t) => t.term)).toContain('ห้องน้ำ');
  });

  it('returns nothing for no suggestions', () => {
    expect(themes([])).toEqual([]);
  });
});
