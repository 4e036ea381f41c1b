-- Plans that do not go stale when a small table grows.
--
-- Why: bench:submit on PostgreSQL ran full submissions at 220–280 a second instead of 440–520 after the demo import
-- was followed by ANALYZE. pg_stat_user_tables showed why: 2,582 sequential scans of rate_counter (4.4 million rows
-- read) for 6,400 submissions. ANALYZE had found rate_counter empty; the flood guard's lookups by primary key were
-- then planned as sequential scans (cheapest on an empty table), and PL/pgSQL kept those plans for the session while
-- the table grew by one row per submission. The same can happen whenever statistics are gathered on a small table
-- (autovacuum on PostgreSQL, lib/db/embedded-maintenance.ts on the embedded database).
--   * rate_limit_hit reads and writes rate_counter only by its primary key: sequential scans are switched off for it
--     (its rare clean-up of old windows has no index to use and still scans, as before).
--   * The fold's functions are planned for each call's own arrays (500 responses), as the dashboard readers already
--     are: a cached plan made on a small response_answer read it whole for every batch.

alter function public.rate_limit_hit(text, int, int, int) set enable_seqscan = off;
alter function app.stat_fold(interval, int) set plan_cache_mode = force_custom_plan;
alter function app.stat_apply_responses(public.response[], public.response[], text[]) set plan_cache_mode = force_custom_plan;
