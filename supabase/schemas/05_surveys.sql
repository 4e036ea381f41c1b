-- Surveys: the questionnaire in versions. A draft is edited; a published version never changes (trigger), and every
-- response keeps the version it answered. An item is its code: the same code across versions means the same item.
--
-- Who may touch it: anyone reads the version in use through survey_form (anon included); staff read every version;
-- admins edit drafts and publish them through the admin_survey_* functions, each item change audited.

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
  -- Whether responses may answer it: a draft's items may still change or go. Responses reference (id, true).
  accepts_responses boolean generated always as (status <> 'draft') stored,
  check ((status = 'draft') = (published_at is null)),
  unique (id, accepts_responses)
);


comment on table public.survey_version is
  'A version of the questionnaire. Drafts are edited; a published version never changes; responses keep theirs.';


create unique index survey_version_one_published on public.survey_version ((true)) where status = 'published';



create table public.survey_item (
  id bigint generated always as identity primary key,
  survey_version_id bigint not null references public.survey_version (id) on delete cascade,
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$') constraint survey_item_code_not_overall check (code <> 'overall'),
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


alter table public.survey_version enable row level security;


alter table public.survey_item enable row level security;



-- ---------------------------------------------------------------------------------------------------------------
-- survey_form: what the QR page shows
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.survey_form(p_service_point text, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_point public.service_point;
  v_version public.survey_version;
  v_org public.organisation;
begin
  if p_service_point is null or p_service_point !~ '^[a-z0-9][a-z0-9-]{1,39}$' then
    return null;
  end if;
  select * into v_point from public.service_point where slug = p_service_point;
  if not found then
    return null;
  end if;
  select * into v_org from public.organisation where id = 1;

  if not v_point.active then
    return jsonb_build_object(
      'servicePoint', jsonb_build_object('slug', v_point.slug, 'name', app.localized(v_point.name, v_locale), 'active', false),
      'organisation', jsonb_build_object('name', app.localized(v_org.name, v_locale)));
  end if;

  select * into v_version from public.survey_version where status = 'published';

  return jsonb_build_object(
    'servicePoint', jsonb_build_object(
      'slug', v_point.slug,
      'name', app.localized(v_point.name, v_locale),
      'active', true,
      'division', (select app.localized(d.name, v_locale) from public.division d where d.id = v_point.division_id),
      'services', (select coalesce(jsonb_agg(app.localized(s, v_locale)), '[]') from jsonb_array_elements(v_point.services) s)),
    'organisation', jsonb_build_object(
      'name', app.localized(v_org.name, v_locale),
      'pdpaNotice', app.localized(v_org.pdpa_notice, v_locale),
      'contactRetentionDays', v_org.contact_retention_days,
      'contact', v_org.contact),
    'survey', case when v_version.id is null then null else jsonb_build_object(
      'versionNo', v_version.version_no,
      'overallQuestion', app.localized(v_version.overall_question, v_locale),
      'respondentQuestions', to_jsonb(v_version.respondent_questions),
      'items', (
        select coalesce(jsonb_agg(jsonb_build_object(
                 'code', i.code, 'dimension', i.dimension, 'text', app.localized(i.text, v_locale))
                 order by array_position(array['process', 'staff', 'facilities', 'outcome'], i.dimension), i.position, i.code),
               '[]')
        from public.survey_item i
        where i.survey_version_id = v_version.id)) end);
end
$$;

comment on function public.survey_form(text, text) is
  'Public: the service point, organisation notice and current survey for the QR page; null for an unknown point.';


-- ---------------------------------------------------------------------------------------------------------------
-- public_service_points: the home page's "rate a service you used" list (the website channel, issue 18)
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.public_service_points(p_locale text default 'th')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'organisation', (select app.localized(o.name, l.locale) from public.organisation o where o.id = 1),
    'servicePoints', coalesce((
      select jsonb_agg(jsonb_build_object(
               'slug', p.slug,
               'name', app.localized(p.name, l.locale),
               'division', app.localized(d.name, l.locale))
             order by app.localized(d.name, l.locale), app.localized(p.name, l.locale))
      from public.service_point p
      join public.division d on d.id = p.division_id
      where p.active), '[]'::jsonb))
  from (select case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end as locale) l
$$;

comment on function public.public_service_points(text) is
  'Public: the municipality''s name and its active service points (slug, name, division), for the home page''s list.';


create trigger survey_version_audit after insert or update or delete on public.survey_version
  for each row execute function app.audit_row('id');



create policy survey_version_read on public.survey_version for select to authenticated
  using ((select app.staff_role()) is not null);


create policy survey_version_insert on public.survey_version for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy survey_version_update on public.survey_version for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy survey_version_delete on public.survey_version for delete to authenticated
  using ((select app.staff_role()) = 'admin');



create policy survey_item_read on public.survey_item for select to authenticated
  using ((select app.staff_role()) is not null);


create policy survey_item_insert on public.survey_item for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy survey_item_update on public.survey_item for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy survey_item_delete on public.survey_item for delete to authenticated
  using ((select app.staff_role()) = 'admin');

-- Statistics: the satisfaction figures, computed once, in SQL, so that the staff dashboard, the official report, the
-- exports and the public page agree to the last digit.
--
-- Invariants:
--   * Rollups equal a GROUP BY over the raw tables after every statement. Triggers on response and response_answer
--     apply each statement's difference (old rows subtracted, new rows added) in the same transaction, and
--     app.stat_rebuild() recomputes everything through the same code (the backfill at the end of this file).
--   * Flagged responses (flag is not null) contribute nothing to any rollup except stat_response_*.flagged.
--   * A rating rollup row holds n, Σx, Σx² and the count per level of one cell; a CHECK ties Σx and Σx² to the level
--     counts, so mean = Σx / n and the sample S.D. = sqrt((nΣx² − (Σx)²) / (n(n − 1))) follow exactly from the row.
--   * Days are Bangkok calendar days, (created_at at time zone 'Asia/Bangkok')::date, written inline (a SQL function
--     with set search_path is never inlined); a month row is the sum of its day rows. Readers take whole months from the
--     month tables and only the days of partial months at the edges from the day tables, so a fiscal year costs
--     12 × points × channels × items rows whatever the number of responses.
--   * An item is its code across survey versions (see public.survey_item), so rollups key on the code; the overall
--     (one-tap) question is the code 'overall', which therefore can never be an item's code.
--   * One computation (app.stat_figures) serves public.satisfaction_stats (staff, service_role); the same rollups feed
--     public.public_results (anyone: fixed periods, complementary suppression; see 07_statistics.sql).

-- ---------------------------------------------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------------------------------------------


-- Survey versions: the administrator edits a draft, previews it, and publishes it.
--
-- Invariants:
--   * Drafts are copies. A published (or retired) version never changes (trigger in the core schema), so removing or
--     rewording an item is always a new version, and every response keeps the version and item texts it answered.
--   * Publishing retires the published version and publishes the draft in one transaction (one function call); the
--     unique index keeps exactly one published version at any moment.
--   * An item is its code across versions: the statistics pool ratings by code. So a code keeps its dimension in
--     every version (a moved item must take a new code), and a reworded item pools with its earlier wording only when
--     the administrator keeps its code.
--   * Every text exists in every enabled locale (th, en, my); codes are valid, unique in a version, and never 'overall'.
--   * Refusals raise 22023 with a code and the field ('overall.en', 'items.2.code', …) for a localised message beside it.

create trigger survey_item_audit after insert or update or delete on public.survey_item
  for each row execute function app.audit_row('id');



create or replace function app.survey_version_json(p_version public.survey_version)
returns jsonb
language sql
stable
set search_path = ''
as $$
  select jsonb_build_object(
    'versionNo', p_version.version_no, 'status', p_version.status, 'publishedAt', p_version.published_at,
    'createdAt', p_version.created_at, 'overallQuestion', p_version.overall_question,
    'respondentQuestions', to_jsonb(p_version.respondent_questions),
    'items', (select coalesce(jsonb_agg(jsonb_build_object('code', i.code, 'dimension', i.dimension, 'position', i.position,
                'text', i.text, 'answers', (select count(*) from public.response_answer a where a.item_id = i.id))
                order by array_position(array['process', 'staff', 'facilities', 'outcome'], i.dimension), i.position, i.code), '[]')
              from public.survey_item i where i.survey_version_id = p_version.id),
    'responses', (select count(*) from public.response r where r.survey_version_id = p_version.id))
$$;



-- ---------------------------------------------------------------------------------------------------------------
-- Reading
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.admin_survey_versions()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform app.require_admin();
  return (select coalesce(jsonb_agg(jsonb_build_object(
            'versionNo', v.version_no, 'status', v.status, 'publishedAt', v.published_at, 'createdAt', v.created_at,
            'items', (select count(*) from public.survey_item i where i.survey_version_id = v.id),
            'responses', (select count(*) from public.response r where r.survey_version_id = v.id))
            order by v.version_no desc), '[]')
          from public.survey_version v);
end
$$;

comment on function public.admin_survey_versions() is 'Admin: every survey version with its status, items and responses.';



create or replace function public.admin_survey_version(p_version_no int)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v public.survey_version;
begin
  perform app.require_admin();
  select * into v from public.survey_version where version_no = p_version_no;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  return app.survey_version_json(v);
end
$$;

comment on function public.admin_survey_version(int) is 'Admin: one survey version with every text in every locale, for editing and preview.';



-- ---------------------------------------------------------------------------------------------------------------
-- Drafts
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.admin_survey_draft_create(p_from_version_no int default null)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_from public.survey_version;
  v_new bigint;
  v_no int;
begin
  perform app.require_admin();
  if exists (select 1 from public.survey_version where status = 'draft') then
    perform app.refuse('draft_exists', '_form');
  end if;
  select * into v_from from public.survey_version
  where (p_from_version_no is null and status = 'published') or version_no = p_from_version_no;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  -- Serialise numbering: two admins creating drafts at once get distinct numbers or a refusal, never a clash.
  perform pg_advisory_xact_lock(hashtextextended('siang:survey_version', 0));
  select coalesce(max(version_no), 0) + 1 into v_no from public.survey_version;
  insert into public.survey_version (version_no, status, overall_question, respondent_questions)
  values (v_no, 'draft', v_from.overall_question, v_from.respondent_questions)
  returning id into v_new;
  insert into public.survey_item (survey_version_id, code, dimension, position, text)
  select v_new, i.code, i.dimension, i.position, i.text from public.survey_item i where i.survey_version_id = v_from.id;
  return jsonb_build_object('versionNo', v_no);
end
$$;

comment on function public.admin_survey_draft_create(int) is
  'Admin: a new draft, copied from a version (default: the published one). One draft at a time.';



create or replace function public.admin_survey_draft_save(p_version_no int, p_draft jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  d jsonb := coalesce(p_draft, '{}');
  v public.survey_version;
  v_overall jsonb;
  v_questions text[];
  v_item jsonb;
  v_index int := 0;
  v_code text;
  v_dimension text;
  v_codes text[] := '{}';
  v_items jsonb := '[]';
begin
  perform app.require_admin();
  select * into v from public.survey_version where version_no = p_version_no for update;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  if v.status <> 'draft' then
    -- Removing or changing an item of a published version is only possible as a new version: a draft copy.
    perform app.refuse('survey_version_frozen', '_form');
  end if;
  perform app.expect_keys(d, null, array['overallQuestion', 'respondentQuestions', 'items']);
  v_overall := app.expect_all_locales(d -> 'overallQuestion', 'overall', 300);

  if jsonb_typeof(coalesce(d -> 'respondentQuestions', '[]')) <> 'array' then
    perform app.refuse('invalid_value', 'respondentQuestions');
  end if;
  select coalesce(array_agg(distinct q.value #>> '{}'), '{}') into v_questions
  from jsonb_array_elements(coalesce(d -> 'respondentQuestions', '[]')) q;
  if not v_questions <@ array['gender', 'age_band', 'education', 'occupation'] then
    perform app.refuse('invalid_choice', 'respondentQuestions');
  end if;

  if jsonb_typeof(coalesce(d -> 'items', '[]')) <> 'array' or jsonb_array_length(coalesce(d -> 'items', '[]')) > 40 then
    perform app.refuse('too_many_items', 'items');
  end if;
  for v_item in select value from jsonb_array_elements(coalesce(d -> 'items', '[]')) loop
    perform app.expect_keys(v_item, 'items.' || v_index, array['code', 'dimension', 'text']);
    v_code := lower(btrim(coalesce(v_item ->> 'code', '')));
    if v_code !~ '^[a-z][a-z0-9_]{1,39}$' or v_code = 'overall' then
      perform app.refuse('invalid_item_code', 'items.' || v_index || '.code');
    end if;
    if v_code = any (v_codes) then
      perform app.refuse('duplicate_item_code', 'items.' || v_index || '.code');
    end if;
    v_dimension := v_item ->> 'dimension';
    if v_dimension is null or v_dimension not in ('process', 'staff', 'facilities', 'outcome') then
      perform app.refuse('invalid_choice', 'items.' || v_index || '.dimension');
    end if;
    -- The same code is the same item in every version: it may not change dimension (its ratings pool by code).
    if exists (select 1 from public.survey_item i join public.survey_version sv on sv.id = i.survey_version_id
               where i.code = v_code and sv.status <> 'draft' and i.dimension <> v_dimension) then
      perform app.refuse('item_dimension_changed', 'items.' || v_index || '.dimension');
    end if;
    v_codes := v_codes || v_code;
    v_items := v_items || jsonb_build_array(jsonb_build_object('code', v_code, 'dimension', v_dimension, 'position', v_index + 1,
      'text', app.expect_all_locales(v_item -> 'text', 'items.' || v_index || '.text', 300)));
    v_index := v_index + 1;
  end loop;

  update public.survey_version set overall_question = v_overall, respondent_questions = v_questions where id = v.id;
  delete from public.survey_item where survey_version_id = v.id and not (code = any (v_codes));
  insert into public.survey_item (survey_version_id, code, dimension, position, text)
  select v.id, x ->> 'code', x ->> 'dimension', (x ->> 'position')::int, x -> 'text' from jsonb_array_elements(v_items) x
  on conflict (survey_version_id, code) do update
    set dimension = excluded.dimension, position = excluded.position, text = excluded.text
    where (public.survey_item.dimension, public.survey_item.position, public.survey_item.text)
          is distinct from (excluded.dimension, excluded.position, excluded.text);
  return jsonb_build_object('versionNo', v.version_no, 'items', v_index);
end
$$;

comment on function public.admin_survey_draft_save(int, jsonb) is
  'Admin: replace a draft''s overall question, respondent questions and items (all validated; published versions refused).';



create or replace function public.admin_survey_publish(p_version_no int)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v public.survey_version;
  v_item record;
begin
  perform app.require_admin();
  perform pg_advisory_xact_lock(hashtextextended('siang:survey_version', 0));
  select * into v from public.survey_version where version_no = p_version_no for update;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  if v.status <> 'draft' then
    perform app.refuse('survey_version_frozen', '_form');
  end if;
  -- A draft may predate a rule or have been written directly: check it again as it will be shown.
  perform app.expect_all_locales(v.overall_question, 'overall', 300);
  for v_item in select i.code, row_number() over (order by array_position(array['process', 'staff', 'facilities', 'outcome'], i.dimension), i.position, i.code) - 1 as n, i.text
                from public.survey_item i where i.survey_version_id = v.id loop
    perform app.expect_all_locales(v_item.text, 'items.' || v_item.n || '.text', 300);
  end loop;
  update public.survey_version set status = 'retired' where status = 'published';
  update public.survey_version set status = 'published', published_at = now() where id = v.id;
  return jsonb_build_object('versionNo', v.version_no);
end
$$;

comment on function public.admin_survey_publish(int) is
  'Admin: publish a draft and retire the published version, in one transaction. Responses keep their version.';



create or replace function public.admin_survey_draft_delete(p_version_no int)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform app.require_admin();
  delete from public.survey_version where version_no = p_version_no and status = 'draft';
  if not found then
    perform app.refuse('survey_version_frozen', '_form');
  end if;
end
$$;

comment on function public.admin_survey_draft_delete(int) is 'Admin: discard a draft (published and retired versions stay forever).';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.guard_published_survey(),
  app.survey_version_json(survey_version),
  public.admin_survey_draft_create(integer),
  public.admin_survey_draft_delete(integer),
  public.admin_survey_draft_save(integer, jsonb),
  public.admin_survey_publish(integer),
  public.admin_survey_version(integer),
  public.admin_survey_versions(),
  public.public_service_points(text),
  public.survey_form(text, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.public_service_points(text),
  public.survey_form(text, text)
to anon, authenticated, service_role;
grant execute on function
  app.guard_published_survey(),
  app.survey_version_json(survey_version),
  public.admin_survey_draft_create(integer),
  public.admin_survey_draft_delete(integer),
  public.admin_survey_draft_save(integer, jsonb),
  public.admin_survey_publish(integer),
  public.admin_survey_version(integer),
  public.admin_survey_versions()
to authenticated, service_role;

revoke all on public.survey_item from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.survey_item_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.survey_item to authenticated;
grant select, insert, update, delete on public.survey_item to service_role;

revoke all on public.survey_version from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.survey_version_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.survey_version to authenticated;
grant select, insert, update, delete on public.survey_version to service_role;
