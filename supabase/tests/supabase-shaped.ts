import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database shaped as a hosted Supabase project's, built on the machine's PostgreSQL for the tests, written from
 * Supabase's published init scripts (supabase/postgres `migrations/db/init-scripts`) and Supabase Auth's (GoTrue's)
 * migrations (`supabase/auth` `migrations/`, the auth.uid/role/jwt of 20240624145325_recreate_auth_functions):
 *
 *   - the roles anon, authenticated, service_role (bypassrls), authenticator (may become each) and
 *     supabase_auth_admin / supabase_storage_admin, which own `auth` and `storage`;
 *   - the project's `postgres` role, which is NOT a superuser and not a member of the owners of auth and storage, so
 *     the app sees, as on Supabase, that it does not own `auth` (here it is called OWNER, since the machine's own
 *     `postgres` is a superuser);
 *   - auth.users and auth.identities as GoTrue shapes them (no default id; instance_id, aud, role, encrypted_password,
 *     the token columns, the metadata), and its auth.sessions and auth.refresh_tokens (a session's refresh tokens
 *     are deleted with it), with the privileges Supabase gives `postgres` on them;
 *   - storage.buckets and storage.objects with RLS on, owned by supabase_storage_admin;
 *   - either default-privilege setting Supabase projects have had: the API roles granted everything new in public by
 *     default (older projects), or not (newer ones).
 *
 * Roles are cluster-wide: they are created once and kept (other test runs may be using them); each database is dropped.
 */

export const OWNER = 'siang_supabase_postgres';
const ROLE_LOCK = 7_361_522_020;

export interface SupabaseShapedOptions {
  /** Older projects: `alter default privileges … grant all … to anon, authenticated, service_role` in public. */
  defaultGrants: boolean;
  /** Whether `postgres` may create policies on storage.objects (it may not on current projects: supabase/supabase#41126). */
  ownsStoragePolicies: boolean;
}

export interface SupabaseShaped {
  name: string;
  /** The connection string a municipality would use (as the project's `postgres`). */
  url: string;
  /** As the machine's superuser, for the tests' own look-ups. */
  admin: pg.Client;
  close(): Promise<void>;
}

const ROLES = `
  do $roles$
  begin
    if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
    if not exists (select 1 from pg_roles where rolname = 'authenticator') then create role authenticator login noinherit; end if;
    if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then create role supabase_auth_admin login noinherit createrole; end if;
    if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then create role supabase_storage_admin login noinherit createrole; end if;
    if not exists (select 1 from pg_roles where rolname = '${OWNER}') then create role ${OWNER} login createrole createdb bypassrls; end if;
  end
  $roles$;
  grant anon, authenticated, service_role to authenticator;
  grant anon, authenticated, service_role, authenticator to ${OWNER};
`;

/** Supabase's project: public and the API's grants, auth (GoTrue's tables and functions), storage. */
const PROJECT = (o: SupabaseShapedOptions) => `
  grant usage on schema public to anon, authenticated, service_role;
  ${
    o.defaultGrants
      ? `
  alter default privileges for role ${OWNER} in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges for role ${OWNER} in schema public grant all on functions to anon, authenticated, service_role;
  alter default privileges for role ${OWNER} in schema public grant all on sequences to anon, authenticated, service_role;`
      : ''
  }

  create schema auth authorization supabase_auth_admin;
  set role supabase_auth_admin;
  create table auth.users (
    instance_id uuid, id uuid not null primary key, aud varchar(255), role varchar(255), email varchar(255),
    encrypted_password varchar(255), email_confirmed_at timestamptz, invited_at timestamptz,
    confirmation_token varchar(255), confirmation_sent_at timestamptz, recovery_token varchar(255),
    recovery_sent_at timestamptz, email_change_token_new varchar(255), email_change varchar(255),
    email_change_sent_at timestamptz, last_sign_in_at timestamptz, raw_app_meta_data jsonb, raw_user_meta_data jsonb,
    is_super_admin boolean, created_at timestamptz, updated_at timestamptz, phone text unique default null,
    phone_confirmed_at timestamptz, phone_change text default '', phone_change_token varchar(255) default '',
    phone_change_sent_at timestamptz, confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
    email_change_token_current varchar(255) default '', email_change_confirm_status smallint default 0,
    banned_until timestamptz, reauthentication_token varchar(255) default '', reauthentication_sent_at timestamptz,
    is_sso_user boolean not null default false, deleted_at timestamptz, is_anonymous boolean not null default false
  );
  create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);
  create table auth.identities (
    provider_id text not null, user_id uuid not null references auth.users (id) on delete cascade,
    identity_data jsonb not null, provider text not null, last_sign_in_at timestamptz, created_at timestamptz,
    updated_at timestamptz, email text generated always as (lower(identity_data ->> 'email')) stored,
    id uuid not null default gen_random_uuid() primary key, unique (provider_id, provider)
  );
  create type auth.aal_level as enum ('aal1', 'aal2', 'aal3');
  create table auth.sessions (
    id uuid not null primary key, user_id uuid not null references auth.users (id) on delete cascade,
    created_at timestamptz, updated_at timestamptz, factor_id uuid, aal auth.aal_level, not_after timestamptz,
    refreshed_at timestamp, user_agent text, ip inet, tag text
  );
  create index sessions_user_id_idx on auth.sessions (user_id);
  create table auth.refresh_tokens (
    instance_id uuid, id bigserial primary key, token varchar(255) unique, user_id varchar(255), revoked boolean,
    created_at timestamptz, updated_at timestamptz, parent varchar(255),
    session_id uuid references auth.sessions (id) on delete cascade
  );
  alter table auth.users enable row level security;
  alter table auth.identities enable row level security;
  alter table auth.sessions enable row level security;
  alter table auth.refresh_tokens enable row level security;
  create function auth.uid() returns uuid set search_path to '' as $f$
    select coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
  $f$ language sql stable;
  create function auth.role() returns text set search_path to '' as $f$
    select coalesce(nullif(current_setting('request.jwt.claim.role', true), ''),
                    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'))::text
  $f$ language sql stable;
  create function auth.jwt() returns jsonb set search_path to '' as $f$
    select coalesce(nullif(current_setting('request.jwt.claim', true), ''),
                    nullif(current_setting('request.jwt.claims', true), ''))::jsonb
  $f$ language sql stable;
  reset role;
  grant usage on schema auth to anon, authenticated, service_role, ${OWNER};
  grant all on auth.users, auth.identities, auth.sessions, auth.refresh_tokens to ${OWNER};
  grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role, ${OWNER};

  create schema storage authorization supabase_storage_admin;
  set role supabase_storage_admin;
  create table storage.buckets (
    id text not null primary key, name text not null, owner uuid, created_at timestamptz default now(),
    updated_at timestamptz default now(), public boolean default false, avif_autodetection boolean default false,
    file_size_limit bigint, allowed_mime_types text[], owner_id text
  );
  create unique index bname on storage.buckets (name);
  create table storage.objects (
    id uuid not null default gen_random_uuid() primary key, bucket_id text references storage.buckets (id),
    name text, owner uuid, created_at timestamptz default now(), updated_at timestamptz default now(),
    last_accessed_at timestamptz default now(), metadata jsonb,
    path_tokens text[] generated always as (string_to_array(name, '/')) stored, version text, owner_id text
  );
  alter table storage.buckets enable row level security;
  alter table storage.objects enable row level security;
  reset role;
  grant usage on schema storage to anon, authenticated, service_role, ${OWNER};
  grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
  grant all on storage.buckets, storage.objects to ${OWNER} with grant option;
  ${o.ownsStoragePolicies ? `alter table storage.objects owner to ${OWNER};` : ''}
`;

export async function createSupabaseShaped(serverUrl: string, options: SupabaseShapedOptions): Promise<SupabaseShaped> {
  const name = `siang_supa_${randomBytes(5).toString('hex')}`;
  const root = new pg.Client({ connectionString: serverUrl });
  await root.connect();
  try {
    await root.query('select pg_advisory_lock($1)', [ROLE_LOCK]); // roles are cluster-wide; test files run in parallel
    await root.query(ROLES);
    await root.query('select pg_advisory_unlock($1)', [ROLE_LOCK]);
    await root.query(`create database ${name} owner ${OWNER}`);
  } finally {
    await root.end();
  }
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(PROJECT(options));
  const url = new URL(adminUrl);
  url.username = OWNER;
  url.password = '';
  return {
    name,
    url: url.toString(),
    admin,
    async close() {
      await admin.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
