import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import th from '@/messages/th.json';
import { toThaiDigits } from '@/lib/format/thai-format';
import { channelsPhrase, rankingSentence, ranksOf, respondentSentence, type RespondentRow, type Say } from './narrative';

const sayIn = (locale: 'th' | 'en'): Say => {
  const t = createTranslator({ locale, messages: locale === 'th' ? th : en, namespace: 'staff.report' });
  return (key, values) => (t as unknown as Say)(key, values);
};
const two = (m: number) => m.toFixed(2);
const count = (n: number) => n.toLocaleString('en-US');
const stat = (v: number | null) => (v === null ? '–' : v.toFixed(2));

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
    expect(
      rankingSentence(
        sayIn('en'),
        [
          { name: 'staff', mean: 4.5 },
          { name: 'facilities', mean: 4 },
        ],
        two,
        'en',
      ),
    ).toBe('staff had the highest mean (X̄ = 4.50), and facilities the lowest (X̄ = 4.00).');
    expect(rankingSentence(sayIn('th'), [{ name: 'ด้านกระบวนการ', mean: 4 }], two, 'th')).toBe('ด้านกระบวนการ (X̄ = 4.00)');
    expect(rankingSentence(sayIn('th'), [], two, 'th')).toBe('');
  });
});

describe('ลำดับที่ (the rank column)', () => {
  it('ranks by the mean as printed: equal printed means share a rank and the next rank skips', () => {
    // 4.004 and 3.996 both print 4.00; 4.105 prints 4.11 (half away from zero, as SQL rounds).
    expect(ranksOf([3.5, 4.004, 4.105, 3.996, null, 2])).toEqual([4, 2, 1, 2, null, 5]);
    expect(ranksOf([])).toEqual([]);
  });
});

describe('the method names the channels actually used', () => {
  it('names QR and paper with their counts when both were used, and no channel that was not', () => {
    const channels = [
      { channel: 'qr' as const, n: 11 },
      { channel: 'web' as const, n: 0 },
      { channel: 'kiosk' as const, n: null },
      { channel: 'paper' as const, n: 11 },
    ];
    expect(channelsPhrase(sayIn('th'), 'th', channels, count)).toBe(
      'การสแกนคิวอาร์โค้ด ณ จุดบริการด้วยโทรศัพท์ของตนเอง 11 คนและแบบสอบถามกระดาษซึ่งเจ้าหน้าที่บันทึกเข้าระบบ 11 คน',
    );
    expect(channelsPhrase(sayIn('en'), 'en', channels, count)).toBe(
      'a QR code scanned at the service point with their own phone (11) and paper forms entered by staff (11)',
    );
  });

  it('never says citizens scanned a QR code when every response came on paper or the website', () => {
    const channels = [
      { channel: 'qr' as const, n: 0 },
      { channel: 'web' as const, n: 3 },
      { channel: 'kiosk' as const, n: 0 },
      { channel: 'paper' as const, n: 1204 },
    ];
    const phrase = channelsPhrase(sayIn('th'), 'th', channels, count);
    expect(phrase).toBe('แบบสอบถามกระดาษซึ่งเจ้าหน้าที่บันทึกเข้าระบบ 1,204 คนและเว็บไซต์ของเทศบาล 3 คน');
    const method = sayIn('th')('method', {
      organisation: 'เทศบาลตำบลเกษตรพัฒนา',
      from: '1 ตุลาคม 2568',
      to: '30 กันยายน 2569',
      channels: phrase,
      responses: '1,207',
      withItems: '1,207',
      oneTap: '0',
    });
    expect(method).not.toMatch(/คิวอาร์โค้ด|สแกน/);
    expect(method).toContain('ผ่านแบบสอบถามกระดาษซึ่งเจ้าหน้าที่บันทึกเข้าระบบ 1,204 คนและเว็บไซต์ของเทศบาล 3 คน รวมผู้ตอบแบบประเมินทั้งสิ้น 1,207 คน');
  });
});

describe('the respondent summary', () => {
  // 920 respondents, by hand: 530 did not give their gender (530 / 920 = 57.608…% → 57.61), women 127 (13.804…% →
  // 13.80), men 120 (13.04), other 100 (10.87), prefer not to say 43 (4.67); 920 − 530 = 390 answered.
  const gender: RespondentRow[] = [
    { value: 'male', label: 'ชาย', n: 120, percent: (120 / 920) * 100 },
    { value: 'female', label: 'หญิง', n: 127, percent: (127 / 920) * 100 },
    { value: 'other', label: 'เพศอื่น ๆ', n: 100, percent: (100 / 920) * 100 },
    { value: 'undisclosed', label: 'ไม่ประสงค์จะระบุ', n: 43, percent: (43 / 920) * 100 },
    { value: null, label: 'ไม่ระบุ', n: 530, percent: (530 / 920) * 100 },
  ];

  it('does not call 13.80% women "the largest group" as if 57.61% had not left it blank', () => {
    const th_ = respondentSentence(sayIn('th'), 'th', 'เพศ', gender, 920, count, stat);
    expect(th_).toBe(
      'ผู้ตอบส่วนใหญ่ไม่ได้ระบุเพศ (530 คน คิดเป็นร้อยละ 57.61) ในผู้ที่ระบุ 390 คน กลุ่มที่มากที่สุดคือหญิง จำนวน 127 คน คิดเป็นร้อยละ 13.80 ของผู้ตอบทั้งหมด',
    );
    expect(
      respondentSentence(
        sayIn('en'),
        'en',
        'gender',
        gender.map((r) => ({ ...r, label: r.value ?? '' })),
        920,
        count,
        stat,
      ),
    ).toBe(
      'Most respondents (530, 57.61%) did not give their gender; of the 390 who did, the largest group was “female”: 127 people, 13.80% of all respondents.',
    );
  });

  it('says "most" only over half: exactly half left blank is stated, not called most', () => {
    // 100 respondents: 50 blank, 30 aged 60+, 20 aged 20–29.
    const rows: RespondentRow[] = [
      { value: '20_29', label: '20–29 ปี', n: 20, percent: 20 },
      { value: '60_plus', label: '60 ปีขึ้นไป', n: 30, percent: 30 },
      { value: null, label: 'ไม่ระบุ', n: 50, percent: 50 },
    ];
    expect(respondentSentence(sayIn('th'), 'th', 'อายุ', rows, 100, count, stat)).toBe(
      'ผู้ตอบ 50 คน (ร้อยละ 50.00) ไม่ได้ระบุอายุ ในผู้ที่ระบุ 50 คน กลุ่มที่มากที่สุดคือ60 ปีขึ้นไป จำนวน 30 คน คิดเป็นร้อยละ 30.00 ของผู้ตอบทั้งหมด',
    );
  });

  it('names the largest group plainly when it outnumbers the blanks, and names a tie as a tie', () => {
    const plain: RespondentRow[] = [
      { value: 'male', label: 'ชาย', n: 50, percent: 50 },
      { value: 'female', label: 'หญิง', n: 40, percent: 40 },
      { value: null, label: 'ไม่ระบุ', n: 10, percent: 10 },
    ];
    expect(respondentSentence(sayIn('th'), 'th', 'เพศ', plain, 100, count, stat)).toBe(
      'จำแนกตามเพศ กลุ่มที่มากที่สุดคือชาย จำนวน 50 คน คิดเป็นร้อยละ 50.00 ของผู้ตอบทั้งหมด',
    );
    const tied: RespondentRow[] = [
      { value: 'male', label: 'ชาย', n: 40, percent: 40 },
      { value: 'female', label: 'หญิง', n: 40, percent: 40 },
      { value: null, label: 'ไม่ระบุ', n: 20, percent: 20 },
    ];
    expect(respondentSentence(sayIn('th'), 'th', 'เพศ', tied, 100, count, stat)).toBe(
      'จำแนกตามเพศ กลุ่มที่มากที่สุดคือชายและหญิง ซึ่งมีจำนวนเท่ากัน กลุ่มละ 40 คน คิดเป็นร้อยละ 40.00 ของผู้ตอบทั้งหมด',
    );
  });

  it('says nobody answered when nobody did', () => {
    const none: RespondentRow[] = [
      { value: 'male', label: 'ชาย', n: 0, percent: 0 },
      { value: null, label: 'ไม่ระบุ', n: 7, percent: 100 },
    ];
    expect(respondentSentence(sayIn('th'), 'th', 'เพศ', none, 7, count, stat)).toBe('ผู้ตอบไม่ได้ระบุเพศ');
  });

  it('leaves no Arabic digit when the report writes Thai digits', () => {
    const th_ = toThaiDigits(
      respondentSentence(
        sayIn('th'),
        'th',
        'เพศ',
        gender,
        920,
        (n) => toThaiDigits(count(n)),
        (v) => toThaiDigits(stat(v)),
      ),
    );
    expect(th_).toContain('๕๓๐ คน คิดเป็นร้อยละ ๕๗.๖๑');
    expect(th_).not.toMatch(/[0-9]/);
  });
});
