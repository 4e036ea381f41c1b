import { describe, expect, it } from 'vitest';
import { fieldFor, parseDraftForm } from './draft-form';

const base = {
  rows: '3',
  overallTh: 'พอใจเพียงใด',
  overallEn: 'How satisfied?',
  overallMy: 'ကျေနပ်ပါသလဲ',
  rq_gender: 'on',
  item0Code: 'process_simple',
  item0Dimension: 'process',
  item0Th: 'ง่าย',
  item0En: 'Simple',
  item0My: 'လွယ်',
  item1Code: 'staff_polite',
  item1Dimension: 'staff',
  item1Th: 'สุภาพ',
  item1En: 'Polite',
  item1My: 'ယဉ်ကျေး',
};

describe('the survey draft form', () => {
  it('reads the overall question, the respondent questions and the kept rows', () => {
    const parsed = parseDraftForm({ ...base, item1Remove: 'on' });
    expect(parsed).toEqual({
      ok: true,
      rows: [0],
      draft: {
        overallQuestion: { th: 'พอใจเพียงใด', en: 'How satisfied?', my: 'ကျေနပ်ပါသလဲ' },
        respondentQuestions: ['gender'],
        items: [{ code: 'process_simple', dimension: 'process', text: { th: 'ง่าย', en: 'Simple', my: 'လွယ်' } }],
      },
    });
  });

  it('puts every error beside its own field: missing translations, bad and duplicate codes', () => {
    const parsed = parseDraftForm({
      ...base,
      overallMy: ' ',
      item1Code: 'process_simple',
      item2Code: 'Bad code',
      item2Th: 'x',
      item2Dimension: 'process',
    });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.fieldErrors).toEqual({
      overallMy: 'translation_required',
      item1Code: 'duplicate_item_code',
      item2Code: 'invalid_item_code',
      item2En: 'translation_required',
      item2My: 'translation_required',
    });
  });

  it('maps the database’s field paths back to the form’s rows', () => {
    expect(fieldFor('items.1.dimension', [0, 4])).toBe('item4Dimension');
    expect(fieldFor('items.0.text.my', [2])).toBe('item2My');
    expect(fieldFor('overall.en', [])).toBe('overallEn');
    expect(fieldFor('_form', [])).toBe('_form');
  });
});
