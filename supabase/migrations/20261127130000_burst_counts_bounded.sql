-- A burst count by device reads a bounded number of rows, however large the burst it counts.
--
-- Why: the device key is a cookie the client sends back, so a stuffer can keep one while rotating addresses (the
-- flood guard counts per address). Every submission then counted that device's unflagged responses at the counter
-- within the window through response_device_idx, reading each of the device's responses there, flagged or not, to
-- see whether it was flagged: the more the device had sent, the more each new submission cost (the test below: five
-- submissions after 3,000 flagged ones fetched 15,010 rows). Full submissions over HTTP to next start, embedded
-- database, 10 connections, all with one device cookie: 170–280 a second, against 380–520 with none; after this
-- change 579–593 against 579–585 in the same runs. A way to make the server work harder per request, closed; the
-- usual one-tap costs the same (bench:submit-ab 1.01, within noise).
--
-- Now:
--   * the device index is split in two disjoint halves, unflagged (response_device_unflagged_idx) and flagged
--     (response_device_flagged_idx): "unflagged within the window" reads only unflagged rows, and a response beyond
--     the limit is flagged and never enters that half;
--   * each count names only conditions its own index can take: the device (or address) and the two row comparisons,
--     which between them fix the counter and the time range, with no separate `service_point_id = …` that the index
--     of the counter's responses by time (response_point_created_idx) could take instead. With that condition, a
--     plan cached in a session (generic, made without the values) still read thousands of rows in the test below
--     after earlier tests had run; planning each call instead cost a one-tap submission 22 % more (bench:submit-ab
--     1.22);
--   * the counts stop at 500, the highest threshold the settings allow (burst_max_per_source and
--     burst_max_per_device ≤ 100, kiosk_burst_max ≤ 500): every caller's comparison (>= the threshold, > 0 for a
--     repeated press) is unchanged;
--   * kiosk_devices counts a tablet's presses as its unflagged plus its flagged ones, one half of the index each.
-- The functions keep their signatures; submit_response and kiosk_sync call them as before.

drop index public.response_device_idx;
create index response_device_unflagged_idx on public.response (device_key, service_point_id, created_at)
  where device_key is not null and flag is null;
create index response_device_flagged_idx on public.response (device_key, service_point_id, created_at)
  where device_key is not null and flag is not null;

create or replace function app.responses_from_source(p_source text, p_point bigint, p_after timestamptz)
returns int
language plpgsql
stable
set search_path = ''
as $$
begin
  return (select count(*) from (
    select 1 from public.response r
    where r.source_hash = p_source
      and (r.source_hash, r.service_point_id, r.created_at) > (p_source, p_point, p_after)
      and (r.source_hash, r.service_point_id, r.created_at) <= (p_source, p_point, 'infinity'::timestamptz)
      and r.flag is null
    limit 500) s);
end
$$;
comment on function app.responses_from_source(text, bigint, timestamptz) is
  'Unflagged responses from one address (keyed hash) at one counter created after p_after, read through '
  'response_source_idx only; counts up to 500, the highest threshold the settings allow.';

create or replace function app.responses_from_device(
  p_device text, p_point bigint, p_after timestamptz, p_until timestamptz default 'infinity',
  p_unflagged_only boolean default true)
returns int
language plpgsql
stable
set search_path = ''
as $$
declare
  v_unflagged int;
begin
  v_unflagged := (select count(*) from (
    select 1 from public.response r
    where r.device_key = p_device
      and (r.device_key, r.service_point_id, r.created_at) > (p_device, p_point, p_after)
      and (r.device_key, r.service_point_id, r.created_at) <= (p_device, p_point, p_until)
      and r.flag is null
    limit 500) s);
  if p_unflagged_only or v_unflagged >= 500 then
    return v_unflagged;
  end if;
  return v_unflagged + (select count(*) from (
    select 1 from public.response r
    where r.device_key = p_device
      and (r.device_key, r.service_point_id, r.created_at) > (p_device, p_point, p_after)
      and (r.device_key, r.service_point_id, r.created_at) <= (p_device, p_point, p_until)
      and r.flag is not null
    limit 500 - v_unflagged) s);
end
$$;
comment on function app.responses_from_device(text, bigint, timestamptz, timestamptz, boolean) is
  'Responses from one device (keyed hash, or a kiosk) at one counter created in (p_after, p_until], unflagged only '
  'unless told otherwise, read through the two halves of the device index; counts up to 500, the highest threshold '
  'the settings allow.';

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
        'lastSyncAt', k.last_sync_at,
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
