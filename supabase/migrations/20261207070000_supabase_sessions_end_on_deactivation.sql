-- Issue 19: deactivating a staff member on Supabase ends their Supabase Auth sessions too (03_staff.sql). Before,
-- only the built-in sessions were ended, and a deactivated member's Supabase refresh token could still mint new
-- access tokens (refused by every policy, but alive). Now the trigger deletes their auth.sessions rows, as Supabase
-- Auth's sign-out does (their refresh tokens go with them, on delete cascade), and revokes any refresh token left
-- without a session. Where there is no auth.sessions (the SQL modes) nothing changes.

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

revoke all on function app.end_sessions_on_activation_change() from public, anon, authenticated, service_role;
