-- The website channel (issue 18): a survey opened from the municipality's own website is recorded as 'web', not as a
-- QR scan, so that the report and the dashboard split QR, web, kiosk and paper truthfully. The server says 'web' only
-- for a survey reached through the home page's list of service points (lib/survey/response-identity.ts).
-- The home page lists the service points through public_service_points (05_surveys.sql), anon-callable like
-- survey_form: the same public facts the QR posters show.
-- Schema files: 06_responses.sql (response.channel, submit_response) and 07_statistics.sql (rollups, stat_figures).

alter table public.response drop constraint response_channel_check,
  add constraint response_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_rating_day drop constraint stat_rating_day_channel_check,
  add constraint stat_rating_day_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_rating_month drop constraint stat_rating_month_channel_check,
  add constraint stat_rating_month_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_response_day drop constraint stat_response_day_channel_check,
  add constraint stat_response_day_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_response_month drop constraint stat_response_month_channel_check,
  add constraint stat_response_month_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_respondent_day drop constraint stat_respondent_day_channel_check,
  add constraint stat_respondent_day_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));
alter table public.stat_respondent_month drop constraint stat_respondent_month_channel_check,
  add constraint stat_respondent_month_channel_check check (channel in ('qr', 'web', 'kiosk', 'paper'));

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

create or replace function app.stat_figures(p_filter jsonb, p_locale text, p_public boolean)
returns jsonb
language plpgsql
stable
security invoker -- reads the rollups with its caller's rights: only the security-definer API functions can
set search_path = ''
as $$
declare
  f jsonb := coalesce(nullif(p_filter, 'null'::jsonb), '{}');
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_min_n int := case when p_public then 5 else 0 end;
  v_bands text;
  v_year numeric;
  v_fy int;
  v_round text;
  v_from date;
  v_to date;
  v_division public.division;
  v_point public.service_point;
  v_channel text;
  v_points bigint[];
  v_ratings public.stat_rating_month[];
  v_counts public.stat_response_month[];
  v_respondents public.stat_respondent_month[];
  v_responses bigint;
  v_one_tap bigint;
  v_flagged bigint;
  v_trend_from date;
  v_trend_to date;
  v_result jsonb;
begin
  perform app.expect_keys(f, 'filter', array['fiscalYear', 'round', 'from', 'to', 'division', 'servicePoint', 'channel']);
  f := jsonb_strip_nulls(f);

  if f ? 'fiscalYear' then
    if jsonb_typeof(f -> 'fiscalYear') <> 'number' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_year := (f -> 'fiscalYear')::numeric;
    if v_year % 1 <> 0 or v_year not between 2543 and 2743 then -- B.E., 2000–2200 C.E.
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_fy := v_year::int;
  end if;
  if f ? 'round' then
    v_round := f ->> 'round';
    if jsonb_typeof(f -> 'round') <> 'string' or v_round not in ('h1', 'full') or v_fy is null then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  if f ? 'from' then
    v_from := app.stat_filter_date(f -> 'from');
  end if;
  if f ? 'to' then
    v_to := app.stat_filter_date(f -> 'to');
  end if;
  if v_from > v_to then
    perform app.refuse('invalid_value', 'filter');
  end if;
  if f ? 'division' then
    select * into v_division from public.division
    where slug = case when jsonb_typeof(f -> 'division') = 'string' then f ->> 'division' end;
    if not found then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  if f ? 'servicePoint' then
    select * into v_point from public.service_point
    where slug = case when jsonb_typeof(f -> 'servicePoint') = 'string' then f ->> 'servicePoint' end;
    if not found then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  if f ? 'channel' then
    v_channel := f ->> 'channel';
    if jsonb_typeof(f -> 'channel') <> 'string' or v_channel not in ('qr', 'web', 'kiosk', 'paper') then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;

  -- The fiscal year (1 Oct – 30 Sep, or to 31 Mar for round h1) intersected with from/to. Inclusive Bangkok days.
  if v_fy is not null then
    v_from := greatest(v_from, make_date(v_fy - 544, 10, 1));
    v_to := least(v_to, case when v_round = 'h1' then make_date(v_fy - 543, 3, 31) else make_date(v_fy - 543, 9, 30) end);
  end if;
  v_points := array(select p.id from public.service_point p
                    where (v_division.id is null or p.division_id = v_division.id) and (v_point.id is null or p.id = v_point.id));
  select o.level_bands into v_bands from public.organisation o where o.id = 1;
  v_bands := coalesce(v_bands, '0.5');

  v_ratings := array(select app.stat_ratings_between(coalesce(v_from, date '1900-01-01'), coalesce(v_to, date '9999-12-31'), v_points, v_channel));
  v_counts := array(select app.stat_counts_between(coalesce(v_from, date '1900-01-01'), coalesce(v_to, date '9999-12-31'), v_points, v_channel));
  v_respondents := array(select app.stat_respondents_between(coalesce(v_from, date '1900-01-01'), coalesce(v_to, date '9999-12-31'), v_points, v_channel));

  select coalesce(sum(c.responses), 0), coalesce(sum(c.one_tap), 0), coalesce(sum(c.flagged), 0)
    into v_responses, v_one_tap, v_flagged
  from unnest(v_counts) c;

  -- The months of the trend: the whole selected range, or where there are data when a bound is open.
  select coalesce(v_from, min(r.month)), coalesce(v_to, max(r.month)) into v_trend_from, v_trend_to
  from unnest(v_ratings) r where r.item_code = 'overall' and r.n > 0;

  with
  overall as (
    select r.month, r.service_point_id, r.channel, r.n, r.sum_rating, r.sum_sq, r.c1, r.c2, r.c3, r.c4, r.c5
    from unnest(v_ratings) r where r.item_code = 'overall'
  ),
  catalogue as (
    -- Each item code once, with the text and dimension of its newest published (else retired) version.
    select distinct on (i.code) i.code, i.dimension, i.position, i.text,
           exists (select 1 from public.survey_item ci join public.survey_version cv on cv.id = ci.survey_version_id
                   where ci.code = i.code and cv.status = 'published') as current
    from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
    where v.status <> 'draft'
    order by i.code, v.status = 'published' desc, v.version_no desc
  ),
  item_sums as (
    select r.item_code, sum(r.n) as n, sum(r.sum_rating) as s, sum(r.sum_sq) as q
    from unnest(v_ratings) r where r.item_code <> 'overall'
    group by r.item_code
  ),
  items as (
    select c.code, c.dimension, c.position as item_position, app.localized(c.text, v_locale) as text,
           coalesce(s.n, 0) as n, s.s, s.q, case when s.n > 0 then s.s::numeric / s.n end as mean
    from catalogue c left join item_sums s on s.item_code = c.code
    where c.current or s.n > 0
  ),
  ranked as (
    -- Highest mean first (unrounded; ties by n, then questionnaire order). rank: by the mean rounded to 2 decimals,
    -- as printed, so equal printed means share a rank. Items without a figure (n = 0, or suppressed) are unranked.
    select items.*,
           case when n >= greatest(v_min_n, 1) then rank() over (partition by n >= greatest(v_min_n, 1) order by round(mean, 2) desc) end as rank,
           row_number() over (order by case when n >= greatest(v_min_n, 1) then mean end desc nulls last,
                                       case when n >= greatest(v_min_n, 1) then n end desc nulls last,
                                       array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                       item_position, code) as ord
    from items
  )
  select jsonb_build_object(
    'filter', jsonb_build_object(
      'fiscalYear', v_fy, 'round', case when v_fy is not null then coalesce(v_round, 'full') end,
      'from', v_from, 'to', v_to, 'division', v_division.slug, 'servicePoint', v_point.slug, 'channel', v_channel),
    'levelBands', app.level_bands(v_bands),
    'suppression', case when p_public then jsonb_build_object('minN', v_min_n) end,
    'counts', jsonb_build_object(
      'responses', case when v_responses > 0 and v_responses < v_min_n then null else v_responses end,
      'oneTapOnly', case when v_one_tap > 0 and v_one_tap < v_min_n then null else v_one_tap end,
      'withItems', case when v_responses - v_one_tap > 0 and v_responses - v_one_tap < v_min_n then null else v_responses - v_one_tap end,
      'flagged', case when p_public then null else v_flagged end),
    'overall', (select app.stat_cell(sum(o.n)::bigint, sum(o.sum_rating)::bigint, sum(o.sum_sq)::bigint, v_bands, v_min_n) from overall o),
    'allItems', (select app.stat_cell(sum(s.n)::bigint, sum(s.s)::bigint, sum(s.q)::bigint, v_bands, v_min_n) from item_sums s),
    'dimensions', (
      select jsonb_agg(jsonb_build_object('dimension', dim.code)
                       || app.stat_cell(coalesce(d.n, 0)::bigint, d.s::bigint, d.q::bigint, v_bands, v_min_n) order by dim.ord)
      from unnest(array['process', 'staff', 'facilities', 'outcome']) with ordinality as dim (code, ord)
      left join (select c.dimension, sum(s.n) as n, sum(s.s) as s, sum(s.q) as q
                 from item_sums s join catalogue c on c.code = s.item_code group by c.dimension) d on d.dimension = dim.code),
    'items', (
      select coalesce(jsonb_agg(jsonb_build_object('code', k.code, 'dimension', k.dimension, 'text', k.text, 'rank', k.rank)
                                || app.stat_cell(k.n::bigint, k.s::bigint, k.q::bigint, v_bands, v_min_n) order by k.ord), '[]')
      from ranked k),
    'distribution', (
      select jsonb_agg(jsonb_build_object('rating', lv.rating)
                       || app.stat_share(lv.count, t.n, v_min_n, 'count') order by lv.rating)
      from (select coalesce(sum(o.n), 0)::bigint as n, coalesce(sum(o.c1), 0)::bigint as c1, coalesce(sum(o.c2), 0)::bigint as c2,
                   coalesce(sum(o.c3), 0)::bigint as c3, coalesce(sum(o.c4), 0)::bigint as c4, coalesce(sum(o.c5), 0)::bigint as c5
            from overall o) t
      cross join lateral (values (1, t.c1), (2, t.c2), (3, t.c3), (4, t.c4), (5, t.c5)) as lv (rating, count)),
    'trend', (
      select coalesce(jsonb_agg(jsonb_build_object('month', to_char(m.month, 'YYYY-MM'),
                                                   'fiscalYear', extract(year from m.month + interval '3 months')::int + 543)
                                || app.stat_cell(coalesce(t.n, 0)::bigint, t.s::bigint, t.q::bigint, v_bands, v_min_n) order by m.month), '[]')
      from generate_series(date_trunc('month', v_trend_from::timestamp), v_trend_to::timestamp, interval '1 month') as m (month)
      left join (select o.month, sum(o.n) as n, sum(o.sum_rating) as s, sum(o.sum_sq) as q from overall o group by o.month) t
        on t.month = m.month::date),
    'byDivision', (
      select coalesce(jsonb_agg(jsonb_build_object('slug', d.slug, 'name', app.localized(d.name, v_locale))
                                || app.stat_cell(coalesce(t.n, 0)::bigint, t.s::bigint, t.q::bigint, v_bands, v_min_n)
                                order by d.position, d.id), '[]')
      from public.division d
      left join (select p.division_id, sum(o.n) as n, sum(o.sum_rating) as s, sum(o.sum_sq) as q
                 from overall o join public.service_point p on p.id = o.service_point_id group by p.division_id) t
        on t.division_id = d.id
      where (v_division.id is null or d.id = v_division.id) and (v_point.id is null or d.id = v_point.division_id)),
    'byServicePoint', (
      select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, v_locale), 'division', d.slug)
                                || app.stat_cell(coalesce(t.n, 0)::bigint, t.s::bigint, t.q::bigint, v_bands, v_min_n)
                                order by d.position, p.id), '[]')
      from public.service_point p
      join public.division d on d.id = p.division_id
      left join (select o.service_point_id, sum(o.n) as n, sum(o.sum_rating) as s, sum(o.sum_sq) as q
                 from overall o group by o.service_point_id) t on t.service_point_id = p.id
      where p.id = any (v_points) and (p.active or t.n > 0)),
    'byChannel', (
      select jsonb_agg(jsonb_build_object('channel', ch.code)
                       || app.stat_cell(coalesce(t.n, 0)::bigint, t.s::bigint, t.q::bigint, v_bands, v_min_n) order by ch.ord)
      from unnest(array['qr', 'web', 'kiosk', 'paper']) with ordinality as ch (code, ord)
      left join (select o.channel, sum(o.n) as n, sum(o.sum_rating) as s, sum(o.sum_sq) as q from overall o group by o.channel) t
        on t.channel = ch.code
      where v_channel is null or ch.code = v_channel),
    'respondents', (
      select jsonb_object_agg(rq.question, (
        select jsonb_agg(jsonb_build_object('value', nullif(val.value, ''))
                         || app.stat_share(coalesce(t.n, 0)::bigint, v_responses, v_min_n)
                         || jsonb_build_object('overall', app.stat_cell(coalesce(t.n, 0)::bigint, t.s::bigint, t.q::bigint, v_bands, v_min_n))
                         order by val.ord)
        from unnest(app.respondent_values(rq.question) || array['']) with ordinality as val (value, ord)
        left join (select x.value, sum(x.n) as n, sum(x.sum_rating) as s, sum(x.sum_sq) as q
                   from unnest(v_respondents) x where x.question = rq.question group by x.value) t on t.value = val.value))
      from unnest(array['gender', 'age_band', 'education', 'occupation']) as rq (question))
  ) into v_result;

  return v_result;
end
$$;

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

revoke all on function public.public_service_points(text) from public, anon, authenticated, service_role;
grant execute on function public.public_service_points(text) to anon, authenticated, service_role;
