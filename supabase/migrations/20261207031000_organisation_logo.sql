-- The municipality's logo or emblem (ตราสัญลักษณ์) for the home page and the printed report (issue 18): the home page
-- showed the app's mark because there was no way to set one. Set by the admin (upload, checked by its bytes), kept in
-- the database, read by anyone through public_logo.

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

revoke all on function app.audit_logo(), public.admin_set_logo(jsonb), public.public_logo(boolean)
from public, anon, authenticated, service_role;
grant execute on function public.public_logo(boolean) to anon, authenticated, service_role;
grant execute on function app.audit_logo(), public.admin_set_logo(jsonb) to authenticated, service_role;

revoke all on public.organisation_logo from anon, authenticated, service_role;
grant select, insert, update, delete on public.organisation_logo to authenticated;
grant select, insert, update, delete on public.organisation_logo to service_role;
