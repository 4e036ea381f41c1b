-- Local bootstrap for the SQL modes (embedded PGlite and a plain PostgreSQL server): create what Supabase provides,
-- so that the migrations in supabase/migrations apply unchanged. Every step is skipped where the object exists, and
-- lib/db/migrate.ts does not run this file at all against Supabase's own database (whose auth schema it does not own).

do $bootstrap$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$bootstrap$;

-- The connecting user must be able to `set role` to each of them, as PostgREST's authenticator can.
do $bootstrap$
begin
  if not pg_has_role(current_user, 'anon', 'member') then
    execute format('grant anon to %I', current_user);
  end if;
  if not pg_has_role(current_user, 'authenticated', 'member') then
    execute format('grant authenticated to %I', current_user);
  end if;
  if not pg_has_role(current_user, 'service_role', 'member') then
    execute format('grant service_role to %I', current_user);
  end if;
end
$bootstrap$;

create schema if not exists auth;

-- auth.users and auth.identities shaped like Supabase Auth's (GoTrue's migrations; the columns this app reads or
-- writes, with GoTrue's types), so that a row written here is one Supabase Auth would find and sign in: the id is given
-- by the writer (no default, as in GoTrue), instance_id, aud and role as GoTrue sets them, and the token columns that
-- GoTrue reads as strings default to '' (a NULL there makes its sign-in fail).
create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255) unique,
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  confirmation_token varchar(255) default '',
  recovery_token varchar(255) default '',
  email_change_token_new varchar(255) default '',
  email_change varchar(255) default '',
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  created_at timestamptz,
  updated_at timestamptz
);

-- Folders and databases made before the table had GoTrue's shape: bring them to it (no default id, the columns).
alter table auth.users alter column id drop default;
alter table auth.users add column if not exists instance_id uuid;
alter table auth.users add column if not exists aud varchar(255);
alter table auth.users add column if not exists role varchar(255);
alter table auth.users add column if not exists confirmation_token varchar(255) default '';
alter table auth.users add column if not exists recovery_token varchar(255) default '';
alter table auth.users add column if not exists email_change_token_new varchar(255) default '';
alter table auth.users add column if not exists email_change varchar(255) default '';

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  unique (provider_id, provider)
);

do $bootstrap$
begin
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb language sql stable as $f$
      -- Once set in a session the setting stays as '', which is not JSON.
      select coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb)
    $f$;
  end if;
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid language sql stable as $f$
      select nullif(auth.jwt() ->> 'sub', '')::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text language sql stable as $f$
      select nullif(auth.jwt() ->> 'role', '')
    $f$;
  end if;
end
$bootstrap$;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.jwt(), auth.uid(), auth.role() to anon, authenticated, service_role;
revoke all on auth.users, auth.identities from anon, authenticated;

-- Supabase grants anon, authenticated and service_role everything on new objects in public by default. Do the same
-- here, so that a migration that forgets to take a privilege back from anon fails the tests locally, as it would
-- leak on Supabase (supabase/tests/anon-access.test.ts lists what anon can reach).
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
