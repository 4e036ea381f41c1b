import { describe, expect, it } from 'vitest';
import { composeResolved, composeRouted } from './compose';

describe("the notices' words", () => {
  it('tells a division how many suggestions were routed to it, with the link to its inbox, in Thai then English', () => {
    const { subject, text } = composeRouted(
      { type: 'routed', division: 'engineering', divisionName: { th: 'กองช่าง', en: 'Engineering' }, routed: 3, open: 7 },
      'https://feedback.example.go.th',
    );
    expect(subject).toBe('มีข้อเสนอแนะส่งถึงกองช่าง 3 เรื่อง / 3 suggestion(s) routed to Engineering');
    expect(text).toContain('ส่งข้อเสนอแนะถึงกองช่างใหม่ 3 เรื่อง รวมเรื่องที่ยังดำเนินการอยู่ 7 เรื่อง');
    expect(text).toContain('https://feedback.example.go.th/th/staff/feedback?division=engineering');
    expect(text.indexOf('กองช่าง')).toBeLessThan(text.indexOf('Engineering'));
  });

  it('tells the citizen in the language they answered in, with the reply and the tracking link', () => {
    const notice = { email: 'a@example.org', reference: 'KP-2569-000123', status: 'resolved', reply: 'เพิ่มเก้าอี้แล้ว' };
    const th = composeResolved({ ...notice, locale: 'th' }, 'เทศบาลตำบลเกษตรพัฒนา', 'https://x.example');
    expect(th.subject).toBe('เรื่อง KP-2569-000123 ดำเนินการแล้ว');
    expect(th.text).toContain('คำตอบจากเจ้าหน้าที่: เพิ่มเก้าอี้แล้ว');
    expect(th.text).toContain('https://x.example/th/track/KP-2569-000123');
    const my = composeResolved({ ...notice, locale: 'my', reply: null }, 'Kaset Phatthana', 'https://x.example');
    expect(my.subject).toBe('သင့်အကြံပြုချက် KP-2569-000123 ကို ဆောင်ရွက်ပြီးပါပြီ');
    expect(my.text).toContain('https://x.example/my/track/KP-2569-000123');
    expect(my.text).not.toContain('{reply}');
    expect(my.text).not.toContain('a@example.org'); // the address is the envelope's, never the text's
  });
});
