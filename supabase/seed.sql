-- Base data: เทศบาลตำบลเกษตรพัฒนา (the municipality of the seed document), its divisions, service points, and the
-- standard satisfaction survey (four dimensions, 5-level Thai scale). Applied once, on an empty database, by the app
-- in the SQL modes and by `supabase db push --include-seed` on Supabase. It never touches a database that already has
-- an organisation, so a municipality's own edits are safe.
--
-- The Burmese (my) texts need a native speaker's review before a municipality relies on them (docs/i18n.md).

do $seed$
declare
  v_version bigint;
begin
  if exists (select 1 from public.organisation) then
    return;
  end if;

  insert into public.organisation (name, reference_prefix, contact, pdpa_notice, contact_retention_days, level_bands)
  values (
    '{"th": "เทศบาลตำบลเกษตรพัฒนา", "en": "Kaset Phatthana Subdistrict Municipality", "my": "ကဆက်ဖတ်ထနာ မြူနီစီပယ်"}',
    'KP',
    '{"address": {"th": "ตำบลเกษตรพัฒนา อำเภอบ้านแพ้ว จังหวัดสมุทรสาคร", "en": "Kaset Phatthana, Ban Phaeo, Samut Sakhon"},
      "office": {"th": "งานประชาสัมพันธ์ สำนักปลัด", "en": "Public relations, Office of the Clerk"}}',
    '{"th": "ผู้ควบคุมข้อมูลส่วนบุคคล: เทศบาลตำบลเกษตรพัฒนา ติดต่อได้ที่งานประชาสัมพันธ์ สำนักปลัด",
      "en": "Data controller: Kaset Phatthana Subdistrict Municipality, through the public relations office of the Clerk.",
      "my": "ကိုယ်ရေးအချက်အလက် ထိန်းချုပ်သူ - ကဆက်ဖတ်ထနာ မြူနီစီပယ်၊ စာရေးရုံး ပြည်သူ့ဆက်ဆံရေးဌာန။"}',
    365,
    '0.5');

  insert into public.division (slug, name, position) values
    ('clerk', '{"th": "สำนักปลัดเทศบาล", "en": "Office of the Municipal Clerk", "my": "မြူနီစီပယ် စာရေးရုံး"}', 1),
    ('finance', '{"th": "กองคลัง", "en": "Finance Division", "my": "ဘဏ္ဍာရေးဌာန"}', 2),
    ('engineering', '{"th": "กองช่าง", "en": "Engineering Division", "my": "အင်ဂျင်နီယာဌာန"}', 3),
    ('health-environment', '{"th": "กองสาธารณสุขและสิ่งแวดล้อม", "en": "Public Health and Environment Division", "my": "ပြည်သူ့ကျန်းမာရေးနှင့် ပတ်ဝန်းကျင်ဌာန"}', 4),
    ('education', '{"th": "กองการศึกษา", "en": "Education Division", "my": "ပညာရေးဌာန"}', 5),
    ('social-welfare', '{"th": "กองสวัสดิการสังคม", "en": "Social Welfare Division", "my": "လူမှုဖူလုံရေးဌာန"}', 6);

  insert into public.service_point (slug, division_id, name, services)
  select p.slug, d.id, p.name::jsonb, p.services::jsonb
  from (values
    ('civil-registration', 'clerk',
     '{"th": "งานทะเบียนราษฎรและบัตรประจำตัวประชาชน", "en": "Civil registration and ID cards", "my": "အိမ်ထောင်စုစာရင်းနှင့် မှတ်ပုံတင်ကတ်"}',
     '[{"th": "แจ้งเกิด แจ้งตาย", "en": "Birth and death registration", "my": "မွေးဖွားခြင်းနှင့် သေဆုံးခြင်း မှတ်ပုံတင်"},
       {"th": "แจ้งย้ายที่อยู่", "en": "Change of address", "my": "နေရပ်လိပ်စာ ပြောင်းလဲခြင်း"},
       {"th": "ทำบัตรประจำตัวประชาชน", "en": "ID card", "my": "မှတ်ပုံတင်ကတ်"}]'),
    ('complaints-centre', 'clerk',
     '{"th": "ศูนย์รับเรื่องราวร้องทุกข์", "en": "Complaints and requests centre", "my": "တိုင်ကြားချက် လက်ခံရေးစင်တာ"}',
     '[{"th": "รับเรื่องร้องเรียน ร้องทุกข์", "en": "Complaints and requests", "my": "တိုင်ကြားချက်များ"},
       {"th": "ขอรับน้ำอุปโภคบริโภค", "en": "Water delivery requests", "my": "ရေပို့ဆောင်ရေး တောင်းဆိုချက်"}]'),
    ('land-building-tax', 'finance',
     '{"th": "ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "en": "Land and building tax", "my": "မြေနှင့် အဆောက်အအုံ အခွန်"}',
     '[{"th": "ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "en": "Paying land and building tax", "my": "မြေနှင့် အဆောက်အအုံ အခွန်ပေးဆောင်ခြင်း"},
       {"th": "ภาษีป้าย", "en": "Signboard tax", "my": "ဆိုင်းဘုတ်အခွန်"}]'),
    ('building-permit', 'engineering',
     '{"th": "ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอนอาคาร", "en": "Building permits", "my": "အဆောက်အအုံ ဆောက်လုပ်ခွင့်"}',
     '[{"th": "ขออนุญาตก่อสร้างอาคาร", "en": "Permit to build", "my": "ဆောက်လုပ်ခွင့်"},
       {"th": "แจ้งซ่อมไฟฟ้าสาธารณะและถนน", "en": "Street light and road repairs", "my": "လမ်းမီးနှင့် လမ်းပြုပြင်ရေး"}]'),
    ('waste-fees', 'health-environment',
     '{"th": "ชำระค่าธรรมเนียมเก็บขนขยะมูลฝอย", "en": "Waste collection fees", "my": "အမှိုက်သိမ်းခ ပေးဆောင်ခြင်း"}',
     '[{"th": "ชำระค่าเก็บขนขยะ", "en": "Paying waste collection fees", "my": "အမှိုက်သိမ်းခ ပေးဆောင်ခြင်း"},
       {"th": "ใบอนุญาตกิจการที่เป็นอันตรายต่อสุขภาพ", "en": "Health-hazard business licences", "my": "ကျန်းမာရေးထိခိုက်နိုင်သော လုပ်ငန်းလိုင်စင်"}]'),
    ('welfare-allowance', 'social-welfare',
     '{"th": "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุและคนพิการ", "en": "Elderly and disability allowance registration", "my": "သက်ကြီးနှင့် မသန်စွမ်း ထောက်ပံ့ကြေး မှတ်ပုံတင်"}',
     '[{"th": "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ", "en": "Elderly allowance", "my": "သက်ကြီး ထောက်ပံ့ကြေး"},
       {"th": "ลงทะเบียนเบี้ยความพิการ", "en": "Disability allowance", "my": "မသန်စွမ်း ထောက်ပံ့ကြေး"}]'),
    ('child-development-centre', 'education',
     '{"th": "รับสมัครเด็กเข้าศูนย์พัฒนาเด็กเล็ก", "en": "Child development centre enrolment", "my": "ကလေးဖွံ့ဖြိုးရေးစင်တာ ကျောင်းအပ်ခြင်း"}',
     '[{"th": "รับสมัครนักเรียน", "en": "Enrolment", "my": "ကျောင်းအပ်ခြင်း"}]')
  ) as p (slug, division_slug, name, services)
  join public.division d on d.slug = p.division_slug;

  insert into public.survey_version (version_no, overall_question)
  values (1, '{"th": "ท่านพึงพอใจต่อการให้บริการในครั้งนี้เพียงใด",
               "en": "How satisfied are you with the service today?",
               "my": "ယနေ့ ဝန်ဆောင်မှုကို သင် မည်မျှ ကျေနပ်ပါသလဲ။"}')
  returning id into v_version;

  insert into public.survey_item (survey_version_id, code, dimension, position, text)
  select v_version, i.code, i.dimension, i.position, i.text::jsonb
  from (values
    ('process_simple', 'process', 1,
     '{"th": "ขั้นตอนการให้บริการไม่ยุ่งยากซับซ้อน", "en": "The steps were simple", "my": "ဝန်ဆောင်မှု အဆင့်များ မရှုပ်ထွေးပါ"}'),
    ('process_speed', 'process', 2,
     '{"th": "การให้บริการมีความรวดเร็ว ใช้เวลาไม่นาน", "en": "The service was quick", "my": "ဝန်ဆောင်မှု မြန်ဆန်ပြီး အချိန်မကြာပါ"}'),
    ('process_posted', 'process', 3,
     '{"th": "มีการแสดงขั้นตอนและระยะเวลาการให้บริการอย่างชัดเจน", "en": "The steps and times were clearly posted", "my": "အဆင့်များနှင့် ကြာချိန်ကို ရှင်းလင်းစွာ ဖော်ပြထားသည်"}'),
    ('process_queue', 'process', 4,
     '{"th": "ให้บริการตามลำดับก่อน-หลัง", "en": "People were served in order of arrival", "my": "ရောက်ရှိသည့် အစီအစဉ်အတိုင်း ဝန်ဆောင်မှုပေးသည်"}'),
    ('staff_polite', 'staff', 1,
     '{"th": "เจ้าหน้าที่พูดจาสุภาพ อัธยาศัยดี", "en": "Staff were polite and friendly", "my": "ဝန်ထမ်းများ ယဉ်ကျေးဖော်ရွေသည်"}'),
    ('staff_attentive', 'staff', 2,
     '{"th": "เจ้าหน้าที่เอาใจใส่ เต็มใจให้บริการ", "en": "Staff were attentive and willing to help", "my": "ဝန်ထမ်းများ ဂရုစိုက်ပြီး ကူညီလိုစိတ်ရှိသည်"}'),
    ('staff_equal', 'staff', 3,
     '{"th": "เจ้าหน้าที่ให้บริการอย่างเท่าเทียม ไม่เลือกปฏิบัติ", "en": "Staff treated everyone equally", "my": "ဝန်ထမ်းများ လူတိုင်းကို တန်းတူ ဆက်ဆံသည်"}'),
    ('facilities_seating', 'facilities', 1,
     '{"th": "มีที่นั่งรอรับบริการและน้ำดื่มอย่างเพียงพอ", "en": "There were enough seats and drinking water", "my": "စောင့်ဆိုင်းရန် ထိုင်ခုံနှင့် သောက်ရေ လုံလောက်စွာ ရှိသည်"}'),
    ('facilities_signs', 'facilities', 2,
     '{"th": "มีป้ายบอกจุดให้บริการชัดเจน", "en": "Service points were clearly signposted", "my": "ဝန်ဆောင်မှုနေရာများကို ဆိုင်းဘုတ်ဖြင့် ရှင်းလင်းစွာ ပြထားသည်"}'),
    ('facilities_clean', 'facilities', 3,
     '{"th": "สถานที่สะอาด เป็นระเบียบ", "en": "The place was clean and tidy", "my": "နေရာ သန့်ရှင်းသပ်ရပ်သည်"}'),
    ('outcome_needs_met', 'outcome', 1,
     '{"th": "ได้รับบริการตรงตามความต้องการ", "en": "I got what I came for", "my": "လိုအပ်သည့် ဝန်ဆောင်မှုကို ရရှိခဲ့သည်"}'),
    ('outcome_correct', 'outcome', 2,
     '{"th": "ได้รับบริการที่ถูกต้อง ครบถ้วน", "en": "The service was correct and complete", "my": "ဝန်ဆောင်မှု မှန်ကန်ပြည့်စုံသည်"}')
  ) as i (code, dimension, position, text);

  update public.survey_version set status = 'published', published_at = now() where id = v_version;
end
$seed$;
