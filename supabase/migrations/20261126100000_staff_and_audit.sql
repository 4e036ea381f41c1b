-- Staff, their roles, the append-only audit trail, and the row level security that lets each role see what it needs.
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

create or replace function app.staff_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select s.role
  from public.staff s
  where s.user_id = auth.uid()
    and s.active
    and not exists (
      select 1 from public.staff_session x
      where x.id = nullif(auth.jwt() ->> 'session_id', '')::uuid and x.ended_at is not null)
$$;
comment on function app.staff_role() is
  'The signed-in staff member''s role, or null (not staff, deactivated, or their session was ended).';

create or replace function app.staff_division()
returns bigint
language sql
stable
security definer
set search_path = ''
as $$
  select s.division_id from public.staff s where s.user_id = auth.uid() and app.staff_role() is not null
$$;
comment on function app.staff_division() is 'The signed-in staff member''s division, or null.';

-- ---------------------------------------------------------------------------------------------------------------
-- Notes and public replies on suggestions
-- ---------------------------------------------------------------------------------------------------------------

create table public.suggestion_note (
  id bigint generated always as identity primary key,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  author_id uuid not null default auth.uid() references auth.users (id),
  body text not null check (char_length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);
comment on table public.suggestion_note is 'Internal notes on a suggestion, for staff only.';
create index suggestion_created_idx on public.suggestion (created_at desc, id desc);
create index suggestion_note_suggestion_idx on public.suggestion_note (suggestion_id);

create table public.suggestion_reply (
  id bigint generated always as identity primary key,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  author_id uuid not null default auth.uid() references auth.users (id),
  body text not null check (char_length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);
comment on table public.suggestion_reply is 'Public replies: the citizen sees them at /{locale}/track/{reference}.';
create index suggestion_reply_suggestion_idx on public.suggestion_reply (suggestion_id);

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

create or replace function app.actor_role()
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select coalesce(app.staff_role(), case when auth.uid() is null then coalesce(auth.role(), current_user) end, 'unknown')
$$;

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

-- Notes and replies belong to the suggestion's history.
create or replace function app.audit_suggestion_message()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform app.write_audit('suggestion', new.suggestion_id::text,
    case tg_table_name when 'suggestion_note' then 'note' else 'reply' end, null,
    jsonb_build_object('body', new.body));
  return null;
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Suggestion workflow, enforced at the table whatever the path of the update
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.suggestion_transition_allowed(p_from text, p_to text, p_role text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  -- Forward along new → acknowledged → assigned → in_progress → resolved (steps may be skipped);
  -- any open suggestion may be closed as declined, duplicate or not_responsible;
  -- the PR officer or an admin may reopen a resolved or closed one (back to acknowledged).
  -- Division staff only move their own suggestions to in_progress or resolved.
  select p_from = p_to
      or case
           when p_role = 'division_staff' then
             p_from in ('assigned', 'in_progress') and p_to in ('in_progress', 'resolved')
             and array_position(array['assigned', 'in_progress', 'resolved'], p_to)
               > array_position(array['assigned', 'in_progress', 'resolved'], p_from)
           when p_role in ('admin', 'pr_officer') then
             (p_from in ('new', 'acknowledged', 'assigned', 'in_progress')
               and (p_to in ('declined', 'duplicate', 'not_responsible')
                    or coalesce(array_position(array['new', 'acknowledged', 'assigned', 'in_progress', 'resolved'], p_to), 0)
                       > array_position(array['new', 'acknowledged', 'assigned', 'in_progress', 'resolved'], p_from)))
             or (p_from in ('resolved', 'declined', 'duplicate', 'not_responsible') and p_to = 'acknowledged')
           else false
         end
$$;
comment on function app.suggestion_transition_allowed(text, text, text) is 'The suggestion status workflow, by role.';

create or replace function app.guard_suggestion_update()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_role text := app.staff_role();
begin
  new.version := old.version + 1;
  if v_role is null then
    return new; -- the citizen's own edit through submit_response, or the server's maintenance
  end if;
  if new.body is distinct from old.body or new.response_id is distinct from old.response_id
     or new.created_at is distinct from old.created_at or new.wants_reply is distinct from old.wants_reply then
    raise exception 'citizen_text_is_kept' using errcode = '42501',
      detail = 'The citizen''s own words are kept as sent; hide them from the public with public_body instead.';
  end if;
  if not app.suggestion_transition_allowed(old.status, new.status, v_role) then
    raise exception 'invalid_transition' using errcode = '22023', detail = 'status';
  end if;
  if new.status = 'assigned' and new.assigned_division_id is null then
    raise exception 'division_required' using errcode = '22023', detail = 'division';
  end if;
  if new.status = 'duplicate' and (new.duplicate_of is null or new.duplicate_of = new.id) then
    raise exception 'duplicate_of_required' using errcode = '22023', detail = 'duplicate_of';
  end if;
  if new.status <> 'duplicate' then
    new.duplicate_of := null;
  end if;
  -- Assigning a division moves a new or acknowledged suggestion to assigned.
  if new.assigned_division_id is not null and new.assigned_division_id is distinct from old.assigned_division_id
     and new.status in ('new', 'acknowledged') then
    new.status := 'assigned';
  end if;
  return new;
end
$$;

create trigger suggestion_guard before update on public.suggestion
  for each row execute function app.guard_suggestion_update();
create trigger suggestion_audit after update on public.suggestion
  for each row execute function app.audit_row('id');
create trigger suggestion_note_audit after insert on public.suggestion_note
  for each row execute function app.audit_suggestion_message();
create trigger suggestion_reply_audit after insert on public.suggestion_reply
  for each row execute function app.audit_suggestion_message();

-- Configuration and people: every change audited.
create trigger staff_audit after insert or update or delete on public.staff
  for each row execute function app.audit_row('user_id');
create trigger organisation_audit after update on public.organisation
  for each row execute function app.audit_row('id');
create trigger division_audit after insert or update or delete on public.division
  for each row execute function app.audit_row('id');
create trigger service_point_audit after insert or update or delete on public.service_point
  for each row execute function app.audit_row('id');
create trigger survey_version_audit after insert or update or delete on public.survey_version
  for each row execute function app.audit_row('id');
create trigger improvement_action_audit after insert or update or delete on public.improvement_action
  for each row execute function app.audit_row('id');

-- ---------------------------------------------------------------------------------------------------------------
-- Rate limiting, kept in the database so that any number of app instances share it
-- ---------------------------------------------------------------------------------------------------------------

create table public.rate_counter (
  bucket text not null check (char_length(bucket) <= 200),
  window_start timestamptz not null,
  hits int not null default 0,
  primary key (bucket, window_start)
);
comment on table public.rate_counter is
  'Windowed counters for rate limits (sign-in attempts, reference look-ups, floods). Buckets hold hashes, not addresses.';

create or replace function public.rate_limit_hit(p_bucket text, p_window_seconds int, p_limit int, p_cost int default 1)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_now timestamptz := clock_timestamp();
  v_start timestamptz := to_timestamp(floor(extract(epoch from v_now) / p_window_seconds) * p_window_seconds);
  v_elapsed double precision := extract(epoch from v_now - v_start) / p_window_seconds;
  v_hits int;
  v_previous int;
  v_estimate int;
begin
  if p_window_seconds not between 1 and 86400 or p_limit < 1 or p_cost not between 0 and 1000 then
    perform app.refuse('invalid_value', 'rate_limit');
  end if;
  if p_cost = 0 then
    select hits into v_hits from public.rate_counter where bucket = p_bucket and window_start = v_start;
    v_hits := coalesce(v_hits, 0);
  else
    insert into public.rate_counter as c (bucket, window_start, hits) values (p_bucket, v_start, p_cost)
    on conflict (bucket, window_start) do update set hits = c.hits + p_cost
    returning hits into v_hits;
    -- Now and then, forget windows older than a day.
    if random() < 0.01 then
      delete from public.rate_counter where window_start < v_now - interval '1 day';
    end if;
  end if;
  -- A sliding window: the previous window counts for the part of it that still lies within the last p_window_seconds,
  -- so a burst just before a window boundary is not forgotten just after it.
  select hits into v_previous from public.rate_counter
  where bucket = p_bucket and window_start = v_start - make_interval(secs => p_window_seconds);
  v_estimate := v_hits + floor(coalesce(v_previous, 0) * (1 - v_elapsed))::int;
  return jsonb_build_object(
    'allowed', v_estimate <= p_limit,
    'hits', v_estimate,
    'retryAfter', greatest(1, ceil(extract(epoch from (v_start + make_interval(secs => p_window_seconds) - v_now)))::int));
end
$$;
comment on function public.rate_limit_hit(text, int, int, int) is
  'Server only: count p_cost hits for p_bucket (0 = just look); hits = hits in the last p_window_seconds (sliding '
  'estimate); allowed = still within p_limit.';

-- ---------------------------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------------------------

alter table public.staff enable row level security;
alter table public.staff_session enable row level security;
alter table public.suggestion_note enable row level security;
alter table public.suggestion_reply enable row level security;
alter table public.audit_log enable row level security;
alter table public.rate_counter enable row level security;

-- Reference data: every staff member reads it; admins change it.
create policy organisation_read on public.organisation for select to authenticated
  using ((select app.staff_role()) is not null);
create policy organisation_update on public.organisation for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');

create policy division_read on public.division for select to authenticated
  using ((select app.staff_role()) is not null);
create policy division_insert on public.division for insert to authenticated
  with check ((select app.staff_role()) = 'admin');
create policy division_update on public.division for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');
create policy division_delete on public.division for delete to authenticated
  using ((select app.staff_role()) = 'admin');

create policy service_point_read on public.service_point for select to authenticated
  using ((select app.staff_role()) is not null);
create policy service_point_insert on public.service_point for insert to authenticated
  with check ((select app.staff_role()) = 'admin');
create policy service_point_update on public.service_point for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');
create policy service_point_delete on public.service_point for delete to authenticated
  using ((select app.staff_role()) = 'admin');

create policy survey_version_read on public.survey_version for select to authenticated
  using ((select app.staff_role()) is not null);
create policy survey_version_insert on public.survey_version for insert to authenticated
  with check ((select app.staff_role()) = 'admin');
create policy survey_version_update on public.survey_version for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');
create policy survey_version_delete on public.survey_version for delete to authenticated
  using ((select app.staff_role()) = 'admin');

create policy survey_item_read on public.survey_item for select to authenticated
  using ((select app.staff_role()) is not null);
create policy survey_item_insert on public.survey_item for insert to authenticated
  with check ((select app.staff_role()) = 'admin');
create policy survey_item_update on public.survey_item for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');
create policy survey_item_delete on public.survey_item for delete to authenticated
  using ((select app.staff_role()) = 'admin');

-- Responses: everyone but division staff reads all; division staff read their division's service points and the
-- responses behind suggestions routed to them. Nobody writes them directly: only submit_response does.
create policy response_read on public.response for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer', 'executive')
    or ((select app.staff_role()) = 'division_staff' and (
         service_point_id in (select p.id from public.service_point p where p.division_id = (select app.staff_division()))
         or id in (select s.response_id from public.suggestion s where s.assigned_division_id = (select app.staff_division())))));

create policy response_answer_read on public.response_answer for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer', 'executive')
    or ((select app.staff_role()) = 'division_staff'
        and exists (select 1 from public.response r where r.id = response_id))); -- r is filtered by response_read

create policy suggestion_read on public.suggestion for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer', 'executive')
    or ((select app.staff_role()) = 'division_staff' and assigned_division_id = (select app.staff_division())));
create policy suggestion_update on public.suggestion for update to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and assigned_division_id = (select app.staff_division())))
  with check (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and assigned_division_id = (select app.staff_division())));

-- Contact details (PDPA): the PR officer and admins; division staff only for their suggestions whose citizen asked
-- for a reply. Executives never. Nobody edits them; they are purged after retention.
create policy contact_detail_read on public.contact_detail for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and suggestion_id in (
         select s.id from public.suggestion s
         where s.assigned_division_id = (select app.staff_division()) and s.wants_reply)));

create policy improvement_action_read on public.improvement_action for select to authenticated
  using ((select app.staff_role()) is not null);
create policy improvement_action_insert on public.improvement_action for insert to authenticated
  with check (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and division_id = (select app.staff_division())));
create policy improvement_action_update on public.improvement_action for update to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and division_id = (select app.staff_division())))
  with check (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and division_id = (select app.staff_division())));
create policy improvement_action_delete on public.improvement_action for delete to authenticated
  using ((select app.staff_role()) = 'admin');

-- Staff: every staff member sees who is who; admins manage.
create policy staff_read on public.staff for select to authenticated
  using ((select app.staff_role()) is not null or user_id = auth.uid());
create policy staff_insert on public.staff for insert to authenticated
  with check ((select app.staff_role()) = 'admin');
create policy staff_update on public.staff for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');
create policy staff_delete on public.staff for delete to authenticated
  using ((select app.staff_role()) = 'admin');

-- Notes and replies: read with the suggestion; written by those who may change it, as themselves.
create policy suggestion_note_read on public.suggestion_note for select to authenticated
  using (exists (select 1 from public.suggestion s where s.id = suggestion_id)); -- s is filtered by suggestion_read
create policy suggestion_note_insert on public.suggestion_note for insert to authenticated
  with check (
    author_id = auth.uid()
    and (select app.staff_role()) in ('admin', 'pr_officer', 'division_staff')
    and suggestion_id in (select s.id from public.suggestion s
                          where (select app.staff_role()) in ('admin', 'pr_officer')
                             or s.assigned_division_id = (select app.staff_division())));
create policy suggestion_reply_read on public.suggestion_reply for select to authenticated
  using (exists (select 1 from public.suggestion s where s.id = suggestion_id));
create policy suggestion_reply_insert on public.suggestion_reply for insert to authenticated
  with check (
    author_id = auth.uid()
    and (select app.staff_role()) in ('admin', 'pr_officer', 'division_staff')
    and suggestion_id in (select s.id from public.suggestion s
                          where (select app.staff_role()) in ('admin', 'pr_officer')
                             or s.assigned_division_id = (select app.staff_division())));

-- The audit trail: admins, the PR officer and executives read all of it; division staff the history of their
-- suggestions. No policy lets anyone write it: only the security-definer triggers do.
create policy audit_log_read on public.audit_log for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer', 'executive')
    or ((select app.staff_role()) = 'division_staff' and entity = 'suggestion'
        and entity_id in (select s.id::text from public.suggestion s where s.assigned_division_id = (select app.staff_division()))));

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; grants decide columns. Staff may change only the triage columns of a suggestion.
-- ---------------------------------------------------------------------------------------------------------------

revoke all on all tables in schema public from anon;
revoke all on public.suggestion, public.audit_log, public.rate_counter, public.reference_counter, public.contact_detail,
  public.response, public.response_answer from authenticated;
grant select on all tables in schema public to authenticated;
revoke select on public.rate_counter, public.reference_counter, public.staff_session from authenticated;
grant insert, update, delete on public.organisation, public.division, public.service_point, public.survey_version,
  public.survey_item, public.improvement_action, public.staff to authenticated;
grant update (category, status, assigned_division_id, duplicate_of, public_body) on public.suggestion to authenticated;
grant insert (suggestion_id, body) on public.suggestion_note, public.suggestion_reply to authenticated;
grant all on all tables in schema public to service_role;
revoke update, delete, truncate on public.audit_log from service_role, authenticated;
grant usage, select on all sequences in schema public to authenticated, service_role;

revoke execute on all functions in schema app from public, anon;
grant execute on all functions in schema app to authenticated, service_role;
revoke execute on function public.rate_limit_hit(text, int, int, int) from public, anon, authenticated;
grant execute on function public.rate_limit_hit(text, int, int, int) to service_role;
