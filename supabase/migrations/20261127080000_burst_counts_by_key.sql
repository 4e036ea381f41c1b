-- The burst counts by address and by device, read through their own indexes whatever the statistics say.
--
-- Why: bench:submit on PostgreSQL found one-tap submissions costing the database ~7 times the floor's insert, and
-- pg_stat_user_indexes showed why: the two burst counts in submit_response ("responses from this address at this
-- counter in the last minute") walked response_created_idx, reading every response of the last minute and
-- filtering by address (62 ms for one count at 111,000 responses). The planner knows the responses of the last
-- ANALYZE, not those since: on a table that grows by the minute (autoanalyze waits for 10 % more rows; some servers
-- run without autovacuum) "created in the last minute" is estimated at one row, and a one-row estimate on the
-- smaller time index wins over the address index, whose tree is taller. At a busy hour on a national server the
-- count would read tens of thousands of rows, twice per submission; the kiosk's checks had the same shape.
--
-- Now the time bound is written as a row comparison on the index's own columns, (key, counter, created_at) >
-- (value, counter, since): exactly the same rows (the key and counter are equal on both sides), but a condition only
-- the index that leads with the key can use, so no estimate of "recent" can send the count down the time index.
-- The checks live in two small PL/pgSQL functions (their plans are kept per connection, as inside
-- submit_response; a SQL function called this way would be planned again at every call); kiosk_sync is otherwise
-- unchanged. submit_response also writes the answers of a response it has just created with a plain INSERT: such a
-- response has no answers yet, so ON CONFLICT's speculative insertion of every row (and the UPDATE statement
-- triggers it fires) bought nothing there (in-process PGlite, CPU per full submission, alternating rounds: 0.91-0.95
-- of before, within a noise of ±6 %). An answer added to an existing response still goes through ON CONFLICT.

create or replace function app.responses_from_source(p_source text, p_point bigint, p_after timestamptz)
returns int
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select count(*) from public.response r
          where r.source_hash = p_source and r.service_point_id = p_point
            and (r.source_hash, r.service_point_id, r.created_at) > (p_source, p_point, p_after)
            and r.flag is null);
end
$$;
comment on function app.responses_from_source(text, bigint, timestamptz) is
  'Unflagged responses from one address (keyed hash) at one counter created after p_after, read through response_source_idx.';

create or replace function app.responses_from_device(
  p_device text, p_point bigint, p_after timestamptz, p_until timestamptz default 'infinity',
  p_unflagged_only boolean default true)
returns int
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select count(*) from public.response r
          where r.device_key = p_device and r.service_point_id = p_point
            and (r.device_key, r.service_point_id, r.created_at) > (p_device, p_point, p_after)
            and (r.device_key, r.service_point_id, r.created_at) <= (p_device, p_point, p_until)
            and (r.flag is null or not p_unflagged_only));
end
$$;
comment on function app.responses_from_device(text, bigint, timestamptz, timestamptz, boolean) is
  'Responses from one device (keyed hash, or a kiosk) at one counter created in (p_after, p_until], unflagged only '
  'unless told otherwise, read through response_device_idx.';

revoke all on function app.responses_from_source(text, bigint, timestamptz) from public, anon, authenticated;
revoke all on function app.responses_from_device(text, bigint, timestamptz, timestamptz, boolean) from public, anon, authenticated;

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

create or replace function public.kiosk_sync(p_code_hash text, p_presses jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_device public.kiosk_device;
  v_point public.service_point;
  v_org public.organisation;
  v_key_name text;
  v_press jsonb;
  v_key uuid;
  v_at timestamptz;
  v_rating smallint;
  v_reason text;
  v_locale text;
  v_flag text;
  v_existing public.response;
  v_stored jsonb;
  v_results jsonb := '[]';
  v_max_age constant interval := interval '7 days';
begin
  if coalesce(p_code_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  select * into v_device from public.kiosk_device where code_hash = p_code_hash;
  if not found then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  if v_device.revoked_at is not null then
    raise exception 'kiosk_revoked' using errcode = '28000';
  end if;
  if jsonb_typeof(p_presses) is distinct from 'array' or jsonb_array_length(p_presses) > 200 then
    perform app.refuse('invalid_batch', 'presses');
  end if;
  -- One batch of a device at a time: the repeat and burst decisions see every earlier press of that device.
  perform pg_advisory_xact_lock(hashtextextended('siang:kiosk:' || v_device.id::text, 0));
  select * into v_point from public.service_point where id = v_device.service_point_id;
  select * into v_org from public.organisation where id = 1;
  v_key_name := 'kiosk:' || v_device.id::text;
  update public.kiosk_device set last_sync_at = now() where id = v_device.id;

  -- Oldest press first, so that "closer than the previous press" reads in the order the citizens pressed.
  for v_press in select value from jsonb_array_elements(p_presses) order by value ->> 'pressedAt', value ->> 'clientKey' loop
    v_key := null;
    begin
      perform app.expect_keys(v_press, 'press', array['clientKey', 'rating', 'reason', 'pressedAt', 'locale']);
      begin
        v_key := (v_press ->> 'clientKey')::uuid;
      exception when invalid_text_representation then
        v_key := null;
      end;
      if v_key is null then
        perform app.refuse('invalid_client_key', 'clientKey');
      end if;
      v_rating := app.expect_rating(v_press -> 'rating', 'rating');
      v_reason := app.expect_text(v_press -> 'reason', 'reason', 20,
        array['waiting_time', 'staff', 'steps', 'facilities', 'information', 'other']);
      v_locale := coalesce(app.expect_text(v_press -> 'locale', 'locale', 2, array['th', 'en', 'my']), 'th');
      begin
        v_at := (v_press ->> 'pressedAt')::timestamptz;
      exception when others then
        v_at := null;
      end;
      -- A press time is honest: not in the future, not older than a week (a tablet offline over a long holiday).
      if v_at is null or v_at > now() then
        perform app.refuse('invalid_press_time', 'pressedAt');
      end if;

      select * into v_existing from public.response where client_key = v_key;
      if v_existing.id is null and v_at < now() - v_max_age then
        perform app.refuse('press_too_old', 'pressedAt');
      end if;
      if v_existing.id is not null then
        -- The same press again (its answer was lost, or the follow-up came later): never a second response.
        if v_existing.device_key is distinct from v_key_name then
          perform app.refuse('client_key_reused', 'clientKey');
        end if;
        if v_reason is not null and v_existing.main_reason is null then
          update public.response set main_reason = v_reason where id = v_existing.id;
        end if;
        v_results := v_results || jsonb_build_array(jsonb_build_object(
          'clientKey', v_key, 'status', 'duplicate', 'reference', v_existing.reference));
      else
        v_flag := null;
        if app.responses_from_device(v_key_name, v_point.id, v_at - make_interval(secs => v_org.kiosk_repeat_seconds), v_at,
                                     p_unflagged_only => false) > 0 then
          v_flag := 'repeat_press';
        elsif app.responses_from_device(v_key_name, v_point.id, v_at - make_interval(secs => v_org.kiosk_burst_window_seconds), v_at)
              >= v_org.kiosk_burst_max then
          v_flag := 'burst_device';
        end if;
        -- The one path of every submission: validation, the client key's lock, the reference, the rollups.
        v_stored := public.submit_response(jsonb_build_object(
          'client_key', v_key, 'service_point', v_point.slug, 'locale', v_locale, 'channel', 'kiosk',
          'overall_rating', v_rating, 'created_at', v_at, 'flag', v_flag));
        update public.response set device_key = v_key_name, main_reason = v_reason
        where id = (v_stored ->> 'responseId')::uuid;
        v_results := v_results || jsonb_build_array(jsonb_build_object(
          'clientKey', v_key, 'status', 'stored', 'reference', v_stored ->> 'reference', 'flagged', v_flag is not null));
      end if;
    exception when sqlstate '22023' then
      -- Refused for good (bad press, retired counter): answered per item; the rest of the batch goes on.
      v_results := v_results || jsonb_build_array(jsonb_build_object(
        'clientKey', coalesce(v_key::text, left(v_press ->> 'clientKey', 36)), 'status', 'refused', 'error', sqlerrm));
    end;
  end loop;

  return jsonb_build_object(
    'device', jsonb_build_object('label', v_device.label, 'servicePoint', v_point.slug, 'active', v_point.active),
    'results', v_results);
end
$$;
comment on function public.kiosk_sync(text, jsonb) is
  'Server only (service_role), after hashing the device code: store a batch of kiosk presses, each exactly once, '
  'answering per press (stored, duplicate, refused). An unknown or revoked code raises 28000 and stores nothing.';
