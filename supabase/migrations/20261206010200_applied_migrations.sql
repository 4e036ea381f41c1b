-- Upgrades (issue 19): the app asks which migrations the database has, in every mode. In Supabase mode it reaches the
-- database only through PostgREST, which exposes public: this function reads supabase_migrations for it.

create or replace function public.applied_migrations()
returns text[]
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- Written by `supabase db push` and by the app itself (SQL modes); absent until the first of them ran.
  if to_regclass('supabase_migrations.schema_migrations') is null then
    return '{}';
  end if;
  return array(select m.version from supabase_migrations.schema_migrations m order by m.version);
end
$$;

comment on function public.applied_migrations() is
  'Server only: the versions of supabase/migrations applied to this database, for /api/health and the upgrade check.';

revoke all on function public.applied_migrations() from public, anon, authenticated, service_role;
grant execute on function public.applied_migrations() to service_role;
