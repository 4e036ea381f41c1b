-- The LPA's 15-day rule: a suggestion is answered by its first public reply, due within organisation.reply_due_days
-- (15 by default, set by the admin). The inbox gives each suggestion its due date and first reply, and the count of
-- new items; the report's suggestions part gives the share answered in time (issue 20).

alter table public.organisation
  add column reply_due_days int not null default 15 check (reply_due_days between 1 and 90);

comment on column public.organisation.reply_due_days is
  'Days within which a suggestion gets its first public reply (the LPA asks that progress reach the citizen within 15).';

create or replace function public.admin_update_organisation(p_changes jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_changes, '{}');
  v_org public.organisation;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['name', 'referencePrefix', 'contact', 'pdpaNotice', 'contactRetentionDays',
    'levelBands', 'thaiDigits', 'eitUrl', 'burstWindowSeconds', 'burstMaxPerSource', 'burstMaxPerDevice', 'replyDueDays']);
  select * into v_org from public.organisation where id = 1;
  if c ? 'name' then v_org.name := app.expect_localized(c -> 'name', 'name', 200); end if;
  if c ? 'referencePrefix' then
    v_org.reference_prefix := upper(app.expect_text(c -> 'referencePrefix', 'referencePrefix', 6));
    if v_org.reference_prefix !~ '^[A-Z]{1,6}$' then perform app.refuse('invalid_value', 'referencePrefix'); end if;
  end if;
  if c ? 'contact' then
    perform app.expect_keys(c -> 'contact', 'contact', array['office', 'address', 'phone', 'email', 'website']);
    v_org.contact := c -> 'contact';
  end if;
  if c ? 'pdpaNotice' then
    v_org.pdpa_notice := case when c -> 'pdpaNotice' = '{}'::jsonb then '{}'::jsonb
                              else app.expect_localized(c -> 'pdpaNotice', 'pdpaNotice', 2000) end;
  end if;
  if c ? 'contactRetentionDays' then
    if jsonb_typeof(c -> 'contactRetentionDays') <> 'number' or (c ->> 'contactRetentionDays')::numeric not between 30 and 3650 then
      perform app.refuse('invalid_value', 'contactRetentionDays');
    end if;
    v_org.contact_retention_days := (c ->> 'contactRetentionDays')::int;
  end if;
  if c ? 'levelBands' then v_org.level_bands := app.expect_text(c -> 'levelBands', 'levelBands', 3, array['0.5', '0.8']); end if;
  if c ? 'thaiDigits' then
    if jsonb_typeof(c -> 'thaiDigits') <> 'boolean' then perform app.refuse('invalid_value', 'thaiDigits'); end if;
    v_org.thai_digits := (c ->> 'thaiDigits')::boolean;
  end if;
  if c ? 'eitUrl' then
    v_org.eit_url := nullif(btrim(coalesce(app.expect_text(c -> 'eitUrl', 'eitUrl', 500), '')), '');
    if v_org.eit_url is not null and v_org.eit_url !~ '^https://[^\s]+$' then perform app.refuse('invalid_url', 'eitUrl'); end if;
  end if;
  if c ? 'burstWindowSeconds' then v_org.burst_window_seconds := (c ->> 'burstWindowSeconds')::int; end if;
  if c ? 'burstMaxPerSource' then v_org.burst_max_per_source := (c ->> 'burstMaxPerSource')::int; end if;
  if c ? 'burstMaxPerDevice' then v_org.burst_max_per_device := (c ->> 'burstMaxPerDevice')::int; end if;
  if c ? 'replyDueDays' then v_org.reply_due_days := (c ->> 'replyDueDays')::int; end if;

  update public.organisation set
    name = v_org.name, reference_prefix = v_org.reference_prefix, contact = v_org.contact, pdpa_notice = v_org.pdpa_notice,
    contact_retention_days = v_org.contact_retention_days, level_bands = v_org.level_bands, thai_digits = v_org.thai_digits,
    eit_url = v_org.eit_url, burst_window_seconds = v_org.burst_window_seconds, burst_max_per_source = v_org.burst_max_per_source,
    burst_max_per_device = v_org.burst_max_per_device, reply_due_days = v_org.reply_due_days, updated_at = now()
  where id = 1;
exception
  when check_violation or invalid_text_representation or numeric_value_out_of_range then
    perform app.refuse('invalid_value', 'organisation');
end
$$;

comment on function public.admin_update_organisation(jsonb) is 'Admin: change the organisation profile and settings (audited).';

-- The LPA asks that a complaint's progress reach the citizen within 15 days (organisation.reply_due_days): a
-- suggestion is answered by its first public reply, which the citizen reads on the tracking page.
create or replace function app.suggestion_answered_at(p_suggestion bigint)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select min(r.created_at) from public.suggestion_reply r where r.suggestion_id = p_suggestion
$$;

comment on function app.suggestion_answered_at(bigint) is
  'When the suggestion got its first public reply (what the citizen sees on the tracking page), or null.';

revoke all on function app.suggestion_answered_at(bigint) from public, anon, authenticated, service_role;
grant execute on function app.suggestion_answered_at(bigint) to authenticated, service_role;

create or replace function public.inbox(p_filter jsonb default '{}', p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_limit int;
  v_status text[];
  v_from timestamptz;
  v_to timestamptz;
  v_q text;
  v_before_at timestamptz;
  v_before_id bigint;
  v_rows jsonb;
  v_next jsonb;
  v_due_days int := coalesce((select o.reply_due_days from public.organisation o where o.id = 1), 15);
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['status', 'category', 'division', 'servicePoint', 'rating', 'from', 'to', 'q', 'before', 'limit']);
  -- PostgreSQL reads 'yesterday', 'now' and 'infinity' as dates: only ISO dates and timestamps are accepted here.
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$'
     or coalesce(f #>> '{before,at}', '2000-01-01T00:00:00Z') !~ '^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  -- Casts happen here, inside the block whose handler turns a malformed filter into a refusal.
  v_limit := least(greatest(coalesce((f ->> 'limit')::int, 25), 1), 100);
  v_q := nullif(btrim(coalesce(f ->> 'q', '')), '');
  v_before_at := (f #>> '{before,at}')::timestamptz;
  v_before_id := (f #>> '{before,id}')::bigint;
  if f ? 'status' then
    select array_agg(value) into v_status from jsonb_array_elements_text(
      case jsonb_typeof(f -> 'status') when 'array' then f -> 'status' else jsonb_build_array(f -> 'status') end);
  end if;
  if char_length(coalesce(v_q, '')) > 100 then
    perform app.refuse('text_too_long', 'q');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);

  with page as (
    select s.id, s.body, s.public_body, s.category, s.status, s.created_at, s.updated_at, s.wants_reply,
           r.reference, r.overall_rating, p.slug as point_slug, app.localized(p.name, p_locale) as point_name,
           d.slug as division_slug, app.localized(d.name, p_locale) as division_name
    from public.suggestion s
    join public.response r on r.id = s.response_id
    join public.service_point p on p.id = r.service_point_id
    left join public.division d on d.id = s.assigned_division_id
    where (v_status is null or s.status = any (v_status))
      and (f ->> 'category' is null or s.category = f ->> 'category')
      and (f ->> 'division' is null
           or (f ->> 'division' = 'none' and s.assigned_division_id is null)
           or d.slug = f ->> 'division')
      and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
      and (f ->> 'rating' is null or r.overall_rating = (f ->> 'rating')::int)
      and (v_from is null or s.created_at >= v_from)
      and (v_to is null or s.created_at < v_to)
      and (v_q is null or s.body ilike app.like_pattern(v_q) or r.reference = app.normalize_reference(v_q)
           or s.public_body ilike app.like_pattern(v_q))
      and (v_before_at is null or (s.created_at, s.id) < (v_before_at, v_before_id))
    order by s.created_at desc, s.id desc
    limit v_limit + 1
  ),
  numbered as (
    select page.*, row_number() over (order by created_at desc, id desc) as n from page
  )
  select
    coalesce(jsonb_agg(jsonb_build_object(
      'id', id, 'body', body, 'publicBody', public_body, 'category', category, 'status', status,
      'createdAt', created_at, 'updatedAt', updated_at, 'wantsReply', wants_reply, 'reference', reference,
      'rating', overall_rating, 'servicePoint', jsonb_build_object('slug', point_slug, 'name', point_name),
      'division', case when division_slug is null then null else jsonb_build_object('slug', division_slug, 'name', division_name) end,
      'dueAt', created_at + make_interval(days => v_due_days), 'answeredAt', app.suggestion_answered_at(id))
      order by created_at desc, id desc) filter (where n <= v_limit), '[]'),
    (select jsonb_build_object('at', created_at, 'id', id) from numbered where n = v_limit and exists (select 1 from numbered where n > v_limit))
  into v_rows, v_next
  from numbered;

  return jsonb_build_object('items', v_rows, 'next', v_next, 'dueDays', v_due_days,
    -- What waits for triage, whatever the filter: the inbox's count of new items (RLS: those the caller may see).
    'newCount', (select count(*) from public.suggestion s where s.status = 'new'));
exception
  when invalid_datetime_format or datetime_field_overflow or invalid_text_representation or numeric_value_out_of_range then
    perform app.refuse('invalid_value', 'filter');
end
$$;

comment on function public.inbox(jsonb, text) is
  'Staff: suggestions newest first, filtered, a page at a time (keyset: before = {at, id}); what RLS lets the caller see.';

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
  v_due_days int := coalesce((select o.reply_due_days from public.organisation o where o.id = 1), 15);
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from then
    perform app.refuse('invalid_value', 'period');
  end if;
  return jsonb_build_object(
    -- The LPA's reply rule: of the suggestions whose time to reply has run out (or that were answered), how many got
    -- their first public reply within reply_due_days.
    'replies', (
      select jsonb_build_object('dueDays', v_due_days, 'due', count(*),
                                'answeredInTime', count(*) filter (where a.at <= s.created_at + make_interval(days => v_due_days)))
      from public.suggestion s join public.response r on r.id = s.response_id
      cross join lateral (select app.suggestion_answered_at(s.id) as at) a
      where s.created_at >= v_from and s.created_at < v_to and r.flag is null
        and (a.at is not null or s.created_at + make_interval(days => v_due_days) < now())),
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
  'Staff: suggestions of a period by category and status, with examples quoted only from public_body, and how many '
  'were answered within the organisation''s reply_due_days.';
