-- The statistics' items carry their place in the questionnaire (surveyOrder), beside their rank: the responses
-- export lists its item columns in the order of the form, not from the best-rated down (issue 20).

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
                                       item_position, code) as ord,
           -- The questionnaire's own order, for lists that follow the form (the responses export's columns).
           row_number() over (order by array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                       item_position, code) as survey_order
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
      select coalesce(jsonb_agg(jsonb_build_object('code', k.code, 'dimension', k.dimension, 'text', k.text, 'rank', k.rank,
                                                   'surveyOrder', k.survey_order)
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

comment on function app.stat_figures(jsonb, text, boolean) is
  'The one computation behind satisfaction_stats and public_results (see their comments for the shape). p_public: '
  'cells with 0 < n < 5 suppressed and the flagged count withheld. Security invoker: only the owner''s functions can read the rollups.';
