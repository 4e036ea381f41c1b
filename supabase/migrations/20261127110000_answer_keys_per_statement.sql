-- The keys of response_answer checked once per statement, not once per row.
--
-- Why: a full submission writes twelve answers, and each of the two foreign keys of response_answer ran its own check
-- for each of them: 24 small queries per submission, each started, run and ended by the executor in an AFTER trigger,
-- each locking its parent row FOR KEY SHARE. A CPU profile of the embedded database under full submissions put 16 % of
-- its thread in those after-row triggers; in-process, alternating rounds, the two keys cost ~22 % of the CPU of a
-- full submission (the item key ~9 %, the response key ~5 %, more together). On a server, every submission also
-- locked the same twelve survey_item rows: hot parents whose concurrent key-share locks become multixacts.
--
-- What the keys guaranteed, and what guarantees it now:
--   * an answer's item exists in the version its response answered: one query over the statement's new rows
--     (app.check_answer_keys). The item must belong to a version that is no longer a draft; such items never change
--     nor go (survey_item_frozen) and such versions never go back to draft (survey_version_frozen), so the check
--     holds for good without a lock. Answers are only ever written for the published version; a draft's items,
--     which may still be deleted, can have none.
--   * the answer's response exists with that version: each response of the statement looked up by its key and locked
--     FOR KEY SHARE, in id order (as the key did), so it cannot be deleted, nor its version changed, before this
--     commits.
--   * the keys of an answer, and the id and version of a response, never change (response_keys_fixed,
--     answer_keys_fixed): with answers hanging on them, the key refused this too, and nothing in Siang does it.
--   * ON DELETE CASCADE: the answers of deleted responses are deleted by an AFTER DELETE statement trigger, as the
--     cascade did after the row (the statistics see the same order: the response first, then its answers).
--   * TRUNCATE response CASCADE emptied response_answer through the key; an AFTER TRUNCATE trigger does it now.
-- The refusals keep the key's SQLSTATE (23503). The suggestion's and the response's other keys stay: one check each
-- per submission. Measured with bench:submit-ab: 0.87 of the CPU of a full submission on PGlite (0.78 with no check at
-- all); bench:submit's full ÷ bare route on the embedded database 0.54-0.60 before, 0.57-0.66 after (BENCHMARKS.md).

alter table public.response_answer
  drop constraint response_answer_item_id_survey_version_id_fkey,
  drop constraint response_answer_response_id_survey_version_id_fkey;

comment on table public.response_answer is
  'A rating (1–5) of one survey item of the version its response answered (checked per statement by '
  'app.check_answer_keys); deleted with its response.';

create or replace function app.check_answer_keys()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_answer record;
begin
  -- Response by response, each looked up by its key (a join with the new rows may be planned as a scan of every
  -- response, as 20261127070000_pending_checks_by_key.sql found), locked FOR KEY SHARE in id order as the key did.
  for v_answer in select distinct n.response_id, n.survey_version_id from new_rows n order by 1, 2 loop
    perform 1 from public.response r
    where r.id = v_answer.response_id and r.survey_version_id = v_answer.survey_version_id
    for key share;
    if not found then
      raise exception 'insert on table "response_answer" violates its keys' using
        errcode = '23503',
        detail = format('No response %s answered survey version %s.', v_answer.response_id, v_answer.survey_version_id);
    end if;
  end loop;

  select n.response_id, n.item_id into v_answer
  from new_rows n
  where not exists (
    select 1 from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
    where i.id = n.item_id and i.survey_version_id = n.survey_version_id and v.status <> 'draft')
  limit 1;
  if found then
    raise exception 'insert on table "response_answer" violates its keys' using
      errcode = '23503',
      detail = format('Item %s is not an item of the published survey version that response %s answered.',
                      v_answer.item_id, v_answer.response_id);
  end if;
  return null;
end
$$;
comment on function app.check_answer_keys() is
  'AFTER INSERT (statement) on response_answer: every new answer''s response exists with that survey version (locked '
  'FOR KEY SHARE), and its item is an item of that version, which is not a draft; else 23503.';

create or replace function app.refuse_key_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'the keys of a row of "%" never change', tg_table_name using
    errcode = '55000',
    detail = 'Delete the row and insert another instead.';
end
$$;
comment on function app.refuse_key_change() is
  'BEFORE UPDATE (row, when a key changes): refuse; a response''s id and version and an answer''s keys are fixed.';

create or replace function app.delete_answers_of_deleted_responses()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  delete from public.response_answer a where a.response_id in (select o.id from old_rows o);
  return null;
end
$$;
comment on function app.delete_answers_of_deleted_responses() is
  'AFTER DELETE (statement) on response: delete the answers of the deleted responses (the cascade of the former key).';

create or replace function app.truncate_answers()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  truncate public.response_answer;
  return null;
end
$$;
comment on function app.truncate_answers() is
  'AFTER TRUNCATE on response: empty response_answer too (what TRUNCATE … CASCADE did through the former key).';

-- Looked up by key whatever the statistics say: the plans are kept per connection, and may be made while a table is
-- small (see 20261127060000_plans_for_growing_tables.sql).
alter function app.check_answer_keys() set enable_seqscan = off;
alter function app.delete_answers_of_deleted_responses() set enable_seqscan = off;

revoke all on function app.check_answer_keys() from public, anon, authenticated;
revoke all on function app.refuse_key_change() from public, anon, authenticated;
revoke all on function app.delete_answers_of_deleted_responses() from public, anon, authenticated;
revoke all on function app.truncate_answers() from public, anon, authenticated;

create trigger answer_keys_checked
  after insert on public.response_answer
  referencing new table as new_rows
  for each statement execute function app.check_answer_keys();

create trigger answer_keys_fixed
  before update of response_id, survey_version_id, item_id on public.response_answer
  for each row
  when ((old.response_id, old.survey_version_id, old.item_id) is distinct from (new.response_id, new.survey_version_id, new.item_id))
  execute function app.refuse_key_change();

create trigger response_keys_fixed
  before update of id, survey_version_id on public.response
  for each row
  when ((old.id, old.survey_version_id) is distinct from (new.id, new.survey_version_id))
  execute function app.refuse_key_change();

create trigger response_answers_deleted
  after delete on public.response
  referencing old table as old_rows
  for each statement execute function app.delete_answers_of_deleted_responses();

create trigger response_answers_truncated
  after truncate on public.response
  for each statement execute function app.truncate_answers();
