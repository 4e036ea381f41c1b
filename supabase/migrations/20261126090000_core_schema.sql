-- Core schema: the municipality, where citizens are served, what they are asked, and what they answered.
--
-- Invariants guarded here:
--   * anon reads no table. Every public read goes through a security-definer function (see *_public_api.sql).
--     RLS is enabled on every table, and table privileges are revoked from anon as a second wall.
--   * Personal data (contact details) lives in its own table, apart from the answers.
--   * An answer can only name an item of the survey version its response answered (composite foreign keys),
--     and a published survey version never changes (trigger).
--   * Localised text is a jsonb object {"th": …, "en": …, "my": …} with Thai always present.

create schema if not exists app;
comment on schema app is 'Private helpers used by policies and functions; never exposed through the API.';

-- ---------------------------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.is_localized_text(t jsonb, max_len int default 500)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select jsonb_typeof(t) = 'object'
     and char_length(btrim(coalesce(t ->> 'th', ''))) > 0
     and not exists (
       select 1
       from jsonb_each(t) as e
       where e.key not in ('th', 'en', 'my')
          or jsonb_typeof(e.value) <> 'string'
          or char_length(e.value #>> '{}') > max_len
     )
$$;
comment on function app.is_localized_text(jsonb, int) is
  'True when t is {"th": non-empty, "en"?: text, "my"?: text}, each at most max_len characters.';

create or replace function app.localized(t jsonb, locale text)
returns text
language sql
immutable
set search_path = ''
as $$
  select coalesce(nullif(btrim(t ->> locale), ''), t ->> 'th')
$$;
comment on function app.localized(jsonb, text) is 'The text in the requested locale, falling back to Thai.';

create or replace function app.fiscal_year(ts timestamptz)
returns int
language sql
immutable
set search_path = ''
as $$
  -- The Thai fiscal year runs 1 Oct – 30 Sep in Bangkok time and is named by the B.E. year it ends in.
  select extract(year from (timezone('Asia/Bangkok', ts) + interval '3 months'))::int + 543
$$;
comment on function app.fiscal_year(timestamptz) is
  'Thai fiscal year (B.E.) of a moment: FY2566 = 1 Oct 2022 – 30 Sep 2023, Asia/Bangkok.';

create or replace function app.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- The municipality and where it serves citizens
-- ---------------------------------------------------------------------------------------------------------------

create table public.organisation (
  id smallint primary key default 1 check (id = 1),
  name jsonb not null check (app.is_localized_text(name, 200)),
  reference_prefix text not null default 'KP' check (reference_prefix ~ '^[A-Z]{1,6}$'),
  contact jsonb not null default '{}' check (jsonb_typeof(contact) = 'object'),
  pdpa_notice jsonb not null default '{}' check (jsonb_typeof(pdpa_notice) = 'object'),
  contact_retention_days int not null default 365 check (contact_retention_days between 30 and 3650),
  level_bands text not null default '0.5' check (level_bands in ('0.5', '0.8')),
  thai_digits boolean not null default false,
  eit_url text check (eit_url is null or eit_url ~ '^https://'),
  burst_window_seconds int not null default 60 check (burst_window_seconds between 10 and 3600),
  burst_max_per_source int not null default 3 check (burst_max_per_source between 1 and 100),
  burst_max_per_device int not null default 2 check (burst_max_per_device between 1 and 100),
  updated_at timestamptz not null default now()
);
comment on table public.organisation is
  'The one municipality this installation serves: its name, reference prefix, PDPA notice and display settings.';
comment on column public.organisation.burst_max_per_source is
  'Ballot stuffing: at most this many responses from one address (hash) to one service point within '
  'burst_window_seconds are counted; the rest are kept but flagged and left out of the statistics.';
comment on column public.organisation.level_bands is
  'How a mean is read as a level: 0.5-wide (4.51–5.00 มากที่สุด) or 0.8-wide (4.21–5.00 มากที่สุด) bands.';

create table public.division (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name jsonb not null check (app.is_localized_text(name, 200)),
  position int not null default 0,
  created_at timestamptz not null default now()
);
comment on table public.division is 'A division (กอง/สำนัก) of the municipality that owns services and answers suggestions.';

create table public.service_point (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  division_id bigint not null references public.division (id),
  name jsonb not null check (app.is_localized_text(name, 200)),
  services jsonb not null default '[]' check (jsonb_typeof(services) = 'array'),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.service_point is
  'A counter or service where citizens are served; its slug is the QR target /{locale}/s/{slug}.';
comment on column public.service_point.services is 'The services offered there, each a localised text object.';
create index service_point_division_idx on public.service_point (division_id);

-- ---------------------------------------------------------------------------------------------------------------
-- What citizens are asked
-- ---------------------------------------------------------------------------------------------------------------

create table public.survey_version (
  id bigint generated always as identity primary key,
  version_no int not null unique check (version_no > 0),
  status text not null default 'draft' check (status in ('draft', 'published', 'retired')),
  overall_question jsonb not null check (app.is_localized_text(overall_question, 300)),
  respondent_questions text[] not null default array['gender', 'age_band', 'education', 'occupation']
    check (respondent_questions <@ array['gender', 'age_band', 'education', 'occupation']),
  published_at timestamptz,
  created_at timestamptz not null default now(),
  check ((status = 'draft') = (published_at is null))
);
comment on table public.survey_version is
  'A version of the questionnaire. Drafts are edited; a published version never changes; responses keep theirs.';
create unique index survey_version_one_published on public.survey_version ((true)) where status = 'published';

create table public.survey_item (
  id bigint generated always as identity primary key,
  survey_version_id bigint not null references public.survey_version (id) on delete cascade,
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  dimension text not null check (dimension in ('process', 'staff', 'facilities', 'outcome')),
  position int not null default 0,
  text jsonb not null check (app.is_localized_text(text, 300)),
  unique (survey_version_id, code),
  unique (id, survey_version_id)
);
comment on table public.survey_item is
  'A rated statement within one of the four standard dimensions. The same code across versions means the same item.';

create or replace function app.guard_published_survey()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_status text;
begin
  if tg_table_name = 'survey_version' then
    -- Only the lifecycle may move: draft → published → retired. Content is frozen once published.
    if old.status <> 'draft' and (
         new.overall_question is distinct from old.overall_question
      or new.respondent_questions is distinct from old.respondent_questions
      or new.version_no is distinct from old.version_no
      or (old.status = 'retired' and new.status <> 'retired')
      or (old.status = 'published' and new.status = 'draft')) then
      raise exception 'survey_version_frozen' using errcode = '55000',
        detail = 'A published survey version never changes; create a new version instead.';
    end if;
    return new;
  end if;

  select status into v_status
  from public.survey_version
  where id = coalesce(new.survey_version_id, old.survey_version_id);
  -- A missing version means a draft is being deleted with its items (cascade); that is allowed.
  if v_status in ('published', 'retired') then
    raise exception 'survey_version_frozen' using errcode = '55000',
      detail = 'Items of a published survey version never change; create a new version instead.';
  end if;
  return coalesce(new, old);
end
$$;

create trigger survey_version_frozen before update or delete on public.survey_version
  for each row when (old.status <> 'draft') execute function app.guard_published_survey();
create trigger survey_item_frozen before insert or update or delete on public.survey_item
  for each row execute function app.guard_published_survey();

-- ---------------------------------------------------------------------------------------------------------------
-- What citizens answered
-- ---------------------------------------------------------------------------------------------------------------

create table public.reference_counter (
  fiscal_year int primary key,
  last_value int not null check (last_value > 0)
);
comment on table public.reference_counter is 'The last reference number issued in each fiscal year (KP-2570-000123).';

create table public.response (
  id uuid primary key default gen_random_uuid(),
  client_key uuid not null unique,
  reference text not null unique,
  service_point_id bigint not null references public.service_point (id),
  survey_version_id bigint not null references public.survey_version (id),
  channel text not null default 'qr' check (channel in ('qr', 'kiosk', 'paper')),
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
  unique (id, survey_version_id)
);
comment on table public.response is
  'One citizen''s rating of one service point. The one-tap overall rating is stored at once; the rest may follow '
  'under the same client key. No personal data: the source is a keyed hash, never an address.';
comment on column public.response.client_key is 'Idempotency key sent by the client: a resubmit never stores a second response.';
comment on column public.response.flag is 'Set when the response looks like ballot stuffing; flagged responses are kept but not counted.';
create index response_point_created_idx on public.response (service_point_id, created_at);
create index response_created_idx on public.response (created_at);
create index response_source_idx on public.response (source_hash, service_point_id, created_at) where source_hash is not null;
create index response_device_idx on public.response (device_key, service_point_id, created_at) where device_key is not null;
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
  'A rating (1–5) of one survey item; the keys make sure the item belongs to the version the response answered.';
create index response_answer_item_idx on public.response_answer (item_id);

create table public.suggestion (
  id bigint generated always as identity primary key,
  response_id uuid not null unique references public.response (id) on delete cascade,
  body text not null check (char_length(btrim(body)) between 1 and 2000 and body !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
  category text not null default 'other'
    check (category in ('process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other')),
  status text not null default 'new' check (status in (
    'new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'declined', 'duplicate', 'not_responsible')),
  assigned_division_id bigint references public.division (id),
  duplicate_of bigint references public.suggestion (id),
  wants_reply boolean not null default false,
  public_body text check (char_length(public_body) <= 2000),
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'duplicate') = (duplicate_of is not null))
);
comment on table public.suggestion is
  '"What should we improve?": free text stored exactly as typed, triaged and routed by staff.';
comment on column public.suggestion.public_body is
  'The text as it may be shown publicly, with personal data or abuse removed by staff; null until reviewed.';
comment on column public.suggestion.version is 'Optimistic-concurrency counter: a save naming an older version is refused.';
create index suggestion_status_created_idx on public.suggestion (status, created_at desc);
create index suggestion_division_idx on public.suggestion (assigned_division_id);
create trigger suggestion_touch before update on public.suggestion
  for each row execute function app.touch_updated_at();

create table public.contact_detail (
  suggestion_id bigint primary key references public.suggestion (id) on delete cascade,
  name text check (char_length(name) <= 100),
  phone text check (phone ~ '^\+?[0-9][0-9 -]{5,19}$'),
  email text check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  consent_at timestamptz not null default now(),
  purge_after timestamptz not null,
  check (phone is not null or email is not null)
);
comment on table public.contact_detail is
  'PDPA: contact details a citizen gave, with separate consent, so that staff can reply. Apart from the answers, '
  'seen only by those who must reply, and purged after the retention period.';
create index contact_detail_purge_idx on public.contact_detail (purge_after);

create table public.improvement_action (
  id bigint generated always as identity primary key,
  division_id bigint not null references public.division (id),
  title jsonb not null check (app.is_localized_text(title, 200)),
  description jsonb not null default '{}' check (jsonb_typeof(description) = 'object'),
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
  progress smallint not null default 0 check (progress between 0 and 100),
  dropped_reason text check (char_length(dropped_reason) <= 1000),
  planned_date date,
  completed_date date,
  published boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'dropped' or dropped_reason is not null),
  check (status <> 'done' or completed_date is not null)
);
comment on table public.improvement_action is
  'What a division changed because of the feedback ("you said, we did"). Public only once published.';
create index improvement_action_division_idx on public.improvement_action (division_id);
create trigger improvement_action_touch before update on public.improvement_action
  for each row execute function app.touch_updated_at();

-- ---------------------------------------------------------------------------------------------------------------
-- Row level security: on for every table. No policy grants anon anything; staff policies arrive with sign-in.
-- service_role bypasses RLS (as on Supabase) and is used by the server only after its own checks.
-- ---------------------------------------------------------------------------------------------------------------

alter table public.organisation enable row level security;
alter table public.division enable row level security;
alter table public.service_point enable row level security;
alter table public.survey_version enable row level security;
alter table public.survey_item enable row level security;
alter table public.reference_counter enable row level security;
alter table public.response enable row level security;
alter table public.response_answer enable row level security;
alter table public.suggestion enable row level security;
alter table public.contact_detail enable row level security;
alter table public.improvement_action enable row level security;

-- Supabase grants anon and authenticated every table by default; take it back from anon explicitly.
revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
grant usage on schema app to authenticated, service_role;
grant all on all tables in schema public to service_role;
grant all on all sequences in schema public to service_role;
grant execute on all functions in schema app to authenticated, service_role;
