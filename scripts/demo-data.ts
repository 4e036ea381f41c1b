/**
 * Plausible demo responses for เทศบาลตำบลเกษตรพัฒนา: a few thousand over two and a bit fiscal years, on weekday
 * office hours in Bangkok, mostly satisfied, with weaker spots a dashboard should find (waiting at the building-permit
 * counter, seating and toilets) and one visible improvement (queue tickets at civil registration from 1 April 2026).
 * Deterministic: the same seed gives the same responses and the same client keys, so running it twice adds nothing.
 */

export interface DemoOptions {
  seed?: number;
  from?: Date;
  to?: Date;
  perWorkingDay?: number;
}

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

function uuidFrom(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rng() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A rating around `mean` on the 1–5 scale. */
function rating(rng: Rng, mean: number): number {
  const noise = (rng() + rng() + rng() - 1.5) * 1.6;
  return Math.min(5, Math.max(1, Math.round(mean + noise)));
}

const POINTS: { slug: string; weight: number; mean: number }[] = [
  { slug: 'civil-registration', weight: 30, mean: 4.2 },
  { slug: 'land-building-tax', weight: 18, mean: 4.3 },
  { slug: 'building-permit', weight: 8, mean: 3.6 },
  { slug: 'welfare-allowance', weight: 16, mean: 4.4 },
  { slug: 'waste-fees', weight: 12, mean: 4.0 },
  { slug: 'complaints-centre', weight: 10, mean: 3.8 },
  { slug: 'child-development-centre', weight: 6, mean: 4.5 },
];

const ITEMS: Record<string, number> = {
  process_simple: 0,
  process_speed: -0.3,
  process_posted: 0,
  process_queue: -0.2,
  staff_polite: 0.3,
  staff_attentive: 0.2,
  staff_equal: 0.2,
  facilities_seating: -0.5,
  facilities_signs: -0.1,
  facilities_clean: -0.4,
  outcome_needs_met: 0.1,
  outcome_correct: 0.2,
};

const SUGGESTIONS: { category: string; text: string }[] = [
  { category: 'process', text: 'รอคิวนานเกินไป อยากให้มีบัตรคิว' },
  { category: 'process', text: 'เอกสารที่ต้องใช้เยอะ อยากให้แจ้งล่วงหน้าทางไลน์' },
  { category: 'process', text: 'ขั้นตอนยุ่งยาก ต้องเดินไปหลายโต๊ะ' },
  { category: 'process', text: 'อยากให้ชำระภาษีผ่านแอปธนาคารได้' },
  { category: 'process', text: 'ควรเปิดให้บริการช่วงพักเที่ยง คนทำงานมาไม่ทัน' },
  { category: 'staff', text: 'เจ้าหน้าที่พูดจาดี ให้คำแนะนำชัดเจน' },
  { category: 'staff', text: 'อยากให้มีเจ้าหน้าที่ที่พูดภาษาพม่าได้' },
  { category: 'staff', text: 'เจ้าหน้าที่บางท่านไม่ค่อยอธิบาย ต้องถามหลายรอบ' },
  { category: 'facilities', text: 'ที่จอดรถไม่พอ ต้องจอดริมถนน' },
  { category: 'facilities', text: 'ห้องน้ำไม่สะอาด ไม่มีสบู่' },
  { category: 'facilities', text: 'ที่นั่งรอไม่พอ ผู้สูงอายุต้องยืนรอ' },
  { category: 'facilities', text: 'อากาศร้อน อยากให้มีพัดลมเพิ่ม' },
  { category: 'facilities', text: 'ไม่มีทางลาดสำหรับรถเข็น' },
  { category: 'information', text: 'อยากให้ประกาศขั้นตอนในเฟซบุ๊กเทศบาล' },
  { category: 'information', text: 'ป้ายบอกทางไปกองช่างไม่ชัด' },
  { category: 'information', text: 'ไม่ทราบว่าต้องใช้เอกสารอะไรบ้าง' },
  { category: 'complaint', text: 'ถนนหน้าบ้านเป็นหลุมเป็นบ่อ แจ้งแล้วยังไม่ซ่อม' },
  { category: 'complaint', text: 'รถเก็บขยะมาไม่ตรงเวลา ขยะล้นถัง' },
  { category: 'complaint', text: 'ไฟทางดับหลายจุดในซอย' },
  { category: 'praise', text: 'บริการรวดเร็วมาก ขอบคุณครับ' },
  { category: 'praise', text: 'ประทับใจเจ้าหน้าที่งานทะเบียน ช่วยเหลือดีมาก' },
  { category: 'praise', text: 'ดีมากค่ะ' },
  { category: 'other', text: 'Please add English signs at the tax counter.' },
  { category: 'staff', text: 'မြန်မာဘာသာဖြင့် ရှင်းပြနိုင်သော ဝန်ထမ်း လိုအပ်ပါသည်။' },
];

const GENDERS = ['male', 'female', 'female', 'male', 'other', 'undisclosed'];
const AGES = ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus', '60_plus'];
const EDUCATION = ['primary', 'primary', 'secondary', 'secondary', 'vocational', 'bachelor', 'postgraduate'];
const OCCUPATIONS = ['farmer', 'labourer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired'];
const QUEUE_TICKETS_FROM = Date.parse('2026-04-01T00:00:00+07:00');
const BANGKOK_MS = 7 * 3600 * 1000;

/** The submissions, in time order, as submit_response takes them (snake_case, with created_at and is_demo). */
export function demoSubmissions(options: DemoOptions = {}): Record<string, unknown>[] {
  const rng = mulberry32(options.seed ?? 2567);
  const from = options.from ?? new Date('2024-10-01T00:00:00+07:00');
  const to = options.to ?? new Date();
  const perDay = options.perWorkingDay ?? 7;
  const totalWeight = POINTS.reduce((s, p) => s + p.weight, 0);
  const out: Record<string, unknown>[] = [];

  for (let day = from.getTime(); day < to.getTime(); day += 24 * 3600 * 1000) {
    const weekday = new Date(day + BANGKOK_MS).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const count = Math.round(perDay * (0.5 + rng()));
    for (let i = 0; i < count; i++) {
      const at = day + (8.5 + rng() * 8) * 3600 * 1000; // 08:30–16:30 Bangkok (day starts at Bangkok midnight)
      if (at > to.getTime()) continue;
      let w = rng() * totalWeight;
      const point = POINTS.find((p) => (w -= p.weight) < 0) ?? POINTS[0]!;
      const improved = point.slug === 'civil-registration' && at >= QUEUE_TICKETS_FROM;
      const mean = point.mean + (improved ? 0.4 : 0);
      const submission: Record<string, unknown> = {
        client_key: uuidFrom(rng),
        service_point: point.slug,
        locale: rng() < 0.9 ? 'th' : pick(rng, ['en', 'my', 'my']),
        channel: 'qr',
        overall_rating: rating(rng, mean),
        created_at: new Date(at).toISOString(),
        is_demo: true,
      };
      if (rng() < 0.6) {
        const answers: Record<string, number> = {};
        for (const [code, shift] of Object.entries(ITEMS)) {
          const local = code.startsWith('process') && point.slug === 'building-permit' ? -0.6 : 0;
          const queue = code === 'process_queue' && improved ? 0.8 : 0;
          if (rng() < 0.92) answers[code] = rating(rng, mean + shift + local + queue);
        }
        submission.answers = answers;
        if (rng() < 0.7) {
          submission.respondent = {
            gender: pick(rng, GENDERS),
            age_band: pick(rng, AGES),
            education: pick(rng, EDUCATION),
            occupation: pick(rng, OCCUPATIONS),
          };
        }
      }
      if (rng() < 0.14) {
        const suggestion = pick(rng, SUGGESTIONS);
        submission.suggestion = { text: suggestion.text, category: rng() < 0.85 ? suggestion.category : 'other' };
        if (rng() < 0.2) {
          const n = Math.floor(rng() * 1000)
            .toString()
            .padStart(3, '0');
          submission.contact = { consent: true, name: 'ผู้ใช้ทดลอง', email: `demo${n}@example.org` };
        }
      }
      out.push(submission);
    }
  }
  return out;
}
