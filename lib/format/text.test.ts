import { describe, expect, it } from 'vitest';
import { truncate } from './text';

describe('truncate', () => {
  it('never splits a Thai syllable mark or an emoji', () => {
    expect(truncate('น้ำใส', 1)).toBe('น้ำ…'); // น + ไม้โท + สระอำ are one character to a reader
    expect(truncate('ดี👍🏽มาก', 2)).toBe('ดี👍🏽…'); // the skin tone stays with its thumb
    expect(truncate('สั้น', 10)).toBe('สั้น');
  });
});
