-- Jobs and limits: sliding-window rate counters (sign-in, tracking, floods; buckets hold keyed hashes, never
-- addresses) and the record of background jobs. Both live here so that any number of app instances share them.
--
-- Who may touch it: the server alone (service_role) counts hits through rate_limit_hit; admins read when each job
-- last ran. No API role reads the counters.

-- ---------------------------------------------------------------------------------------------------------------
-- Rate limiting, kept in the database so that any number of app instances share it
-- ---------------------------------------------------------------------------------------------------------------

create table public.rate_counter (
  bucket text not null check (char_length(bucket) <= 200),
  window_start timestamptz not null,
  hits int not null default 0,
  primary key (bucket, window_start)
);


comment on table public.rate_counter is
  'Windowed counters for rate limits (sign-in attempts, reference look-ups, floods). Buckets hold hashes, not addresses.';



create or replace function public.rate_limit_hit(p_bucket text, p_window_seconds int, p_limit int, p_cost int default 1)
returns jsonb
language plpgsql
security definer
set search_path = ''
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


alter table public.rate_counter enable row level security;

-- Personal data (PDPA B.E. 2562): contact details are erased when their retention ends, and at once when the citizen
-- asks. Both leave an audit row that says what happened and how many, never whose details they were.

create table public.job_run (
  job text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  result jsonb,
  primary key (job, started_at)
);


comment on table public.job_run is 'When each background job last ran and what it did (no personal data).';


alter table public.job_run enable row level security;


create policy job_run_read on public.job_run for select to authenticated
  using ((select app.staff_role()) = 'admin');

-- One call of rate_limit_hit in a hundred forgets the windows older than a day, through this index: the flood guard
-- keeps about one row per address and minute, and the clean-up reads only the windows it deletes.
create index rate_counter_window_idx on public.rate_counter (window_start);



create or replace function app.forget_rate_windows(p_before timestamptz)
returns int
language plpgsql
security definer
set search_path = ''
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

-- ---------------------------------------------------------------------------------------------------------------
-- Upgrades: which migrations this database has, so /api/health and the staff pages can tell a schema older than the
-- code in every mode. In Supabase mode the app cannot read supabase_migrations (PostgREST exposes public only).
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.applied_migrations()
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Written by `supabase db push` and by the app itself (SQL modes); absent until the first of them ran.
  if to_regclass('supabase_migrations.schema_migrations') is null then
    return '{}';
  end if;
  return array(select m.version from supabase_migrations.schema_migrations m order by m.version);
end
$$;

comment on function public.applied_migrations() is
  'Server only: the versions of supabase/migrations applied to this database, for /api/health and the upgrade check.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.forget_rate_windows(timestamp with time zone),
  public.applied_migrations(),
  public.rate_limit_hit(text, integer, integer, integer)
from public, anon, authenticated, service_role;
grant execute on function
  public.applied_migrations(),
  public.rate_limit_hit(text, integer, integer, integer)
to service_role;

revoke all on public.job_run from anon, authenticated, service_role;
grant select on public.job_run to authenticated;
grant select, insert, update, delete on public.job_run to service_role;

revoke all on public.rate_counter from anon, authenticated, service_role;
grant select, insert, update, delete on public.rate_counter to service_role;
