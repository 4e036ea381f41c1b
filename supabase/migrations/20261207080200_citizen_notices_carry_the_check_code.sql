-- Notices to citizens link to their tracking page with the check code (issue 17), which the tracking page now asks
-- for: the e-mailed resolution notice (15_notices.sql) and LINE's citizen notices (14_line.sql) carry the reference
-- as the receipt shows it, KP-2570-000123-MKHT.
create or replace function public.notification_citizen_notice(p_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- Only for a resolution notice a sender holds right now: the address, the reference with its check code (what the
  -- tracking page asks for), the citizen's language and the latest public reply. Null when the contact was erased
  -- meanwhile.
  select jsonb_build_object('email', c.email, 'reference', r.reference || '-' || app.check_code(r.id), 'locale', r.locale, 'status', s.status,
           'reply', (select x.body from public.suggestion_reply x where x.suggestion_id = s.id order by x.created_at desc, x.id desc limit 1))
  from public.notification_outbox o
  join public.suggestion s on s.id = (o.payload ->> 'suggestionId')::bigint
  join public.response r on r.id = s.response_id
  join public.contact_detail c on c.suggestion_id = s.id
  where o.id = p_id and o.kind = 'resolved' and o.status = 'sending' and c.email is not null
$$;

create or replace function app.line_enqueue_notices(p_staff boolean, p_citizens boolean)
returns int
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_routing int := 0;
  v_citizen int := 0;
begin
  -- Routing notices to staff: a suggestion given a division. The division, the category and a link; not the text.
  if p_staff then
  insert into public.notification_outbox (kind, channel, dedupe_key, payload)
  select 'routing', 'line', 'routing:' || a.id || ':line',
         jsonb_build_object('type', 'routing', 'suggestionId', s.id, 'category', s.category,
                            'division', jsonb_build_object('slug', d.slug, 'name', d.name), 'at', a.at)
  from public.audit_log a
  -- Guarded casts: the audit log holds other entities' ids too, and the planner may join before it filters.
  join public.suggestion s on s.id = case when a.entity_id ~ '^[0-9]{1,18}$' then a.entity_id::bigint end
  join public.division d on d.id = case when jsonb_typeof(a.after -> 'assigned_division_id') = 'number'
                                        then (a.after ->> 'assigned_division_id')::bigint end
  where a.entity = 'suggestion' and a.action = 'update' and a.at > now() - interval '1 hour'
    and a.after ? 'assigned_division_id' and jsonb_typeof(a.after -> 'assigned_division_id') = 'number'
  on conflict (dedupe_key) do nothing;
  get diagnostics v_routing = row_count;
  end if;

  -- Citizens who linked LINE: each public reply, and each change of status (resolved asks "did this solve it?").
  if p_citizens then
  insert into public.notification_outbox (kind, channel, dedupe_key, payload)
  select 'citizen', 'line', 'citizen:' || a.id,
         -- The reference with its check code, as the receipt shows it: the tracking page asks for both.
         jsonb_build_object('type', 'citizen', 'suggestionId', s.id, 'reference', r.reference || '-' || app.check_code(r.id),
                            'event', case a.action when 'reply' then 'reply' else 'status' end,
                            'status', s.status, 'reply', case a.action when 'reply' then a.after ->> 'body' end)
  from public.audit_log a
  join public.suggestion s on s.id = case when a.entity_id ~ '^[0-9]{1,18}$' then a.entity_id::bigint end
  join public.response r on r.id = s.response_id
  join public.contact_detail c on c.suggestion_id = s.id and c.line_user_id is not null
  where a.entity = 'suggestion' and a.at > now() - interval '1 hour' and a.at >= c.consent_at
    and (a.action = 'reply' or (a.action = 'update' and a.after ? 'status'))
  on conflict (dedupe_key) do nothing;
  get diagnostics v_citizen = row_count;
  end if;
  return v_routing + v_citizen;
end
$$;
