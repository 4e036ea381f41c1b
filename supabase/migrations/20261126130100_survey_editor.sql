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

revoke execute on function public.admin_survey_versions(), public.admin_survey_version(int), public.admin_survey_draft_create(int),
  public.admin_survey_draft_save(int, jsonb), public.admin_survey_publish(int), public.admin_survey_draft_delete(int) from public, anon;
grant execute on function public.admin_survey_versions(), public.admin_survey_version(int), public.admin_survey_draft_create(int),
  public.admin_survey_draft_save(int, jsonb), public.admin_survey_publish(int), public.admin_survey_draft_delete(int)
  to authenticated, service_role;
revoke execute on all functions in schema app from public, anon;
grant execute on all functions in schema app to authenticated, service_role;
