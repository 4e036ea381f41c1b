-- Display settings every page may read, and the suggestion texts behind the dashboard's themes.

create or replace function public.display_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'name', o.name, 'thaiDigits', o.thai_digits, 'levelBands', o.level_bands, 'eitUrl', o.eit_url,
    'referencePrefix', o.reference_prefix, 'contact', o.contact)
  from public.organisation o where o.id = 1
$$;
comment on function public.display_settings() is
  'Public: how numbers and dates are shown (Thai digits), the level bands, the municipality''s name and EIT link.';

create or replace function public.suggestion_texts(p_filter jsonb default '{}', p_limit int default 500)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_from timestamptz;
  v_to timestamptz;
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['from', 'to', 'division', 'servicePoint']);
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);
  -- The newest suggestions the caller may read (RLS), of the responses in the selection: for word counts only.
  return (
    select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'body', t.body) order by t.created_at desc), '[]')
    from (
      select s.id, s.body, s.created_at
      from public.suggestion s
      join public.response r on r.id = s.response_id
      join public.service_point p on p.id = r.service_point_id
      join public.division d on d.id = p.division_id
      where (v_from is null or s.created_at >= v_from)
        and (v_to is null or s.created_at < v_to)
        and (f ->> 'division' is null or d.slug = f ->> 'division')
        and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
        and r.flag is null
      order by s.created_at desc
      limit least(greatest(coalesce(p_limit, 500), 1), 2000)
    ) t);
end
$$;
comment on function public.suggestion_texts(jsonb, int) is
  'Staff: the newest suggestion texts in a selection (what RLS lets the caller read), for the themes on the dashboard.';

revoke execute on function public.display_settings(), public.suggestion_texts(jsonb, int) from public;
grant execute on function public.display_settings() to anon, authenticated, service_role;
revoke execute on function public.suggestion_texts(jsonb, int) from anon;
grant execute on function public.suggestion_texts(jsonb, int) to authenticated, service_role;
