-- The public sees an action's before/after figures only once its after period has closed. While it is open it grows
-- by a day each day, and the difference of two days' figures would be that day's ratings at the action's counters:
-- one citizen's rating when one came (the subtraction attack of issue 17). Staff still see the figures as they grow.
create or replace function app.public_impact(p_impact jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- For the public, a side with too few responses shows no figures at all: only that there is not enough to tell.
  -- Nor does an after period that is still open ('pending'): it grows by a day each day, so the difference of two
  -- days' figures would be that day's ratings at these counters, one citizen's when one came (the subtraction attack
  -- of issue 17, closed for public_results by fixed periods). Once closed, both periods are fixed.
  select case when p_impact is null then null else p_impact || jsonb_build_object('scopes', (
    select coalesce(jsonb_agg(case when not (p_impact -> 'after' ->> 'complete')::boolean
                                   then jsonb_build_object('code', scope ->> 'code', 'enough', false, 'pending', true)
                                   when (scope ->> 'enough')::boolean then scope
                                   else jsonb_build_object('code', scope ->> 'code', 'enough', false) end), '[]')
    from jsonb_array_elements(p_impact -> 'scopes') scope)) end
$$;
