-- Alerts: when a service point's recent ratings turn unhappy, tell the staff by email, by a signed webhook and by
-- LINE; and a daily or weekly summary to the PR officers (and the LINE staff chat). Delivery goes through an outbox in
-- the database, which also carries the LINE notices of 14_line.sql (routing notices, linked citizens' notices).
--
-- Invariants:
--   * One alert per burst: a service point's window starts no earlier than the end of its previous alert, so the same
--     responses never raise two alerts, and no alert is raised twice for one window (alert_event records each).
--   * Nothing is lost when the app restarts: alerts and summaries are rows of notification_outbox, written in the same
--     transaction that decided them, and each has a unique dedupe_key (a summary period is enqueued once).
--   * Two app instances never send one row twice: notification_claim takes rows with FOR UPDATE SKIP LOCKED and marks
--     them 'sending' for the claimer; only that claimer may finish them. A claim older than 5 minutes (its instance
--     died mid-send) is taken again.
--   * Failures are retried with exponential backoff (30 s doubling, at most an hour apart) and, after 8 attempts, left
--     'failed' with the last error for the admin to see and retry.
--   * No notification carries a citizen's personal data: counts, the service point, times and a link only. The
--     payloads are built here from aggregates; no suggestion text or contact detail is ever read.
--   * Flagged (ballot-stuffing) responses never raise an alert.

create table public.alert_setting (
  id smallint primary key default 1 check (id = 1),
  enabled boolean not null default true,
  unhappy_percent int not null default 50 check (unhappy_percent between 1 and 100),
  window_minutes int not null default 15 check (window_minutes between 5 and 1440),
  min_responses int not null default 4 check (min_responses between 1 and 1000),
  summary text not null default 'daily' check (summary in ('off', 'daily', 'weekly')),
  summary_hour int not null default 8 check (summary_hour between 0 and 23),
  updated_at timestamptz not null default now()
);


comment on table public.alert_setting is
  'When to alert: at least unhappy_percent of ratings 1–2 within window_minutes, with at least min_responses; and '
  'the summary (daily, weekly on Mondays, or off) sent at summary_hour, Bangkok time.';

-- The one row of settings, with the defaults (HappyOrNot's: 50 % unhappy within 15 minutes, at least 4 responses).
insert into public.alert_setting default values;



create table public.alert_event (
  id bigint generated always as identity primary key,
  service_point_id bigint not null references public.service_point (id),
  window_start timestamptz not null,
  window_end timestamptz not null,
  responses int not null check (responses > 0),
  unhappy int not null check (unhappy between 0 and responses),
  created_at timestamptz not null default now(),
  check (window_start < window_end)
);


comment on table public.alert_event is 'Each alert raised: the service point, the window, and its counts (no responses named).';


create index alert_event_point_idx on public.alert_event (service_point_id, window_end desc);



create table public.notification_outbox (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('alert', 'summary', 'routing', 'citizen')),
  channel text not null check (channel in ('email', 'webhook', 'line')),
  dedupe_key text not null unique check (char_length(dedupe_key) <= 200),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  recipients text[] not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts int not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  claimed_by text check (char_length(claimed_by) <= 100),
  claimed_at timestamptz,
  last_error text check (char_length(last_error) <= 500),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);


comment on table public.notification_outbox is
  'Notifications waiting to be sent, being sent, sent or failed. Payloads hold counts and links, never personal data.';


comment on column public.notification_outbox.recipients is
  'Staff addresses for summaries (the PR officers); ALERT_EMAIL_TO is added by the sender.';


create index notification_outbox_due_idx on public.notification_outbox (next_attempt_at) where status in ('pending', 'sending');



create trigger alert_setting_audit after update on public.alert_setting
  for each row execute function app.audit_row('id');



alter table public.alert_setting enable row level security;


alter table public.alert_event enable row level security;


alter table public.notification_outbox enable row level security;


create policy alert_setting_read on public.alert_setting for select to authenticated
  using ((select app.staff_role()) in ('admin', 'pr_officer'));


create policy alert_setting_update on public.alert_setting for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy alert_event_read on public.alert_event for select to authenticated
  using ((select app.staff_role()) in ('admin', 'pr_officer', 'executive'));


create policy notification_outbox_read on public.notification_outbox for select to authenticated
  using ((select app.staff_role()) = 'admin');



-- ---------------------------------------------------------------------------------------------------------------
-- Deciding: alerts and summaries into the outbox (the scheduled job, as service_role)
-- ---------------------------------------------------------------------------------------------------------------

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



-- ---------------------------------------------------------------------------------------------------------------
-- Delivering: claim, then finish (the scheduled job, as service_role)
-- ---------------------------------------------------------------------------------------------------------------

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



create or replace function public.notification_finish(p_id bigint, p_worker text, p_error text default null)
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_status text;
begin
  update public.notification_outbox o set
    status = case when p_error is null then 'sent' when o.attempts >= 8 then 'failed' else 'pending' end,
    sent_at = case when p_error is null then now() end,
    last_error = left(p_error, 500),
    next_attempt_at = case when p_error is null then o.next_attempt_at
                           else now() + make_interval(secs => least(3600, 30 * power(2, greatest(o.attempts - 1, 0)))) end,
    claimed_by = null, claimed_at = null
  where o.id = p_id and o.status = 'sending' and o.claimed_by = p_worker
  returning status into v_status;
  return coalesce(v_status, 'not_claimed');
end
$$;

comment on function public.notification_finish(bigint, text, text) is
  'Server only: record the outcome of a claimed notification: sent, or retried later with backoff, or failed after 8 attempts.';



-- ---------------------------------------------------------------------------------------------------------------
-- The admin page
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.admin_alerts()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform app.require_admin();
  return jsonb_build_object(
    'settings', (select to_jsonb(s) - 'id' from public.alert_setting s where s.id = 1),
    'events', (select coalesce(jsonb_agg(x order by x."createdAt" desc), '[]') from (
                 select e.id, p.slug as "servicePoint", p.name, e.responses, e.unhappy, e.window_start as "windowStart",
                        e.window_end as "windowEnd", e.created_at as "createdAt"
                 from public.alert_event e join public.service_point p on p.id = e.service_point_id
                 order by e.created_at desc limit 20) x),
    'outbox', (select coalesce(jsonb_agg(x order by x.failed desc, x."createdAt" desc), '[]') from (
                 select o.id, o.kind, o.channel, o.status, o.attempts, o.last_error as "lastError", o.created_at as "createdAt",
                        o.sent_at as "sentAt", o.next_attempt_at as "nextAttemptAt", o.status = 'failed' as failed
                 from public.notification_outbox o
                 order by o.status = 'failed' desc, o.created_at desc limit 50) x),
    'counts', (select jsonb_build_object(
                 'pending', count(*) filter (where status in ('pending', 'sending')),
                 'failed', count(*) filter (where status = 'failed'),
                 'sent', count(*) filter (where status = 'sent')) from public.notification_outbox));
end
$$;

comment on function public.admin_alerts() is 'Admin: the alert settings, the latest alerts, and the outbox (failures first).';



create or replace function public.admin_update_alert_settings(p_changes jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_changes, '{}');
  k text;
  v_low int;
  v_high int;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['enabled', 'unhappyPercent', 'windowMinutes', 'minResponses', 'summary', 'summaryHour']);
  foreach k in array array['unhappyPercent', 'windowMinutes', 'minResponses', 'summaryHour'] loop
    v_low := case k when 'unhappyPercent' then 1 when 'windowMinutes' then 5 when 'minResponses' then 1 else 0 end;
    v_high := case k when 'unhappyPercent' then 100 when 'windowMinutes' then 1440 when 'minResponses' then 1000 else 23 end;
    if c ? k and (jsonb_typeof(c -> k) <> 'number' or (c ->> k)::numeric <> trunc((c ->> k)::numeric)
                  or (c ->> k)::numeric not between v_low and v_high) then
      perform app.refuse('out_of_range', k);
    end if;
  end loop;
  if c ? 'enabled' and jsonb_typeof(c -> 'enabled') <> 'boolean' then
    perform app.refuse('invalid_value', 'enabled');
  end if;
  perform app.expect_text(c -> 'summary', 'summary', 10, array['off', 'daily', 'weekly']);
  update public.alert_setting set
    enabled = coalesce((c ->> 'enabled')::boolean, enabled),
    unhappy_percent = coalesce((c ->> 'unhappyPercent')::int, unhappy_percent),
    window_minutes = coalesce((c ->> 'windowMinutes')::int, window_minutes),
    min_responses = coalesce((c ->> 'minResponses')::int, min_responses),
    summary = coalesce(c ->> 'summary', summary),
    summary_hour = coalesce((c ->> 'summaryHour')::int, summary_hour),
    updated_at = now()
  where id = 1;
end
$$;

comment on function public.admin_update_alert_settings(jsonb) is 'Admin: change when alerts are raised and how often the summary goes (audited).';



create or replace function public.admin_retry_notification(p_id bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform app.require_admin();
  update public.notification_outbox set status = 'pending', next_attempt_at = now(), attempts = 0, last_error = null
  where id = p_id and status = 'failed';
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  perform app.write_audit('notification_outbox', p_id::text, 'retry', null, null);
end
$$;

comment on function public.admin_retry_notification(bigint) is 'Admin: send a failed notification again (audited).';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  public.admin_alerts(),
  public.admin_retry_notification(bigint),
  public.admin_update_alert_settings(jsonb),
  public.alerts_evaluate(jsonb),
  public.notification_claim(text, integer),
  public.notification_finish(bigint, text, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.admin_alerts(),
  public.admin_retry_notification(bigint),
  public.admin_update_alert_settings(jsonb)
to authenticated, service_role;
grant execute on function
  public.alerts_evaluate(jsonb),
  public.notification_claim(text, integer),
  public.notification_finish(bigint, text, text)
to service_role;

revoke all on public.alert_event from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.alert_event_id_seq from anon, authenticated, service_role;
grant select on public.alert_event to authenticated;
grant select, insert, update, delete on public.alert_event to service_role;

revoke all on public.alert_setting from anon, authenticated, service_role;
grant select on public.alert_setting to authenticated;
grant select, insert, update, delete on public.alert_setting to service_role;

revoke all on public.notification_outbox from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.notification_outbox_id_seq from anon, authenticated, service_role;
grant select on public.notification_outbox to authenticated;
grant select, insert, update, delete on public.notification_outbox to service_role;

grant update (enabled, unhappy_percent, window_minutes, min_responses, summary, summary_hour, updated_at) on public.alert_setting to authenticated;
