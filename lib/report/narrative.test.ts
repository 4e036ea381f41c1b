import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import th from '@/messages/th.json';
import { rankingSentence, type Say } from './narrative';

const sayIn = (locale: 'th' | 'en'): Say => {
  const t = createTranslator({ locale, messages: locale === 'th' ? th : en, namespace: 'staff.report' });
  return (key, values) => t(key, values);
};
const two = (m: number) => m.toFixed(2);

describe('the ranking sentence of the report', () => {
  const dimensions = [
    { name: 'ด้านสิ่งอำนวยความสะดวก', mean: 3.9 },
    { name: 'ด้านเจ้าหน้าที่ผู้ให้บริการ', mean: 4.58 },
    { name: 'ด้านกระบวนการ', mean: 4.21 },
  ];

  it('reads highest, next and lowest in Thai official style', () => {
    expect(rankingSentence(sayIn('th'), dimensions, two, 'th')).toBe(
      'ด้านเจ้าหน้าที่ผู้ให้บริการมีค่าเฉลี่ยสูงที่สุด (X̄ = 4.58) รองลงมาคือด้านกระบวนการ (X̄ = 4.21) และด้านสิ่งอำนวยความสะดวกมีค่าเฉลี่ยต่ำที่สุด (X̄ = 3.90)',
    );
  });

  it('reads naturally in English, and copes with one or none', () => {
    expect(rankingSentence(sayIn('en'), [{ name: 'staff', mean: 4.5 }, { name: 'facilities', mean: 4 }], two, 'en')).toBe(
      'staff had the highest mean (X̄ = 4.50), and facilities the lowest (X̄ = 4.00).',
    );
    expect(rankingSentence(sayIn('th'), [{ name: 'ด้านกระบวนการ', mean: 4 }], two, 'th')).toBe('ด้านกระบวนการ (X̄ = 4.00)');
    expect(rankingSentence(sayIn('th'), [], two, 'th')).toBe('');
  });
});
