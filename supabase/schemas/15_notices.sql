-- Notices that close the loop in the office: a division is told when suggestions are routed to it, and a citizen who
-- left an email is told when their suggestion is resolved. Both go through notification_outbox (12_alerts.sql), so
-- they are written in the transaction that routed or resolved, survive restarts, are retried with backoff, and are
-- sent exactly once by whichever app instance claims them.
--
-- Invariants:
--   * Triggers on public.suggestion decide, whatever the path (triage, an action's "resolve", the Supabase API).
--   * A routing notice carries counts, the division and a link: never the suggestion's text or the citizen's data.
--     Routings that wait unsent for the same division are merged into one notice (its count grows).
--   * A resolution notice stores no address: its payload names the suggestion, and the sender reads the address at
--     sending time (notification_citizen_notice, service role only). A contact erased before then (forget_contact,
--     retention) is never written to by mistake: there is simply no one to send to.
--   * The channels: app.notice_channels() is the one place that says which channels a notice goes to (email today;
--     a LINE channel is added there, to notification_outbox.channel, and to lib/notices/channels.ts).
--
-- Who may touch it: nobody calls the trigger functions; notification_citizen_notice is for the server's job only.

create or replace function app.notice_channels()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['email']
$$;

comment on function app.notice_channels() is
  'The channels a division or citizen notice is sent on (the place to add LINE when it is set up).';



create or replace function app.enqueue_division_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_division public.division;
  v_recipients text[];
  v_open int;
  v_channel text;
  v_payload jsonb;
begin
  if new.assigned_division_id is null or new.assigned_division_id is not distinct from old.assigned_division_id then
    return null;
  end if;
  select * into v_division from public.division where id = new.assigned_division_id;
  -- The division's own address (admin settings); without one, its active staff accounts.
  v_recipients := case when v_division.email is not null then array[v_division.email] else
    coalesce((select array_agg(u.email order by u.email) from public.staff s join auth.users u on u.id = s.user_id
              where s.active and s.role = 'division_staff' and s.division_id = v_division.id and u.email is not null), '{}') end;
  if cardinality(v_recipients) = 0 then
    return null; -- no one to tell; the inbox still shows it
  end if;
  v_open := (select count(*) from public.suggestion s
             where s.assigned_division_id = v_division.id and s.status in ('assigned', 'in_progress'));
  foreach v_channel in array app.notice_channels() loop
    -- Merge into a notice for this division that no sender has taken yet (a claimed row is 'sending', not matched).
    update public.notification_outbox o
       set payload = o.payload || jsonb_build_object('routed', (o.payload ->> 'routed')::int + 1, 'open', v_open),
           recipients = v_recipients
     where o.kind = 'routed' and o.channel = v_channel and o.status = 'pending' and o.attempts = 0
       and o.payload ->> 'division' = v_division.slug;
    if not found then
      v_payload := jsonb_build_object('type', 'routed', 'division', v_division.slug, 'divisionName', v_division.name,
                                      'routed', 1, 'open', v_open);
      insert into public.notification_outbox (kind, channel, dedupe_key, payload, recipients)
      values ('routed', v_channel, 'routed:' || v_division.id || ':' || new.id || ':' || new.version || ':' || v_channel,
              v_payload, v_recipients)
      on conflict (dedupe_key) do nothing;
    end if;
  end loop;
  return null;
end
$$;

comment on function app.enqueue_division_notice() is
  'Trigger: a suggestion routed to a division queues (or grows) one notice to the division: counts and a link only.';



create or replace function app.enqueue_citizen_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_channel text;
begin
  if new.status <> 'resolved' or old.status = 'resolved' or not new.wants_reply
     or not exists (select 1 from public.contact_detail c where c.suggestion_id = new.id and c.email is not null) then
    return null;
  end if;
  foreach v_channel in array app.notice_channels() loop
    insert into public.notification_outbox (kind, channel, dedupe_key, payload)
    values ('resolved', v_channel, 'resolved:' || new.id || ':' || new.version || ':' || v_channel,
            jsonb_build_object('type', 'resolved', 'suggestionId', new.id))
    on conflict (dedupe_key) do nothing;
  end loop;
  return null;
end
$$;

comment on function app.enqueue_citizen_notice() is
  'Trigger: a resolved suggestion whose citizen left an email and asked for a reply queues a notice (no address stored).';



create trigger suggestion_division_notice after update on public.suggestion
  for each row execute function app.enqueue_division_notice();


create trigger suggestion_citizen_notice after update on public.suggestion
  for each row execute function app.enqueue_citizen_notice();



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

comment on function public.notification_citizen_notice(bigint) is
  'Server only: for a claimed resolution notice, the citizen''s email, reference, language and the latest public reply.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------------------------------------------

revoke all on function
  app.enqueue_citizen_notice(),
  app.enqueue_division_notice(),
  app.notice_channels(),
  public.notification_citizen_notice(bigint)
from public, anon, authenticated, service_role;
grant execute on function
  app.enqueue_citizen_notice(),
  app.enqueue_division_notice(),
  app.notice_channels()
to authenticated, service_role;
grant execute on function
  public.notification_citizen_notice(bigint)
to service_role;
