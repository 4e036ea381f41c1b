-- New answers checked and queued for the statistics by one trigger, and their items checked against the version's
-- items read once.
--
-- Why: an INSERT into response_answer fired two statement triggers, app.check_answer_keys (the keys, see
-- 20261127110000_answer_keys_per_statement.sql) and app.stat_answer_changed (the rollups). Both looped over the
-- statement's responses and locked each one (FOR KEY SHARE, then FOR SHARE), and the key check probed survey_item
-- and survey_version once per answer: twelve index probes for a full submission, for items that all come from one
-- version. With track_functions, in-process PGlite, per full submission: the key check 0.100 ms, the statistics
-- trigger 0.048 ms.
--
-- Now app.answers_inserted does both in one pass: each response (locked FOR SHARE, which includes what FOR KEY
-- SHARE held off), whether it is still pending, and each version's items read once into an array that the new
-- answers are checked against. Same refusals (23503, same messages), same locks or stronger, same statistics.
-- app.stat_answer_changed keeps UPDATE and DELETE. bench:submit-ab, full submissions: 0.98 of the CPU of before (as
-- much a simplification as a saving).

create or replace function app.answers_inserted()
returns trigger
language plpgsql
security definer
set search_path = ''
set enable_seqscan = off -- looked up by key whatever the statistics say (20261127060000_plans_for_growing_tables.sql)
as $$
declare
  v_pair record;
  v_items bigint[];
  v_bad record;
  v_all_pending boolean := true;
begin
  -- Response by response, in id order, each by its key: it exists with that version, and neither goes nor changes
  -- (nor its rolled-up columns) before this commits.
  for v_pair in select distinct n.response_id, n.survey_version_id from new_rows n order by 1, 2 loop
    perform 1 from public.response r
    where r.id = v_pair.response_id and r.survey_version_id = v_pair.survey_version_id
    for share;
    if not found then
      raise exception 'insert on table "response_answer" violates its keys' using
        errcode = '23503',
        detail = format('No response %s answered survey version %s.', v_pair.response_id, v_pair.survey_version_id);
    end if;
    if v_all_pending and not exists (select 1 from public.stat_pending p where p.response_id = v_pair.response_id) then
      v_all_pending := false;
    end if;
  end loop;

  -- Version by version (a submission's answers share one): the items of that version, unless it is a draft. Such
  -- items never change nor go (survey_item_frozen), so no lock is needed.
  for v_pair in select distinct n.survey_version_id from new_rows n loop
    select array_agg(i.id) into v_items
    from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
    where i.survey_version_id = v_pair.survey_version_id and v.status <> 'draft';
    select n.response_id, n.item_id into v_bad
    from new_rows n
    where n.survey_version_id = v_pair.survey_version_id and not (n.item_id = any (coalesce(v_items, '{}')))
    limit 1;
    if found then
      raise exception 'insert on table "response_answer" violates its keys' using
        errcode = '23503',
        detail = format('Item %s is not an item of the published survey version that response %s answered.',
                        v_bad.item_id, v_bad.response_id);
    end if;
  end loop;

  -- The answers of pending responses are left to the fold, which reads them with their response.
  if not v_all_pending then
    perform app.stat_apply_answers(null, array(select n::public.response_answer from new_rows n));
  end if;
  return null;
end
$$;
comment on function app.answers_inserted() is
  'AFTER INSERT (statement) on response_answer: every new answer''s response exists with that survey version (locked '
  'FOR SHARE) and its item is an item of that version, which is not a draft (else 23503); then the answers of '
  'responses already in the rollups are applied to them.';
revoke all on function app.answers_inserted() from public, anon, authenticated;

create or replace function app.stat_answer_changed()
returns trigger
language plpgsql
security definer
set search_path = ''
set enable_seqscan = off
as $$
begin
  if tg_op = 'DELETE' then
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
  'AFTER UPDATE/DELETE (statement) on response_answer: apply the answers changed (those of pending responses are left '
  'to the fold). New answers: app.answers_inserted.';

drop trigger answer_keys_checked on public.response_answer;
drop trigger stat_answer_inserted on public.response_answer;
drop function app.check_answer_keys();

create trigger answers_inserted
  after insert on public.response_answer
  referencing new table as new_rows
  for each statement execute function app.answers_inserted();
