-- Organisation and service points: the one municipality (name, reference prefix, PDPA notice, retention, display
-- and anti-stuffing settings), its divisions, and the counters where citizens are served (a slug is a QR target).
--
-- Who may touch it: every staff member reads it; admins change it through the admin_* functions (security invoker,
-- so RLS decides), each change audited. The public sees only display_settings, what survey_form returns, and the
-- municipality's logo (public_logo).

-- ---------------------------------------------------------------------------------------------------------------
-- The municipality and where it serves citizens
-- ---------------------------------------------------------------------------------------------------------------

create table public.organisation (
  id smallint primary key default 1 check (id = 1),
  name jsonb not null check (app.is_localized_text(name, 200)),
  reference_prefix text not null default 'KP' check (reference_prefix ~ '^[A-Z]{1,6}$'),
  contact jsonb not null default '{}' check (jsonb_typeof(contact) = 'object'),
  pdpa_notice jsonb not null default '{}' check (jsonb_typeof(pdpa_notice) = 'object'),
  contact_retention_days int not null default 365 check (contact_retention_days between 30 and 3650),
  level_bands text not null default '0.5' check (level_bands in ('0.5', '0.8')),
  thai_digits boolean not null default false,
  eit_url text check (eit_url is null or eit_url ~ '^https://'),
  burst_window_seconds int not null default 60 check (burst_window_seconds between 10 and 3600),
  burst_max_per_source int not null default 3 check (burst_max_per_source between 1 and 100),
  burst_max_per_device int not null default 2 check (burst_max_per_device between 1 and 100),
  updated_at timestamptz not null default now(),
  impact_window_days int not null default 90 check (impact_window_days between 14 and 365),
  impact_min_responses int not null default 20 check (impact_min_responses between 5 and 1000),
  kiosk_repeat_seconds int not null default 5 check (kiosk_repeat_seconds between 1 and 600),
  kiosk_burst_window_seconds int not null default 60 check (kiosk_burst_window_seconds between 10 and 3600),
  kiosk_burst_max int not null default 10 check (kiosk_burst_max between 2 and 500),
  reply_due_days int not null default 15 check (reply_due_days between 1 and 90),
  kiosk_code_ttl_minutes int not null default 60 check (kiosk_code_ttl_minutes between 1 and 10080),
  report_signatories jsonb not null default '{}' check (jsonb_typeof(report_signatories) = 'object')
);


comment on table public.organisation is
  'The one municipality this installation serves: its name, reference prefix, PDPA notice and display settings.';


comment on column public.organisation.burst_max_per_source is
  'Ballot stuffing: at most this many responses from one address (hash) to one service point within '
  'burst_window_seconds are counted; the rest are kept but flagged and left out of the statistics.';


comment on column public.organisation.reply_due_days is
  'Days within which a suggestion gets its first public reply (the LPA asks that progress reach the citizen within 15).';

comment on column public.organisation.report_signatories is
  'Who signs the yearly report: {"preparer"|"approver": {"name"|"position": {"th"?, "en"?}}}, each text at most 200 '
  'characters; a part left out prints as a blank line to write by hand.';

comment on column public.organisation.level_bands is
  'How a mean is read as a level: 0.5-wide (4.51–5.00 มากที่สุด) or 0.8-wide (4.21–5.00 มากที่สุด) bands.';

comment on column public.organisation.impact_window_days is 'Before/after comparison of an action: days on each side of its completion.';

comment on column public.organisation.impact_min_responses is 'Below this many responses on either side, an action''s effect is "not enough responses to tell".';

comment on column public.organisation.kiosk_repeat_seconds is
  'Kiosk: a press closer than this to the previous press of the same tablet is kept but flagged repeat_press.';

comment on column public.organisation.kiosk_code_ttl_minutes is
  'Kiosk: a device code pairs a tablet within this many minutes of being issued (1 minute to 7 days), or never.';

comment on column public.organisation.kiosk_burst_max is
  'Kiosk: at most this many presses of one tablet within kiosk_burst_window_seconds are counted; the rest are flagged burst_device.';



create table public.division (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name jsonb not null check (app.is_localized_text(name, 200)),
  position int not null default 0,
  created_at timestamptz not null default now()
);


comment on table public.division is 'A division (กอง/สำนัก) of the municipality that owns services and answers suggestions.';



create table public.service_point (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  division_id bigint not null references public.division (id),
  name jsonb not null check (app.is_localized_text(name, 200)),
  services jsonb not null default '[]' check (jsonb_typeof(services) = 'array'),
  active boolean not null default true,
  created_at timestamptz not null default now()
);


comment on table public.service_point is
  'A counter or service where citizens are served; its slug is the QR target /{locale}/s/{slug}.';


comment on column public.service_point.services is 'The services offered there, each a localised text object.';


create index service_point_division_idx on public.service_point (division_id);



-- ---------------------------------------------------------------------------------------------------------------
-- Row level security: on for every table. No policy grants anon anything; staff policies arrive with sign-in.
-- service_role bypasses RLS (as on Supabase) and is used by the server only after its own checks.
-- ---------------------------------------------------------------------------------------------------------------

alter table public.organisation enable row level security;


alter table public.division enable row level security;


alter table public.service_point enable row level security;


create trigger organisation_audit after update on public.organisation
  for each row execute function app.audit_row('id');


create trigger division_audit after insert or update or delete on public.division
  for each row execute function app.audit_row('id');


create trigger service_point_audit after insert or update or delete on public.service_point
  for each row execute function app.audit_row('id');



-- Reference data: every staff member reads it; admins change it.
create policy organisation_read on public.organisation for select to authenticated
  using ((select app.staff_role()) is not null);


create policy organisation_update on public.organisation for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');



create policy division_read on public.division for select to authenticated
  using ((select app.staff_role()) is not null);


create policy division_insert on public.division for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy division_update on public.division for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy division_delete on public.division for delete to authenticated
  using ((select app.staff_role()) = 'admin');



create policy service_point_read on public.service_point for select to authenticated
  using ((select app.staff_role()) is not null);


create policy service_point_insert on public.service_point for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy service_point_update on public.service_point for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy service_point_delete on public.service_point for delete to authenticated
  using ((select app.staff_role()) = 'admin');



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

-- The report's signature block: who prepared it and who approved it, name and position in Thai and English. Blank
-- texts are dropped (a blank prints as a line to write on), anything else is refused with the field it came in.
create or replace function app.expect_signatories(v jsonb)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_out jsonb := '{}';
  v_role text;
  v_part text;
  v_lang text;
  v_text text;
begin
  perform app.expect_keys(v, 'reportSignatories', array['preparer', 'approver']);
  foreach v_role in array array['preparer', 'approver'] loop
    continue when not v ? v_role;
    perform app.expect_keys(v -> v_role, 'reportSignatories', array['name', 'position']);
    foreach v_part in array array['name', 'position'] loop
      continue when not (v -> v_role) ? v_part;
      perform app.expect_keys(v -> v_role -> v_part, 'reportSignatories', array['th', 'en']);
      foreach v_lang in array array['th', 'en'] loop
        v_text := nullif(btrim(coalesce(app.expect_text(v -> v_role -> v_part -> v_lang, 'reportSignatories', 200), '')), '');
        continue when v_text is null;
        v_out := jsonb_set(v_out, array[v_role], coalesce(v_out -> v_role, '{}'));
        v_out := jsonb_set(v_out, array[v_role, v_part], coalesce(v_out -> v_role -> v_part, '{}'));
        v_out := jsonb_set(v_out, array[v_role, v_part, v_lang], to_jsonb(v_text));
      end loop;
    end loop;
  end loop;
  return v_out;
end
$$;

comment on function app.expect_signatories(jsonb) is
  'Validate and tidy the report''s signatories (organisation.report_signatories): known keys only, texts up to 200.';



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
    'levelBands', 'thaiDigits', 'eitUrl', 'burstWindowSeconds', 'burstMaxPerSource', 'burstMaxPerDevice', 'replyDueDays',
    'reportSignatories']);
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
  if c ? 'reportSignatories' then v_org.report_signatories := app.expect_signatories(c -> 'reportSignatories'); end if;

  update public.organisation set
    name = v_org.name, reference_prefix = v_org.reference_prefix, contact = v_org.contact, pdpa_notice = v_org.pdpa_notice,
    contact_retention_days = v_org.contact_retention_days, level_bands = v_org.level_bands, thai_digits = v_org.thai_digits,
    eit_url = v_org.eit_url, burst_window_seconds = v_org.burst_window_seconds, burst_max_per_source = v_org.burst_max_per_source,
    burst_max_per_device = v_org.burst_max_per_device, reply_due_days = v_org.reply_due_days,
    report_signatories = v_org.report_signatories, updated_at = now()
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

-- ---------------------------------------------------------------------------------------------------------------
-- The municipality's logo or emblem (ตราสัญลักษณ์): on the home page and the printed report
-- ---------------------------------------------------------------------------------------------------------------

-- Kept in the database (in every mode, and in every backup), apart from organisation so that reading the settings
-- never carries the image. Only raster images the server has read the bytes of: PNG, JPEG, WebP, at most 512 KiB
-- (an SVG can carry script, so it is not taken).
create table public.organisation_logo (
  id smallint primary key default 1 check (id = 1),
  media_type text not null check (media_type in ('image/png', 'image/jpeg', 'image/webp')),
  bytes bytea not null check (octet_length(bytes) between 1 and 524288),
  updated_at timestamptz not null default now()
);


comment on table public.organisation_logo is
  'The municipality''s logo or emblem, shown on the home page and the printed report (one row at most; admins set it).';


alter table public.organisation_logo enable row level security;


create policy organisation_logo_read on public.organisation_logo for select to authenticated
  using ((select app.staff_role()) is not null);


create policy organisation_logo_insert on public.organisation_logo for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy organisation_logo_update on public.organisation_logo for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy organisation_logo_delete on public.organisation_logo for delete to authenticated
  using ((select app.staff_role()) = 'admin');



-- The audit row names the image by its type, size and SHA-256, not its bytes (half a megabyte in the trail).
create or replace function app.audit_logo()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then jsonb_build_object(
    'mediaType', old.media_type, 'bytes', octet_length(old.bytes), 'sha256', encode(sha256(old.bytes), 'hex')) end;
  v_new jsonb := case when tg_op in ('UPDATE', 'INSERT') then jsonb_build_object(
    'mediaType', new.media_type, 'bytes', octet_length(new.bytes), 'sha256', encode(sha256(new.bytes), 'hex')) end;
begin
  perform app.write_audit('organisation_logo', '1', lower(tg_op), v_old, v_new);
  return null;
end
$$;


create trigger organisation_logo_audit after insert or update or delete on public.organisation_logo
  for each row execute function app.audit_logo();



create or replace function public.admin_set_logo(p_logo jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_type text;
  v_bytes bytea;
  v_signed boolean;
begin
  perform app.require_admin();
  if p_logo is null or p_logo = 'null'::jsonb then
    delete from public.organisation_logo where id = 1;
    return jsonb_build_object('removed', true);
  end if;
  perform app.expect_keys(p_logo, 'logo', array['mediaType', 'data']);
  v_type := app.expect_text(p_logo -> 'mediaType', 'logo', 20, array['image/png', 'image/jpeg', 'image/webp']);
  if jsonb_typeof(p_logo -> 'data') is distinct from 'string' then
    perform app.refuse('file_missing', 'logo');
  end if;
  begin
    v_bytes := decode(p_logo ->> 'data', 'base64');
  exception when others then
    perform app.refuse('file_damaged', 'logo');
  end;
  if octet_length(v_bytes) = 0 then
    perform app.refuse('file_missing', 'logo');
  end if;
  if octet_length(v_bytes) > 524288 then
    perform app.refuse('logo_too_large', 'logo');
  end if;
  -- The bytes must be what the type says (the server sniffed them; a direct caller is checked here again).
  v_signed := case v_type
    when 'image/png' then substring(v_bytes from 1 for 8) = '\x89504e470d0a1a0a'::bytea
    when 'image/jpeg' then substring(v_bytes from 1 for 3) = '\xffd8ff'::bytea
    else substring(v_bytes from 1 for 4) = '\x52494646'::bytea and substring(v_bytes from 9 for 4) = '\x57454250'::bytea
  end;
  if not v_signed then
    perform app.refuse('file_type_not_allowed', 'logo');
  end if;
  insert into public.organisation_logo (id, media_type, bytes, updated_at) values (1, v_type, v_bytes, now())
  on conflict (id) do update set media_type = excluded.media_type, bytes = excluded.bytes, updated_at = excluded.updated_at;
  return jsonb_build_object('removed', false);
end
$$;

comment on function public.admin_set_logo(jsonb) is
  'Admin: set the municipality''s logo ({mediaType, data: base64}; PNG, JPEG or WebP, at most 512 KiB) or remove it (null); audited.';



create or replace function public.public_logo(p_data boolean)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'mediaType', l.media_type,
    'version', (extract(epoch from l.updated_at) * 1000)::bigint::text,
    -- encode() breaks base64 into lines of 76; the reader wants one string.
    'data', case when p_data then translate(encode(l.bytes, 'base64'), E'\n', '') end)
  from public.organisation_logo l where l.id = 1
$$;

comment on function public.public_logo(boolean) is
  'Public: the municipality''s logo (its type, a version that changes with it, and with p_data its bytes in base64), '
  'or null when none is set.';

-- Display settings every page may read, and the suggestion texts behind the dashboard's themes.

create or replace function public.display_settings()
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'name', o.name, 'thaiDigits', o.thai_digits, 'levelBands', o.level_bands, 'eitUrl', o.eit_url,
    'referencePrefix', o.reference_prefix, 'contact', o.contact)
  from public.organisation o where o.id = 1
$$;

comment on function public.display_settings() is
  'Public: how numbers and dates are shown (Thai digits), the level bands, the municipality''s name and EIT link.';

-- Who signs the yearly report: every staff member may print the report, so every staff member reads its signature
-- block (RLS on organisation decides; anyone else gets null). Not public: display_settings does not carry it.
create or replace function public.report_signatories()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select o.report_signatories from public.organisation o where o.id = 1
$$;

comment on function public.report_signatories() is
  'Staff: the names and positions printed in the yearly report''s signature block.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.expect_signatories(jsonb),
  app.audit_logo(),
  public.admin_save_division(text, jsonb, integer),
  public.admin_save_service_point(text, jsonb, boolean),
  public.admin_set_logo(jsonb),
  public.admin_settings(),
  public.admin_update_organisation(jsonb),
  public.display_settings(),
  public.report_signatories(),
  public.public_logo(boolean)
from public, anon, authenticated, service_role;
grant execute on function
  public.display_settings(),
  public.public_logo(boolean)
to anon, authenticated, service_role;
grant execute on function
  app.expect_signatories(jsonb),
  app.audit_logo(),
  public.admin_save_division(text, jsonb, integer),
  public.admin_save_service_point(text, jsonb, boolean),
  public.admin_set_logo(jsonb),
  public.admin_settings(),
  public.admin_update_organisation(jsonb),
  public.report_signatories()
to authenticated, service_role;

revoke all on public.division from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.division_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.division to authenticated;
grant select, insert, update, delete on public.division to service_role;

revoke all on public.organisation from anon, authenticated, service_role;
grant select, insert, update, delete on public.organisation to authenticated;
grant select, insert, update, delete on public.organisation to service_role;

revoke all on public.organisation_logo from anon, authenticated, service_role;
grant select, insert, update, delete on public.organisation_logo to authenticated;
grant select, insert, update, delete on public.organisation_logo to service_role;

revoke all on public.service_point from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.service_point_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.service_point to authenticated;
grant select, insert, update, delete on public.service_point to service_role;
