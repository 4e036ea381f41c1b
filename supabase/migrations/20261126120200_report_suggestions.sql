-- Part 3 of the official report: suggestions by category, with examples. Only text a staff member has made fit for the
-- public (public_body) is ever quoted: a citizen's own words may carry personal data.

create or replace function public.report_suggestions(p_from date, p_to date, p_examples int default 3)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_from timestamptz := app.bangkok_day_start(p_from);
  v_to timestamptz := app.bangkok_day_start(p_to + 1);
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from then
    perform app.refuse('invalid_value', 'period');
  end if;
  return jsonb_build_object(
    'total', (select count(*) from public.suggestion s join public.response r on r.id = s.response_id
              where s.created_at >= v_from and s.created_at < v_to and r.flag is null),
    'byCategory', (
      select coalesce(jsonb_agg(jsonb_build_object('category', c.category, 'count', c.n,
        'byStatus', c.statuses, 'examples', c.examples) order by c.n desc, c.category), '[]')
      from (
        select s.category, count(*) as n,
               (select jsonb_object_agg(st.status, st.n) from (
                  select s2.status, count(*) as n from public.suggestion s2 join public.response r2 on r2.id = s2.response_id
                  where s2.category = s.category and s2.created_at >= v_from and s2.created_at < v_to and r2.flag is null
                  group by s2.status) st) as statuses,
               (select coalesce(jsonb_agg(e.public_body), '[]') from (
                  select s3.public_body from public.suggestion s3 join public.response r3 on r3.id = s3.response_id
                  where s3.category = s.category and s3.public_body is not null and s3.created_at >= v_from
                    and s3.created_at < v_to and r3.flag is null
                  order by s3.created_at desc limit greatest(0, least(p_examples, 10))) e) as examples
        from public.suggestion s join public.response r on r.id = s.response_id
        where s.created_at >= v_from and s.created_at < v_to and r.flag is null
        group by s.category) c));
end
$$;
comment on function public.report_suggestions(date, date, int) is
  'Staff: suggestions of a period by category and status, with examples quoted only from public_body.';

revoke execute on function public.report_suggestions(date, date, int) from public, anon;
grant execute on function public.report_suggestions(date, date, int) to authenticated, service_role;
