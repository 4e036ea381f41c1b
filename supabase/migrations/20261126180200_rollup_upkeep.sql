-- Upkeep of the statistics rollups (stat_*_day and stat_*_month). They are small tables whose rows are updated by
-- every submission, so they collect dead row versions fast, and the dashboard reads them on every view:
-- bench:dashboard on 1,000,000 responses read one fiscal year in 78 ms with the versions its loading left behind, and
-- in 45 ms after a VACUUM. With the default thresholds autovacuum waits for 20% of a table to be dead (400,000 rows
-- of stat_rating_day at that size); here it starts at 2%, and pages keep room for a new version next to the old one
-- (fillfactor 70), so most updates stay on their page (HOT) and leave the indexes alone.

alter table public.stat_rating_day set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
alter table public.stat_rating_month set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
alter table public.stat_response_day set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
alter table public.stat_response_month set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
alter table public.stat_respondent_day set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
alter table public.stat_respondent_month set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
