-- The `evidence` Storage bucket and its policy (issue 19): evidence uploads failed on Supabase because nothing created
-- the bucket. Skipped where there is no storage schema (supabase/schemas/13_storage.sql says why each part is so).

do $storage$
begin
  if to_regclass('storage.buckets') is null then
    raise notice 'no storage schema here: evidence files are kept in the data folder';
    return;
  end if;

  insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('evidence', 'evidence', false, 5242880, array['image/jpeg', 'image/png', 'image/webp', 'application/pdf'])
  on conflict (id) do update
    set public = false, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types;

  if exists (select 1 from pg_policies where schemaname = 'storage' and tablename = 'objects' and policyname = 'evidence_server_only') then
    return;
  end if;
  if not pg_has_role(current_user, (select c.relowner from pg_class c where c.oid = 'storage.objects'::regclass), 'usage') then
    raise notice 'storage.objects belongs to another role: evidence_server_only not created (the bucket stays private)';
    return;
  end if;
  create policy evidence_server_only on storage.objects as restrictive for all to anon, authenticated
    using (bucket_id <> 'evidence') with check (bucket_id <> 'evidence');
end
$storage$;
