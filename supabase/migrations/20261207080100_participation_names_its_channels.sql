-- The participation page names the channels a fiscal year's responses came through (issue 20), now that the public
-- results no longer split by channel (issue 17): public_participation returns their names, without counts.
create or replace function public.public_participation(p_fiscal_year int)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- Counts only, for the OIT participation page: how many service points took ratings and how many suggestions came,
  -- and which channels the responses came through (names, no counts: the public split by channel is withheld, as
  -- public_results explains, so that a small channel's figures cannot be worked out by subtraction).
  select jsonb_build_object(
    'servicePoints', (select count(distinct r.service_point_id) from public.response r
                      where app.fiscal_year(r.created_at) = p_fiscal_year and r.flag is null),
    'suggestions', (select count(*) from public.suggestion s join public.response r on r.id = s.response_id
                    where app.fiscal_year(s.created_at) = p_fiscal_year and r.flag is null),
    'channels', (select coalesce(jsonb_agg(c.channel order by c.channel), '[]')
                 from (select distinct r.channel from public.response r
                       where app.fiscal_year(r.created_at) = p_fiscal_year and r.flag is null) c))
$$;

comment on function public.public_participation(int) is
  'Public: how many service points and suggestions a fiscal year had, and the channels its responses came through.';
