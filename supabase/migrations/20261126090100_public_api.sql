-- The citizen-facing API: read a service point's survey, submit a response, follow a reference.
--
-- Invariants:
--   * survey_form and track_response are the only things anon may execute. They are security definer,
--     validate every argument and return only what the public may see.
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
  select key into k from jsonb_object_keys(v) as key where not (key = any (allowed)) limit 1;
  if k is not null then
    perform app.refuse('unknown_field', coalesce(field || '.', '') || k);
  end if;
end
$$;

create or replace function app.normalize_reference(p_reference text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- Citizens may type Thai digits, spaces or lower case: KP 2570 000123, kp-๒๕๗๐-๐๐๐๑๒๓.
  select upper(translate(regexp_replace(coalesce(p_reference, ''), '\s+', '', 'g'), '๐๑๒๓๔๕๖๗๘๙', '0123456789'))
$$;

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
-- submit_response: store a rating at once, and let the same client key add to it
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.next_reference(p_at timestamptz)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_fy int := app.fiscal_year(p_at);
  v_seq int;
  v_prefix text;
begin
  select reference_prefix into v_prefix from public.organisation where id = 1;
  insert into public.reference_counter as c (fiscal_year, last_value) values (v_fy, 1)
  on conflict (fiscal_year) do update set last_value = c.last_value + 1
  returning last_value into v_seq;
  return coalesce(v_prefix, 'KP') || '-' || v_fy || '-'
         || case when v_seq < 1000000 then lpad(v_seq::text, 6, '0') else v_seq::text end;
end
$$;
comment on function app.next_reference(timestamptz) is 'Issue the next reference of the fiscal year: PREFIX-BE_FY-000123.';

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
begin
  perform app.expect_keys(s, null, array[
    'client_key', 'service_point', 'locale', 'channel', 'overall_rating', 'answers', 'respondent', 'suggestion',
    'contact', 'source_hash', 'device_key', 'flag', 'created_at', 'is_demo']);

  begin
    v_key := (s ->> 'client_key')::uuid;
  exception when invalid_text_representation then
    v_key := null;
  end;
  if v_key is null then
    perform app.refuse('invalid_client_key', 'client_key');
  end if;

  select * into v_point from public.service_point
  where slug = app.expect_text(s -> 'service_point', 'service_point', 40);
  if not found then
    perform app.refuse('unknown_service_point', 'service_point');
  end if;

  v_rating := app.expect_rating(s -> 'overall_rating', 'overall_rating');
  v_channel := coalesce(app.expect_text(s -> 'channel', 'channel', 10, array['qr', 'kiosk', 'paper']), 'qr');

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
      select count(*) into v_recent from public.response
      where source_hash = v_source and service_point_id = v_point.id
        and created_at > v_at - make_interval(secs => v_org.burst_window_seconds) and flag is null;
      if v_recent >= v_org.burst_max_per_source then
        v_flag := 'burst_address';
      end if;
    end if;
    if v_flag is null and v_device is not null then
      perform pg_advisory_xact_lock(hashtextextended('siang:device:' || v_device || ':' || v_point.id, 0));
      select count(*) into v_recent from public.response
      where device_key = v_device and service_point_id = v_point.id
        and created_at > v_at - make_interval(secs => v_org.burst_window_seconds) and flag is null;
      if v_recent >= v_org.burst_max_per_device then
        v_flag := 'burst_device';
      end if;
    end if;
    insert into public.response (
      client_key, reference, service_point_id, survey_version_id, channel, locale, overall_rating,
      is_demo, flag, source_hash, device_key, created_at, updated_at)
    select v_key, app.next_reference(v_at), v_point.id, v.id, v_channel,
           coalesce(app.expect_text(s -> 'locale', 'locale', 2, array['th', 'en', 'my']), 'th'),
           v_rating,
           coalesce((s -> 'is_demo') = 'true'::jsonb, false),
           v_flag, v_source, v_device,
           v_at, v_at
    from public.survey_version v
    where v.status = 'published'
    returning * into v_response;
    if v_response.id is null then
      perform app.refuse('no_published_survey', null);
    end if;
    v_created := true;
  end if;

  if not v_created and v_response.overall_rating <> v_rating then
    update public.response set overall_rating = v_rating where id = v_response.id;
  end if;

  -- Dimension items, by code, within the version this response answers.
  if s ? 'answers' and s -> 'answers' <> 'null'::jsonb then
    if jsonb_typeof(s -> 'answers') <> 'object' then
      perform app.refuse('invalid_value', 'answers');
    end if;
    -- Validate every answer first, then write them in one statement (the statistics triggers run once per statement).
    for v_entry in select key, value from jsonb_each(s -> 'answers') loop
      select * into v_item from public.survey_item
      where survey_version_id = v_response.survey_version_id and code = v_entry.key;
      if not found then
        perform app.refuse('unknown_item', 'answers.' || left(v_entry.key, 40));
      end if;
      perform app.expect_rating(v_entry.value, 'answers.' || v_entry.key);
    end loop;
    insert into public.response_answer (response_id, survey_version_id, item_id, rating)
    select v_response.id, v_response.survey_version_id, i.id, ((a.value::text)::numeric)::smallint
    from jsonb_each(s -> 'answers') a
    join public.survey_item i on i.survey_version_id = v_response.survey_version_id and i.code = a.key
    on conflict (response_id, item_id) do update set rating = excluded.rating
      where public.response_answer.rating is distinct from excluded.rating;
  end if;

  -- Optional respondent questions: only those this version asks.
  if s ? 'respondent' and s -> 'respondent' <> 'null'::jsonb then
    select respondent_questions into v_questions from public.survey_version where id = v_response.survey_version_id;
    perform app.expect_keys(s -> 'respondent', 'respondent', v_questions);
    update public.response set
      gender = coalesce(app.expect_text(s #> '{respondent,gender}', 'respondent.gender', 20,
                 array['male', 'female', 'other', 'undisclosed']), gender),
      age_band = coalesce(app.expect_text(s #> '{respondent,age_band}', 'respondent.age_band', 20,
                 array['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus']), age_band),
      education = coalesce(app.expect_text(s #> '{respondent,education}', 'respondent.education', 20,
                 array['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other']), education),
      occupation = coalesce(app.expect_text(s #> '{respondent,occupation}', 'respondent.occupation', 20,
                 array['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other']),
                 occupation)
    where id = v_response.id;
  end if;

  -- "What should we improve?" One suggestion per response; it may be edited until staff have looked at it.
  select * into v_suggestion from public.suggestion where response_id = v_response.id;
  if s ? 'suggestion' and s -> 'suggestion' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'suggestion', 'suggestion', array['text', 'category']);
    v_text := app.expect_text(s #> '{suggestion,text}', 'suggestion.text', 2000);
    if v_text is null or btrim(v_text) = '' then
      perform app.refuse('required', 'suggestion.text');
    end if;
    v_category := coalesce(app.expect_text(s #> '{suggestion,category}', 'suggestion.category', 20,
      array['process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other']), 'other');
    if v_suggestion.id is null then
      insert into public.suggestion (response_id, body, category, wants_reply, created_at, updated_at)
      values (v_response.id, v_text, v_category, coalesce(s -> 'contact', 'null'::jsonb) <> 'null'::jsonb, v_at, v_at)
      returning * into v_suggestion;
    elsif v_suggestion.body <> v_text or v_suggestion.category <> v_category then
      if v_suggestion.status <> 'new' then
        perform app.refuse('suggestion_locked', 'suggestion.text');
      end if;
      update public.suggestion set body = v_text, category = v_category
      where id = v_suggestion.id
      returning * into v_suggestion;
    end if;
  end if;

  -- Contact details: only with explicit consent, only to get a reply to a suggestion.
  if s ? 'contact' and s -> 'contact' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'contact', 'contact', array['consent', 'name', 'phone', 'email']);
    if (s #> '{contact,consent}') is distinct from 'true'::jsonb then
      perform app.refuse('consent_required', 'contact.consent');
    end if;
    if v_suggestion.id is null then
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
    select contact_retention_days into v_retention from public.organisation where id = 1;
    insert into public.contact_detail (suggestion_id, name, phone, email, consent_at, purge_after)
    values (v_suggestion.id, nullif(btrim(app.expect_text(s #> '{contact,name}', 'contact.name', 100)), ''),
            v_phone, v_email, now(), now() + make_interval(days => coalesce(v_retention, 365)))
    on conflict (suggestion_id) do update
      set name = excluded.name, phone = excluded.phone, email = excluded.email,
          consent_at = excluded.consent_at, purge_after = excluded.purge_after;
    update public.suggestion set wants_reply = true where id = v_suggestion.id and not wants_reply;
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
  'Server only (service_role): store a response, or add to the one with the same client_key. Validates everything; '
  'refusals raise 22023 with a code in MESSAGE and the field in DETAIL.';

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

-- ---------------------------------------------------------------------------------------------------------------
-- track_response: what a citizen may see of their own reference
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.track_response(p_reference text, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_ref text := app.normalize_reference(p_reference);
  v_response public.response;
  v_suggestion public.suggestion;
begin
  if v_ref !~ '^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$' then
    return null;
  end if;
  select * into v_response from public.response where reference = v_ref;
  if not found then
    return null;
  end if;
  select * into v_suggestion from public.suggestion where response_id = v_response.id;
  -- No personal data and not the citizen's own words: anyone who guesses a reference sees only this.
  return jsonb_build_object(
    'reference', v_response.reference,
    'submittedAt', v_response.created_at,
    'servicePoint', (select app.localized(p.name, v_locale) from public.service_point p where p.id = v_response.service_point_id),
    'suggestion', case when v_suggestion.id is null then null else jsonb_build_object(
      'status', v_suggestion.status,
      'category', v_suggestion.category,
      'updatedAt', v_suggestion.updated_at,
      -- suggestion_reply arrives with staff sign-in (a later migration); PL/pgSQL resolves it when it runs.
      'replies', (select coalesce(jsonb_agg(jsonb_build_object('body', r.body, 'at', r.created_at) order by r.created_at), '[]')
                  from public.suggestion_reply r where r.suggestion_id = v_suggestion.id)) end);
end
$$;
comment on function public.track_response(text, text) is
  'Public: the status of a reference (no personal data, not the citizen''s text); null when unknown.';

-- ---------------------------------------------------------------------------------------------------------------
-- Who may execute what. PostgreSQL and Supabase grant EXECUTE to everyone by default; take it back.
-- ---------------------------------------------------------------------------------------------------------------

revoke execute on all functions in schema app from public, anon;
revoke execute on function public.survey_form(text, text) from public;
revoke execute on function public.submit_response(jsonb) from public, anon, authenticated;
revoke execute on function public.submit_response_batch(jsonb) from public, anon, authenticated;
revoke execute on function public.track_response(text, text) from public;
grant execute on function public.survey_form(text, text) to anon, authenticated, service_role;
grant execute on function public.track_response(text, text) to anon, authenticated, service_role;
grant execute on function public.submit_response(jsonb) to service_role;
grant execute on function public.submit_response_batch(jsonb) to service_role;
grant execute on all functions in schema app to authenticated, service_role;
