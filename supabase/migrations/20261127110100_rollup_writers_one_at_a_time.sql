-- Transactions that write the statistics rollups do so one at a time.
--
-- Why: a transaction may write rollup rows in several statements (an amended response: its own rollups when the
-- response row changes, then its changed answers, then its added ones), each statement in key order but not the
-- transaction as a whole, while a fold writes the rollups of many responses in key order. Two such transactions
-- that meet on the same rollup rows (same day, counter, channel and item) in opposite orders deadlock, and one of
-- them, possibly a citizen's amendment, fails. The statistics concurrency test hit this once the answers' keys
-- were checked per statement (20261127110000), which widened the gap between two of those statements.
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
revoke all on function app.stat_rollups_lock() from public, anon, authenticated;

do $$
declare
  v_table text;
begin
  foreach v_table in array array['stat_rating_day', 'stat_rating_month', 'stat_response_day', 'stat_response_month',
                                 'stat_respondent_day', 'stat_respondent_month'] loop
    execute format('create trigger stat_rollups_lock before insert or update or delete on public.%I '
                   'for each statement execute function app.stat_rollups_lock()', v_table);
  end loop;
end
$$;

-- The fold takes the lock before it takes its responses, so that it never holds the lock while waiting: its
-- responses are taken SKIP LOCKED, and a writer that holds the lock waits for no fold.
create or replace function app.stat_fold(p_settle interval, p_limit int)
returns int
language plpgsql
set search_path = ''
set plan_cache_mode = force_custom_plan
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
