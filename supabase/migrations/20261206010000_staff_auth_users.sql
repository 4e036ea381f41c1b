-- Staff accounts are real Supabase Auth users (issue 19).
--
-- 1. staff_upsert writes a new account exactly as Supabase Auth (GoTrue) writes a confirmed email user: the id it
--    chooses, instance_id, aud, role, the token columns as '', the metadata, and the email identity GoTrue needs to
--    sign the user in. Before, it inserted into auth.users without an id, which only the SQL modes' stand-in accepted.
-- 2. Deleting a user in Supabase's dashboard no longer fails once they wrote a note, a reply or an action: their
--    authorship becomes null (the audit log keeps who it was). Deactivating stays the way to remove staff.

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

alter table public.suggestion_note alter column author_id drop not null;
alter table public.suggestion_note drop constraint suggestion_note_author_id_fkey,
  add constraint suggestion_note_author_id_fkey foreign key (author_id) references auth.users (id) on delete set null;

alter table public.suggestion_reply alter column author_id drop not null;
alter table public.suggestion_reply drop constraint suggestion_reply_author_id_fkey,
  add constraint suggestion_reply_author_id_fkey foreign key (author_id) references auth.users (id) on delete set null;

alter table public.improvement_action drop constraint improvement_action_created_by_fkey,
  add constraint improvement_action_created_by_fkey foreign key (created_by) references auth.users (id) on delete set null;

alter table public.improvement_action_update drop constraint improvement_action_update_author_id_fkey,
  add constraint improvement_action_update_author_id_fkey foreign key (author_id) references auth.users (id) on delete set null;

alter table public.improvement_action_evidence drop constraint improvement_action_evidence_author_id_fkey,
  add constraint improvement_action_evidence_author_id_fkey foreign key (author_id) references auth.users (id) on delete set null;
