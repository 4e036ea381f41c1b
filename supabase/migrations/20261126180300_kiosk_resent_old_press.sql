-- A press stored before and sent again (its answer was lost on the way back to the tablet) is a duplicate, however
-- old it has become. kiosk_sync refused a press older than seven days before looking its client key up, so a batch
-- resent after a week answered 'refused' for presses that were stored: nothing was stored twice and the tablet
-- forgot them either way, but its report counted them as not accepted (found by the kiosk-sync fuzzer). The age is
-- now checked only for a press that is not stored yet. The function is otherwise unchanged.

create or replace function public.kiosk_sync(p_code_hash text, p_presses jsonb)
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
  if coalesce(p_code_hash, '') !~ '^[0-9a-f]{64}$' then
    raise exception 'kiosk_unknown' using errcode = '28000';
  end if;
  select * into v_device from public.kiosk_device where code_hash = p_code_hash;
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
        if exists (select 1 from public.response r
                   where r.device_key = v_key_name and r.service_point_id = v_point.id
                     and r.created_at <= v_at and r.created_at > v_at - make_interval(secs => v_org.kiosk_repeat_seconds)) then
          v_flag := 'repeat_press';
        elsif (select count(*) from public.response r
               where r.device_key = v_key_name and r.service_point_id = v_point.id and r.flag is null
                 and r.created_at <= v_at and r.created_at > v_at - make_interval(secs => v_org.kiosk_burst_window_seconds))
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
  'Server only (service_role), after hashing the device code: store a batch of kiosk presses, each exactly once, '
  'answering per press (stored, duplicate, refused). An unknown or revoked code raises 28000 and stores nothing.';
