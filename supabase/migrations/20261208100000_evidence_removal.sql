-- Evidence can be removed from an action's page (a wrong photo, or one showing a citizen's face). The removal follows
-- the rule for adding, and raises a refusal instead of removing nothing in silence, so that the page can tell
-- "you may not" from "already gone". The stored file is deleted by the server after the record.
create or replace function public.action_remove_evidence(p_evidence uuid)
returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_action bigint;
begin
  -- Removed by whoever may add it (app.may_edit_action): a division for its own actions, the PR officer and admins
  -- for any, also once published (a photo showing a citizen's face must come down at once); executives never.
  -- A refusal is raised, as adding raises it, so that the page can tell "you may not" from "already gone".
  select action_id into v_action from public.improvement_action_evidence where id = p_evidence; -- RLS: staff only
  if not found then
    return false; -- already removed (a second click, another tab): nothing to do
  end if;
  if not app.may_edit_action(v_action) then raise exception 'forbidden' using errcode = '42501'; end if;
  delete from public.improvement_action_evidence where id = p_evidence; -- audited by improvement_action_evidence_audit
  return found;
end
$$;

comment on function public.action_remove_evidence(uuid) is
  'Staff who may change the action: remove one evidence record (audited); true if removed now, false if already gone. '
  'The server deletes the stored file after it.';
