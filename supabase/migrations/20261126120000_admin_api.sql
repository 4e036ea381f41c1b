-- Administration: the organisation profile, divisions, service points and staff accounts.
--
-- Invariants:
--   * Changes go through these functions as the signed-in admin (security invoker where RLS can decide; definer
--     where auth.users must be touched, with an explicit admin check), so the audit trail records who changed what.
--   * At least one active admin always remains: nobody can lock the municipality out of its own installation.

create or replace function app.require_admin()
returns void
language plpgsql
stable
set search_path = ''
as $$
begin
  if app.staff_role() is distinct from 'admin' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
end
$$;

create or replace function app.expect_localized(v jsonb, field text, max_len int)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_clean jsonb;
begin
  if jsonb_typeof(v) is distinct from 'object' then
    perform app.refuse('invalid_value', field);
  end if;
  perform app.expect_keys(v, field, array['th', 'en', 'my']);
  select coalesce(jsonb_object_agg(key, btrim(value #>> '{}')), '{}') into v_clean
  from jsonb_each(v) where jsonb_typeof(value) = 'string' and btrim(value #>> '{}') <> '';
  if not app.is_localized_text(v_clean, max_len) then
    perform app.refuse(case when coalesce(v_clean ->> 'th', '') = '' then 'thai_required' else 'text_too_long' end, field);
  end if;
  return v_clean;
end
$$;
comment on function app.expect_localized(jsonb, text, int) is
  'Validate a {"th","en","my"} text object (Thai required, others optional); empty translations are dropped.';

-- ---------------------------------------------------------------------------------------------------------------
-- Reading the settings
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.admin_settings()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform app.require_admin();
  return jsonb_build_object(
    'organisation', (select to_jsonb(o) - 'id' from public.organisation o where o.id = 1),
    'divisions', (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'slug', d.slug, 'name', d.name, 'position', d.position,
                    'servicePoints', (select count(*) from public.service_point p where p.division_id = d.id)) order by d.position, d.id), '[]')
                  from public.division d),
    'servicePoints', (select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', p.name, 'division', d.slug,
                        'services', p.services, 'active', p.active) order by d.position, p.id), '[]')
                      from public.service_point p join public.division d on d.id = p.division_id),
    'staff', (select coalesce(jsonb_agg(jsonb_build_object('userId', s.user_id, 'email', u.email, 'displayName', s.display_name,
                'role', s.role, 'division', d.slug, 'active', s.active, 'isDemo', s.is_demo, 'lastSignInAt', u.last_sign_in_at)
                order by s.active desc, s.role, s.display_name), '[]')
              from public.staff s join auth.users u on u.id = s.user_id left join public.division d on d.id = s.division_id));
end
$$;
comment on function public.admin_settings() is 'Admin: the organisation, divisions, service points and staff, for the admin pages.';

-- ---------------------------------------------------------------------------------------------------------------
-- Changing them
-- ---------------------------------------------------------------------------------------------------------------

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
    'levelBands', 'thaiDigits', 'eitUrl', 'burstWindowSeconds', 'burstMaxPerSource', 'burstMaxPerDevice']);
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

  update public.organisation set
    name = v_org.name, reference_prefix = v_org.reference_prefix, contact = v_org.contact, pdpa_notice = v_org.pdpa_notice,
    contact_retention_days = v_org.contact_retention_days, level_bands = v_org.level_bands, thai_digits = v_org.thai_digits,
    eit_url = v_org.eit_url, burst_window_seconds = v_org.burst_window_seconds, burst_max_per_source = v_org.burst_max_per_source,
    burst_max_per_device = v_org.burst_max_per_device, updated_at = now()
  where id = 1;
exception
  when check_violation or invalid_text_representation or numeric_value_out_of_range then
    perform app.refuse('invalid_value', 'organisation');
end
$$;
comment on function public.admin_update_organisation(jsonb) is 'Admin: change the organisation profile and settings (audited).';

create or replace function public.admin_save_division(p_slug text, p_name jsonb, p_position int default null)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_name jsonb;
  v_slug text := lower(btrim(coalesce(p_slug, '')));
begin
  perform app.require_admin();
  if v_slug !~ '^[a-z0-9][a-z0-9-]{1,39}$' then perform app.refuse('invalid_slug', 'slug'); end if;
  v_name := app.expect_localized(p_name, 'name', 200);
  insert into public.division (slug, name, position) values (v_slug, v_name, coalesce(p_position, 99))
  on conflict (slug) do update set name = excluded.name, position = coalesce(p_position, public.division.position);
  return jsonb_build_object('slug', v_slug);
end
$$;

create or replace function public.admin_save_service_point(p_slug text, p_point jsonb, p_create boolean)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_point, '{}');
  v_slug text := lower(btrim(coalesce(p_slug, '')));
  v_division bigint;
  v_name jsonb;
  v_services jsonb;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['name', 'division', 'services', 'active']);
  if v_slug !~ '^[a-z0-9][a-z0-9-]{1,39}$' then perform app.refuse('invalid_slug', 'slug'); end if;
  v_name := app.expect_localized(c -> 'name', 'name', 200);
  select id into v_division from public.division where slug = c ->> 'division';
  if v_division is null then perform app.refuse('unknown_division', 'division'); end if;
  if jsonb_typeof(coalesce(c -> 'services', '[]')) <> 'array' or jsonb_array_length(coalesce(c -> 'services', '[]')) > 30 then
    perform app.refuse('invalid_value', 'services');
  end if;
  select coalesce(jsonb_agg(app.expect_localized(value, 'services', 200)), '[]') into v_services
  from jsonb_array_elements(coalesce(c -> 'services', '[]'));
  if p_create then
    if exists (select 1 from public.service_point where slug = v_slug) then
      perform app.refuse('slug_taken', 'slug');
    end if;
    insert into public.service_point (slug, division_id, name, services, active)
    values (v_slug, v_division, v_name, v_services, coalesce((c ->> 'active')::boolean, true));
  else
    update public.service_point
       set division_id = v_division, name = v_name, services = v_services,
           active = coalesce((c ->> 'active')::boolean, active)
     where slug = v_slug;
    if not found then
      raise exception 'not_found' using errcode = 'P0002';
    end if;
  end if;
  return jsonb_build_object('slug', v_slug);
end
$$;
comment on function public.admin_save_service_point(text, jsonb, boolean) is
  'Admin: add (p_create) or change a service point; retiring sets active = false and keeps its responses.';

create or replace function public.admin_save_staff(
  p_email text,
  p_role text,
  p_display_name text,
  p_division text default null,
  p_active boolean default true,
  p_password_hash text default null,
  p_user_id uuid default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_existing public.staff;
  v_user uuid := p_user_id;
  v_email text := lower(btrim(coalesce(p_email, '')));
begin
  perform app.require_admin();
  if v_user is null then
    select id into v_user from auth.users where lower(email) = v_email;
  end if;
  select * into v_existing from public.staff where user_id = v_user;
  -- Keep at least one active admin.
  if v_existing.role = 'admin' and v_existing.active and (p_role <> 'admin' or not p_active)
     and not exists (select 1 from public.staff where role = 'admin' and active and user_id <> v_user) then
    perform app.refuse('last_admin', 'role');
  end if;
  if p_display_name is null or char_length(btrim(p_display_name)) not between 1 and 100 then
    perform app.refuse('required', 'displayName');
  end if;
  -- staff_upsert validates the rest (email, role, division, hash) and creates the account.
  perform public.staff_upsert(v_email, p_role, p_display_name, p_division, p_password_hash, v_user, false);
  update public.staff set active = p_active
  where user_id = (select id from auth.users where lower(email) = v_email) and active is distinct from p_active;
  return jsonb_build_object('email', v_email);
end
$$;
comment on function public.admin_save_staff(text, text, text, text, boolean, text, uuid) is
  'Admin: add a staff account or change its role, division or active state (never the last active admin).';

revoke execute on function public.admin_settings(), public.admin_update_organisation(jsonb),
  public.admin_save_division(text, jsonb, int), public.admin_save_service_point(text, jsonb, boolean),
  public.admin_save_staff(text, text, text, text, boolean, text, uuid) from public, anon;
grant execute on function public.admin_settings(), public.admin_update_organisation(jsonb),
  public.admin_save_division(text, jsonb, int), public.admin_save_service_point(text, jsonb, boolean),
  public.admin_save_staff(text, text, text, text, boolean, text, uuid) to authenticated, service_role;
revoke execute on all functions in schema app from public, anon;
grant execute on all functions in schema app to authenticated, service_role;
