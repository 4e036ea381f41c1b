-- Audit: the append-only trail of every staff change (who, when, what, before and after), and the functions that
-- write it.
--
-- Who may touch it: nobody writes it directly. app.audit_row (a trigger on each audited table) and the security
-- definer functions that make an audited change call app.write_audit, which no API role may execute; a trigger
-- refuses every update, delete and truncate, even the owner's. Admins, the PR officer and executives read all of it,
-- division staff the history of their suggestions (policy audit_log_read, in 08_feedback.sql).

-- ---------------------------------------------------------------------------------------------------------------
-- The audit trail
-- ---------------------------------------------------------------------------------------------------------------

create table public.audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text not null,
  entity text not null,
  entity_id text not null,
  action text not null,
  before jsonb,
  after jsonb
);


comment on table public.audit_log is
  'Append-only: who changed what, when, from what to what. Written by triggers; nobody may update or delete it.';


create index audit_log_entity_idx on public.audit_log (entity, entity_id, at);



create or replace function app.forbid_audit_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'audit_log_is_append_only' using errcode = '42501',
    detail = 'The audit trail can only be appended to.';
end
$$;


create trigger audit_log_no_update before update or delete on public.audit_log
  for each row execute function app.forbid_audit_change();


create trigger audit_log_no_truncate before truncate on public.audit_log
  for each statement execute function app.forbid_audit_change();



create or replace function app.write_audit(p_entity text, p_entity_id text, p_action text, p_before jsonb, p_after jsonb)
returns void
language sql
security definer
set search_path = ''
as $$
  insert into public.audit_log (actor_id, actor_role, entity, entity_id, action, before, after)
  values (auth.uid(), app.actor_role(), p_entity, p_entity_id, p_action, p_before, p_after)
$$;

comment on function app.write_audit(text, text, text, jsonb, jsonb) is 'Append one audit row as the current caller.';



-- Generic row audit: for updates, only the columns that changed (bookkeeping columns left out).
create or replace function app.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - array['updated_at', 'version'] end;
  v_new jsonb := case when tg_op in ('UPDATE', 'INSERT') then to_jsonb(new) - array['updated_at', 'version'] end;
  v_before jsonb;
  v_after jsonb;
  v_id text := coalesce(v_new ->> tg_argv[0], v_old ->> tg_argv[0]);
begin
  if tg_op = 'UPDATE' then
    select jsonb_object_agg(key, v_old -> key), jsonb_object_agg(key, v_new -> key)
      into v_before, v_after
    from jsonb_object_keys(v_new) as key
    where v_new -> key is distinct from v_old -> key;
    if v_after is null then
      return null;
    end if;
  else
    v_before := v_old;
    v_after := v_new;
  end if;
  perform app.write_audit(tg_table_name, v_id, lower(tg_op), v_before, v_after);
  return null;
end
$$;

comment on function app.audit_row() is
  'AFTER trigger: audit an insert, update (changed columns only) or delete. Argument: the id column.';


alter table public.audit_log enable row level security;



-- Who reads it: the policy audit_log_read sits in 08_feedback.sql, since division staff read the history of the
-- suggestions routed to them. No policy lets anyone write it: only the security-definer triggers do.

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.audit_row(),
  app.forbid_audit_change(),
  app.write_audit(text, text, text, jsonb, jsonb)
from public, anon, authenticated, service_role;
grant execute on function
  app.audit_row(),
  app.forbid_audit_change()
to authenticated, service_role;

revoke all on public.audit_log from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.audit_log_id_seq from anon, authenticated, service_role;
grant select on public.audit_log to authenticated;
grant select on public.audit_log to service_role;
