-- Storage: the `evidence` bucket of improvement actions, on Supabase only. Who may touch it: the server alone, with
-- the service role (lib/evidence/store.ts uploads, reads and removes; /api/evidence/{id} serves public evidence after
-- asking public_evidence). No API role reads the bucket directly.
--
-- Invariants:
--   * Where there is no `storage` schema (the SQL modes: PGlite, a plain PostgreSQL) this file does nothing: evidence
--     lives in the data folder there. The same migration therefore applies unchanged in every mode.
--   * The bucket is private, takes 5 MB at most (lib/evidence/sniff.ts, MAX_EVIDENCE_BYTES) and only the four types
--     the server accepts after reading the bytes.
--   * evidence_server_only is RESTRICTIVE: even if another app in the same project adds a permissive policy on
--     storage.objects ("signed-in users read everything"), anon and authenticated still reach nothing in this bucket.
--     Creating a policy needs ownership of storage.objects, which Supabase's `postgres` role has on some projects and
--     not on others (supabase/supabase#41126): where it has not, the policy is skipped with a notice, and the bucket
--     stays closed anyway (RLS on storage.objects, no permissive policy of ours).

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
