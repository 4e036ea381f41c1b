-- Responses: one citizen's rating of one service point (the one-tap answer, then the optional form), and the
-- functions that take them in.
--
-- Who may touch it:
--   * Nobody writes these tables directly. The server calls submit_citizen_response / submit_response (one-tap, QR,
--     web, paper), submit_response_batch (imports) and kiosk_sync (11_kiosk.sql) as service_role after its own checks:
--     they trust facts only the server knows (the keyed hash of the source, the channel, an import date), so anon
--     and authenticated may not execute them. On Supabase the anon key is public: that is why.
--   * Staff read responses and answers through RLS (division staff: their division's service points), never contact
--     details (09_privacy.sql), and export them with export_responses.
--   * Every refusal raises 22023 with a stable code as the message and the field in DETAIL; nothing is stored from a
--     refused call, and a refused call takes no reference number.
--
-- Integrity, declared: a response names a service point and a version that accepts responses; an answer names its
-- response and an item of that same version (composite keys), and goes with its response.

create table public.response (
  id uuid primary key default gen_random_uuid(),
  client_key uuid not null unique,
  reference text not null unique,
  service_point_id bigint not null references public.service_point (id),
  survey_version_id bigint not null references public.survey_version (id),
  channel text not null default 'qr' check (channel in ('qr', 'web', 'kiosk', 'paper')),
  locale text not null default 'th' check (locale in ('th', 'en', 'my')),
  overall_rating smallint not null check (overall_rating between 1 and 5),
  gender text check (gender in ('male', 'female', 'other', 'undisclosed')),
  age_band text check (age_band in ('under_20', '20_29', '30_39', '40_49', '50_59', '60_plus')),
  education text check (education in ('primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other')),
  occupation text check (occupation in (
    'farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other')),
  is_demo boolean not null default false,
  flag text check (flag in ('burst_address', 'burst_device', 'repeat_press')),
  source_hash text check (char_length(source_hash) <= 128),
  device_key text check (char_length(device_key) <= 128),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  main_reason text check (main_reason in ('waiting_time', 'staff', 'steps', 'facilities', 'information', 'other')),
  -- A response answers a version that accepts responses (published, or retired since): never a draft, whose items
  -- may still change. Constant true, so that the key below can say it (see survey_version.accepts_responses).
  survey_version_accepts boolean not null default true check (survey_version_accepts),
  unique (id, survey_version_id),
  foreign key (survey_version_id, survey_version_accepts)
    references public.survey_version (id, accepts_responses)
);


comment on table public.response is
  'One citizen''s rating of one service point. The one-tap overall rating is stored at once; the rest may follow '
  'under the same client key. No personal data: the source is a keyed hash, never an address.';


comment on column public.response.client_key is 'Idempotency key sent by the client: a resubmit never stores a second response.';


comment on column public.response.main_reason is 'Kiosk follow-up: what mattered most to the citizen (one fixed choice), or null.';

comment on column public.response.flag is 'Set when the response looks like ballot stuffing; flagged responses are kept but not counted.';


create index response_point_created_idx on public.response (service_point_id, created_at);


create index response_created_idx on public.response (created_at);


create index response_source_idx on public.response (source_hash, service_point_id, created_at) where source_hash is not null;


-- Burst counts by device read one half each (app.responses_from_device): "unflagged within the window" never reads
-- the flagged responses a stuffer piled up.
create index response_device_unflagged_idx on public.response (device_key, service_point_id, created_at)
  where device_key is not null and flag is null;

create index response_device_flagged_idx on public.response (device_key, service_point_id, created_at)
  where device_key is not null and flag is not null;


create trigger response_touch before update on public.response
  for each row execute function app.touch_updated_at();

create table public.response_answer (
  response_id uuid not null,
  survey_version_id bigint not null,
  item_id bigint not null,
  rating smallint not null check (rating between 1 and 5),
  primary key (response_id, item_id),
  foreign key (response_id, survey_version_id) references public.response (id, survey_version_id) on delete cascade,
  foreign key (item_id, survey_version_id) references public.survey_item (id, survey_version_id)
);


comment on table public.response_answer is
  'A rating (1–5) of one survey item. The keys make sure the item belongs to the version the response answered, '
  'which is never a draft; answers go with their response.';


create index response_answer_item_idx on public.response_answer (item_id);

alter table public.response enable row level security;


alter table public.response_answer enable row level security;

-- Who reads them: the policies response_read and response_answer_read sit in 08_feedback.sql, since division staff
-- also read the responses behind the suggestions routed to them. Nobody writes them directly.

-- ---------------------------------------------------------------------------------------------------------------
-- References: KP-2570-000123, numbered per fiscal year by a sequence (no row lock held to the commit)
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.normalize_reference(p_reference text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- Citizens may type Thai digits, spaces or lower case: KP 2570 000123, kp-๒๕๗๐-๐๐๐๑๒๓.
  select upper(translate(regexp_replace(coalesce(p_reference, ''), '\s+', '', 'g'), '๐๑๒๓๔๕๖๗๘๙', '0123456789'))
$$;

create or replace function app.reference_sequence(p_fiscal_year int)
returns regclass
language plpgsql
set search_path = ''
as $$
declare
  v_name text := 'response_reference_' || p_fiscal_year;
begin
  if p_fiscal_year is null or p_fiscal_year not between 2400 and 2800 then
    raise exception 'fiscal year % out of range', p_fiscal_year using errcode = '22023';
  end if;
  if to_regclass('app.' || v_name) is null then
    -- The first reference of a fiscal year: one transaction creates its sequence, the others wait and then see it
    -- (a query on pg_class takes a snapshot after the lock; a syscache lookup might not).
    perform pg_advisory_xact_lock(hashtextextended('siang:reference-sequence', 0));
    if not exists (select 1 from pg_catalog.pg_class c
                   where c.relname = v_name and c.relnamespace = 'app'::regnamespace) then
      execute format('create sequence app.%I as bigint minvalue 1 no cycle', v_name);
    end if;
  end if;
  return ('app.' || v_name)::regclass;
end
$$;

comment on function app.reference_sequence(int) is
  'The sequence that numbers the references of a fiscal year (B.E.), created on first use.';

create or replace function app.next_reference(p_at timestamptz)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_fy int := app.fiscal_year(p_at);
  v_seq bigint;
  v_prefix text;
begin
  select reference_prefix into v_prefix from public.organisation where id = 1;
  v_seq := nextval(app.reference_sequence(v_fy));
  return coalesce(v_prefix, 'KP') || '-' || v_fy || '-'
         || case when v_seq < 1000000 then lpad(v_seq::text, 6, '0') else v_seq::text end;
end
$$;

comment on function app.next_reference(timestamptz) is
  'Issue the next reference of the fiscal year: PREFIX-BE_FY-000123 (unique and increasing; a crash may leave a gap).';

-- ---------------------------------------------------------------------------------------------------------------
-- Ballot stuffing: counts of recent responses from one address or one device, each read through its own index
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.responses_from_source(p_source text, p_point bigint, p_after timestamptz)
returns int
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select count(*) from (
    select 1 from public.response r
    where r.source_hash = p_source
      and (r.source_hash, r.service_point_id, r.created_at) > (p_source, p_point, p_after)
      and (r.source_hash, r.service_point_id, r.created_at) <= (p_source, p_point, 'infinity'::timestamptz)
      and r.flag is null
    limit 500) s);
end
$$;

comment on function app.responses_from_source(text, bigint, timestamptz) is
  'Unflagged responses from one address (keyed hash) at one counter created after p_after, read through '
  'response_source_idx only; counts up to 500, the highest threshold the settings allow.';

create or replace function app.responses_from_device(
  p_device text, p_point bigint, p_after timestamptz, p_until timestamptz default 'infinity',
  p_unflagged_only boolean default true)
returns int
language plpgsql
stable
set search_path = ''
as $$
declare
  v_unflagged int;
begin
  v_unflagged := (select count(*) from (
    select 1 from public.response r
    where r.device_key = p_device
      and (r.device_key, r.service_point_id, r.created_at) > (p_device, p_point, p_after)
      and (r.device_key, r.service_point_id, r.created_at) <= (p_device, p_point, p_until)
      and r.flag is null
    limit 500) s);
  if p_unflagged_only or v_unflagged >= 500 then
    return v_unflagged;
  end if;
  return v_unflagged + (select count(*) from (
    select 1 from public.response r
    where r.device_key = p_device
      and (r.device_key, r.service_point_id, r.created_at) > (p_device, p_point, p_after)
      and (r.device_key, r.service_point_id, r.created_at) <= (p_device, p_point, p_until)
      and r.flag is not null
    limit 500 - v_unflagged) s);
end
$$;

comment on function app.responses_from_device(text, bigint, timestamptz, timestamptz, boolean) is
  'Responses from one device (keyed hash, or a kiosk) at one counter created in (p_after, p_until], unflagged only '
  'unless told otherwise, read through the two halves of the device index; counts up to 500, the highest threshold '
  'the settings allow.';

-- ---------------------------------------------------------------------------------------------------------------
-- Submitting
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.submit_response(p_submission jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  s jsonb := p_submission;
  v_key uuid;
  v_point public.service_point;
  v_response public.response;
  v_created boolean := false;
  v_at timestamptz := now();
  v_rating smallint;
  v_channel text;
  v_questions text[];
  v_item public.survey_item;
  v_entry record;
  v_text text;
  v_category text;
  v_suggestion public.suggestion;
  v_retention int;
  v_phone text;
  v_email text;
  v_amend_window constant interval := interval '2 hours';
  v_org public.organisation;
  v_source text;
  v_device text;
  v_flag text;
  v_recent int;
  v_version_id bigint;
  v_locale text;
  v_bad record;
  v_gender text;
  v_age_band text;
  v_education text;
  v_occupation text;
  v_name text;
  v_has_suggestion boolean;
begin
  perform app.expect_keys(s, null, array[
    'client_key', 'service_point', 'locale', 'channel', 'overall_rating', 'answers', 'respondent', 'suggestion',
    'contact', 'source_hash', 'device_key', 'flag', 'created_at', 'is_demo']);

  if (s ->> 'client_key') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    v_key := (s ->> 'client_key')::uuid; -- the usual form, without entering a block that catches (a subtransaction)
  else
    begin
      v_key := (s ->> 'client_key')::uuid;
    exception when invalid_text_representation then
      v_key := null;
    end;
  end if;
  if v_key is null then
    perform app.refuse('invalid_client_key', 'client_key');
  end if;

  select * into v_point from public.service_point
  where slug = app.expect_text(s -> 'service_point', 'service_point', 40);
  if not found then
    perform app.refuse('unknown_service_point', 'service_point');
  end if;

  v_rating := app.expect_rating(s -> 'overall_rating', 'overall_rating');
  v_channel := coalesce(app.expect_text(s -> 'channel', 'channel', 10, array['qr', 'web', 'kiosk', 'paper']), 'qr');

  if s ? 'created_at' then
    -- Only imports (paper forms, demo data) name their own date; it may not lie in the future.
    begin
      v_at := (s ->> 'created_at')::timestamptz;
    exception when others then
      perform app.refuse('invalid_date', 'created_at');
    end;
    if v_at is null or v_at > now() + interval '5 minutes' or v_at < timestamptz '2015-01-01' then
      perform app.refuse('invalid_date', 'created_at');
    end if;
  end if;

  -- Serialise submissions that carry the same key: a double tap waits here, then finds the first one's row.
  perform pg_advisory_xact_lock(hashtextextended('siang:response:' || v_key::text, 0));
  select * into v_response from public.response where client_key = v_key for update;

  if found then
    if v_response.service_point_id <> v_point.id then
      perform app.refuse('client_key_reused', 'client_key');
    end if;
    if v_response.created_at < now() - v_amend_window and not (s ? 'created_at') then
      perform app.refuse('response_closed', 'client_key');
    end if;
    v_version_id := v_response.survey_version_id;
  else
    if not v_point.active then
      perform app.refuse('service_point_retired', 'service_point');
    end if;
    -- Ballot stuffing: many citizens share one municipal Wi-Fi address, so nothing is refused here. Responses beyond
    -- the configured number per address (or per device) and service point within the window are kept, but flagged,
    -- and flagged responses are left out of every statistic. The lock makes concurrent bursts count exactly.
    select * into v_org from public.organisation where id = 1;
    v_source := app.expect_text(s -> 'source_hash', 'source_hash', 128);
    v_device := app.expect_text(s -> 'device_key', 'device_key', 128);
    v_flag := app.expect_text(s -> 'flag', 'flag', 20, array['burst_address', 'burst_device', 'repeat_press']);
    if v_flag is null and v_source is not null then
      perform pg_advisory_xact_lock(hashtextextended('siang:source:' || v_source || ':' || v_point.id, 0));
      v_recent := app.responses_from_source(v_source, v_point.id, v_at - make_interval(secs => v_org.burst_window_seconds));
      if v_recent >= v_org.burst_max_per_source then
        v_flag := 'burst_address';
      end if;
    end if;
    if v_flag is null and v_device is not null then
      perform pg_advisory_xact_lock(hashtextextended('siang:device:' || v_device || ':' || v_point.id, 0));
      v_recent := app.responses_from_device(v_device, v_point.id, v_at - make_interval(secs => v_org.burst_window_seconds));
      if v_recent >= v_org.burst_max_per_device then
        v_flag := 'burst_device';
      end if;
    end if;
    select v.id into v_version_id from public.survey_version v where v.status = 'published';
    if v_version_id is null then
      perform app.refuse('no_published_survey', null);
    end if;
    v_locale := coalesce(app.expect_text(s -> 'locale', 'locale', 2, array['th', 'en', 'my']), 'th');
  end if;

  -- Dimension items, by code, within the version this response answers: the first bad answer, in key order.
  if s ? 'answers' and s -> 'answers' <> 'null'::jsonb then
    if jsonb_typeof(s -> 'answers') <> 'object' then
      perform app.refuse('invalid_value', 'answers');
    end if;
    select a.key, i.id is null as unknown into v_bad
    from jsonb_each(s -> 'answers') with ordinality as a (key, value, ord)
    left join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key
    where i.id is null
       or case when jsonb_typeof(a.value) = 'number' then (a.value::text)::numeric not in (1, 2, 3, 4, 5) else true end
    order by a.ord
    limit 1;
    if v_bad.unknown then
      perform app.refuse('unknown_item', 'answers.' || left(v_bad.key, 40));
    elsif v_bad.key is not null then
      perform app.refuse('invalid_rating', 'answers.' || v_bad.key);
    end if;
  end if;

  -- Optional respondent questions: only those this version asks.
  if s ? 'respondent' and s -> 'respondent' <> 'null'::jsonb then
    select respondent_questions into v_questions from public.survey_version where id = v_version_id;
    perform app.expect_keys(s -> 'respondent', 'respondent', v_questions);
    v_gender := app.expect_text(s #> '{respondent,gender}', 'respondent.gender', 20,
      array['male', 'female', 'other', 'undisclosed']);
    v_age_band := app.expect_text(s #> '{respondent,age_band}', 'respondent.age_band', 20,
      array['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus']);
    v_education := app.expect_text(s #> '{respondent,education}', 'respondent.education', 20,
      array['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other']);
    v_occupation := app.expect_text(s #> '{respondent,occupation}', 'respondent.occupation', 20,
      array['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other']);
  end if;

  -- Every check before the first write: a refused submission stores nothing and takes no reference number.
  -- "What should we improve?" One suggestion per response; it may be edited until staff have looked at it.
  if v_response.id is not null then
    select * into v_suggestion from public.suggestion where response_id = v_response.id;
  end if;
  if s ? 'suggestion' and s -> 'suggestion' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'suggestion', 'suggestion', array['text', 'category']);
    v_text := app.expect_text(s #> '{suggestion,text}', 'suggestion.text', 2000);
    if v_text is null or btrim(v_text) = '' then
      perform app.refuse('required', 'suggestion.text');
    end if;
    v_category := coalesce(app.expect_text(s #> '{suggestion,category}', 'suggestion.category', 20,
      array['process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other']), 'other');
    if v_suggestion.id is not null and (v_suggestion.body <> v_text or v_suggestion.category <> v_category)
       and v_suggestion.status <> 'new' then
      perform app.refuse('suggestion_locked', 'suggestion.text');
    end if;
  end if;
  v_has_suggestion := v_suggestion.id is not null or v_text is not null;

  -- Contact details: only with explicit consent, only to get a reply to a suggestion.
  if s ? 'contact' and s -> 'contact' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'contact', 'contact', array['consent', 'name', 'phone', 'email']);
    if (s #> '{contact,consent}') is distinct from 'true'::jsonb then
      perform app.refuse('consent_required', 'contact.consent');
    end if;
    if not v_has_suggestion then
      perform app.refuse('contact_needs_suggestion', 'suggestion.text');
    end if;
    v_phone := nullif(btrim(app.expect_text(s #> '{contact,phone}', 'contact.phone', 20)), '');
    v_email := nullif(btrim(app.expect_text(s #> '{contact,email}', 'contact.email', 254)), '');
    if v_phone is null and v_email is null then
      perform app.refuse('contact_needs_channel', 'contact.phone');
    end if;
    if v_phone is not null and v_phone !~ '^\+?[0-9][0-9 -]{5,19}$' then
      perform app.refuse('invalid_phone', 'contact.phone');
    end if;
    if v_email is not null and v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
      perform app.refuse('invalid_email', 'contact.email');
    end if;
    v_name := nullif(btrim(app.expect_text(s #> '{contact,name}', 'contact.name', 100)), '');
  end if;

  if v_response.id is null then
    -- A new response is written once, with its respondent answers (no second version of the row).
    insert into public.response (
      client_key, reference, service_point_id, survey_version_id, channel, locale, overall_rating,
      gender, age_band, education, occupation, is_demo, flag, source_hash, device_key, created_at, updated_at)
    values (v_key, app.next_reference(v_at), v_point.id, v_version_id, v_channel, v_locale, v_rating,
            v_gender, v_age_band, v_education, v_occupation, coalesce((s -> 'is_demo') = 'true'::jsonb, false),
            v_flag, v_source, v_device, v_at, v_at)
    returning * into v_response;
    v_created := true;
  elsif v_response.overall_rating <> v_rating
     or coalesce(v_gender, v_education, v_age_band, v_occupation) is not null then
    update public.response set
      overall_rating = v_rating,
      gender = coalesce(v_gender, gender),
      age_band = coalesce(v_age_band, age_band),
      education = coalesce(v_education, education),
      occupation = coalesce(v_occupation, occupation)
    where id = v_response.id;
  end if;

  -- In one statement: the statistics triggers run once per statement. A response created just now has no answers
  -- yet: a plain insert, without ON CONFLICT's speculative insertion per row and the UPDATE triggers it fires.
  if s ? 'answers' and s -> 'answers' <> 'null'::jsonb and v_created then
    insert into public.response_answer (response_id, survey_version_id, item_id, rating)
    select v_response.id, v_version_id, i.id, ((a.value::text)::numeric)::smallint
    from jsonb_each(s -> 'answers') a
    join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key;
  elsif s ? 'answers' and s -> 'answers' <> 'null'::jsonb then
    insert into public.response_answer (response_id, survey_version_id, item_id, rating)
    select v_response.id, v_version_id, i.id, ((a.value::text)::numeric)::smallint
    from jsonb_each(s -> 'answers') a
    join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key
    on conflict (response_id, item_id) do update set rating = excluded.rating
      where public.response_answer.rating is distinct from excluded.rating;
  end if;

  if v_text is not null then
    if v_suggestion.id is null then
      insert into public.suggestion (response_id, body, category, wants_reply, created_at, updated_at)
      values (v_response.id, v_text, v_category, coalesce(s -> 'contact', 'null'::jsonb) <> 'null'::jsonb, v_at, v_at)
      returning * into v_suggestion;
    elsif v_suggestion.body <> v_text or v_suggestion.category <> v_category then
      update public.suggestion set body = v_text, category = v_category
      where id = v_suggestion.id
      returning * into v_suggestion;
    end if;
  end if;

  if v_phone is not null or v_email is not null then
    v_retention := v_org.contact_retention_days;
    if v_org.id is null then
      select contact_retention_days into v_retention from public.organisation where id = 1;
    end if;
    insert into public.contact_detail (suggestion_id, name, phone, email, consent_at, purge_after)
    values (v_suggestion.id, v_name, v_phone, v_email, now(), now() + make_interval(days => coalesce(v_retention, 365)))
    on conflict (suggestion_id) do update
      set name = excluded.name, phone = excluded.phone, email = excluded.email,
          consent_at = excluded.consent_at, purge_after = excluded.purge_after;
    if not v_suggestion.wants_reply then
      update public.suggestion set wants_reply = true where id = v_suggestion.id;
    end if;
  end if;

  -- The citizen is not told whether their response was flagged: that would teach a stuffer the threshold.
  return jsonb_build_object(
    'responseId', v_response.id,
    'reference', v_response.reference,
    'created', v_created,
    'hasSuggestion', v_suggestion.id is not null);
end
$$;

comment on function public.submit_response(jsonb) is
  'Server only (service_role): store a response, or add to the one with the same client_key. Validates everything '
  'before the first write; refusals raise 22023 with a code in MESSAGE and the field in DETAIL.';

create or replace function public.submit_response_batch(p_submissions jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_results jsonb := '[]';
  v_item jsonb;
begin
  if jsonb_typeof(p_submissions) is distinct from 'array' or jsonb_array_length(p_submissions) > 5000 then
    perform app.refuse('invalid_batch', null);
  end if;
  for v_item in select value from jsonb_array_elements(p_submissions) loop
    v_results := v_results || jsonb_build_array(public.submit_response(v_item));
  end loop;
  return v_results;
end
$$;

comment on function public.submit_response_batch(jsonb) is
  'Server only (service_role): import many responses (paper forms, demo data) all or nothing.';

-- The citizen's submission and its flood guard in one transaction, so one commit per tap: the hit is counted
-- whether the submission is then refused at the flood rate or stored; a submission refused at the flood rate stores
-- nothing and is answered {refused: 'rate_limited', retryAfter}; one that submit_response refuses rolls back with its
-- hit.

create or replace function public.submit_citizen_response(p_submission jsonb, p_flood_per_minute int default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_source text := p_submission ->> 'source_hash';
  v_verdict jsonb;
begin
  if v_source is not null and p_flood_per_minute is not null then
    v_verdict := public.rate_limit_hit('submit:flood:' || v_source, 60, p_flood_per_minute);
    if not (v_verdict ->> 'allowed')::boolean then
      return jsonb_build_object('refused', 'rate_limited', 'retryAfter', (v_verdict ->> 'retryAfter')::int);
    end if;
  end if;
  return public.submit_response(p_submission);
end
$$;

comment on function public.submit_citizen_response(jsonb, int) is
  'Server only (service_role): count the hit against p_flood_per_minute submissions a minute from the submission''s '
  'source_hash and, within it, submit_response; at the flood rate nothing is stored and {refused, retryAfter} comes back.';

-- ---------------------------------------------------------------------------------------------------------------
-- Export
-- ---------------------------------------------------------------------------------------------------------------

-- The one planner switch in the schema, for a figure a user waits on. An export calls this once per page of 2,000
-- rows on one connection, so from the sixth page PL/pgSQL would reuse a generic plan. Not knowing which filters are
-- set, that plan reads every response of every counter and sorts them: on 1,000,000 responses (PostgreSQL 15,
-- 2026-12-06) a page took 7.1–13.1 s against 0.5–1.1 s with a plan made for its own values, and the whole export
-- ran at 337 rows/s instead of thousands (1,000,000 rows in 50 minutes instead of a few).
create or replace function public.export_responses(p_filter jsonb, p_after jsonb default null, p_limit int default 2000)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_from timestamptz;
  v_to timestamptz;
  v_after_at timestamptz;
  v_after_id uuid;
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['from', 'to', 'division', 'servicePoint', 'channel', 'includeFlagged']);
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$'
     or coalesce(p_after ->> 'at', '2000-01-01T00:00:00Z') !~ '^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);
  v_after_at := (p_after ->> 'at')::timestamptz;
  v_after_id := (p_after ->> 'id')::uuid;

  return (
    select coalesce(jsonb_agg(row_to_json(x)::jsonb order by x."createdAt", x.id), '[]')
    from (
      select r.id, r.reference, r.created_at as "createdAt", app.fiscal_year(r.created_at) as "fiscalYear",
             p.slug as "servicePoint", d.slug as division, r.channel, r.locale, r.overall_rating as "overallRating",
             r.gender, r.age_band as "ageBand", r.education, r.occupation, r.main_reason as "mainReason",
             r.flag, r.is_demo as "isDemo",
             (select jsonb_object_agg(i.code, a.rating) from public.response_answer a join public.survey_item i on i.id = a.item_id
              where a.response_id = r.id) as answers,
             s.category as "suggestionCategory", s.status as "suggestionStatus", s.body as "suggestionText"
      from public.response r
      join public.service_point p on p.id = r.service_point_id
      join public.division d on d.id = p.division_id
      left join public.suggestion s on s.response_id = r.id
      where (v_from is null or r.created_at >= v_from)
        and (v_to is null or r.created_at < v_to)
        and (f ->> 'division' is null or d.slug = f ->> 'division')
        and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
        and (f ->> 'channel' is null or r.channel = f ->> 'channel')
        and (coalesce((f ->> 'includeFlagged')::boolean, false) or r.flag is null)
        -- One row comparison, with the first page's bound filled in: an index condition in any plan, so a page costs
        -- the same however far the export has got.
        and (r.created_at, r.id) > (coalesce(v_after_at, '-infinity'), coalesce(v_after_id, '00000000-0000-0000-0000-000000000000'))
      order by r.created_at, r.id
      limit least(greatest(coalesce(p_limit, 2000), 1), 5000)
    ) x);
exception
  when invalid_text_representation or invalid_datetime_format or datetime_field_overflow then
    perform app.refuse('invalid_value', 'filter');
end
$$;

comment on function public.export_responses(jsonb, jsonb, int) is
  'Staff: a page of responses for export (after = {at, id} of the last row), with the kiosk follow-up answer; no '
  'contact details; RLS applies.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.next_reference(timestamp with time zone),
  app.normalize_reference(text),
  app.reference_sequence(integer),
  app.responses_from_device(text, bigint, timestamp with time zone, timestamp with time zone, boolean),
  app.responses_from_source(text, bigint, timestamp with time zone),
  public.export_responses(jsonb, jsonb, integer),
  public.submit_citizen_response(jsonb, integer),
  public.submit_response(jsonb),
  public.submit_response_batch(jsonb)
from public, anon, authenticated, service_role;
grant execute on function
  app.normalize_reference(text),
  public.export_responses(jsonb, jsonb, integer)
to authenticated, service_role;
grant execute on function
  app.next_reference(timestamp with time zone),
  public.submit_citizen_response(jsonb, integer),
  public.submit_response(jsonb),
  public.submit_response_batch(jsonb)
to service_role;

revoke all on public.response from anon, authenticated, service_role;
grant select on public.response to authenticated;
grant select, insert, update, delete on public.response to service_role;

revoke all on public.response_answer from anon, authenticated, service_role;
grant select on public.response_answer to authenticated;
grant select, insert, update, delete on public.response_answer to service_role;
