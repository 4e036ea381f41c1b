-- Foundation: the private schema `app` and the helpers every domain uses: localised text, the Thai fiscal year,
-- validation that refuses with a stable code, and who the caller is (their staff role and division).
--
-- Who may touch it: nobody reads or writes anything here directly. `app` is not exposed through the API (PostgREST
-- serves `public` only); authenticated and service_role may use the schema so that policies and security-invoker
-- functions can call the helpers granted to them below. anon has no usage on `app` at all.
--
-- Conventions of every file in supabase/schemas/ (applied in the order of supabase/config.toml):
--   * each object is defined once, in its current form; a change is an edit here plus a migration (docs/database.md);
--   * every function pins `search_path = ''` (or has a SQL-standard body, bound when it is created) and names
--     everything schema-qualified;
--   * every table has RLS enabled, and privileges are granted per table and per function, never "on all … in schema";
--   * refusals of input raise SQLSTATE 22023 with a stable code as the message and the field in DETAIL.

create schema if not exists app;
comment on schema app is 'Private helpers used by policies and functions; never exposed through the API.';
revoke all on schema app from public, anon;
grant usage on schema app to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- Localised text and dates
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

-- app.fiscal_year as a function the planner can inline.
--
-- Why: perf on the PostgreSQL server under full-submission load showed fmgr_sql with stringToNode and parse analysis
-- (~2 % of the server's CPU): a LANGUAGE sql function with a SET clause is never inlined, so every call ran it as a
-- query of its own, parsed again in each transaction (submit_response takes the fiscal year of every new response's
-- reference) and run per row in the exports and the public pages that filter by fiscal year (2.6 s for 1,000,000
-- calls against 0.4 s inlined). A SQL-standard body (RETURN …) is parsed once, when the function is created, so the
-- names in it are bound then and the search path of a caller cannot change them; without the SET clause the planner
-- inlines it. Same result for every moment.

create or replace function app.fiscal_year(ts timestamptz)
returns int
language sql
immutable
parallel safe
return extract(year from (timezone('Asia/Bangkok', ts) + interval '3 months'))::int + 543;

comment on function app.fiscal_year(timestamptz) is
  'Thai fiscal year (B.E.) of a moment: FY2566 = 1 Oct 2022 – 30 Sep 2023, Asia/Bangkok. 1 Oct – 30 Sep in Bangkok '
  'time, named by the B.E. year it ends in. Inlined by the planner (no SET clause; the body was bound at creation).';



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

-- The citizen-facing API: read a service point's survey, submit a response, follow a reference.
--
-- Invariants:
--   * anon executes only the public pages' functions (survey_form and the aggregates). They are security definer,
--     validate every argument and return only what the public may see. Tracking (track_response, track_actions) is
--     the server's, after its per-address limit: a public anon key would skip that limit (issue 17).
--   * submit_response trusts facts only the server knows (the hashed source, the channel, the import date), so it is
--     executable by service_role alone. The Next.js server calls it after its own validation and rate limits;
--     the function validates everything again, because on Supabase any client holding a key can call it.
--   * Every refusal raises errcode 22023 with a stable message code (invalid_rating, unknown_service_point, …) and the
--     offending field in DETAIL, so the server can show a localised field error. Nothing is stored from a refused call.

-- ---------------------------------------------------------------------------------------------------------------
-- Validation helpers
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.refuse(code text, field text default null)
returns void
language plpgsql
set search_path = ''
as $$
begin
  raise exception '%', code using errcode = '22023', detail = coalesce(field, '');
end
$$;

comment on function app.refuse(text, text) is 'Raise a validation refusal: errcode 22023, message = code, detail = field.';



create or replace function app.expect_rating(v jsonb, field text)
returns smallint
language plpgsql
immutable
set search_path = ''
as $$
begin
  if jsonb_typeof(v) is distinct from 'number' or (v::text)::numeric not in (1, 2, 3, 4, 5) then
    perform app.refuse('invalid_rating', field);
  end if;
  return ((v::text)::numeric)::smallint;
end
$$;



create or replace function app.expect_text(v jsonb, field text, max_len int, allowed text[] default null)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  t text;
begin
  if v is null or v = 'null'::jsonb then
    return null;
  end if;
  if jsonb_typeof(v) <> 'string' then
    perform app.refuse('invalid_value', field);
  end if;
  t := v #>> '{}';
  if char_length(t) > max_len then
    perform app.refuse('text_too_long', field);
  end if;
  if t ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' then
    perform app.refuse('invalid_characters', field);
  end if;
  if allowed is not null and not (t = any (allowed)) then
    perform app.refuse('invalid_choice', field);
  end if;
  return t;
end
$$;


create or replace function app.expect_keys(v jsonb, field text, allowed text[])
returns void
language plpgsql
immutable
set search_path = ''
as $$
declare
  k text;
begin
  if jsonb_typeof(v) is distinct from 'object' then
    perform app.refuse('invalid_value', field);
  end if;
  if v - allowed = '{}'::jsonb then
    return; -- the usual case, without a query
  end if;
  select key into k from jsonb_object_keys(v) as key where not (key = any (allowed)) limit 1;
  perform app.refuse('unknown_field', coalesce(field || '.', '') || k);
end
$$;



create or replace function app.staff_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select s.role
  from public.staff s
  where s.user_id = auth.uid()
    and s.active
    and not exists (
      select 1 from public.staff_session x
      where x.id = nullif(auth.jwt() ->> 'session_id', '')::uuid and x.ended_at is not null)
$$;

comment on function app.staff_role() is
  'The signed-in staff member''s role, or null (not staff, deactivated, or their session was ended).';



create or replace function app.staff_division()
returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select s.division_id from public.staff s where s.user_id = auth.uid() and app.staff_role() is not null
$$;

comment on function app.staff_division() is 'The signed-in staff member''s division, or null.';



create or replace function app.actor_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(app.staff_role(), case when auth.uid() is null then coalesce(auth.role(), current_user) end, 'unknown')
$$;



-- ---------------------------------------------------------------------------------------------------------------
-- The inbox
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.like_pattern(p_text text)
returns text
language sql
immutable
set search_path = ''
as $$
  select '%' || replace(replace(replace(p_text, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;



create or replace function app.bangkok_day_start(p_day date)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select p_day::timestamp at time zone 'Asia/Bangkok'
$$;

-- Administration: the organisation profile, divisions, service points and staff accounts.
--
-- Invariants:
--   * Changes go through these functions as the signed-in admin (security invoker where RLS can decide; definer
--     where auth.users must be touched, with an explicit admin check), so the audit trail records who changed what.
--   * At least one active admin always remains: nobody can lock the municipality out of its own installation.

create or replace function app.require_admin()
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if app.staff_role() is distinct from 'admin' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
end
$$;



create or replace function app.expect_localized(v jsonb, field text, max_len int)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_clean jsonb;
begin
  if jsonb_typeof(v) is distinct from 'object' then
    perform app.refuse('invalid_value', field);
  end if;
  perform app.expect_keys(v, field, array['th', 'en', 'my']);
  select coalesce(jsonb_object_agg(key, btrim(value #>> '{}')), '{}') into v_clean
  from jsonb_each(v) where jsonb_typeof(value) = 'string' and btrim(value #>> '{}') <> '';
  if not app.is_localized_text(v_clean, max_len) then
    perform app.refuse(case when coalesce(v_clean ->> 'th', '') = '' then 'thai_required' else 'text_too_long' end, field);
  end if;
  return v_clean;
end
$$;

comment on function app.expect_localized(jsonb, text, int) is
  'Validate a {"th","en","my"} text object (Thai required, others optional); empty translations are dropped.';



create or replace function app.expect_localized_or_empty(v jsonb, field text, max_len int)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
begin
  if v is null or v = 'null'::jsonb or v = '{}'::jsonb
     or not exists (select 1 from jsonb_each_text(v) e where btrim(e.value) <> '') then
    return '{}';
  end if;
  return app.expect_localized(v, field, max_len);
end
$$;



create or replace function app.expect_all_locales(v jsonb, field text, max_len int)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_locale text;
  v_out jsonb := '{}';
  v_text text;
begin
  if v is null or jsonb_typeof(v) <> 'object' then
    perform app.refuse('invalid_value', field);
  end if;
  perform app.expect_keys(v, field, array['th', 'en', 'my']);
  foreach v_locale in array array['th', 'en', 'my'] loop
    if v -> v_locale is not null and jsonb_typeof(v -> v_locale) <> 'string' then
      perform app.refuse('invalid_value', field || '.' || v_locale);
    end if;
    v_text := btrim(coalesce(v ->> v_locale, ''));
    if v_text = '' then
      perform app.refuse('translation_required', field || '.' || v_locale);
    end if;
    if char_length(v_text) > max_len then
      perform app.refuse('text_too_long', field || '.' || v_locale);
    end if;
    if v_text ~ '[\x01-\x1f\x7f]' then
      perform app.refuse('invalid_characters', field || '.' || v_locale);
    end if;
    v_out := v_out || jsonb_build_object(v_locale, v_text);
  end loop;
  return v_out;
end
$$;

comment on function app.expect_all_locales(jsonb, text, int) is
  'Validate a text object that must exist in every enabled locale (th, en, my); refuses with field.locale.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.actor_role(),
  app.bangkok_day_start(date),
  app.expect_all_locales(jsonb, text, integer),
  app.expect_keys(jsonb, text, text[]),
  app.expect_localized(jsonb, text, integer),
  app.expect_localized_or_empty(jsonb, text, integer),
  app.expect_rating(jsonb, text),
  app.expect_text(jsonb, text, integer, text[]),
  app.fiscal_year(timestamp with time zone),
  app.is_localized_text(jsonb, integer),
  app.like_pattern(text),
  app.localized(jsonb, text),
  app.refuse(text, text),
  app.require_admin(),
  app.staff_division(),
  app.staff_role(),
  app.touch_updated_at()
from public, anon, authenticated, service_role;
grant execute on function
  app.actor_role(),
  app.bangkok_day_start(date),
  app.expect_all_locales(jsonb, text, integer),
  app.expect_keys(jsonb, text, text[]),
  app.expect_localized(jsonb, text, integer),
  app.expect_localized_or_empty(jsonb, text, integer),
  app.expect_rating(jsonb, text),
  app.expect_text(jsonb, text, integer, text[]),
  app.fiscal_year(timestamp with time zone),
  app.is_localized_text(jsonb, integer),
  app.like_pattern(text),
  app.localized(jsonb, text),
  app.refuse(text, text),
  app.require_admin(),
  app.staff_division(),
  app.staff_role(),
  app.touch_updated_at()
to authenticated, service_role;
