-- Statistics rollups, deferred: a new response is queued, not rolled up, and a background job folds settled responses
-- into the rollups in batches.
--
-- Why: bench:submit measured the rollup triggers as most of a full submission's database time (about 2/3 on
-- PostgreSQL, 10 of 17 ms on the embedded database), and with many citizens at once every submission to the same
-- counter waited on the same rollup rows until the other's commit. A batch of responses touches each rollup row once.
--
-- Invariants (these replace the first invariant of 20261126110000_statistics.sql; the others stand):
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
  response_id uuid primary key,
  queued_at timestamptz not null default now()
);
comment on table public.stat_pending is
  'Responses not yet in the statistics rollups (see app.stat_fold). Readers add them from the raw rows. No foreign '
  'key: the response''s BEFORE DELETE trigger removes its row, and a TRUNCATE rebuilds everything.';
alter table public.stat_pending set (autovacuum_vacuum_scale_factor = 0.02);
alter table public.stat_pending enable row level security;
revoke all on public.stat_pending from public, anon, authenticated, service_role;

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
    and not exists (select 1 from public.stat_pending p where p.response_id = coalesce(o.id, n.id));
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
    where not exists (select 1 from public.stat_pending q where q.response_id = x.response_id));
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

-- ---------------------------------------------------------------------------------------------------------------
-- The fold
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.stat_fold(p_settle interval, p_limit int)
returns int
language plpgsql
set search_path = ''
as $$
declare
  v_responses public.response[];
begin
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
-- Privileges: the fold and the queue are the owner's; the server folds through stat_fold_pending.
-- ---------------------------------------------------------------------------------------------------------------

revoke execute on function app.stat_fold(interval, int), app.stat_pending_between(date, date, bigint[], text)
  from public, anon, authenticated, service_role;
revoke execute on function public.stat_fold_pending(int, int) from public, anon, authenticated;
grant execute on function public.stat_fold_pending(int, int) to service_role;

-- Each read planned for its own dates and points. After five calls in one session PL/pgSQL may keep a generic plan,
-- which cannot see which months a fiscal year spans: on PostgreSQL at 100,000 responses one fiscal year then took
-- 174–283 ms instead of 64–103 (bench:dashboard measured the first six calls of a session only; the app's pooled
-- connections make many more). The same fix as the export's (…_export_main_reason.sql).
alter function app.stat_ratings_between(date, date, bigint[], text) set plan_cache_mode = force_custom_plan;
alter function app.stat_counts_between(date, date, bigint[], text) set plan_cache_mode = force_custom_plan;
alter function app.stat_respondents_between(date, date, bigint[], text) set plan_cache_mode = force_custom_plan;
alter function app.stat_figures(jsonb, text, boolean) set plan_cache_mode = force_custom_plan;
