import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import th from '@/messages/th.json';
import { conclusion, weakestItems, type ConclusionInput } from './conclusion';
import type { Say } from './narrative';

const sayIn = (locale: 'th' | 'en'): Say => {
  const t = createTranslator({ locale, messages: locale === 'th' ? th : en, namespace: 'staff.report' });
  return (key, values) => (t as unknown as Say)(key, values);
};
const f = { count: (n: number) => n.toLocaleString('en-US'), stat: (v: number | null) => (v === null ? '–' : v.toFixed(2)) };

/**
 * A year worked by hand. Overall 69.00% misses the LPA's 70. Items in survey order; printed means: A 3.10, B 2.95,
 * C 4.20, D 3.00 (3.004), E 3.10, F 4.50, so the three lowest are B, D, A, and E ties with A at 3.10 and is named
 * too. Suggestions (20): process 8 (3 resolved, 2 assigned, 3 new), praise 5 (all new), facilities 4 (1 resolved,
 * 1 declined, 2 in progress), other 3 (1 duplicate, 2 new): resolved 3 + 1 = 4; still open 2 + 3 + 5 + 2 + 2 = 14;
 * themes without praise: process 8, facilities 4, other 3. Replies: 9 of 12 due within 15 days = 75.00%.
 */
const year: ConclusionInput = {
  overall: { level: 'มาก', mean: 3.45, percent: 69 },
  target: 70,
  dimensions: [
    { name: 'ด้านกระบวนการ', mean: 3.2 },
    { name: 'ด้านเจ้าหน้าที่', mean: 4.1 },
    { name: 'ด้านสิ่งอำนวยความสะดวก', mean: 3.05 },
    { name: 'ด้านคุณภาพ', mean: 3.9 },
  ],
  items: [
    { name: 'A', mean: 3.1 },
    { name: 'B', mean: 2.95 },
    { name: 'C', mean: 4.2 },
    { name: 'D', mean: 3.004 },
    { name: 'E', mean: 3.1 },
    { name: 'F', mean: 4.5 },
  ],
  suggestions: {
    total: 20,
    byCategory: [
      { category: 'process', name: 'ขั้นตอนการให้บริการ', count: 8, byStatus: { resolved: 3, assigned: 2, new: 3 } },
      { category: 'praise', name: 'คำชมเชย', count: 5, byStatus: { new: 5 } },
      { category: 'facilities', name: 'สถานที่และสิ่งอำนวยความสะดวก', count: 4, byStatus: { resolved: 1, declined: 1, in_progress: 2 } },
      { category: 'other', name: 'อื่น ๆ', count: 3, byStatus: { duplicate: 1, new: 2 } },
    ],
  },
  replies: { dueDays: 15, due: 12, answeredInTime: 9 },
  actions: { done: ['แจกบัตรคิว'], inProgress: ['เพิ่มที่นั่งรอ', 'ติดป้ายบอกทาง'] },
};

describe('สรุปผลและข้อเสนอแนะ, from the figures', () => {
  it('states what the hand-worked year shows, in Thai, and recommends only what its figures support', () => {
    const { findings, recommendations } = conclusion(sayIn('th'), 'th', year, f);
    expect(findings).toEqual([
      'ผู้รับบริการมีความพึงพอใจโดยรวมอยู่ในระดับมาก (X̄ = 3.45) คิดเป็นร้อยละ 69.00 ซึ่งยังไม่ผ่านเกณฑ์ร้อยละ 70 ของการประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA)',
      'ด้านที่มีค่าเฉลี่ยต่ำที่สุดคือด้านสิ่งอำนวยความสะดวก (X̄ = 3.05)',
      'ข้อที่มีค่าเฉลี่ยต่ำที่สุด 4 ข้อ ได้แก่ B (X̄ = 2.95) D (X̄ = 3.00) A (X̄ = 3.10) และE (X̄ = 3.10)',
      'ผู้รับบริการให้ข้อเสนอแนะ 20 เรื่อง หมวดที่มีมากที่สุด ได้แก่ ขั้นตอนการให้บริการ (8 เรื่อง) สถานที่และสิ่งอำนวยความสะดวก (4 เรื่อง) และอื่น ๆ (3 เรื่อง) เป็นคำชมเชย 5 เรื่อง และดำเนินการแล้ว 4 เรื่อง',
      'ข้อเสนอแนะที่ถึงกำหนดตอบ 12 เรื่อง ได้รับการตอบกลับภายใน 15 วัน 9 เรื่อง คิดเป็นร้อยละ 75.00',
      'ในช่วงเวลานี้ปรับปรุงการให้บริการแล้วเสร็จ 1 เรื่อง ได้แก่ แจกบัตรคิว และอยู่ระหว่างดำเนินการ 2 เรื่อง',
    ]);
    expect(recommendations).toEqual([
      'ควรยกระดับความพึงพอใจโดยรวมจากร้อยละ 69.00 ให้ถึงเกณฑ์ร้อยละ 70',
      'ควรให้ความสำคัญกับการปรับปรุงB D A และE เป็นลำดับแรก เนื่องจากมีค่าเฉลี่ยต่ำที่สุดในการประเมินครั้งนี้',
      'ควรนำข้อเสนอแนะหมวดขั้นตอนการให้บริการ ซึ่งมีจำนวนมากที่สุด (8 เรื่อง) ไปพิจารณาปรับปรุงการให้บริการ',
      'ควรติดตามข้อเสนอแนะที่ยังไม่ได้ข้อยุติอีก 14 เรื่องให้แล้วเสร็จ และแจ้งผลให้ผู้เสนอทราบ',
      'ควรตอบกลับข้อเสนอแนะทุกเรื่องภายใน 15 วันตามเกณฑ์ LPA (ในช่วงนี้ตอบทันกำหนดร้อยละ 75.00)',
      'ควรติดตามการปรับปรุงที่อยู่ระหว่างดำเนินการ 2 เรื่อง และเปรียบเทียบความพึงพอใจก่อนและหลังการปรับปรุง',
    ]);
  });

  it('reads as English in English', () => {
    const { findings } = conclusion(sayIn('en'), 'en', { ...year, overall: { level: 'high', mean: 3.45, percent: 69 } }, f);
    expect(findings[0]).toBe(
      'Overall satisfaction was high (X̄ = 3.45), or 69.00%, which does not yet meet the 70% criterion of the local government performance assessment (LPA).',
    );
    expect(findings[2]).toBe('The 4 items with the lowest means were B (X̄ = 2.95), D (X̄ = 3.00), A (X̄ = 3.10), and E (X̄ = 3.10).');
  });

  it('claims nothing the data does not hold: no items, no suggestions, no replies due, no actions', () => {
    const quiet: ConclusionInput = {
      overall: { level: 'มากที่สุด', mean: 4.6, percent: 92 },
      target: 70,
      dimensions: [{ name: 'ด้านกระบวนการ', mean: 4.6 }],
      items: [],
      suggestions: { total: 0, byCategory: [] },
      replies: { dueDays: 15, due: 0, answeredInTime: 0 },
      actions: { done: [], inProgress: [] },
    };
    const { findings, recommendations } = conclusion(sayIn('th'), 'th', quiet, f);
    expect(findings).toEqual([
      'ผู้รับบริการมีความพึงพอใจโดยรวมอยู่ในระดับมากที่สุด (X̄ = 4.60) คิดเป็นร้อยละ 92.00 ซึ่งผ่านเกณฑ์ร้อยละ 70 ของการประเมินประสิทธิภาพขององค์กรปกครองส่วนท้องถิ่น (LPA)',
      'ไม่มีข้อเสนอแนะจากผู้รับบริการในช่วงเวลานี้',
      'ยังไม่มีการบันทึกการปรับปรุงการให้บริการในช่วงเวลานี้',
    ]);
    // No weakest items, no suggestion theme, no reply rule, no target to reach: only the one thing the data asks for.
    expect(recommendations).toEqual(['ควรบันทึกการปรับปรุงที่ดำเนินการจากผลการประเมินนี้ในระบบ เพื่อเป็นหลักฐานการนำผลไปใช้และเผยแพร่ให้ประชาชนทราบ']);
  });

  it('judges the 70% criterion on the percentage as printed, and names praise-only suggestions without a theme', () => {
    // 69.995 prints as 70.00: the report must not print "70.00 … does not yet meet 70".
    const { findings, recommendations } = conclusion(
      sayIn('th'),
      'th',
      {
        ...year,
        overall: { level: 'มาก', mean: 3.49975, percent: 69.995 },
        suggestions: { total: 2, byCategory: [{ category: 'praise', name: 'คำชมเชย', count: 2, byStatus: { resolved: 2 } }] },
      },
      f,
    );
    expect(findings[0]).toContain('ร้อยละ 70.00 ซึ่งผ่านเกณฑ์ร้อยละ 70');
    expect(recommendations.some((r) => r.startsWith('ควรยกระดับ'))).toBe(false);
    expect(findings[3]).toBe('ผู้รับบริการให้ข้อเสนอแนะ 2 เรื่อง เป็นคำชมเชย 2 เรื่อง และดำเนินการแล้ว 2 เรื่อง');
    expect(recommendations.some((r) => r.startsWith('ควรนำข้อเสนอแนะหมวด'))).toBe(false);
    expect(recommendations.some((r) => r.startsWith('ควรติดตามข้อเสนอแนะ'))).toBe(false);
  });

  it('names more than five completed actions by the first five and a count', () => {
    const done = ['ก', 'ข', 'ค', 'ง', 'จ', 'ฉ', 'ช'];
    const { findings } = conclusion(sayIn('th'), 'th', { ...year, actions: { done, inProgress: [] } }, f);
    expect(findings.at(-1)).toBe('ในช่วงเวลานี้ปรับปรุงการให้บริการแล้วเสร็จ 7 เรื่อง ได้แก่ ก, ข, ค, ง, จ และอีก 2 เรื่อง และอยู่ระหว่างดำเนินการ 0 เรื่อง');
  });
});

describe('the weakest items', () => {
  it('takes the three lowest as printed, and every item tied with the third', () => {
    expect(weakestItems(year.items).map((i) => i.name)).toEqual(['B', 'D', 'A', 'E']);
    expect(weakestItems([{ name: 'x', mean: 4 }]).map((i) => i.name)).toEqual(['x']);
  });
});
