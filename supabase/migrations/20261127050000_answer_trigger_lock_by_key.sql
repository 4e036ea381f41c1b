-- The answers trigger locks each response by its key: the same locks in the same order, never a scan.
--
-- Why: auto_explain of a full submission on PostgreSQL (bench run of 2026-11-27) showed this trigger spending 0.3 ms
-- of a 2 ms submission in `select … from response where id in (new rows) order by id for share`, planned as a hash
-- join over a sequential scan of every response: PL/pgSQL keeps a function's plan for the session, and this one was
-- made while the table was small (the transition table's 12 rows made 12 index probes look dearer than the scan).
-- A loop over the distinct responses (one, for a submission) with a lookup by primary key has no such plan.

create or replace function app.stat_answer_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid;
begin
  if tg_op = 'INSERT' then
    for v_id in select distinct n.response_id from new_rows n order by 1 loop
      perform 1 from public.response r where r.id = v_id for share;
    end loop;
    if not exists (select 1 from new_rows n where not exists (select 1 from public.stat_pending p where p.response_id = n.response_id)) then
      return null;
    end if;
    perform app.stat_apply_answers(null, array(select n::public.response_answer from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.stat_apply_answers(array(select o::public.response_answer from old_rows o), null);
  elsif exists (select 1 from old_rows) then -- an INSERT … ON CONFLICT that updated nothing fires this with no rows
    perform app.stat_apply_answers(
      array(select o::public.response_answer from old_rows o
            where not exists (select 1 from new_rows n where (n.response_id, n.item_id, n.rating) = (o.response_id, o.item_id, o.rating))),
      array(select n::public.response_answer from new_rows n
            where not exists (select 1 from old_rows o where (n.response_id, n.item_id, n.rating) = (o.response_id, o.item_id, o.rating))));
  end if;
  return null;
end
$$;
comment on function app.stat_answer_changed() is
  'AFTER INSERT/UPDATE/DELETE (statement) on response_answer: apply the answers changed (those of pending responses are left to the fold).';
