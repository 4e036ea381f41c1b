-- The responses export, two changes:
--   * the kiosk's follow-up answer ("what mattered most?"). It was stored (response.main_reason) and counted on the
--     counter's tablet page, but a PR officer writing the report could not analyse it with the rest;
--   * planned for each call's own values (plan_cache_mode = force_custom_plan). After five calls PL/pgSQL switched to
--     a generic plan, in which "v_after_at is null or (created_at, id) > (…)" cannot become an index condition: every
--     page then read the index from the first response, so a page took longer the further the export got
--     (bench:export: pages 1–5 about 1 s each, page 6 on 4 s and growing, on 1,000,000 responses).

create or replace function public.export_responses(p_filter jsonb, p_after jsonb default null, p_limit int default 2000)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_from timestamptz;
  v_to timestamptz;
  v_after_at timestamptz;
  v_after_id uuid;
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['from', 'to', 'division', 'servicePoint', 'channel', 'includeFlagged']);
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$'
     or coalesce(p_after ->> 'at', '2000-01-01T00:00:00Z') !~ '^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);
  v_after_at := (p_after ->> 'at')::timestamptz;
  v_after_id := (p_after ->> 'id')::uuid;

  return (
    select coalesce(jsonb_agg(row_to_json(x)::jsonb order by x."createdAt", x.id), '[]')
    from (
      select r.id, r.reference, r.created_at as "createdAt", app.fiscal_year(r.created_at) as "fiscalYear",
             p.slug as "servicePoint", d.slug as division, r.channel, r.locale, r.overall_rating as "overallRating",
             r.gender, r.age_band as "ageBand", r.education, r.occupation, r.main_reason as "mainReason",
             r.flag, r.is_demo as "isDemo",
             (select jsonb_object_agg(i.code, a.rating) from public.response_answer a join public.survey_item i on i.id = a.item_id
              where a.response_id = r.id) as answers,
             s.category as "suggestionCategory", s.status as "suggestionStatus", s.body as "suggestionText"
      from public.response r
      join public.service_point p on p.id = r.service_point_id
      join public.division d on d.id = p.division_id
      left join public.suggestion s on s.response_id = r.id
      where (v_from is null or r.created_at >= v_from)
        and (v_to is null or r.created_at < v_to)
        and (f ->> 'division' is null or d.slug = f ->> 'division')
        and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
        and (f ->> 'channel' is null or r.channel = f ->> 'channel')
        and (coalesce((f ->> 'includeFlagged')::boolean, false) or r.flag is null)
        and (v_after_at is null or (r.created_at, r.id) > (v_after_at, v_after_id))
      order by r.created_at, r.id
      limit least(greatest(coalesce(p_limit, 2000), 1), 5000)
    ) x);
exception
  when invalid_text_representation or invalid_datetime_format or datetime_field_overflow then
    perform app.refuse('invalid_value', 'filter');
end
$$;
comment on function public.export_responses(jsonb, jsonb, int) is
  'Staff: a page of responses for export (after = {at, id} of the last row), with the kiosk follow-up answer; no '
  'contact details; RLS applies.';

revoke execute on function public.export_responses(jsonb, jsonb, int) from public, anon;
grant execute on function public.export_responses(jsonb, jsonb, int) to authenticated, service_role;
