-- LINE as an optional channel (issue 21): the LINE link beside a citizen's contact details, a 'line' channel and the
-- 'routing' and 'citizen' kinds in the notification outbox, alerts_evaluate enqueuing for LINE (summary, routing
-- notices, linked citizens' notices), notification_claim reading a citizen's LINE id only at the moment of sending,
-- and the server-only link functions of 14_line.sql.

alter table public.contact_detail add column line_user_id text check (line_user_id ~ '^U[0-9a-f]{32}$');
alter table public.contact_detail add column line_locale text check (line_locale in ('th', 'en', 'my'));
alter table public.contact_detail drop constraint contact_detail_check;
alter table public.contact_detail add constraint contact_detail_check
  check (phone is not null or email is not null or line_user_id is not null);

comment on column public.contact_detail.line_user_id is
  'The LINE user a citizen linked through LIFF to follow the suggestion in LINE (14_line.sql). The server alone reads it, '
  'to push; no staff role may select it.';

create index contact_detail_line_user_idx on public.contact_detail (line_user_id) where line_user_id is not null;

revoke select on public.contact_detail from authenticated;
grant select (suggestion_id, name, phone, email, consent_at, purge_after) on public.contact_detail to authenticated;

alter table public.notification_outbox drop constraint notification_outbox_kind_check;
alter table public.notification_outbox add constraint notification_outbox_kind_check
  check (kind in ('alert', 'summary', 'routing', 'citizen'));
alter table public.notification_outbox drop constraint notification_outbox_channel_check;
alter table public.notification_outbox add constraint notification_outbox_channel_check
  check (channel in ('email', 'webhook', 'line'));

create or replace function public.alerts_evaluate(p_channels jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_set public.alert_setting;
  v_point record;
  v_event public.alert_event;
  v_channel text;
  v_channels text[];
  v_alerts int := 0;
  v_summaries int := 0;
  v_local timestamp := timezone('Asia/Bangkok', now());
  v_from date;
  v_to date;
  v_key text;
  v_payload jsonb;
  v_notices int := 0;
begin
  if jsonb_typeof(coalesce(p_channels, '[]')) <> 'array' then
    perform app.refuse('invalid_value', 'channels');
  end if;
  v_channels := array(select jsonb_array_elements_text(coalesce(p_channels, '[]')));
  -- 'line' is the staff chat (LINE_STAFF_TO); 'line_citizens' the citizens who linked LINE (no staff chat needed).
  if not v_channels <@ array['email', 'webhook', 'line', 'line_citizens'] then
    perform app.refuse('invalid_choice', 'channels');
  end if;
  -- One instance at a time decides; the others skip this round (they only deliver).
  if not pg_try_advisory_xact_lock(hashtextextended('siang:job:alerts_evaluate', 0)) then
    return jsonb_build_object('skipped', true);
  end if;
  select * into v_set from public.alert_setting where id = 1;

  if v_set.enabled and cardinality(v_channels) > 0 then
    for v_point in
      select p.id, p.slug, p.name, w.since, count(r.id)::int as n, (count(r.id) filter (where r.overall_rating <= 2))::int as unhappy
      from public.service_point p
      cross join lateral (
        -- The window: the last window_minutes, but never before the end of this point's previous alert.
        select greatest(now() - make_interval(mins => v_set.window_minutes),
                        coalesce((select max(e.window_end) from public.alert_event e where e.service_point_id = p.id), '-infinity')) as since
      ) w
      join public.response r on r.service_point_id = p.id and r.flag is null and r.created_at > w.since and r.created_at <= now()
      where p.active
      group by p.id, p.slug, p.name, w.since
      having count(r.id) >= v_set.min_responses
         and count(r.id) filter (where r.overall_rating <= 2) * 100 >= v_set.unhappy_percent * count(r.id)
    loop
      insert into public.alert_event (service_point_id, window_start, window_end, responses, unhappy)
      values (v_point.id, v_point.since, now(), v_point.n, v_point.unhappy)
      returning * into v_event;
      v_payload := jsonb_build_object(
        'type', 'alert', 'alertId', v_event.id,
        'servicePoint', jsonb_build_object('slug', v_point.slug, 'name', v_point.name),
        'responses', v_point.n, 'unhappy', v_point.unhappy,
        'unhappyPercent', round(v_point.unhappy * 100.0 / v_point.n),
        'windowStart', v_event.window_start, 'windowEnd', v_event.window_end,
        'threshold', jsonb_build_object('unhappyPercent', v_set.unhappy_percent, 'windowMinutes', v_set.window_minutes,
                                        'minResponses', v_set.min_responses));
      foreach v_channel in array v_channels loop
        continue when v_channel = 'line_citizens';
        insert into public.notification_outbox (kind, channel, dedupe_key, payload)
        values ('alert', v_channel, 'alert:' || v_event.id || ':' || v_channel, v_payload);
      end loop;
      v_alerts := v_alerts + 1;
    end loop;
  end if;

  -- The summary of the last day (or the last Monday–Sunday week, sent on Mondays), once per period, by email and
  -- to the LINE staff chat (the email's dedupe key predates LINE, so it keeps its form).
  if v_set.summary <> 'off' and v_channels && array['email', 'line'] and extract(hour from v_local) >= v_set.summary_hour
     and (v_set.summary = 'daily' or extract(isodow from v_local) = 1) then
    v_to := v_local::date - 1;
    v_from := case v_set.summary when 'daily' then v_to else v_to - 6 end;
    v_payload := null;
    foreach v_channel in array array['email', 'line'] loop
      v_key := 'summary:' || v_set.summary || ':' || v_from || case v_channel when 'line' then ':line' else '' end;
      continue when not v_channel = any (v_channels)
                 or exists (select 1 from public.notification_outbox where dedupe_key = v_key);
      if v_payload is null then
        select jsonb_build_object(
          'type', 'summary', 'period', v_set.summary, 'from', v_from, 'to', v_to,
          'responses', coalesce(sum(x.n), 0), 'unhappy', coalesce(sum(x.unhappy), 0), 'flagged', coalesce(sum(x.flagged), 0),
          'alerts', (select count(*) from public.alert_event e
                     where e.created_at >= app.bangkok_day_start(v_from) and e.created_at < app.bangkok_day_start(v_to + 1)),
          'servicePoints', coalesce(jsonb_agg(jsonb_build_object('slug', x.slug, 'name', x.name, 'responses', x.n,
                                    'unhappy', x.unhappy, 'mean', x.mean) order by x.n desc, x.slug)
                                    filter (where x.n > 0), '[]'))
        into v_payload
        from (select p.slug, p.name,
                     count(r.id) filter (where r.flag is null) as n,
                     count(r.id) filter (where r.flag is null and r.overall_rating <= 2) as unhappy,
                     count(r.id) filter (where r.flag is not null) as flagged,
                     round(avg(r.overall_rating) filter (where r.flag is null), 2) as mean
              from public.service_point p
              left join public.response r on r.service_point_id = p.id
                and r.created_at >= app.bangkok_day_start(v_from) and r.created_at < app.bangkok_day_start(v_to + 1)
              group by p.slug, p.name) x;
      end if;
      insert into public.notification_outbox (kind, channel, dedupe_key, payload, recipients)
      values ('summary', v_channel, v_key, v_payload,
              case v_channel when 'email' then
                coalesce((select array_agg(u.email order by u.email) from public.staff s join auth.users u on u.id = s.user_id
                          where s.active and s.role = 'pr_officer' and u.email is not null), '{}')
              else '{}' end)
      on conflict (dedupe_key) do nothing;
      v_summaries := v_summaries + 1;
    end loop;
  end if;

  -- LINE only: routing notices and the notices of citizens who follow their suggestion in LINE (14_line.sql).
  if v_channels && array['line', 'line_citizens'] then
    v_notices := app.line_enqueue_notices('line' = any (v_channels), 'line_citizens' = any (v_channels));
  end if;

  insert into public.job_run (job, finished_at, result)
  select 'alerts_evaluate', clock_timestamp(), jsonb_build_object('alerts', v_alerts, 'summaries', v_summaries)
    || case when v_notices > 0 then jsonb_build_object('notices', v_notices) else '{}' end
  where v_alerts + v_summaries + v_notices > 0;
  -- 'notices' only where LINE was asked for: the answer without LINE stays what it was.
  return jsonb_build_object('alerts', v_alerts, 'summaries', v_summaries)
    || case when v_channels && array['line', 'line_citizens'] then jsonb_build_object('notices', v_notices) else '{}' end;
end
$$;

comment on function public.alerts_evaluate(jsonb) is
  'Server only (scheduled every minute): raise alerts for unhappy bursts and enqueue due summaries, on the configured channels.';


create or replace function public.notification_claim(p_worker text, p_limit int default 10)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_claimed jsonb;
begin
  if coalesce(p_worker, '') !~ '^[\w.:-]{1,100}$' then
    perform app.refuse('invalid_value', 'worker');
  end if;
  -- A citizen's notice whose LINE link was erased (or purged) since it was written is never pushed.
  delete from public.notification_outbox o
  where o.kind = 'citizen' and o.status in ('pending', 'sending', 'failed')
    and not exists (select 1 from public.contact_detail c
                    where c.suggestion_id = (o.payload ->> 'suggestionId')::bigint and c.line_user_id is not null);
  with due as (
      select o.id from public.notification_outbox o
      where (o.status = 'pending' and o.next_attempt_at <= now())
         or (o.status = 'sending' and o.claimed_at < now() - interval '5 minutes')
      order by o.next_attempt_at, o.id
      limit least(greatest(coalesce(p_limit, 10), 1), 100)
      for update skip locked
    ), claimed as (
      update public.notification_outbox o
         set status = 'sending', claimed_by = p_worker, claimed_at = now(), attempts = o.attempts + 1
        from due where o.id = due.id
      returning o.id, o.kind, o.channel, o.payload, o.recipients, o.attempts, o.dedupe_key
    )
  -- A citizen's LINE id is read now, for this one push, and never stored in the outbox.
  select coalesce(jsonb_agg(to_jsonb(c) || case when c.kind = 'citizen' then jsonb_build_object(
           'recipients', (select jsonb_agg(d.line_user_id) from public.contact_detail d
                          where d.suggestion_id = (c.payload ->> 'suggestionId')::bigint and d.line_user_id is not null),
           'locale', (select d.line_locale from public.contact_detail d where d.suggestion_id = (c.payload ->> 'suggestionId')::bigint))
         else '{}'::jsonb end order by c.id), '[]') into v_claimed from claimed c;
  return v_claimed;
end
$$;

comment on function public.notification_claim(text, int) is
  'Server only: claim up to p_limit due notifications for this worker (SKIP LOCKED: concurrent claimers never share a row).';


create or replace function public.line_link_status(p_client_key uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reference text;
  v_suggestion bigint;
  v_linked boolean;
begin
  select r.reference, s.id, c.line_user_id is not null
    into v_reference, v_suggestion, v_linked
  from public.response r
  left join public.suggestion s on s.response_id = r.id
  left join public.contact_detail c on c.suggestion_id = s.id
  where r.client_key = p_client_key;
  if v_reference is null then
    return null;
  end if;
  return jsonb_build_object('reference', v_reference, 'hasSuggestion', v_suggestion is not null,
                            'linked', coalesce(v_linked, false));
end
$$;

comment on function public.line_link_status(uuid) is
  'Server only: for the response holding this client key, its reference, whether it has a suggestion and is linked to LINE.';



create or replace function public.line_link(p_client_key uuid, p_line_user_id text, p_locale text default 'th')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
  v_retention int;
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
begin
  if coalesce(p_line_user_id, '') !~ '^U[0-9a-f]{32}$' then
    perform app.refuse('invalid_value', 'lineUserId');
  end if;
  select s.id into v_suggestion
  from public.response r join public.suggestion s on s.response_id = r.id
  where r.client_key = p_client_key;
  if v_suggestion is null then
    return jsonb_build_object('linked', false);
  end if;
  select contact_retention_days into v_retention from public.organisation where id = 1;
  insert into public.contact_detail (suggestion_id, line_user_id, line_locale, consent_at, purge_after)
  values (v_suggestion, p_line_user_id, v_locale, now(), now() + make_interval(days => coalesce(v_retention, 365)))
  on conflict (suggestion_id) do update
    set line_user_id = excluded.line_user_id, line_locale = excluded.line_locale;
  -- The audit says that a link was made, never to whom.
  perform app.write_audit('suggestion', v_suggestion::text, 'line_link', null, jsonb_build_object('requestedBy', 'citizen'));
  return jsonb_build_object('linked', true);
end
$$;

comment on function public.line_link(uuid, text, text) is
  'Server only, after verifying the LINE ID token: link the suggestion of this client key to a LINE user (with consent).';



create or replace function app.line_erase(p_suggestion bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A row that holds only the LINE link goes whole; otherwise the phone or email stays and only the link goes.
  delete from public.contact_detail where suggestion_id = p_suggestion and phone is null and email is null;
  update public.contact_detail set line_user_id = null, line_locale = null where suggestion_id = p_suggestion;
  delete from public.notification_outbox
  where kind = 'citizen' and status in ('pending', 'failed') and (payload ->> 'suggestionId')::bigint = p_suggestion;
end
$$;

comment on function app.line_erase(bigint) is 'Erase the LINE link of a suggestion, and every notice not yet pushed to it.';



create or replace function public.line_unlink(p_client_key uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
begin
  select s.id into v_suggestion
  from public.response r
  join public.suggestion s on s.response_id = r.id
  join public.contact_detail c on c.suggestion_id = s.id and c.line_user_id is not null
  where r.client_key = p_client_key;
  if v_suggestion is null then
    return jsonb_build_object('unlinked', false);
  end if;
  perform app.line_erase(v_suggestion);
  perform app.write_audit('suggestion', v_suggestion::text, 'line_unlink', null, jsonb_build_object('requestedBy', 'citizen'));
  return jsonb_build_object('unlinked', true);
end
$$;

comment on function public.line_unlink(uuid) is 'Server only: the citizen erases the LINE link of their suggestion (client key).';



create or replace function public.line_forget_user(p_line_user_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
  v_count int := 0;
begin
  if coalesce(p_line_user_id, '') !~ '^U[0-9a-f]{32}$' then
    return jsonb_build_object('unlinked', 0);
  end if;
  for v_suggestion in select suggestion_id from public.contact_detail where line_user_id = p_line_user_id loop
    perform app.line_erase(v_suggestion);
    perform app.write_audit('suggestion', v_suggestion::text, 'line_unlink', null, jsonb_build_object('requestedBy', 'line_unfollow'));
    v_count := v_count + 1;
  end loop;
  return jsonb_build_object('unlinked', v_count);
end
$$;

comment on function public.line_forget_user(text) is
  'Server only (LINE webhook, a verified unfollow event): erase every link to this LINE user.';



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
         jsonb_build_object('type', 'citizen', 'suggestionId', s.id, 'reference', r.reference,
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

comment on function app.line_enqueue_notices(boolean, boolean) is
  'From alerts_evaluate when LINE is configured: routing notices and linked citizens'' notices from the last hour''s audit.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.line_enqueue_notices(boolean, boolean),
  app.line_erase(bigint),
  public.line_forget_user(text),
  public.line_link(uuid, text, text),
  public.line_link_status(uuid),
  public.line_unlink(uuid)
from public, anon, authenticated, service_role;
grant execute on function
  public.line_forget_user(text),
  public.line_link(uuid, text, text),
  public.line_link_status(uuid),
  public.line_unlink(uuid)
to service_role;
