-- Staff: who may sign in, with which role and division, their built-in sessions, and the sign-in and account
-- functions. Who may touch it: every staff member sees who is who; admins manage accounts (at least one active admin
-- always remains); the server alone (service_role) reads password hashes and starts and ends sessions.
--
-- Roles (public.staff.role):
--   admin           everything, including staff management
--   pr_officer      all feedback, triage, and contact details
--   division_staff  the suggestions routed to their division; contact details only where the citizen asked for a reply
--   executive       read-only: everything but contact details
--
-- Invariants:
--   * A role comes from public.staff (the database), never from a claim the client sends: auth.uid() identifies,
--     app.staff_role() decides. A deactivated staff member has no role, so every policy refuses them.
--   * Policies ask small stable helpers, written as (select app.staff_role()), so each is evaluated once per query.
--   * Every staff change to audited tables is written to public.audit_log by triggers, whichever path it took (the
--     app, the Supabase API, the SQL editor). Nobody may update, delete or truncate the audit log.

-- ---------------------------------------------------------------------------------------------------------------
-- Staff
-- ---------------------------------------------------------------------------------------------------------------

create table public.staff (
  user_id uuid primary key references auth.users (id) on delete cascade,
  role text not null check (role in ('admin', 'pr_officer', 'division_staff', 'executive')),
  division_id bigint references public.division (id),
  display_name text not null check (char_length(btrim(display_name)) between 1 and 100),
  active boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  check (role <> 'division_staff' or division_id is not null)
);


comment on table public.staff is
  'Who may sign in to the staff pages, with which role, for which division. Maps auth.users to a role.';


create index staff_division_idx on public.staff (division_id);



-- Built-in sessions (SQL modes), so that signing out ends a session on the server too: a token whose session was
-- ended is refused by every policy, even before it expires. Supabase's own session_id claims never match a row here.
create table public.staff_session (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz
);


comment on table public.staff_session is 'Built-in staff sessions: a session ended at sign-out is refused by app.staff_role().';


create index staff_session_user_idx on public.staff_session (user_id);



-- Configuration and people: every change audited.
create trigger staff_audit after insert or update or delete on public.staff
  for each row execute function app.audit_row('user_id');



-- Deactivating or reactivating an account ends every session it had: reactivation must not revive a session from
-- before (a departed clerk's laptop, a stolen cookie). A trigger, so that every path that changes `active`
-- (admin_save_staff, staff_upsert, the Supabase API) is covered. Security definer: the admin who makes the change
-- may not write other people's sessions.
--   * Built-in sessions (SQL modes) are ended: their tokens are refused from then on.
--   * On a Supabase project, Supabase Auth's own sessions are deleted as its sign-out deletes them (auth.sessions; each
--     session's refresh tokens go with it, on delete cascade), and any refresh token left without a session is
--     revoked: a deactivated member's refresh token can no longer mint access tokens. Where there is no auth.sessions
--     (the SQL modes' stand-in) this part does nothing. Where the owner may not write Supabase Auth's tables, a
--     warning says so and the deactivation still stands: every policy refuses an inactive account whatever its token.
create or replace function app.end_sessions_on_activation_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.staff_session set ended_at = now() where user_id = new.user_id and ended_at is null;
  if to_regclass('auth.sessions') is not null then
    begin
      delete from auth.sessions where user_id = new.user_id;
      if to_regclass('auth.refresh_tokens') is not null then
        update auth.refresh_tokens set revoked = true, updated_at = now()
        where user_id = new.user_id::text and revoked is not true;
      end if;
    exception when insufficient_privilege then
      raise warning 'Supabase Auth sessions of % not ended: % (grant delete on auth.sessions to the schema owner)',
        new.user_id, sqlerrm;
    end;
  end if;
  return null;
end
$$;

comment on function app.end_sessions_on_activation_change() is
  'Trigger: a staff account deactivated or reactivated loses every session it had, built-in and Supabase Auth''s.';


create trigger staff_sessions_end after update of active on public.staff
  for each row when (old.active is distinct from new.active) execute function app.end_sessions_on_activation_change();



-- ---------------------------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------------------------

alter table public.staff enable row level security;


alter table public.staff_session enable row level security;



-- Staff: every staff member sees who is who; admins manage.
create policy staff_read on public.staff for select to authenticated
  using ((select app.staff_role()) is not null or user_id = auth.uid());


create policy staff_insert on public.staff for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy staff_update on public.staff for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy staff_delete on public.staff for delete to authenticated
  using ((select app.staff_role()) = 'admin');

-- The staff API: who am I, sign-in support for built-in accounts, the feedback inbox, one suggestion, and triage.
--
-- Invariants:
--   * inbox, suggestion_detail and triage_suggestion are security INVOKER: they read and write under the caller's
--     row level security, so a division's staff see and change only their division's suggestions whatever they ask.
--   * Sign-in helpers (auth_user_for_sign_in, start_staff_session, end_staff_session, staff_upsert) are for the server alone (service_role).
--   * Refusals: 42501 forbidden, P0002 not_found, 40001 stale_version, 22023 with a code for bad input.

-- ---------------------------------------------------------------------------------------------------------------
-- Who am I
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.staff_me(p_locale text default 'th')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'userId', s.user_id,
    'email', u.email,
    'displayName', s.display_name,
    'role', s.role,
    'division', case when d.id is null then null
                     else jsonb_build_object('id', d.id, 'slug', d.slug, 'name', app.localized(d.name, p_locale)) end)
  from public.staff s
  join auth.users u on u.id = s.user_id
  left join public.division d on d.id = s.division_id
  where s.user_id = auth.uid() and app.staff_role() is not null
$$;

comment on function public.staff_me(text) is 'The signed-in staff member''s profile, or null (not staff or deactivated).';



-- ---------------------------------------------------------------------------------------------------------------
-- Built-in accounts (SQL modes): the server checks the bcrypt hash itself
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.auth_user_for_sign_in(p_email text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('id', u.id, 'email', u.email, 'passwordHash', u.encrypted_password, 'active', coalesce(s.active, false))
  from auth.users u
  left join public.staff s on s.user_id = u.id
  where lower(u.email) = lower(btrim(p_email))
$$;

comment on function public.auth_user_for_sign_in(text) is 'Server only: the account and its bcrypt hash, for sign-in.';



create or replace function public.start_staff_session(p_user_id uuid, p_hours int)
returns uuid
language sql
security definer
set search_path = ''
as $$
  update auth.users set last_sign_in_at = now() where id = p_user_id;
  delete from public.staff_session where expires_at < now() - interval '1 day';
  insert into public.staff_session (user_id, expires_at) values (p_user_id, now() + make_interval(hours => p_hours))
  returning id;
$$;

comment on function public.start_staff_session(uuid, int) is 'Server only: record a built-in sign-in; the id goes into the token.';



create or replace function public.end_staff_session(p_session_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.staff_session set ended_at = now() where id = p_session_id and ended_at is null
$$;

comment on function public.end_staff_session(uuid) is 'Server only: sign-out; the session''s token is refused from now on.';



create or replace function public.staff_upsert(
  p_email text,
  p_role text,
  p_display_name text,
  p_division text default null,
  p_password_hash text default null,
  p_user_id uuid default null,
  p_is_demo boolean default false)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_email text := lower(btrim(p_email));
  v_user uuid := p_user_id;
  v_division bigint;
begin
  if v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    perform app.refuse('invalid_email', 'email');
  end if;
  if p_role not in ('admin', 'pr_officer', 'division_staff', 'executive') then
    perform app.refuse('invalid_choice', 'role');
  end if;
  if p_division is not null then
    select id into v_division from public.division where slug = p_division;
    if v_division is null then
      perform app.refuse('unknown_division', 'division');
    end if;
  elsif p_role = 'division_staff' then
    perform app.refuse('division_required', 'division');
  end if;
  if p_password_hash is not null and p_password_hash !~ '^\$2[aby]\$\d\d\$.{53}$' then
    perform app.refuse('invalid_value', 'password_hash');
  end if;

  if v_user is not null and not exists (select 1 from auth.users where id = v_user) then
    perform app.refuse('unknown_user', 'email');
  end if;
  if v_user is null then
    select id into v_user from auth.users where lower(email) = v_email;
  end if;
  if v_user is null then
    if p_password_hash is null then
      perform app.refuse('password_required', 'password');
    end if;
    -- Written exactly as Supabase Auth (GoTrue) writes an email sign-up it has confirmed: the user and its email
    -- identity, in one transaction, so Supabase Auth finds and signs in the account. On the SQL modes' stand-in
    -- (lib/db/bootstrap.sql) the same two tables have the same shape. Where Supabase Auth's tables differ from this
    -- shape the whole call fails and nothing is written: never a half-shaped account.
    v_user := gen_random_uuid();
    begin
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                              confirmation_token, recovery_token, email_change_token_new, email_change,
                              raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      values ('00000000-0000-0000-0000-000000000000', v_user, 'authenticated', 'authenticated', v_email, p_password_hash,
              now(), '', '', '', '', '{"provider": "email", "providers": ["email"]}',
              jsonb_build_object('sub', v_user::text, 'email', v_email, 'email_verified', true, 'phone_verified', false),
              now(), now());
      insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
      values (v_user::text, v_user, jsonb_build_object('sub', v_user::text, 'email', v_email, 'email_verified', true,
              'phone_verified', false), 'email', now(), now(), now());
    exception when undefined_table or undefined_column or not_null_violation then
      -- Supabase Auth's tables are not the shape this version writes: the account must come from its admin API.
      perform app.refuse('auth_admin_api_required', 'email');
    end;
  elsif p_password_hash is not null then
    update auth.users set encrypted_password = p_password_hash, updated_at = now() where id = v_user;
  end if;

  insert into public.staff (user_id, role, division_id, display_name, active, is_demo)
  values (v_user, p_role, v_division, btrim(p_display_name), true, p_is_demo)
  on conflict (user_id) do update
    set role = excluded.role, division_id = excluded.division_id, display_name = excluded.display_name, active = true;
  return jsonb_build_object('userId', v_user, 'email', v_email, 'role', p_role);
end
$$;

comment on function public.staff_upsert(text, text, text, text, text, uuid, boolean) is
  'Server only (npm run staff:add, demo data): create or update a staff account and its role.';



create or replace function public.staff_options(p_locale text default 'th')
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'divisions', (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'slug', d.slug, 'name', app.localized(d.name, p_locale))
                   order by d.position, d.id), '[]') from public.division d),
    'servicePoints', (select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, p_locale),
                       'division', d.slug, 'active', p.active) order by d.position, p.id), '[]')
                      from public.service_point p join public.division d on d.id = p.division_id))
$$;

comment on function public.staff_options(text) is 'Staff: divisions and service points, for filters and forms.';



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

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.end_sessions_on_activation_change(),
  public.admin_save_staff(text, text, text, text, boolean, text, uuid),
  public.auth_user_for_sign_in(text),
  public.end_staff_session(uuid),
  public.staff_me(text),
  public.staff_options(text),
  public.staff_upsert(text, text, text, text, text, uuid, boolean),
  public.start_staff_session(uuid, integer)
from public, anon, authenticated, service_role;
grant execute on function
  public.admin_save_staff(text, text, text, text, boolean, text, uuid),
  public.staff_me(text),
  public.staff_options(text)
to authenticated, service_role;
grant execute on function
  public.auth_user_for_sign_in(text),
  public.end_staff_session(uuid),
  public.staff_upsert(text, text, text, text, text, uuid, boolean),
  public.start_staff_session(uuid, integer)
to service_role;

revoke all on public.staff from anon, authenticated, service_role;
grant select, insert, update, delete on public.staff to authenticated;
grant select, insert, update, delete on public.staff to service_role;

revoke all on public.staff_session from anon, authenticated, service_role;
grant insert, update, delete on public.staff_session to authenticated;
grant select, insert, update, delete on public.staff_session to service_role;
