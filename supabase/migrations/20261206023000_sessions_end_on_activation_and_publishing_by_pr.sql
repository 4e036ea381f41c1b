-- Issue 17 (trust), two rules the schema files now state (03_staff.sql, 10_improvements.sql):
--   * deactivating or reactivating a staff account ends every built-in session it had, so reactivation no longer
--     revives a session from before;
--   * only the PR officer and the admin change whether an improvement action is published (a division proposes, the
--     PR officer publishes), by any path: the function and the table itself.

create or replace function app.end_sessions_on_activation_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.staff_session set ended_at = now() where user_id = new.user_id and ended_at is null;
  return null;
end
$$;

comment on function app.end_sessions_on_activation_change() is
  'Trigger: a staff account deactivated or reactivated loses every built-in session it had.';

create trigger staff_sessions_end after update of active on public.staff
  for each row when (old.active is distinct from new.active) execute function app.end_sessions_on_activation_change();

revoke all on function app.end_sessions_on_activation_change() from public, anon, authenticated, service_role;

-- Deactivation already refused the old sessions; end them now, so that a reactivation after this migration cannot
-- bring back one that was open at a deactivation before it.
update public.staff_session x set ended_at = now()
from public.staff s
where s.user_id = x.user_id and not s.active and x.ended_at is null;

create or replace function app.stamp_publication()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.published is distinct from (case when tg_op = 'UPDATE' then old.published else false end)
     and auth.uid() is not null and coalesce(app.staff_role(), '') not in ('admin', 'pr_officer') then
    raise exception 'forbidden' using errcode = '42501', detail = 'published';
  end if;
  if new.published and not coalesce(old.published, false) then
    new.published_at := now();
  elsif not new.published then
    new.published_at := null;
  end if;
  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
  end if;
  return new;
end
$$;

comment on function app.stamp_publication() is
  'Trigger: stamps a publication, counts versions, and lets only the PR officer or the admin change what is published.';

comment on function public.action_set_published(bigint, boolean) is
  'PR officer or admin: publish or unpublish an action (audited); publishing needs the "you said" summary in Thai.';
