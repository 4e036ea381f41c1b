-- The validation helpers run in their caller's search_path instead of setting their own; the unused key of response
-- on (id, survey_version_id) goes.
--
-- Why: a full submission calls app.expect_text 18 times, app.expect_keys 4 times and app.expect_rating once. Each of
-- them carried `set search_path = ''`, so each call saved the setting, set it, restored it on the way out, and made
-- the next statement of its caller look its schemas up again (a changed search_path invalidates the cached path,
-- and every cached plan checks it before it runs): ~46 switches per submission for helpers that name no table and
-- no function of ours unqualified. And app.expect_keys ran a query (jsonb_object_keys, one executor start and end)
-- to find an unknown key even when there was none; `v - allowed` answers that with one expression, and the query
-- now runs only to name the key being refused. In-process PGlite, CPU per full submission, 20 rounds alternating
-- every 10 calls (bench:submit-ab): 0.94 and 0.97 of before in two runs.
--
-- Why this is safe: these four are SECURITY INVOKER, use only built-in functions and operators and app.refuse
-- (qualified), and write nothing. Every SECURITY DEFINER function still pins search_path = '' (the test
-- function-search-path.test.ts holds every definer to it, and allows exactly these four to inherit), so inside
-- submit_response and the other definers they run with the empty path as before. Called directly (only staff and the
-- server may: app is not granted to anon), they run with the caller's own rights: a search_path the caller chose can
-- change only the caller's own answer.
--
-- The unique key on response (id, survey_version_id) existed for the composite foreign key of response_answer, which
-- 20261127110000_answer_keys_per_statement.sql replaced; the check looks the response up by its primary key. Every
-- submission still wrote an entry to it.

alter function app.expect_text(jsonb, text, int, text[]) reset search_path;
alter function app.expect_rating(jsonb, text) reset search_path;
alter function app.refuse(text, text) reset search_path;
-- Redefined without a SET clause, so without its search_path too (create or replace replaces the settings).

create or replace function app.expect_keys(v jsonb, field text, allowed text[])
returns void
language plpgsql
immutable
as $$
declare
  k text;
begin
  if jsonb_typeof(v) is distinct from 'object' then
    perform app.refuse('invalid_value', field);
  end if;
  if v - allowed = '{}'::jsonb then
    return; -- the usual case, without a query
  end if;
  select key into k from jsonb_object_keys(v) as key where not (key = any (allowed)) limit 1;
  perform app.refuse('unknown_field', coalesce(field || '.', '') || k);
end
$$;

alter table public.response drop constraint response_id_survey_version_id_key;
