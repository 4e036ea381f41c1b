-- Statistics: every satisfaction figure (n, mean, S.D., percent, level) computed once, from rollups the database
-- keeps per Bangkok day and per month × service point × channel, so the dashboard, the report, the exports and the
-- public page agree to the last digit, and a fiscal year reads a few hundred rows however many responses there are.
--
-- Who may touch it: nobody reads or writes the rollups directly; the owner's trigger functions and the fold keep them.
-- Staff (any active role) and service_role call satisfaction_stats, for any dates. Anyone calls public_results, for
-- fixed periods only. The server's job calls stat_fold_pending.
--
-- What the public sees, in plain words (docs/public-results.md says the same for the PR officer):
--   * Only whole periods: a fiscal year, its 6-month round (October to March), or one month. Never a range of dates:
--     two ranges one day apart differ by one day's citizens, and that was one person's rating.
--   * A figure that fewer than 5 responses stand behind is hidden.
--   * Hiding it is not enough when its total and its neighbours are shown: the total minus the others gives it back.
--     So, for each total the page shows (the year and its two halves, a half and its months, the municipality and its
--     divisions, a division and its service points, all items and the dimensions, a dimension and its items), the
--     hidden parts are never just one, and together they always hold at least 5 responses; where that is not yet so,
--     the smallest part still shown is hidden too ("hidden so that a smaller group cannot be worked out").
--   * The page does not say which reason hid a figure: that alone would tell whether it holds 1–4 responses or more.

create or replace function app.satisfaction_level(mean numeric, bands text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
declare
  v numeric := round(mean, 2);
begin
  if bands is null or bands not in ('0.5', '0.8') then
    perform app.refuse('invalid_value', 'level_bands');
  end if;
  if v is null then
    return null;
  end if;
  if bands = '0.5' then
    return case when v >= 4.51 then 'very_high' when v >= 3.51 then 'high' when v >= 2.51 then 'moderate'
                when v >= 1.51 then 'low' else 'very_low' end;
  end if;
  return case when v >= 4.21 then 'very_high' when v >= 3.41 then 'high' when v >= 2.61 then 'moderate'
              when v >= 1.81 then 'low' else 'very_low' end;
end
$$;

comment on function app.satisfaction_level(numeric, text) is
  'The level of a mean: very_high มากที่สุด, high มาก, moderate ปานกลาง, low น้อย, very_low น้อยที่สุด, by the '
  'organisation''s level_bands: ''0.5'' (4.51–5.00, 3.51–4.50, 2.51–3.50, 1.51–2.50, 1.00–1.50) or ''0.8'' '
  '(4.21–5.00, 3.41–4.20, 2.61–3.40, 1.81–2.60, 1.00–1.80). The mean is first ROUNDED TO 2 DECIMALS (half away from '
  'zero), as it is reported, so the printed mean and its level always agree: 4.504 → 4.50 → high and 4.505 → 4.51 → '
  'very_high under 0.5 bands. Null mean → null. Unknown bands → refusal invalid_value (level_bands).';



create or replace function app.level_bands(p_bands text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('setting', p_bands, 'bands', jsonb_agg(jsonb_build_object('level', b.level, 'min', b.min, 'max', b.max)
                                                                   order by b.max desc))
  from (values
    ('very_high', 4.51, 5.00, 4.21, 5.00),
    ('high', 3.51, 4.50, 3.41, 4.20),
    ('moderate', 2.51, 3.50, 2.61, 3.40),
    ('low', 1.51, 2.50, 1.81, 2.60),
    ('very_low', 1.00, 1.50, 1.00, 1.80)
  ) as v (level, min_05, max_05, min_08, max_08)
  cross join lateral (select v.level,
                             case p_bands when '0.8' then v.min_08 else v.min_05 end as min,
                             case p_bands when '0.8' then v.max_08 else v.max_05 end as max) b
$$;

comment on function app.level_bands(text) is
  'The bands of a level_bands setting as {setting, bands: [{level, min, max}]} (2-decimal bounds, highest first).';



create or replace function app.stat_cell(p_n bigint, p_sum bigint, p_sum_sq bigint, p_bands text, p_min_n int default 0)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- n = 0 is never suppressed (it reveals nobody) and has null mean, sd, percent and level: no division by zero.
  select case
    when coalesce(p_n, 0) > 0 and p_n < p_min_n then
      jsonb_build_object('n', null, 'mean', null, 'sd', null, 'percent', null, 'level', null, 'suppressed', true)
    else jsonb_build_object(
      'n', coalesce(p_n, 0),
      'mean', m.mean,
      'sd', case when p_n >= 2 then sqrt((p_n::numeric * p_sum_sq - p_sum::numeric * p_sum) / (p_n::numeric * (p_n - 1))) end,
      'percent', case when p_n > 0 then p_sum * 20::numeric / p_n end,
      'level', app.satisfaction_level(m.mean, p_bands),
      'suppressed', false)
  end
  from (select case when p_n > 0 then p_sum::numeric / p_n end as mean) m
$$;

comment on function app.stat_cell(bigint, bigint, bigint, text, int) is
  'One figure from its sums: {n, mean, sd, percent, level, suppressed}. mean = Σx/n; sd = SAMPLE standard deviation '
  '(n − 1), null when n < 2; percent = mean ÷ 5 × 100 computed exactly from the sums (the unrounded mean); all '
  'unrounded. n = 0 → null mean/sd/percent/level. 0 < n < p_min_n → suppressed: n and every figure null.';



create or replace function app.stat_share(p_n bigint, p_base bigint, p_min_n int default 0, p_key text default 'n')
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case
    when coalesce(p_n, 0) > 0 and p_n < p_min_n then jsonb_build_object(p_key, null, 'percent', null, 'suppressed', true)
    else jsonb_build_object(p_key, coalesce(p_n, 0),
                            'percent', case when p_base > 0 then coalesce(p_n, 0) * 100::numeric / p_base end,
                            'suppressed', false)
  end
$$;

comment on function app.stat_share(bigint, bigint, int, text) is
  'A count and its share of a base: {<p_key>: n, percent: n ÷ base × 100 (null when base is 0), suppressed}; '
  '0 < n < p_min_n → suppressed (count and percent null).';



create or replace function app.respondent_values(p_question text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  -- The same lists as the CHECK constraints on public.response, in the order reports list them.
  select case p_question
    when 'gender' then array['male', 'female', 'other', 'undisclosed']
    when 'age_band' then array['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus']
    when 'education' then array['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other']
    when 'occupation' then array['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other']
  end
$$;

comment on function app.respondent_values(text) is 'The possible answers to a respondent question, in report order.';



-- ---------------------------------------------------------------------------------------------------------------
-- Rollups: day and month levels of the same sums. Written only by the triggers below (security definer).
-- ---------------------------------------------------------------------------------------------------------------

create table public.stat_rating_day (
  day date not null,
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  item_code text not null,
  n bigint not null default 0,
  sum_rating bigint not null default 0,
  sum_sq bigint not null default 0,
  c1 bigint not null default 0,
  c2 bigint not null default 0,
  c3 bigint not null default 0,
  c4 bigint not null default 0,
  c5 bigint not null default 0,
  primary key (day, service_point_id, channel, item_code),
  check (n = c1 + c2 + c3 + c4 + c5
     and sum_rating = c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5
     and sum_sq = c1 + 4 * c2 + 9 * c3 + 16 * c4 + 25 * c5)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_rating_day is
  'Rollup, per Bangkok day × service point × channel × item code (''overall'' = the one-tap question): n, Σ rating, '
  'Σ rating², count per level, of responses not flagged. Maintained by triggers; equals a GROUP BY of the raw tables.';



create table public.stat_rating_month (
  month date not null check (month = date_trunc('month', month::timestamp)::date),
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  item_code text not null,
  n bigint not null default 0,
  sum_rating bigint not null default 0,
  sum_sq bigint not null default 0,
  c1 bigint not null default 0,
  c2 bigint not null default 0,
  c3 bigint not null default 0,
  c4 bigint not null default 0,
  c5 bigint not null default 0,
  primary key (month, service_point_id, channel, item_code),
  check (n = c1 + c2 + c3 + c4 + c5
     and sum_rating = c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5
     and sum_sq = c1 + 4 * c2 + 9 * c3 + 16 * c4 + 25 * c5)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_rating_month is
  'Rollup: stat_rating_day summed per calendar month (month = its first day), so a year reads 12 rows per cell.';



create table public.stat_response_day (
  day date not null,
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  responses bigint not null default 0,
  one_tap bigint not null default 0,
  flagged bigint not null default 0,
  primary key (day, service_point_id, channel)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_response_day is
  'Rollup per Bangkok day × service point × channel: responses not flagged, of which one-tap only (no item answered), '
  'and flagged responses (excluded from every figure).';



create table public.stat_response_month (
  month date not null check (month = date_trunc('month', month::timestamp)::date),
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  responses bigint not null default 0,
  one_tap bigint not null default 0,
  flagged bigint not null default 0,
  primary key (month, service_point_id, channel)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_response_month is 'Rollup: stat_response_day summed per calendar month.';



create table public.stat_respondent_day (
  day date not null,
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  question text not null check (question in ('gender', 'age_band', 'education', 'occupation')),
  value text not null,
  n bigint not null default 0,
  sum_rating bigint not null default 0,
  sum_sq bigint not null default 0,
  primary key (day, service_point_id, channel, question, value)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_respondent_day is
  'Rollup per Bangkok day × service point × channel × respondent question × answer ('''' = not answered): responses '
  'not flagged, and Σ and Σ² of their overall rating.';



create table public.stat_respondent_month (
  month date not null check (month = date_trunc('month', month::timestamp)::date),
  service_point_id bigint not null references public.service_point (id) on delete cascade,
  channel text not null check (channel in ('qr', 'web', 'kiosk', 'paper')),
  question text not null check (question in ('gender', 'age_band', 'education', 'occupation')),
  value text not null,
  n bigint not null default 0,
  sum_rating bigint not null default 0,
  sum_sq bigint not null default 0,
  primary key (month, service_point_id, channel, question, value)
) with (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);


comment on table public.stat_respondent_month is 'Rollup: stat_respondent_day summed per calendar month.';



create type app.stat_rating_delta as (
  day date, service_point_id bigint, channel text, item_code text, rating smallint, sign int);

comment on type app.stat_rating_delta is 'One rating added (+1) to or removed (−1) from the rating rollups.';

create type app.stat_count_delta as (
  day date, service_point_id bigint, channel text, responses int, one_tap int, flagged int);

comment on type app.stat_count_delta is 'A change of the response counts of one day × point × channel.';

create type app.stat_respondent_delta as (
  day date, service_point_id bigint, channel text, question text, value text, rating smallint, sign int);

comment on type app.stat_respondent_delta is 'One respondent answer (with its overall rating) added or removed.';

create type app.stat_response_fact as (
  sign int, id uuid, day date, service_point_id bigint, channel text, flagged boolean, overall_rating smallint,
  gender text, age_band text, education text, occupation text);

comment on type app.stat_response_fact is 'A response to remove (−1) or add (+1), reduced to what the rollups key on.';


create or replace function app.stat_add_ratings(p_deltas app.stat_rating_delta[])
returns void
language plpgsql
security invoker -- runs as the owner from the trigger functions; nobody else may write the rollups
set search_path = ''
as $$
declare
  v_broken boolean;
begin
  if coalesce(cardinality(p_deltas), 0) = 0 then
    return;
  end if;
  with d as (
    select x.day, x.service_point_id, x.channel, x.item_code,
           sum(x.sign) as n, sum(x.sign * x.rating) as sum_rating, sum(x.sign * x.rating * x.rating) as sum_sq,
           coalesce(sum(x.sign) filter (where x.rating = 1), 0) as c1,
           coalesce(sum(x.sign) filter (where x.rating = 2), 0) as c2,
           coalesce(sum(x.sign) filter (where x.rating = 3), 0) as c3,
           coalesce(sum(x.sign) filter (where x.rating = 4), 0) as c4,
           coalesce(sum(x.sign) filter (where x.rating = 5), 0) as c5
    from unnest(p_deltas) x
    group by 1, 2, 3, 4
  ),
  changed as (
    select * from d where (c1, c2, c3, c4, c5) <> (0, 0, 0, 0, 0)
  ),
  days as (
    insert into public.stat_rating_day as t (day, service_point_id, channel, item_code, n, sum_rating, sum_sq, c1, c2, c3, c4, c5)
    select * from changed order by 1, 2, 3, 4
    on conflict (day, service_point_id, channel, item_code) do update
      set n = t.n + excluded.n, sum_rating = t.sum_rating + excluded.sum_rating, sum_sq = t.sum_sq + excluded.sum_sq,
          c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3, c4 = t.c4 + excluded.c4,
          c5 = t.c5 + excluded.c5
    returning least(t.c1, t.c2, t.c3, t.c4, t.c5) < 0 as broken
  ),
  months as (
    insert into public.stat_rating_month as t (month, service_point_id, channel, item_code, n, sum_rating, sum_sq, c1, c2, c3, c4, c5)
    select date_trunc('month', day::timestamp)::date, service_point_id, channel, item_code,
           sum(n), sum(sum_rating), sum(sum_sq), sum(c1), sum(c2), sum(c3), sum(c4), sum(c5)
    from changed
    group by 1, 2, 3, 4
    having (sum(c1), sum(c2), sum(c3), sum(c4), sum(c5)) <> (0, 0, 0, 0, 0)
    order by 1, 2, 3, 4
    on conflict (month, service_point_id, channel, item_code) do update
      set n = t.n + excluded.n, sum_rating = t.sum_rating + excluded.sum_rating, sum_sq = t.sum_sq + excluded.sum_sq,
          c1 = t.c1 + excluded.c1, c2 = t.c2 + excluded.c2, c3 = t.c3 + excluded.c3, c4 = t.c4 + excluded.c4,
          c5 = t.c5 + excluded.c5
    returning least(t.c1, t.c2, t.c3, t.c4, t.c5) < 0 as broken
  )
  select coalesce(bool_or(broken), false) into v_broken from (select broken from days union all select broken from months) x;
  if v_broken then
    raise exception 'stat_rollup_negative' using errcode = '23514', detail = 'stat_rating';
  end if;
end
$$;

comment on function app.stat_add_ratings(app.stat_rating_delta[]) is
  'Add signed ratings to stat_rating_day and stat_rating_month (n, Σ and Σ² follow from the level counts).';



create or replace function app.stat_add_counts(p_deltas app.stat_count_delta[])
returns void
language plpgsql
security invoker -- runs as the owner from the trigger functions; nobody else may write the rollups
set search_path = ''
as $$
declare
  v_broken boolean;
begin
  if coalesce(cardinality(p_deltas), 0) = 0 then
    return;
  end if;
  with d as (
    select x.day, x.service_point_id, x.channel,
           sum(x.responses) as responses, sum(x.one_tap) as one_tap, sum(x.flagged) as flagged
    from unnest(p_deltas) x
    group by 1, 2, 3
  ),
  changed as (
    select * from d where (responses, one_tap, flagged) <> (0, 0, 0)
  ),
  days as (
    insert into public.stat_response_day as t (day, service_point_id, channel, responses, one_tap, flagged)
    select * from changed order by 1, 2, 3
    on conflict (day, service_point_id, channel) do update
      set responses = t.responses + excluded.responses, one_tap = t.one_tap + excluded.one_tap,
          flagged = t.flagged + excluded.flagged
    returning t.one_tap < 0 or t.one_tap > t.responses or t.flagged < 0 as broken
  ),
  months as (
    insert into public.stat_response_month as t (month, service_point_id, channel, responses, one_tap, flagged)
    select date_trunc('month', day::timestamp)::date, service_point_id, channel, sum(responses), sum(one_tap), sum(flagged)
    from changed
    group by 1, 2, 3
    having (sum(responses), sum(one_tap), sum(flagged)) <> (0, 0, 0)
    order by 1, 2, 3
    on conflict (month, service_point_id, channel) do update
      set responses = t.responses + excluded.responses, one_tap = t.one_tap + excluded.one_tap,
          flagged = t.flagged + excluded.flagged
    returning t.one_tap < 0 or t.one_tap > t.responses or t.flagged < 0 as broken
  )
  select coalesce(bool_or(broken), false) into v_broken from (select broken from days union all select broken from months) x;
  if v_broken then
    raise exception 'stat_rollup_negative' using errcode = '23514', detail = 'stat_response';
  end if;
end
$$;

comment on function app.stat_add_counts(app.stat_count_delta[]) is
  'Add signed response counts to stat_response_day and stat_response_month.';



create or replace function app.stat_add_respondents(p_deltas app.stat_respondent_delta[])
returns void
language plpgsql
security invoker -- runs as the owner from the trigger functions; nobody else may write the rollups
set search_path = ''
as $$
declare
  v_broken boolean;
begin
  if coalesce(cardinality(p_deltas), 0) = 0 then
    return;
  end if;
  with d as (
    select x.day, x.service_point_id, x.channel, x.question, x.value,
           sum(x.sign) as n, sum(x.sign * x.rating) as sum_rating, sum(x.sign * x.rating * x.rating) as sum_sq
    from unnest(p_deltas) x
    group by 1, 2, 3, 4, 5
  ),
  changed as (
    select * from d where (n, sum_rating, sum_sq) <> (0, 0, 0)
  ),
  days as (
    insert into public.stat_respondent_day as t (day, service_point_id, channel, question, value, n, sum_rating, sum_sq)
    select * from changed order by 1, 2, 3, 4, 5
    on conflict (day, service_point_id, channel, question, value) do update
      set n = t.n + excluded.n, sum_rating = t.sum_rating + excluded.sum_rating, sum_sq = t.sum_sq + excluded.sum_sq
    returning least(t.n, t.sum_rating - t.n, 5 * t.n - t.sum_rating) < 0 as broken
  ),
  months as (
    insert into public.stat_respondent_month as t (month, service_point_id, channel, question, value, n, sum_rating, sum_sq)
    select date_trunc('month', day::timestamp)::date, service_point_id, channel, question, value, sum(n), sum(sum_rating), sum(sum_sq)
    from changed
    group by 1, 2, 3, 4, 5
    having (sum(n), sum(sum_rating), sum(sum_sq)) <> (0, 0, 0)
    order by 1, 2, 3, 4, 5
    on conflict (month, service_point_id, channel, question, value) do update
      set n = t.n + excluded.n, sum_rating = t.sum_rating + excluded.sum_rating, sum_sq = t.sum_sq + excluded.sum_sq
    returning least(t.n, t.sum_rating - t.n, 5 * t.n - t.sum_rating) < 0 as broken
  )
  select coalesce(bool_or(broken), false) into v_broken from (select broken from days union all select broken from months) x;
  if v_broken then
    raise exception 'stat_rollup_negative' using errcode = '23514', detail = 'stat_respondent';
  end if;
end
$$;

comment on function app.stat_add_respondents(app.stat_respondent_delta[]) is
  'Add signed respondent answers to stat_respondent_day and stat_respondent_month.';



create or replace function app.stat_apply_responses(
  p_minus public.response[],
  p_plus public.response[],
  p_parts text[] default array['ratings', 'counts', 'respondents'])
returns void
language plpgsql
security invoker -- runs as the owner from the trigger functions; nobody else may write the rollups
set search_path = ''
as $$
declare
  v_facts app.stat_response_fact[];
begin
  v_facts := array(
    select row(s.sign, s.id, (s.created_at at time zone 'Asia/Bangkok')::date, s.service_point_id, s.channel,
               s.flag is not null, s.overall_rating, s.gender, s.age_band, s.education, s.occupation)::app.stat_response_fact
    from (select -1 as sign, m.* from unnest(p_minus) m
          union all
          select 1, p.* from unnest(p_plus) p) s);
  if cardinality(v_facts) = 0 then
    return;
  end if;
  -- The answers of these responses are read as they are now: a statement on response never changes answers.
  if 'ratings' = any (p_parts) then
    perform app.stat_add_ratings(array(
      select row(r.day, r.service_point_id, r.channel, 'overall', r.overall_rating, r.sign)::app.stat_rating_delta
      from unnest(v_facts) r
      where not r.flagged
      union all
      select row(r.day, r.service_point_id, r.channel, i.code, a.rating, r.sign)::app.stat_rating_delta
      from unnest(v_facts) r
      join public.response_answer a on a.response_id = r.id
      join public.survey_item i on i.id = a.item_id
      where not r.flagged));
  end if;
  if 'counts' = any (p_parts) then
    perform app.stat_add_counts(array(
      select row(r.day, r.service_point_id, r.channel,
                 case when r.flagged then 0 else r.sign end,
                 case when not r.flagged and not exists (select 1 from public.response_answer a where a.response_id = r.id)
                      then r.sign else 0 end,
                 case when r.flagged then r.sign else 0 end)::app.stat_count_delta
      from unnest(v_facts) r));
  end if;
  if 'respondents' = any (p_parts) then
    perform app.stat_add_respondents(array(
      select row(r.day, r.service_point_id, r.channel, q.question, coalesce(q.value, ''), r.overall_rating, r.sign)::app.stat_respondent_delta
      from unnest(v_facts) r
      cross join lateral (values ('gender', r.gender), ('age_band', r.age_band), ('education', r.education),
                                 ('occupation', r.occupation)) as q (question, value)
      where not r.flagged));
  end if;
end
$$;

comment on function app.stat_apply_responses(public.response[], public.response[], text[]) is
  'Remove the contributions of p_minus and add those of p_plus: p_parts of ratings (overall rating and answers), '
  'counts, respondents. Leaving out a part is only correct when its contributions would cancel out.';



-- (The same lookup where answers of rolled-up responses change.)
create or replace function app.stat_apply_answers(p_minus public.response_answer[], p_plus public.response_answer[])
returns void
language plpgsql
security invoker -- runs as the owner from the trigger functions; nobody else may write the rollups
set search_path = ''
as $$
declare
  v_rolled uuid[];
begin
  if coalesce(cardinality(p_minus), 0) + coalesce(cardinality(p_plus), 0) = 0 then
    return;
  end if;
  -- Hold the responses still while their answers are rolled up: an update of a response (flag, date, point, channel)
  -- committed meanwhile would otherwise be rolled up with answers this statement does not see, or the reverse; and a
  -- fold cannot take them between the check below and the commit. (submit_response already holds them FOR UPDATE.)
  perform 1 from public.response r
  where r.id in (select m.response_id from unnest(p_minus) m union select p.response_id from unnest(p_plus) p)
  order by r.id
  for share;
  -- Only rolled-up responses: the answers of a pending one are read by the fold when it comes.
  v_rolled := array(
    select x.response_id
    from (select m.response_id from unnest(p_minus) m union select p.response_id from unnest(p_plus) p) x
    where not exists (select 1 from public.stat_pending q where q.response_id = x.response_id offset 0));
  if cardinality(v_rolled) = 0 then
    return;
  end if;
  -- Answers of a response being deleted were already removed with it (its BEFORE DELETE trigger): the join skips them.
  perform app.stat_add_ratings(array(
    select row((r.created_at at time zone 'Asia/Bangkok')::date, r.service_point_id, r.channel, i.code, a.rating, a.sign)::app.stat_rating_delta
    from (select -1 as sign, m.response_id, m.item_id, m.rating from unnest(p_minus) m
          union all
          select 1, p.response_id, p.item_id, p.rating from unnest(p_plus) p) a
    join public.response r on r.id = a.response_id and r.flag is null and r.id = any (v_rolled)
    join public.survey_item i on i.id = a.item_id));
  -- A response is one-tap only while it has no answer. Answers now = after; before = after − added + removed.
  perform app.stat_add_counts(array(
    select row((r.created_at at time zone 'Asia/Bangkok')::date, r.service_point_id, r.channel, 0, t.delta, 0)::app.stat_count_delta
    from (select x.response_id, sum(x.added)::int as added, sum(x.removed)::int as removed
          from (select m.response_id, 0 as added, 1 as removed from unnest(p_minus) m
                union all
                select p.response_id, 1, 0 from unnest(p_plus) p) x
          group by x.response_id) c
    join public.response r on r.id = c.response_id and r.flag is null and r.id = any (v_rolled)
    cross join lateral (select count(*)::int as n from public.response_answer a where a.response_id = r.id) now_n
    cross join lateral (select (now_n.n = 0)::int - (now_n.n - c.added + c.removed = 0)::int as delta) t
    where t.delta <> 0));
end
$$;

comment on function app.stat_apply_answers(public.response_answer[], public.response_answer[]) is
  'Remove the answers p_minus and add p_plus to the rating rollups, and move their responses in or out of one-tap; '
  'answers of pending responses are left to the fold.';



-- ---------------------------------------------------------------------------------------------------------------
-- Writers
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.stat_response_inserted()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.stat_pending (response_id) select n.id from new_rows n;
  return null;
end
$$;

comment on function app.stat_response_inserted() is 'AFTER INSERT (statement): queue new responses for the fold.';



create or replace function app.stat_response_updated()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old public.response[];
  v_new public.response[];
  v_moved boolean;
  v_rated boolean;
  v_described boolean;
begin
  -- Pairs whose rolled-up columns changed (an unmatched id counts as moved); the rest (updated_at, locale, …) are left,
  -- and so are pending responses (the UPDATE holds their row lock, so the fold cannot take them meanwhile).
  select array_agg(o::public.response) filter (where o.id is not null), array_agg(n::public.response) filter (where n.id is not null),
         bool_or(c.moved), bool_or(c.rated), bool_or(c.described)
    into v_old, v_new, v_moved, v_rated, v_described
  from old_rows o
  full join new_rows n on n.id = o.id
  cross join lateral (select
      (o.id, o.created_at, o.service_point_id, o.channel, o.flag is null)
        is distinct from (n.id, n.created_at, n.service_point_id, n.channel, n.flag is null) as moved,
      o.overall_rating is distinct from n.overall_rating as rated,
      (o.gender, o.age_band, o.education, o.occupation) is distinct from (n.gender, n.age_band, n.education, n.occupation) as described) c
  where (c.moved or c.rated or c.described)
    and not exists (select 1 from public.stat_pending p where p.response_id = coalesce(o.id, n.id) offset 0);
  if v_moved or v_rated or v_described then
    -- A respondent answer alone (as submit_response adds it) moves only the respondent rollups.
    perform app.stat_apply_responses(v_old, v_new, array_remove(array[
      case when v_moved or v_rated then 'ratings' end,
      case when v_moved then 'counts' end,
      'respondents'], null));
  end if;
  return null;
end
$$;

comment on function app.stat_response_updated() is
  'AFTER UPDATE (statement): move changed rolled-up responses (rating, flag, date, point, channel, respondent) in the '
  'rollups; pending responses are left to the fold.';



create or replace function app.stat_response_deleting()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Decide under the row lock (a fold holding it finishes first; a later fold skips the row until this commits).
  perform 1 from public.response r where r.id = old.id for update;
  delete from public.stat_pending p where p.response_id = old.id;
  if not found then
    perform app.stat_apply_responses(array[old], null);
  end if;
  return old;
end
$$;

comment on function app.stat_response_deleting() is
  'BEFORE DELETE (row): unqueue a pending response, or remove a rolled-up one and its answers from the rollups while '
  'its answers still exist.';



create or replace function app.stat_answer_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
  v_all_pending boolean := true;
begin
  if tg_op = 'INSERT' then
    for v_id in select distinct n.response_id from new_rows n order by 1 loop
      perform 1 from public.response r where r.id = v_id for share;
      if v_all_pending and not exists (select 1 from public.stat_pending p where p.response_id = v_id) then
        v_all_pending := false;
      end if;
    end loop;
    if v_all_pending then
      return null;
    end if;
    perform app.stat_apply_answers(null, array(select n::public.response_answer from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.stat_apply_answers(array(select o::public.response_answer from old_rows o), null);
  elsif exists (select 1 from old_rows) then -- an INSERT … ON CONFLICT that updated nothing fires this with no rows
    perform app.stat_apply_answers(
      array(select o::public.response_answer from old_rows o
            where not exists (select 1 from new_rows n where (n.response_id, n.item_id, n.rating) = (o.response_id, o.item_id, o.rating))),
      array(select n::public.response_answer from new_rows n
            where not exists (select 1 from old_rows o where (n.response_id, n.item_id, n.rating) = (o.response_id, o.item_id, o.rating))));
  end if;
  return null;
end
$$;
comment on function app.stat_answer_changed() is
  'AFTER INSERT/UPDATE/DELETE (statement) on response_answer: apply the answers changed (those of pending responses are left to the fold).';



create or replace function app.stat_rebuild()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_month date;
begin
  -- Writers wait until the rollups are whole again; so does the fold.
  lock table public.response, public.response_answer in share mode;
  lock table public.stat_pending in exclusive mode;
  delete from public.stat_pending;
  delete from public.stat_rating_day;
  delete from public.stat_rating_month;
  delete from public.stat_response_day;
  delete from public.stat_response_month;
  delete from public.stat_respondent_day;
  delete from public.stat_respondent_month;
  -- Through the same code as the fold, one Bangkok month of responses at a time (bounded memory at any size).
  for v_month in
    select distinct date_trunc('month', (r.created_at at time zone 'Asia/Bangkok'))::date from public.response r order by 1
  loop
    perform app.stat_apply_responses(null, array(
      select r from public.response r
      where r.created_at >= app.bangkok_day_start(v_month)
        and r.created_at < app.bangkok_day_start((v_month + interval '1 month')::date)));
  end loop;
end
$$;

comment on function app.stat_rebuild() is
  'Empty and recompute every rollup from the raw tables, nothing left pending (the backfill; also after TRUNCATE). Owner only.';


create or replace function app.stat_truncated()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform app.stat_rebuild();
  return null;
end
$$;


comment on function app.stat_truncated() is 'AFTER TRUNCATE: rebuild the rollups (they would otherwise keep the old sums).';



create trigger stat_response_inserted after insert on public.response
  referencing new table as new_rows for each statement execute function app.stat_response_inserted();


create trigger stat_response_updated after update on public.response
  referencing old table as old_rows new table as new_rows for each statement execute function app.stat_response_updated();


create trigger stat_response_deleting before delete on public.response
  for each row execute function app.stat_response_deleting();


create trigger stat_response_truncated after truncate on public.response
  for each statement execute function app.stat_truncated();


create trigger stat_answer_inserted after insert on public.response_answer
  referencing new table as new_rows for each statement execute function app.stat_answer_changed();


create trigger stat_answer_updated after update on public.response_answer
  referencing old table as old_rows new table as new_rows for each statement execute function app.stat_answer_changed();


create trigger stat_answer_deleted after delete on public.response_answer
  referencing old table as old_rows for each statement execute function app.stat_answer_changed();


create trigger stat_answer_truncated after truncate on public.response_answer
  for each statement execute function app.stat_truncated();



create or replace function app.stat_ratings_between(p_from date, p_to date, p_points bigint[], p_channel text)
returns setof public.stat_rating_month
language plpgsql
stable
set search_path = ''
as $$
declare
  -- Whole months [v_full_from, v_full_to) lie inside [p_from, p_to] and are read by month; the days before
  -- v_full_from and from v_full_to on are read by day. Three plain index ranges, disjoint months.
  v_full_from date := (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date;
  v_full_to date := greatest(date_trunc('month', (p_to + 1)::timestamp)::date, v_full_from);
begin
  return query
    select m.*
    from public.stat_rating_month m
    where m.month >= v_full_from and m.month < v_full_to
      and m.service_point_id = any (p_points) and (p_channel is null or m.channel = p_channel)
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel, d.item_code, sum(d.n)::bigint, sum(d.sum_rating)::bigint, sum(d.sum_sq)::bigint,
           sum(d.c1)::bigint, sum(d.c2)::bigint, sum(d.c3)::bigint, sum(d.c4)::bigint, sum(d.c5)::bigint
    from public.stat_rating_day d
    where d.day >= p_from and d.day < v_full_from and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3, 4
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel, d.item_code, sum(d.n)::bigint, sum(d.sum_rating)::bigint, sum(d.sum_sq)::bigint,
           sum(d.c1)::bigint, sum(d.c2)::bigint, sum(d.c3)::bigint, sum(d.c4)::bigint, sum(d.c5)::bigint
    from public.stat_rating_day d
    where d.day >= v_full_to and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3, 4
    union all
    select p.month, p.service_point_id, p.channel, r.item_code, count(*), sum(r.rating)::bigint, sum(r.rating * r.rating)::bigint,
           count(*) filter (where r.rating = 1), count(*) filter (where r.rating = 2), count(*) filter (where r.rating = 3),
           count(*) filter (where r.rating = 4), count(*) filter (where r.rating = 5)
    from app.stat_pending_between(p_from, p_to, p_points, p_channel) p
    -- the overall rating, then each answer by key (OFFSET 0: never a scan of every answer to join a few)
    cross join lateral (select 'overall' as item_code, p.overall_rating::int as rating
                        union all
                        select (select i.code from public.survey_item i where i.id = y.item_id), y.rating::int
                        from public.response_answer y where y.response_id = p.id
                        offset 0) r
    where not p.flagged
    group by 1, 2, 3, 4;
end
$$;

comment on function app.stat_ratings_between(date, date, bigint[], text) is
  'Rating sums per month × point × channel × item for the days p_from..p_to (inclusive) of the given points: the '
  'rollups, then the pending responses (a month may come twice; readers sum).';



create or replace function app.stat_counts_between(p_from date, p_to date, p_points bigint[], p_channel text)
returns setof public.stat_response_month
language plpgsql
stable
set search_path = ''
as $$
declare
  -- Whole months [v_full_from, v_full_to) lie inside [p_from, p_to] and are read by month; the days before
  -- v_full_from and from v_full_to on are read by day. Three plain index ranges, disjoint months.
  v_full_from date := (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date;
  v_full_to date := greatest(date_trunc('month', (p_to + 1)::timestamp)::date, v_full_from);
begin
  return query
    select m.*
    from public.stat_response_month m
    where m.month >= v_full_from and m.month < v_full_to
      and m.service_point_id = any (p_points) and (p_channel is null or m.channel = p_channel)
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel,
           sum(d.responses)::bigint, sum(d.one_tap)::bigint, sum(d.flagged)::bigint
    from public.stat_response_day d
    where d.day >= p_from and d.day < v_full_from and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel,
           sum(d.responses)::bigint, sum(d.one_tap)::bigint, sum(d.flagged)::bigint
    from public.stat_response_day d
    where d.day >= v_full_to and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3
    union all
    select p.month, p.service_point_id, p.channel, count(*) filter (where not p.flagged),
           -- one-tap only: no answer (a scalar lookup per response, never a hashed scan of every answer)
           count(*) filter (where not p.flagged and (select 1 from public.response_answer a where a.response_id = p.id limit 1) is null),
           count(*) filter (where p.flagged)
    from app.stat_pending_between(p_from, p_to, p_points, p_channel) p
    group by 1, 2, 3;
end
$$;

comment on function app.stat_counts_between(date, date, bigint[], text) is
  'Response counts per month × point × channel for the days p_from..p_to (inclusive) of the given points: the '
  'rollups, then the pending responses (a month may come twice; readers sum).';



create or replace function app.stat_respondents_between(p_from date, p_to date, p_points bigint[], p_channel text)
returns setof public.stat_respondent_month
language plpgsql
stable
set search_path = ''
as $$
declare
  -- Whole months [v_full_from, v_full_to) lie inside [p_from, p_to] and are read by month; the days before
  -- v_full_from and from v_full_to on are read by day. Three plain index ranges, disjoint months.
  v_full_from date := (date_trunc('month', (p_from - 1)::timestamp) + interval '1 month')::date;
  v_full_to date := greatest(date_trunc('month', (p_to + 1)::timestamp)::date, v_full_from);
begin
  return query
    select m.*
    from public.stat_respondent_month m
    where m.month >= v_full_from and m.month < v_full_to
      and m.service_point_id = any (p_points) and (p_channel is null or m.channel = p_channel)
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel, d.question, d.value, sum(d.n)::bigint, sum(d.sum_rating)::bigint, sum(d.sum_sq)::bigint
    from public.stat_respondent_day d
    where d.day >= p_from and d.day < v_full_from and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3, 4, 5
    union all
    select date_trunc('month', d.day::timestamp)::date, d.service_point_id, d.channel, d.question, d.value, sum(d.n)::bigint, sum(d.sum_rating)::bigint, sum(d.sum_sq)::bigint
    from public.stat_respondent_day d
    where d.day >= v_full_to and d.day <= p_to
      and d.service_point_id = any (p_points) and (p_channel is null or d.channel = p_channel)
    group by 1, 2, 3, 4, 5
    union all
    select p.month, p.service_point_id, p.channel, q.question, coalesce(q.value, ''), count(*),
           sum(p.overall_rating)::bigint, sum(p.overall_rating::int * p.overall_rating)::bigint
    from app.stat_pending_between(p_from, p_to, p_points, p_channel) p
    cross join lateral (values ('gender', p.gender), ('age_band', p.age_band), ('education', p.education),
                               ('occupation', p.occupation)) as q (question, value)
    where not p.flagged
    group by 1, 2, 3, 4, 5;
end
$$;

comment on function app.stat_respondents_between(date, date, bigint[], text) is
  'Respondent answer sums per month × point × channel × question × value for the days p_from..p_to (inclusive): the '
  'rollups, then the pending responses (a month may come twice; readers sum).';



-- ---------------------------------------------------------------------------------------------------------------
-- The figures
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.stat_filter_date(v jsonb)
returns date
language plpgsql
immutable
set search_path = ''
as $$
declare
  d date;
begin
  if jsonb_typeof(v) is distinct from 'string' or (v #>> '{}') !~ '^\d{4}-\d{2}-\d{2}$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  begin
    d := (v #>> '{}')::date;
  exception when others then
    perform app.refuse('invalid_value', 'filter');
  end;
  if d not between date '2000-01-01' and date '2200-12-31' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  return d;
end
$$;

comment on function app.stat_filter_date(jsonb) is 'A filter date ''YYYY-MM-DD'' (2000–2200), or refusal invalid_value (filter).';



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
  'The one computation behind satisfaction_stats (see its comment for the shape). p_public: cells with 0 < n < 5 '
  'suppressed and the flagged count withheld, which is NOT safe to publish (subtraction undoes it): the public reads '
  'public_results (app.public_grid) instead. Security invoker: only the owner''s functions can read the rollups.';



-- ---------------------------------------------------------------------------------------------------------------
-- The API
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.satisfaction_stats(p_filter jsonb, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Staff (any active role), or the server itself: the role set by PostgREST / the SQL transports, not a claim.
  if app.staff_role() is null and current_setting('role', true) is distinct from 'service_role' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  return app.stat_figures(p_filter, p_locale, false);
end
$$;

comment on function public.satisfaction_stats(jsonb, text) is
  'Staff and service_role: satisfaction figures for a filter {fiscalYear (B.E.), round h1|full, from, to (inclusive '
  'YYYY-MM-DD Bangkok days), division, servicePoint (slugs), channel}; bad values → 22023 invalid_value (filter). '
  'Returns {filter, levelBands, suppression: null, counts {responses, oneTapOnly, withItems, flagged}, overall, allItems, '
  'dimensions[], items[], distribution[{rating, count, percent}], trend[{month YYYY-MM, fiscalYear, …}], byDivision[], '
  'byServicePoint[], byChannel[], respondents {gender|age_band|education|occupation: [{value, n, percent, overall}]}}; '
  'every figure is a cell {n, mean, sd, percent, level, suppressed} from app.stat_cell (sample S.D., percent = mean ÷ 5 '
  '× 100, unrounded; n = 0 → nulls). "overall" is the one-tap question; a dimension pools the answers to its items. '
  'Items are ranked by mean, highest first (rank by the mean rounded to 2 decimals; ties share a rank). Flagged '
  'responses are excluded and only counted.';



-- ---------------------------------------------------------------------------------------------------------------
-- The public figures: fixed periods, and complementary suppression over the whole fiscal year
-- ---------------------------------------------------------------------------------------------------------------
--
-- Why: hiding only the cells under 5 responses was undone by subtraction. The total minus the divisions shown gave a
-- hidden division's n and mean, and two date windows one day apart gave one citizen's rating. So the public may ask
-- only for fixed periods (a fiscal year, its 6-month round Oct–Mar, a month), and every figure the public can see
-- for a fiscal year is decided together, as one grid:
--
--   periods        the year = Oct–Mar (the round) + Apr–Sep; each half = its six months
--   organisation   the municipality = its divisions; a division = its service points
--   questions      the overall question alone; all items = the four dimensions; a dimension = its items
--
-- Every cell of the grid (period × organisation unit × question) is hidden when fewer than 5 responses stand behind
-- it; then, along every "total = its parts" line above, until nothing changes:
--   * a line never has exactly one hidden member (else it is the total minus the rest, or the sum of the parts);
--   * when the total is shown, the hidden parts together hold at least 5 responses (what subtraction yields is
--     then itself a group of 5 or more, like any figure shown);
-- and when a line breaks either rule, its smallest shown part (fewest responses) is hidden too, or its total when no
-- part is left to hide. Apr–Sep is never shown, but the year minus the round gives it, so it is a cell like the
-- others. The channel split, the respondent profile, the rating distribution and the one-tap counts are not public.
-- supabase/tests/public-results.test.ts attacks the result with every subtraction (and a linear-algebra attacker).

create type app.public_cell as (
  period text,          -- 'fy', 'h1' (Oct–Mar), 'h2' (Apr–Sep, never shown alone) or a month 'YYYY-MM'
  unit text,            -- 'all', 'd:<division slug>' or 'p:<service point slug>'
  measure text,         -- 'overall', 'items' (every item pooled), 'dim:<dimension>' or 'item:<code>'
  period_parent text,
  unit_parent text,
  measure_parent text,
  n bigint,
  sum_rating bigint,
  sum_sq bigint,
  people bigint,        -- at least this many responses stand behind the cell: n, or for pooled answers the
                        -- largest n of its items (one response answers each item once)
  hidden boolean);

comment on type app.public_cell is
  'One cell of the public grid of a fiscal year (app.public_grid): its place in the three hierarchies, its sums, '
  'how many responses at least stand behind it, and whether the public sees it.';

create type app.public_line_member as (line text, shared boolean, is_total boolean, idx int, n bigint, people bigint);

comment on type app.public_line_member is
  'A cell (idx in the grid) as the total or a part of one "total = its parts" line; shared: the parts share '
  'responses (the questions), so their people do not add up.';



create or replace function app.public_grid(p_fiscal_year int)
returns setof app.public_cell
language plpgsql
stable
security invoker -- reads the rollups with its caller's rights: only public_results (security definer) can
set search_path = ''
as $$
declare
  v_from date := make_date(p_fiscal_year - 544, 10, 1);
  v_to date := make_date(p_fiscal_year - 543, 9, 30);
  v_april text := to_char(make_date(p_fiscal_year - 543, 4, 1), 'YYYY-MM');
  v_cells app.public_cell[];
  v_members app.public_line_member[];
  v_hidden boolean[];
  v_more int[];
  i int;
begin
  with
  leaf as (
    -- month × service point × item code, channels summed (the public sees no channel)
    select to_char(r.month, 'YYYY-MM') as month, r.service_point_id, r.item_code,
           sum(r.n)::bigint as n, sum(r.sum_rating)::bigint as s, sum(r.sum_sq)::bigint as q
    from app.stat_ratings_between(v_from, v_to, array(select p.id from public.service_point p), null) r
    group by 1, 2, 3
  ),
  catalogue as (
    -- each item code once, in the dimension of its newest published (else retired) version, as stat_figures reads it
    select distinct on (i.code) i.code, i.dimension,
           exists (select 1 from public.survey_item ci join public.survey_version cv on cv.id = ci.survey_version_id
                   where ci.code = i.code and cv.status = 'published') as current
    from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
    where v.status <> 'draft'
    order by i.code, v.status = 'published' desc, v.version_no desc
  ),
  periods (period, parent) as (
    select 'fy', null::text
    union all select 'h1', 'fy'
    union all select 'h2', 'fy'
    union all select to_char(m, 'YYYY-MM'), case when to_char(m, 'YYYY-MM') < v_april then 'h1' else 'h2' end
    from generate_series(v_from::timestamp, v_to::timestamp, interval '1 month') m
  ),
  units (unit, parent) as (
    select 'all', null::text
    union all select 'd:' || d.slug, 'all' from public.division d
    union all select 'p:' || p.slug, 'd:' || d.slug from public.service_point p join public.division d on d.id = p.division_id
  ),
  measures (measure, parent) as (
    select 'overall', null::text
    union all select 'items', null
    union all select 'dim:' || x, 'items' from unnest(array['process', 'staff', 'facilities', 'outcome']) x
    union all select 'item:' || c.code, 'dim:' || c.dimension from catalogue c
    where c.current or exists (select 1 from leaf l where l.item_code = c.code and l.n > 0)
  ),
  sums as (
    -- each leaf adds to its month, half and year × its point, division and the whole × its item, dimension and all
    -- items (or the overall question)
    select pe.period, un.unit, me.measure, sum(l.n) as n, sum(l.s) as s, sum(l.q) as q
    from leaf l
    join public.service_point p on p.id = l.service_point_id
    join public.division d on d.id = p.division_id
    left join catalogue c on c.code = l.item_code
    cross join lateral (values (l.month), (case when l.month < v_april then 'h1' else 'h2' end), ('fy')) pe (period)
    cross join lateral (values ('p:' || p.slug), ('d:' || d.slug), ('all')) un (unit)
    cross join lateral (select 'overall' where l.item_code = 'overall'
                        union all
                        select x from unnest(array['item:' || l.item_code, 'dim:' || c.dimension, 'items']) x
                        where l.item_code <> 'overall' and c.code is not null) me (measure)
    group by 1, 2, 3
  ),
  grid as (
    select pe.period, un.unit, me.measure, pe.parent as period_parent, un.parent as unit_parent, me.parent as measure_parent,
           coalesce(x.n, 0)::bigint as n, coalesce(x.s, 0)::bigint as s, coalesce(x.q, 0)::bigint as q
    from periods pe cross join units un cross join measures me
    left join sums x on x.period = pe.period and x.unit = un.unit and x.measure = me.measure
  ),
  pooled as (
    select g.period, g.unit, g.measure_parent as measure, max(g.n) as people from grid g where g.measure like 'item:%' group by 1, 2, 3
    union all
    select g.period, g.unit, 'items', max(g.n) from grid g where g.measure like 'item:%' group by 1, 2
  )
  select array_agg(row(g.period, g.unit, g.measure, g.period_parent, g.unit_parent, g.measure_parent, g.n, g.s, g.q,
                       p.people, p.people between 1 and 4)::app.public_cell
                   order by g.period, g.unit, g.measure)
  into v_cells
  from grid g
  left join pooled o on o.period = g.period and o.unit = g.unit and o.measure = g.measure
  cross join lateral (select case when g.measure = 'overall' or g.measure like 'item:%' then g.n
                                  else coalesce(o.people, 0) end as people) p;

  v_hidden := array(select x.hidden from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent, unit_parent,
                                                                                 measure_parent, n, sum_rating, sum_sq, people,
                                                                                 hidden, o) order by x.o);

  -- Every line: its total and its parts, one dimension moving while the other two stay.
  with c as (select x.*, o::int as idx from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent,
                                                                                   unit_parent, measure_parent, n, sum_rating,
                                                                                   sum_sq, people, hidden, o))
  select array_agg(row(m.line, m.shared, m.is_total, m.idx, m.n, m.people)::app.public_line_member)
  into v_members
  from (
    select concat_ws('|', 'p', c.period_parent, c.unit, c.measure) as line, false as shared, false as is_total, c.idx, c.n, c.people
    from c where c.period_parent is not null
    union all
    select concat_ws('|', 'p', c.period, c.unit, c.measure), false, true, c.idx, c.n, c.people
    from c where c.period in ('fy', 'h1', 'h2')
    union all
    select concat_ws('|', 'u', c.unit_parent, c.period, c.measure), false, false, c.idx, c.n, c.people
    from c where c.unit_parent is not null
    union all
    select concat_ws('|', 'u', c.unit, c.period, c.measure), false, true, c.idx, c.n, c.people
    from c where c.unit = 'all' or c.unit like 'd:%'
    union all
    select concat_ws('|', 'm', c.measure_parent, c.period, c.unit), true, false, c.idx, c.n, c.people
    from c where c.measure_parent is not null
    union all
    select concat_ws('|', 'm', c.measure, c.period, c.unit), true, true, c.idx, c.n, c.people
    from c where c.measure = 'items' or c.measure like 'dim:%'
  ) m;

  -- Hide more until no line breaks a rule. Only ever hides, so it ends (at worst with everything hidden).
  loop
    v_more := array(
      -- Only lines with a hidden member can break a rule.
      with hot as (select distinct x.line from unnest(v_members) x where v_hidden[x.idx]),
      m as (select x.*, v_hidden[x.idx] as hidden from unnest(v_members) x where x.line in (select h.line from hot h)),
      lines as (
        select m.line,
               bool_or(m.is_total and m.hidden) as total_hidden,
               count(*) filter (where m.hidden) as hidden_members,
               count(*) filter (where m.hidden and not m.is_total) as hidden_parts,
               case when bool_or(m.shared) then max(m.people) filter (where m.hidden and not m.is_total)
                    else sum(m.people) filter (where m.hidden and not m.is_total) end as hidden_people
        from m group by m.line
      ),
      bad as (
        select l.line from lines l
        where l.hidden_members = 1 or (not l.total_hidden and l.hidden_parts > 0 and l.hidden_people < 5)
      ),
      pick as (
        select distinct on (b.line) b.line, m.idx
        from bad b join m on m.line = b.line and not m.is_total and not m.hidden and m.n > 0
        order by b.line, m.people, m.n, m.idx
      )
      select p.idx from pick p
      union
      select m.idx from bad b join m on m.line = b.line and m.is_total and not m.hidden
      where not exists (select 1 from pick p where p.line = b.line));
    exit when cardinality(v_more) = 0;
    foreach i in array v_more loop
      v_hidden[i] := true;
    end loop;
  end loop;

  return query
    select x.period, x.unit, x.measure, x.period_parent, x.unit_parent, x.measure_parent, x.n, x.sum_rating, x.sum_sq,
           x.people, v_hidden[o::int]
    from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent, unit_parent, measure_parent, n,
                                               sum_rating, sum_sq, people, hidden, o);
end
$$;

comment on function app.public_grid(int) is
  'Every figure the public may see for fiscal year p_fiscal_year (B.E.): period (fy, h1, h2, months) × unit (all, '
  'divisions, service points) × measure (overall, items, dimensions, items) with its sums and whether it is hidden: '
  'fewer than 5 responses, then complementary suppression along every total = parts line until no line has exactly '
  'one hidden member and the hidden parts of every shown total hold at least 5 responses.';



create or replace function app.public_cell_json(p_cell app.public_cell, p_bands text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case
    when p_cell is null then null
    when p_cell.hidden then
      jsonb_build_object('n', null, 'mean', null, 'sd', null, 'percent', null, 'level', null, 'suppressed', true)
    else app.stat_cell(p_cell.n, p_cell.sum_rating, p_cell.sum_sq, p_bands)
  end
$$;

comment on function app.public_cell_json(app.public_cell, text) is
  'A grid cell as the public sees it: app.stat_cell of its sums, or every figure null and suppressed: true. The '
  'reason (too few, or hidden to protect another) is not told: it would narrow what a hidden cell can hold.';



-- jit = off: PostgreSQL's JIT compiled the grid's queries afresh on every call. Measured on PostgreSQL 15, 300
-- responses in the year: 6.5–7.5 s a call with JIT, 0.20 s without (the page waited for it; PGlite has no JIT).
create or replace function public.public_results(p_filter jsonb, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
declare
  f jsonb := coalesce(nullif(p_filter, 'null'::jsonb), '{}');
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_year numeric;
  v_fy int;
  v_round text;
  v_month date;
  v_period text;
  v_from date;
  v_to date;
  v_division public.division;
  v_point public.service_point;
  v_unit text;
  v_bands text;
  v_grid app.public_cell[];
begin
  if jsonb_typeof(f) is distinct from 'object' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  f := jsonb_strip_nulls(f);
  -- Any window but a fixed period is what the subtraction attack differences.
  if f ?| array['from', 'to'] then
    perform app.refuse('fixed_periods_only', 'filter');
  end if;
  perform app.expect_keys(f, 'filter', array['fiscalYear', 'round', 'month', 'division', 'servicePoint']);

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
  if f ? 'month' then
    -- Tested one by one: SQL does not promise to stop an OR at its first true operand.
    if jsonb_typeof(f -> 'month') <> 'string' or f ? 'round' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    if (f ->> 'month') !~ '^\d{4}-(0[1-9]|1[0-2])$' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    if left(f ->> 'month', 4)::int not between 2000 and 2200 then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_month := make_date(left(f ->> 'month', 4)::int, right(f ->> 'month', 2)::int, 1);
    if v_fy is not null and v_fy <> extract(year from v_month + interval '3 months')::int + 543 then
      perform app.refuse('invalid_value', 'filter'); -- a month outside the fiscal year named with it
    end if;
    v_fy := extract(year from v_month + interval '3 months')::int + 543;
    v_period := to_char(v_month, 'YYYY-MM');
    v_from := v_month;
    v_to := (v_month + interval '1 month - 1 day')::date;
  elsif v_fy is not null then
    v_round := coalesce(f ->> 'round', 'full');
    if (f ? 'round' and jsonb_typeof(f -> 'round') <> 'string') or v_round not in ('h1', 'full') then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_period := case v_round when 'h1' then 'h1' else 'fy' end;
    v_from := make_date(v_fy - 544, 10, 1);
    v_to := case v_round when 'h1' then make_date(v_fy - 543, 3, 31) else make_date(v_fy - 543, 9, 30) end;
  else
    perform app.refuse('period_required', 'filter');
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
    if not found or v_point.division_id is distinct from coalesce(v_division.id, v_point.division_id) then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  v_unit := case when v_point.id is not null then 'p:' || v_point.slug
                 when v_division.id is not null then 'd:' || v_division.slug
                 else 'all' end;

  select o.level_bands into v_bands from public.organisation o where o.id = 1;
  v_bands := coalesce(v_bands, '0.5');
  v_grid := array(select g from app.public_grid(v_fy) g);

  return (
    with
    g as (select u as c, u.period, u.unit, u.measure, u.n, u.hidden from unnest(v_grid) u),
    here as (select * from g where g.period = v_period and g.unit = v_unit),
    catalogue as (
      select distinct on (i.code) i.code, i.dimension, i.position, i.text
      from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
      where v.status <> 'draft'
      order by i.code, v.status = 'published' desc, v.version_no desc
    ),
    items as (
      select c.code, c.dimension, c.position as item_position, app.localized(c.text, v_locale) as text, h.c as cell, h.n,
             case when not h.hidden and h.n > 0 then (h.c).sum_rating::numeric / h.n end as mean
      from here h join catalogue c on h.measure = 'item:' || c.code
    ),
    ranked as (
      -- Ranked among the items shown, highest mean first, as satisfaction_stats ranks; hidden items are unranked.
      select items.*,
             case when mean is not null then rank() over (partition by mean is not null order by round(mean, 2) desc) end as rank,
             row_number() over (order by mean desc nulls last, case when mean is not null then n end desc nulls last,
                                         array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                         item_position, code) as ord,
             row_number() over (order by array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                         item_position, code) as survey_order
      from items
    )
    select jsonb_build_object(
      'filter', jsonb_build_object(
        'fiscalYear', v_fy, 'round', case when v_month is null then v_round end, 'month', to_char(v_month, 'YYYY-MM'),
        'from', v_from, 'to', v_to, 'division', v_division.slug, 'servicePoint', v_point.slug),
      'levelBands', app.level_bands(v_bands),
      'suppression', jsonb_build_object('minN', 5, 'complementary', true),
      'counts', (select jsonb_build_object('responses', case when not h.hidden then h.n end) from here h where h.measure = 'overall'),
      'overall', (select app.public_cell_json(h.c, v_bands) from here h where h.measure = 'overall'),
      'allItems', (select app.public_cell_json(h.c, v_bands) from here h where h.measure = 'items'),
      'dimensions', (
        select jsonb_agg(jsonb_build_object('dimension', dim.code) || app.public_cell_json(h.c, v_bands) order by dim.ord)
        from unnest(array['process', 'staff', 'facilities', 'outcome']) with ordinality as dim (code, ord)
        join here h on h.measure = 'dim:' || dim.code),
      'items', (
        select coalesce(jsonb_agg(jsonb_build_object('code', k.code, 'dimension', k.dimension, 'text', k.text, 'rank', k.rank,
                                                     'surveyOrder', k.survey_order)
                                  || app.public_cell_json(k.cell, v_bands) order by k.ord), '[]')
        from ranked k),
      'trend', (
        select coalesce(jsonb_agg(jsonb_build_object('month', t.period, 'fiscalYear', v_fy) || app.public_cell_json(t.c, v_bands)
                                  order by t.period), '[]')
        from g t
        where t.unit = v_unit and t.measure = 'overall' and t.period ~ '^\d{4}-\d{2}$'
          and t.period between to_char(v_from, 'YYYY-MM') and to_char(v_to, 'YYYY-MM')),
      'byDivision', (
        -- Every division, whatever the selection: the page lists them to choose from (the grid is the same).
        select coalesce(jsonb_agg(jsonb_build_object('slug', d.slug, 'name', app.localized(d.name, v_locale))
                                  || app.public_cell_json(t.c, v_bands) order by d.position, d.id), '[]')
        from public.division d
        join g t on t.period = v_period and t.measure = 'overall' and t.unit = 'd:' || d.slug),
      'byServicePoint', (
        select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, v_locale), 'division', d.slug)
                                  || app.public_cell_json(t.c, v_bands) order by d.position, p.id), '[]')
        from public.service_point p
        join public.division d on d.id = p.division_id
        join g t on t.period = v_period and t.unit = 'p:' || p.slug and t.measure = 'overall'
        join g y on y.period = 'fy' and y.unit = 'p:' || p.slug and y.measure = 'overall'
        where (v_division.id is null or d.id = v_division.id) and (v_point.id is null or p.id = v_point.id)
          and (p.active or y.n > 0))
    ));
end
$$;

comment on function public.public_results(jsonb, text) is
  'Public (anon): satisfaction figures for ONE FIXED PERIOD {fiscalYear (B.E.) [, round h1|full] | month YYYY-MM '
  '[, fiscalYear]} and optionally {division, servicePoint} (slugs). A date range (from/to) → 22023 fixed_periods_only; '
  'no period → period_required; anything else wrong → invalid_value (filter), unknown keys → unknown_field. Returns '
  '{filter {fiscalYear, round, month, from, to, division, servicePoint}, levelBands, suppression {minN 5, complementary}, '
  'counts {responses}, overall, allItems, dimensions[], items[], trend[] (the months of the period), byDivision[] '
  '(every division), byServicePoint[] (those of the selection)}, every cell {n, mean, sd, percent, level, suppressed} '
  'from the same sums as satisfaction_stats. '
  'Hidden cells (app.public_grid: under 5 responses, and complementary suppression across the periods, organisation '
  'and questions of the fiscal year) have every figure null. No channel split, respondent profile, distribution or '
  'one-tap count; no text typed by citizens.';



-- ---------------------------------------------------------------------------------------------------------------
-- Privileges and row level security: nobody reads or writes the rollups but the owner's functions.
-- ---------------------------------------------------------------------------------------------------------------

alter table public.stat_rating_day enable row level security;


alter table public.stat_rating_month enable row level security;


alter table public.stat_response_day enable row level security;


alter table public.stat_response_month enable row level security;


alter table public.stat_respondent_day enable row level security;


alter table public.stat_respondent_month enable row level security;

-- Statistics rollups, deferred: a new response is queued, not rolled up, and a background job folds settled responses
-- into the rollups in batches.
--
-- Why: bench:submit measured the rollup triggers as most of a full submission's database time (about 2/3 on
-- PostgreSQL, 10 of 17 ms on the embedded database), and with many citizens at once every submission to the same
-- counter waited on the same rollup rows until the other's commit. A batch of responses touches each rollup row once.
--
-- Invariants:
--   * Every committed response is EITHER pending (a row in stat_pending, nothing of it in any rollup) OR rolled up,
--     never both and never neither: app.stat_fold moves responses from one state to the other in one transaction.
--   * Readers (app.stat_*_between) add what the pending responses contribute, computed from the raw rows in the same
--     snapshot as the rollups, so every figure still equals a GROUP BY of the raw tables after every statement.
--   * A writer that changes a pending response changes no rollup (the fold will read the response as it then is); a
--     writer that changes a rolled-up response applies the difference, as before. The writer decides under a lock on
--     the response row that conflicts with the fold's FOR UPDATE (UPDATE and DELETE hold one; the answer triggers
--     take FOR SHARE before deciding; inserting an answer holds FOR KEY SHARE through its foreign key), and the fold
--     skips locked responses (SKIP LOCKED). So the fold never folds a response that a writer in progress saw as
--     pending, and a writer that waited for a fold sees it folded.
--   * A response waits in stat_pending at least the settle time the job passes (lib/stats/fold-job.ts, 2 minutes by
--     default): a citizen who taps a face and then fills in the form within it amends a pending response, which
--     costs no rollup work at all. Readers pay for each pending response, so the job also folds the oldest beyond
--     a cap (1,000) whatever their age.

create table public.stat_pending (
  response_id uuid primary key references public.response (id) on delete cascade,
  queued_at timestamptz not null default now()
) with (autovacuum_vacuum_scale_factor = 0.02);


comment on table public.stat_pending is
  'Responses not yet in the statistics rollups (see app.stat_fold). Readers add them from the raw rows.';



alter table public.stat_pending enable row level security;



-- The fold takes the lock before it takes its responses, so that it never holds the lock while waiting: its
-- responses are taken SKIP LOCKED, and a writer that holds the lock waits for no fold.
create or replace function app.stat_fold(p_settle interval, p_limit int)
returns int
language plpgsql
set search_path = ''
as $$
declare
  v_responses public.response[];
begin
  perform pg_advisory_xact_lock(hashtextextended('siang:stat:rollups', 0));
  -- The oldest settled pending responses that no writer holds (SKIP LOCKED: a writer in progress keeps its response
  -- pending until it commits, and a later fold takes it), locked so that no writer changes them until this commits.
  v_responses := array(
    select r
    from public.stat_pending p
    join public.response r on r.id = p.response_id
    where p.queued_at <= statement_timestamp() - p_settle
    order by p.queued_at, p.response_id
    limit p_limit
    for update of r skip locked);
  if cardinality(v_responses) = 0 then
    return 0;
  end if;
  -- Only those this fold takes out of the queue: another fold that committed after this one's snapshot was taken has
  -- folded some already (their rows were only locked, never updated, so the lock above did not notice).
  with taken as (
    delete from public.stat_pending p where p.response_id in (select x.id from unnest(v_responses) x) returning p.response_id
  )
  select coalesce(array_agg(x), '{}') from unnest(v_responses) x where x.id in (select t.response_id from taken t)
  into v_responses;
  perform app.stat_apply_responses(null, v_responses);
  return cardinality(v_responses);
end
$$;

comment on function app.stat_fold(interval, int) is
  'Move up to p_limit pending responses queued at least p_settle ago into the rollups (all of each: overall rating, '
  'answers, counts, respondent). Returns how many. Owner only; the server calls public.stat_fold_pending.';



create or replace function public.stat_fold_pending(p_settle_seconds int default 120, p_limit int default 500)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folded int;
begin
  if p_settle_seconds is null or p_settle_seconds not between 0 and 86400 then
    perform app.refuse('invalid_value', 'p_settle_seconds');
  end if;
  if p_limit is null or p_limit not between 1 and 50000 then
    perform app.refuse('invalid_value', 'p_limit');
  end if;
  v_folded := app.stat_fold(make_interval(secs => p_settle_seconds), p_limit);
  return jsonb_build_object('folded', v_folded, 'pending', (select count(*) from public.stat_pending));
end
$$;

comment on function public.stat_fold_pending(int, int) is
  'Server only (service_role): fold up to p_limit (1–50,000) responses pending for at least p_settle_seconds '
  '(0–86,400) into the statistics rollups, oldest first. Returns {folded, pending: how many wait still}. Safe to run '
  'from several instances at once.';



-- ---------------------------------------------------------------------------------------------------------------
-- Reading: rollups plus what the pending responses contribute
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.stat_pending_between(p_from date, p_to date, p_points bigint[], p_channel text)
returns table (month date, id uuid, service_point_id bigint, channel text, flagged boolean, overall_rating smallint,
               gender text, age_band text, education text, occupation text)
language sql
stable
rows 50 -- a few minutes of submissions (the job keeps it under 1,000): plan the readers' joins as lookups
set search_path = ''
as $$
  -- From the queue to each of its responses by primary key (OFFSET 0 keeps the planner from turning it round: with
  -- a join it scanned every response of the points and dates instead, about 100 ms at 100,000 responses).
  select date_trunc('month', f.day::timestamp)::date, r.id, r.service_point_id, r.channel, r.flag is not null,
         r.overall_rating, r.gender, r.age_band, r.education, r.occupation
  from public.stat_pending p
  cross join lateral (select x.* from public.response x where x.id = p.response_id offset 0) r
  cross join lateral (select (r.created_at at time zone 'Asia/Bangkok')::date as day) f
  where f.day >= p_from and f.day <= p_to
    and r.service_point_id = any (p_points) and (p_channel is null or r.channel = p_channel)
$$;

comment on function app.stat_pending_between(date, date, bigint[], text) is
  'Pending responses of the days p_from..p_to (inclusive) of the given points, with their Bangkok month.';

-- Transactions that write the statistics rollups do so one at a time.
--
-- Why: a transaction may write rollup rows in several statements (an amended response: its own rollups when the
-- response row changes, then its changed answers, then its added ones), each statement in key order but not the
-- transaction as a whole, while a fold writes the rollups of many responses in key order. Two such transactions
-- that meet on the same rollup rows (same day, counter, channel and item) in opposite orders deadlock, and one of
-- them, possibly a citizen's amendment, fails (the statistics concurrency test met it).
--
-- Now each statement that writes a rollup table first takes one transaction-level advisory lock, so rollup rows are
-- only ever held by one uncommitted transaction. Only folds, amendments of responses already rolled up, staff
-- changes (flags, deletions) and rebuilds write rollups: a new submission only joins the queue (stat_pending) and
-- never waits here. A fold holds the lock for the fold's own short transaction; it never waits for a row lock
-- while holding it (it takes its responses SKIP LOCKED before writing).

create or replace function app.stat_rollups_lock()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_advisory_xact_lock(hashtextextended('siang:stat:rollups', 0));
  return null;
end
$$;

comment on function app.stat_rollups_lock() is
  'BEFORE INSERT/UPDATE/DELETE (statement) on the rollup tables: one rollup-writing transaction at a time.';

create trigger stat_rollups_lock before insert or update or delete on public.stat_rating_day
  for each statement execute function app.stat_rollups_lock();

create trigger stat_rollups_lock before insert or update or delete on public.stat_rating_month
  for each statement execute function app.stat_rollups_lock();

create trigger stat_rollups_lock before insert or update or delete on public.stat_response_day
  for each statement execute function app.stat_rollups_lock();

create trigger stat_rollups_lock before insert or update or delete on public.stat_response_month
  for each statement execute function app.stat_rollups_lock();

create trigger stat_rollups_lock before insert or update or delete on public.stat_respondent_day
  for each statement execute function app.stat_rollups_lock();

create trigger stat_rollups_lock before insert or update or delete on public.stat_respondent_month
  for each statement execute function app.stat_rollups_lock();

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.level_bands(text),
  app.respondent_values(text),
  app.satisfaction_level(numeric, text),
  app.stat_add_counts(app.stat_count_delta[]),
  app.stat_add_ratings(app.stat_rating_delta[]),
  app.stat_add_respondents(app.stat_respondent_delta[]),
  app.stat_answer_changed(),
  app.stat_apply_answers(response_answer[], response_answer[]),
  app.stat_apply_responses(response[], response[], text[]),
  app.stat_cell(bigint, bigint, bigint, text, integer),
  app.stat_counts_between(date, date, bigint[], text),
  app.stat_figures(jsonb, text, boolean),
  app.stat_filter_date(jsonb),
  app.stat_fold(interval, integer),
  app.stat_pending_between(date, date, bigint[], text),
  app.stat_ratings_between(date, date, bigint[], text),
  app.stat_rebuild(),
  app.stat_respondents_between(date, date, bigint[], text),
  app.stat_response_deleting(),
  app.stat_response_inserted(),
  app.stat_response_updated(),
  app.stat_rollups_lock(),
  app.stat_share(bigint, bigint, integer, text),
  app.stat_truncated(),
  app.public_grid(integer),
  app.public_cell_json(app.public_cell, text),
  public.public_results(jsonb, text),
  public.satisfaction_stats(jsonb, text),
  public.stat_fold_pending(integer, integer)
from public, anon, authenticated, service_role;
grant execute on function
  public.public_results(jsonb, text)
to anon, authenticated, service_role;
grant execute on function
  app.level_bands(text),
  app.respondent_values(text),
  app.satisfaction_level(numeric, text),
  app.stat_add_counts(app.stat_count_delta[]),
  app.stat_add_ratings(app.stat_rating_delta[]),
  app.stat_add_respondents(app.stat_respondent_delta[]),
  app.stat_answer_changed(),
  app.stat_apply_answers(response_answer[], response_answer[]),
  app.stat_apply_responses(response[], response[], text[]),
  app.stat_cell(bigint, bigint, bigint, text, integer),
  app.stat_counts_between(date, date, bigint[], text),
  app.stat_figures(jsonb, text, boolean),
  app.stat_filter_date(jsonb),
  app.stat_ratings_between(date, date, bigint[], text),
  app.stat_rebuild(),
  app.stat_respondents_between(date, date, bigint[], text),
  app.stat_response_deleting(),
  app.stat_response_inserted(),
  app.stat_response_updated(),
  app.stat_share(bigint, bigint, integer, text),
  app.stat_truncated(),
  public.satisfaction_stats(jsonb, text)
to authenticated, service_role;
grant execute on function
  public.stat_fold_pending(integer, integer)
to service_role;

revoke all on public.stat_pending from anon, authenticated, service_role;

revoke all on public.stat_rating_day from anon, authenticated, service_role;
grant select on public.stat_rating_day to service_role;

revoke all on public.stat_rating_month from anon, authenticated, service_role;
grant select on public.stat_rating_month to service_role;

revoke all on public.stat_respondent_day from anon, authenticated, service_role;
grant select on public.stat_respondent_day to service_role;

revoke all on public.stat_respondent_month from anon, authenticated, service_role;
grant select on public.stat_respondent_month to service_role;

revoke all on public.stat_response_day from anon, authenticated, service_role;
grant select on public.stat_response_day to service_role;

revoke all on public.stat_response_month from anon, authenticated, service_role;
grant select on public.stat_response_month to service_role;
