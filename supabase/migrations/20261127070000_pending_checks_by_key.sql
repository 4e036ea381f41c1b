-- "Is this response pending?" asked by key, never by reading the queue.
--
-- Why: with the statistics fold a minute behind, every full submission on PostgreSQL read the whole of stat_pending
-- (pg_stat_user_tables, per submission: one index scan returning ~10,000 rows and touching ~10,000 heap pages; 6.5 ms
-- a submission with 10,000 pending, against ~1 ms when the queue is short). The triggers asked with NOT EXISTS, which
-- the planner may turn into an anti join over the whole queue: cheap while the queue is short when the plan is made
-- (ANALYZE often finds it empty, right after a fold), ruinous once 12,000 responses wait for the next fold. Now:
--   * each response is looked up in stat_pending by its primary key, in a loop (the answers of a submission belong to
--     one response) or in a subquery the planner may not flatten (OFFSET 0);
--   * the triggers run with sequential scans off, so that a lookup planned while the queue was empty still uses the
--     key when it has grown.
--   * the answers trigger also locks each response by its key. Its `select … from response where id in (new rows)
--     order by id for share` had been planned as a hash join over a sequential scan of every response (made while the
--     table was small; 0.3 ms of a 2 ms submission in auto_explain). Same locks, same order, never a scan.

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

alter function app.stat_answer_changed() set enable_seqscan = off;
alter function app.stat_response_updated() set enable_seqscan = off;
