-- Kiosk: tablets paired to a service point by a device code (only its SHA-256 is stored), whose presses are queued on
-- the tablet and synced in batches, each stored once through submit_response with its client key.
--
-- Who may touch it: admins and the PR officer issue, list and revoke tablets (audited); the server alone calls
-- kiosk_pair and kiosk_sync (service_role), after hashing the code or the token; a revoked tablet stays revoked.
-- Repeated presses are kept but flagged and left out of every statistic.
--
-- Invariants: a code pairs one tablet, once, before it expires (organisation.kiosk_code_ttl_minutes after issue) and
-- unless revoked. Pairing gives the tablet a device token of its own (only its hash is kept, here too); every sync
-- authenticates with that token, never with the code, so a code seen by someone else cannot send presses. A code's
-- life can be shortened, never lengthened, and a paired tablet's token never changes.

create table public.kiosk_device (
  id uuid primary key default gen_random_uuid(),
  service_point_id bigint not null references public.service_point (id),
  label text not null check (char_length(btrim(label)) between 1 and 60 and label !~ '[\x01-\x1f\x7f]'),
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  code_hint text not null check (code_hint ~ '^[A-Z2-7]{4}$'),
  issued_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  last_sync_at timestamptz,
  code_expires_at timestamptz not null default (now() + interval '1 hour'),
  paired_at timestamptz,
  token_hash text unique check (token_hash ~ '^[0-9a-f]{64}$'),
  constraint kiosk_device_paired_with_token check ((paired_at is null) = (token_hash is null))
);


comment on table public.kiosk_device is
  'A tablet paired to one service point by a device code (only its SHA-256 hash is kept). Revoked, never deleted.';


comment on column public.kiosk_device.code_hint is 'The last four characters of the code, so staff can tell tablets apart.';


comment on column public.kiosk_device.code_expires_at is
  'The code pairs no tablet from this moment (set at issue from organisation.kiosk_code_ttl_minutes; only ever earlier).';


comment on column public.kiosk_device.token_hash is
  'SHA-256 of the device token the tablet was given when it paired (paired_at); every sync authenticates with it.';


create index kiosk_device_point_idx on public.kiosk_device (service_point_id);



create or replace function app.guard_kiosk_device()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'kiosk_revoked' using errcode = '22023', detail = 'revoked';
  end if;
  if new.code_hash is distinct from old.code_hash or new.service_point_id is distinct from old.service_point_id
     or new.code_expires_at > old.code_expires_at then
    raise exception 'kiosk_code_fixed' using errcode = '22023', detail = 'code';
  end if;
  -- Paired once: the pairing time and the token stay as they were given.
  if old.paired_at is not null and (new.paired_at is distinct from old.paired_at or new.token_hash is distinct from old.token_hash) then
    raise exception 'kiosk_code_used' using errcode = '22023', detail = 'code';
  end if;
  return new;
end
$$;


-- Every new code gets its lifetime from the organisation's setting, whoever inserts it, and is never born paired.
create or replace function app.kiosk_code_expiry()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.code_expires_at := now() + make_interval(mins => coalesce(
    (select o.kiosk_code_ttl_minutes from public.organisation o where o.id = 1), 60));
  new.paired_at := null;
  new.token_hash := null;
  return new;
end
$$;


create trigger kiosk_device_expiry before insert on public.kiosk_device
  for each row execute function app.kiosk_code_expiry();


create trigger kiosk_device_guard before update on public.kiosk_device
  for each row execute function app.guard_kiosk_device();


-- Staff actions only: last_sync_at moves on every sync and is not an action of anyone.
create trigger kiosk_device_audit after insert or delete on public.kiosk_device
  for each row execute function app.audit_row('id');


create trigger kiosk_device_audit_update after update of label, revoked_at on public.kiosk_device
  for each row execute function app.audit_row('id');



alter table public.kiosk_device enable row level security;


create policy kiosk_device_read on public.kiosk_device for select to authenticated
  using ((select app.staff_role()) in ('admin', 'pr_officer'));


create policy kiosk_device_insert on public.kiosk_device for insert to authenticated
  with check ((select app.staff_role()) in ('admin', 'pr_officer') and issued_by = auth.uid());


create policy kiosk_device_update on public.kiosk_device for update to authenticated
  using ((select app.staff_role()) in ('admin', 'pr_officer'))
  with check ((select app.staff_role()) in ('admin', 'pr_officer'));



create or replace function app.require_kiosk_manager()
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if app.staff_role() is distinct from 'admin' and app.staff_role() is distinct from 'pr_officer' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
end
$$;



-- ---------------------------------------------------------------------------------------------------------------
-- Staff: issue, list, revoke
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.kiosk_issue(p_service_point text, p_label text, p_code_hash text, p_code_hint text)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_point public.service_point;
  v_label text := btrim(coalesce(p_label, ''));
  v_id uuid;
  v_expires timestamptz;
begin
  perform app.require_kiosk_manager();
  select * into v_point from public.service_point where slug = p_service_point;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  if not v_point.active then
    perform app.refuse('service_point_retired', 'label');
  end if;
  if char_length(v_label) not between 1 and 60 or v_label ~ '[\x01-\x1f\x7f]' then
    perform app.refuse(case when v_label = '' then 'required' else 'invalid_value' end, 'label');
  end if;
  if coalesce(p_code_hash, '') !~ '^[0-9a-f]{64}$' or coalesce(p_code_hint, '') !~ '^[A-Z2-7]{4}$' then
    perform app.refuse('invalid_value', 'code');
  end if;
  insert into public.kiosk_device (service_point_id, label, code_hash, code_hint)
  values (v_point.id, v_label, p_code_hash, p_code_hint)
  returning id, code_expires_at into v_id, v_expires;
  return jsonb_build_object('id', v_id, 'expiresAt', v_expires);
end
$$;

comment on function public.kiosk_issue(text, text, text, text) is
  'Admin or PR officer: issue a device code for one tablet of a service point (the server generates the code and '
  'passes its hash); it pairs one tablet, once, before it expires.';



create or replace function public.kiosk_revoke(p_id uuid)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform app.require_kiosk_manager();
  update public.kiosk_device set revoked_at = now(), revoked_by = auth.uid() where id = p_id and revoked_at is null;
  if not found and not exists (select 1 from public.kiosk_device where id = p_id) then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
end
$$;

comment on function public.kiosk_revoke(uuid) is
  'Admin or PR officer: revoke a tablet, or a code not used yet; its code and its token are refused from now on (audited).';



create or replace function public.kiosk_devices(p_service_point text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_point bigint;
begin
  perform app.require_kiosk_manager();
  select id into v_point from public.service_point where slug = p_service_point;
  if v_point is null then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  return jsonb_build_object(
    'servicePoint', (select jsonb_build_object('slug', p.slug, 'name', p.name, 'active', p.active) from public.service_point p where p.id = v_point),
    'devices', (select coalesce(jsonb_agg(jsonb_build_object(
        'id', k.id, 'label', k.label, 'codeHint', k.code_hint, 'createdAt', k.created_at, 'revokedAt', k.revoked_at,
        'lastSyncAt', k.last_sync_at, 'pairedAt', k.paired_at, 'codeExpiresAt', k.code_expires_at,
        'status', case when k.revoked_at is not null then 'revoked' when k.paired_at is not null then 'paired'
                       when k.code_expires_at <= now() then 'expired' else 'waiting' end,
        'presses', c.unflagged + c.flagged,
        'flagged', c.flagged)
        order by k.revoked_at is not null, k.created_at desc), '[]')
      from public.kiosk_device k
      cross join lateral (select
        (select count(*) from public.response r
         where r.device_key = 'kiosk:' || k.id::text and r.service_point_id = v_point and r.flag is null) as unflagged,
        (select count(*) from public.response r
         where r.device_key = 'kiosk:' || k.id::text and r.service_point_id = v_point and r.flag is not null) as flagged) c
      where k.service_point_id = v_point),
    -- The follow-up answers of the last 30 days, counted (no response is identifiable from them).
    'reasons', (select coalesce(jsonb_object_agg(x.main_reason, x.n), '{}')
                from (select r.main_reason, count(*) as n from public.response r
                      where r.service_point_id = v_point and r.main_reason is not null and r.flag is null
                        and r.created_at > now() - interval '30 days'
                      group by r.main_reason) x));
end
$$;

comment on function public.kiosk_devices(text) is
  'Admin or PR officer: the tablets of a service point, and the codes issued for them (waiting, expired, paired or '
  'revoked), with the presses each sent (flagged among them), and the follow-up answers of the last 30 days.';



create or replace function public.admin_update_kiosk_settings(p_changes jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_changes, '{}');
  k text;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['repeatSeconds', 'burstWindowSeconds', 'burstMax', 'codeTtlMinutes']);
  foreach k in array array['repeatSeconds', 'burstWindowSeconds', 'burstMax', 'codeTtlMinutes'] loop
    if c ? k and (jsonb_typeof(c -> k) <> 'number' or (c ->> k)::numeric <> trunc((c ->> k)::numeric)
                  or (c ->> k)::numeric not between case k when 'repeatSeconds' then 1 when 'burstWindowSeconds' then 10
                                                          when 'codeTtlMinutes' then 1 else 2 end
                                                 and case k when 'repeatSeconds' then 600 when 'burstWindowSeconds' then 3600
                                                          when 'codeTtlMinutes' then 10080 else 500 end) then
      perform app.refuse('out_of_range', k);
    end if;
  end loop;
  update public.organisation set
    kiosk_repeat_seconds = coalesce((c ->> 'repeatSeconds')::int, kiosk_repeat_seconds),
    kiosk_burst_window_seconds = coalesce((c ->> 'burstWindowSeconds')::int, kiosk_burst_window_seconds),
    kiosk_burst_max = coalesce((c ->> 'burstMax')::int, kiosk_burst_max),
    kiosk_code_ttl_minutes = coalesce((c ->> 'codeTtlMinutes')::int, kiosk_code_ttl_minutes),
    updated_at = now()
  where id = 1;
end
$$;

comment on function public.admin_update_kiosk_settings(jsonb) is
  'Admin: the repeated-press interval and burst limit of kiosks, and how long a device code pairs (audited).';



create or replace function public.kiosk_sync(p_token_hash text, p_presses jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_device public.kiosk_device;
  v_point public.service_point;
  v_org public.organisation;
  v_key_name text;
  v_press jsonb;
  v_key uuid;
  v_at timestamptz;
  v_rating smallint;
  v_reason text;
  v_locale text;
  v_flag text;
  v_existing public.response;
  v_stored jsonb;
  v_results jsonb := '[]';
  v_max_age constant interval := interval '7 days';
begin
  if coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  -- The device token, never the code: a code only pairs (kiosk_pair), and an unpaired device has no token.
  select * into v_device from public.kiosk_device where token_hash = p_token_hash;
  if not found then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  if v_device.revoked_at is not null then
    raise exception 'kiosk_revoked' using errcode = '28000';
  end if;
  if jsonb_typeof(p_presses) is distinct from 'array' or jsonb_array_length(p_presses) > 200 then
    perform app.refuse('invalid_batch', 'presses');
  end if;
  -- One batch of a device at a time: the repeat and burst decisions see every earlier press of that device.
  perform pg_advisory_xact_lock(hashtextextended('siang:kiosk:' || v_device.id::text, 0));
  select * into v_point from public.service_point where id = v_device.service_point_id;
  select * into v_org from public.organisation where id = 1;
  v_key_name := 'kiosk:' || v_device.id::text;
  update public.kiosk_device set last_sync_at = now() where id = v_device.id;

  -- Oldest press first, so that "closer than the previous press" reads in the order the citizens pressed.
  for v_press in select value from jsonb_array_elements(p_presses) order by value ->> 'pressedAt', value ->> 'clientKey' loop
    v_key := null;
    begin
      perform app.expect_keys(v_press, 'press', array['clientKey', 'rating', 'reason', 'pressedAt', 'locale']);
      begin
        v_key := (v_press ->> 'clientKey')::uuid;
      exception when invalid_text_representation then
        v_key := null;
      end;
      if v_key is null then
        perform app.refuse('invalid_client_key', 'clientKey');
      end if;
      v_rating := app.expect_rating(v_press -> 'rating', 'rating');
      v_reason := app.expect_text(v_press -> 'reason', 'reason', 20,
        array['waiting_time', 'staff', 'steps', 'facilities', 'information', 'other']);
      v_locale := coalesce(app.expect_text(v_press -> 'locale', 'locale', 2, array['th', 'en', 'my']), 'th');
      begin
        v_at := (v_press ->> 'pressedAt')::timestamptz;
      exception when others then
        v_at := null;
      end;
      -- A press time is honest: not in the future, not older than a week (a tablet offline over a long holiday).
      if v_at is null or v_at > now() then
        perform app.refuse('invalid_press_time', 'pressedAt');
      end if;

      select * into v_existing from public.response where client_key = v_key;
      if v_existing.id is null and v_at < now() - v_max_age then
        perform app.refuse('press_too_old', 'pressedAt');
      end if;
      if v_existing.id is not null then
        -- The same press again (its answer was lost, or the follow-up came later): never a second response.
        if v_existing.device_key is distinct from v_key_name then
          perform app.refuse('client_key_reused', 'clientKey');
        end if;
        if v_reason is not null and v_existing.main_reason is null then
          update public.response set main_reason = v_reason where id = v_existing.id;
        end if;
        v_results := v_results || jsonb_build_array(jsonb_build_object(
          'clientKey', v_key, 'status', 'duplicate', 'reference', v_existing.reference));
      else
        v_flag := null;
        if app.responses_from_device(v_key_name, v_point.id, v_at - make_interval(secs => v_org.kiosk_repeat_seconds), v_at,
                                     p_unflagged_only => false) > 0 then
          v_flag := 'repeat_press';
        elsif app.responses_from_device(v_key_name, v_point.id, v_at - make_interval(secs => v_org.kiosk_burst_window_seconds), v_at)
              >= v_org.kiosk_burst_max then
          v_flag := 'burst_device';
        end if;
        -- The one path of every submission: validation, the client key's lock, the reference, the rollups.
        v_stored := public.submit_response(jsonb_build_object(
          'client_key', v_key, 'service_point', v_point.slug, 'locale', v_locale, 'channel', 'kiosk',
          'overall_rating', v_rating, 'created_at', v_at, 'flag', v_flag));
        update public.response set device_key = v_key_name, main_reason = v_reason
        where id = (v_stored ->> 'responseId')::uuid;
        v_results := v_results || jsonb_build_array(jsonb_build_object(
          'clientKey', v_key, 'status', 'stored', 'reference', v_stored ->> 'reference', 'flagged', v_flag is not null));
      end if;
    exception when sqlstate '22023' then
      -- Refused for good (bad press, retired counter): answered per item; the rest of the batch goes on.
      v_results := v_results || jsonb_build_array(jsonb_build_object(
        'clientKey', coalesce(v_key::text, left(v_press ->> 'clientKey', 36)), 'status', 'refused', 'error', sqlerrm));
    end;
  end loop;

  return jsonb_build_object(
    'device', jsonb_build_object('label', v_device.label, 'servicePoint', v_point.slug, 'active', v_point.active),
    'results', v_results);
end
$$;

comment on function public.kiosk_sync(text, jsonb) is
  'Server only (service_role), after hashing the device token: store a batch of kiosk presses, each exactly once, '
  'answering per press (stored, duplicate, refused). An unknown or revoked token raises 28000 and stores nothing.';



create or replace function public.kiosk_pair(p_code_hash text, p_token_hash text, p_service_point text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_device public.kiosk_device;
  v_point public.service_point;
begin
  if coalesce(p_code_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  if coalesce(p_token_hash, '') !~ '^[0-9a-f]{64}$' then
    perform app.refuse('invalid_value', 'token');
  end if;
  -- Locked until this pairing commits: two tablets typing the code at the same moment pair one of them, never both.
  select * into v_device from public.kiosk_device where code_hash = p_code_hash for update;
  if not found then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  if v_device.revoked_at is not null then
    raise exception 'kiosk_revoked' using errcode = '28000';
  end if;
  if v_device.paired_at is not null then
    raise exception 'kiosk_code_used' using errcode = '28000';
  end if;
  if v_device.code_expires_at <= now() then
    raise exception 'kiosk_code_expired' using errcode = '28000';
  end if;
  select * into v_point from public.service_point where id = v_device.service_point_id;
  -- A code typed on another counter's kiosk is refused there and stays unused for its own counter.
  if v_point.slug is distinct from p_service_point then
    raise exception 'kiosk_wrong_point' using errcode = '28000';
  end if;
  update public.kiosk_device set paired_at = now(), token_hash = p_token_hash where id = v_device.id;
  return jsonb_build_object('label', v_device.label, 'servicePoint', v_point.slug, 'active', v_point.active);
end
$$;

comment on function public.kiosk_pair(text, text, text) is
  'Server only (service_role), after hashing the code and a new device token: pair the one tablet a code is for, once, '
  'before it expires and unless revoked (else 28000 kiosk_unknown, kiosk_revoked, kiosk_code_used, kiosk_code_expired '
  'or kiosk_wrong_point, and nothing changes). From then on the tablet syncs with its token.';

-- Where the PR officer finds the counter tablets. They may manage kiosks (app.require_kiosk_manager) but not the rest
-- of a service point's settings, so they need their own list of counters with their tablets, not the admin's.

create or replace function public.kiosk_overview()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform app.require_kiosk_manager();
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
        'slug', p.slug, 'name', p.name, 'active', p.active, 'division', d.name,
        'tablets', (select count(*) from public.kiosk_device k
                    where k.service_point_id = p.id and k.paired_at is not null and k.revoked_at is null),
        'lastSyncAt', (select max(k.last_sync_at) from public.kiosk_device k where k.service_point_id = p.id))
      order by p.active desc, d.position, p.name ->> 'th'), '[]')
    from public.service_point p
    join public.division d on d.id = p.division_id);
end
$$;

comment on function public.kiosk_overview() is
  'Admin or PR officer: every counter with its division, how many tablets are paired (and not revoked) and the last sync.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.guard_kiosk_device(),
  app.kiosk_code_expiry(),
  app.require_kiosk_manager(),
  public.admin_update_kiosk_settings(jsonb),
  public.kiosk_devices(text),
  public.kiosk_issue(text, text, text, text),
  public.kiosk_overview(),
  public.kiosk_pair(text, text, text),
  public.kiosk_revoke(uuid),
  public.kiosk_sync(text, jsonb)
from public, anon, authenticated, service_role;
grant execute on function
  app.guard_kiosk_device(),
  app.kiosk_code_expiry(),
  app.require_kiosk_manager(),
  public.admin_update_kiosk_settings(jsonb),
  public.kiosk_devices(text),
  public.kiosk_issue(text, text, text, text),
  public.kiosk_overview(),
  public.kiosk_revoke(uuid)
to authenticated, service_role;
grant execute on function
  public.kiosk_pair(text, text, text),
  public.kiosk_sync(text, jsonb)
to service_role;

revoke all on public.kiosk_device from anon, authenticated, service_role;
grant select on public.kiosk_device to authenticated;
grant select, insert, update, delete on public.kiosk_device to service_role;

grant insert (service_point_id, label, code_hash, code_hint) on public.kiosk_device to authenticated;

grant update (label, revoked_at, revoked_by) on public.kiosk_device to authenticated;
