-- The rate limits forget their old windows through an index, not by reading every counter.
--
-- Why: perf on the PostgreSQL server during bench load of one-tap submissions put ~7 % of the server's CPU in one
-- bitmap index scan (btgetbitmap, _bt_checkkeys). One call of rate_limit_hit in a hundred deletes the windows older
-- than a day, and rate_counter had no index on window_start: with sequential scans off for the function
-- (…_plans_for_growing_tables.sql) that DELETE walked the whole primary key instead of the whole table. The flood
-- guard keeps one row per address and minute, so a day of a busy server's submissions is about as many rows, and every
-- hundredth submission read all of them.
--
-- Now window_start has an index, and the clean-up is a function of its own (also off sequential scans) that reads
-- only the windows it deletes. rate_limit_hit is otherwise unchanged.

create index rate_counter_window_idx on public.rate_counter (window_start);

create or replace function app.forget_rate_windows(p_before timestamptz)
returns int
language plpgsql
security definer
set search_path = ''
set enable_seqscan = off
as $$
declare
  v_forgotten int;
begin
  delete from public.rate_counter where window_start < p_before;
  get diagnostics v_forgotten = row_count;
  return v_forgotten;
end
$$;
comment on function app.forget_rate_windows(timestamptz) is
  'Delete the rate-limit windows that started before p_before, read through rate_counter_window_idx; how many.';
revoke all on function app.forget_rate_windows(timestamptz) from public, anon, authenticated;

create or replace function public.rate_limit_hit(p_bucket text, p_window_seconds int, p_limit int, p_cost int default 1)
returns jsonb
language plpgsql
security definer
set search_path = ''
set enable_seqscan = off
as $$
declare
  v_now timestamptz := clock_timestamp();
  v_start timestamptz := to_timestamp(floor(extract(epoch from v_now) / p_window_seconds) * p_window_seconds);
  v_elapsed double precision := extract(epoch from v_now - v_start) / p_window_seconds;
  v_hits int;
  v_previous int;
  v_estimate int;
begin
  if p_window_seconds not between 1 and 86400 or p_limit < 1 or p_cost not between 0 and 1000 then
    perform app.refuse('invalid_value', 'rate_limit');
  end if;
  if p_cost = 0 then
    select hits into v_hits from public.rate_counter where bucket = p_bucket and window_start = v_start;
    v_hits := coalesce(v_hits, 0);
  else
    insert into public.rate_counter as c (bucket, window_start, hits) values (p_bucket, v_start, p_cost)
    on conflict (bucket, window_start) do update set hits = c.hits + p_cost
    returning hits into v_hits;
    -- Now and then, forget windows older than a day.
    if random() < 0.01 then
      perform app.forget_rate_windows(v_now - interval '1 day');
    end if;
  end if;
  -- A sliding window: the previous window counts for the part of it that still lies within the last p_window_seconds,
  -- so a burst just before a window boundary is not forgotten just after it.
  select hits into v_previous from public.rate_counter
  where bucket = p_bucket and window_start = v_start - make_interval(secs => p_window_seconds);
  v_estimate := v_hits + floor(coalesce(v_previous, 0) * (1 - v_elapsed))::int;
  return jsonb_build_object(
    'allowed', v_estimate <= p_limit,
    'hits', v_estimate,
    'retryAfter', greatest(1, ceil(extract(epoch from (v_start + make_interval(secs => p_window_seconds) - v_now)))::int));
end
$$;
comment on function public.rate_limit_hit(text, int, int, int) is
  'Server only: count p_cost hits for p_bucket (0 = just look); hits = hits in the last p_window_seconds (sliding '
  'estimate); allowed = still within p_limit.';
