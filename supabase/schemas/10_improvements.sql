-- Improvement actions: what divisions changed because of the feedback ("you said, we did"), linked both ways to the
-- suggestions and survey items it answers, with a dated timeline, evidence, a before/after impact, and the citizen's
-- "did this solve it?".
--
-- Who may touch it: division staff act for their own division, the PR officer and admins for any, executives read;
-- every change and every publication is audited. The public reads published actions only, with public evidence
-- only, through public_actions, public_evidence and public_participation; a citizen's own suggestion's actions
-- through the server's track_actions, by reference and check code.

create table public.improvement_action (
  id bigint generated always as identity primary key,
  division_id bigint not null references public.division (id),
  title jsonb not null check (app.is_localized_text(title, 200)),
  description jsonb not null default '{}' check (jsonb_typeof(description) = 'object'),
  status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
  progress smallint not null default 0 check (progress between 0 and 100),
  dropped_reason text check (char_length(dropped_reason) <= 1000),
  planned_date date,
  completed_date date,
  published boolean not null default false,
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  said_summary jsonb not null default '{}' check (jsonb_typeof(said_summary) = 'object'),
  source_theme text check (char_length(source_theme) <= 100),
  published_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  check (status <> 'dropped' or dropped_reason is not null),
  check (status <> 'done' or completed_date is not null)
);


comment on table public.improvement_action is
  'What a division changed because of the feedback ("you said, we did"). Public only once published.';


create index improvement_action_division_idx on public.improvement_action (division_id);


create trigger improvement_action_touch before update on public.improvement_action
  for each row execute function app.touch_updated_at();


alter table public.improvement_action enable row level security;


create trigger improvement_action_audit after insert or update or delete on public.improvement_action
  for each row execute function app.audit_row('id');



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





comment on column public.improvement_action.said_summary is
  '"You said": what citizens said, summarised by staff for the public (never a citizen''s own words or personal data).';



create table public.improvement_action_point (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  service_point_id bigint not null references public.service_point (id),
  primary key (action_id, service_point_id)
);


comment on table public.improvement_action_point is 'The service points an improvement action concerns.';


create index improvement_action_point_point_idx on public.improvement_action_point (service_point_id);



create table public.improvement_action_suggestion (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  primary key (action_id, suggestion_id)
);


comment on table public.improvement_action_suggestion is 'Suggestions an action answers (both ways: an action from a suggestion, a suggestion''s actions).';


create index improvement_action_suggestion_suggestion_idx on public.improvement_action_suggestion (suggestion_id);



create table public.improvement_action_item (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  item_code text not null check (item_code ~ '^[a-z][a-z0-9_]{1,39}$'),
  primary key (action_id, item_code)
);


comment on table public.improvement_action_item is 'Survey items (by code, across versions) an action answers.';



create table public.improvement_action_update (
  id bigint generated always as identity primary key,
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  happened_on date not null,
  body jsonb not null check (app.is_localized_text(body, 2000)),
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);


comment on table public.improvement_action_update is 'The dated timeline of an action ("2 Feb: queue ticket machine installed").';


create index improvement_action_update_action_idx on public.improvement_action_update (action_id, happened_on);



create table public.improvement_action_evidence (
  id uuid primary key default gen_random_uuid(),
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  kind text not null check (kind in ('image', 'document')),
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  byte_size int not null check (byte_size between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  caption jsonb not null default '{}' check (jsonb_typeof(caption) = 'object'),
  is_public boolean not null default true,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);


comment on table public.improvement_action_evidence is
  'Photos and documents of an action. Files are stored by id (never by the uploaded name), images stripped of metadata.';


create index improvement_action_evidence_action_idx on public.improvement_action_evidence (action_id);



create table public.resolution_feedback (
  suggestion_id bigint primary key references public.suggestion (id) on delete cascade,
  answer text not null check (answer in ('yes', 'no', 'not_sure')),
  answered_at timestamptz not null default now()
);


comment on table public.resolution_feedback is 'The citizen''s one answer to "did this solve it?" after their suggestion was resolved.';



create index improvement_action_published_idx on public.improvement_action (published, completed_date);



-- Published once, stamped; unpublished, unstamped. Audited by the existing improvement_action_audit trigger.
-- Publishing is the PR officer's or the admin's decision: a division proposes, the PR officer reviews and publishes
-- (a division clerk once put an action on the public page unreviewed). Checked here, on the row, because staff can
-- also write the table straight through Supabase's API within RLS. The server (service role) and the owner act for
-- nobody signed in, and are not limited.
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


create trigger improvement_action_stamp before insert or update on public.improvement_action
  for each row execute function app.stamp_publication();



create trigger improvement_action_update_audit after insert or delete on public.improvement_action_update
  for each row execute function app.audit_row('action_id');


create trigger improvement_action_evidence_audit after insert or update or delete on public.improvement_action_evidence
  for each row execute function app.audit_row('action_id');


create trigger improvement_action_suggestion_audit after insert or delete on public.improvement_action_suggestion
  for each row execute function app.audit_row('action_id');



-- ---------------------------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------------------------

alter table public.improvement_action_point enable row level security;


alter table public.improvement_action_suggestion enable row level security;


alter table public.improvement_action_item enable row level security;


alter table public.improvement_action_update enable row level security;


alter table public.improvement_action_evidence enable row level security;


alter table public.resolution_feedback enable row level security;



create or replace function app.may_edit_action(p_action bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.staff_role() in ('admin', 'pr_officer')
      or (app.staff_role() = 'division_staff'
          and exists (select 1 from public.improvement_action a where a.id = p_action and a.division_id = app.staff_division()))
$$;

comment on function app.may_edit_action(bigint) is 'Whether the signed-in staff member may change this action (and its links, timeline, evidence).';



-- The action's links, timeline and evidence: every staff member reads them; whoever may change the action changes them.

create policy improvement_action_point_read on public.improvement_action_point for select to authenticated
  using ((select app.staff_role()) is not null);

create policy improvement_action_point_insert on public.improvement_action_point for insert to authenticated
  with check (app.may_edit_action(action_id));

create policy improvement_action_point_update on public.improvement_action_point for update to authenticated
  using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id));

create policy improvement_action_point_delete on public.improvement_action_point for delete to authenticated
  using (app.may_edit_action(action_id));

create policy improvement_action_suggestion_read on public.improvement_action_suggestion for select to authenticated
  using ((select app.staff_role()) is not null);

-- A suggestion is linked only by someone who can see it: the subquery runs under the suggestion's own policies,
-- so division staff cannot attach (and so reveal through the action) a suggestion routed to another division.
create policy improvement_action_suggestion_insert on public.improvement_action_suggestion for insert to authenticated
  with check (app.may_edit_action(action_id) and exists (select 1 from public.suggestion s where s.id = suggestion_id));

create policy improvement_action_suggestion_update on public.improvement_action_suggestion for update to authenticated
  using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id));

create policy improvement_action_suggestion_delete on public.improvement_action_suggestion for delete to authenticated
  using (app.may_edit_action(action_id));

create policy improvement_action_item_read on public.improvement_action_item for select to authenticated
  using ((select app.staff_role()) is not null);

create policy improvement_action_item_insert on public.improvement_action_item for insert to authenticated
  with check (app.may_edit_action(action_id));

create policy improvement_action_item_update on public.improvement_action_item for update to authenticated
  using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id));

create policy improvement_action_item_delete on public.improvement_action_item for delete to authenticated
  using (app.may_edit_action(action_id));

create policy improvement_action_update_read on public.improvement_action_update for select to authenticated
  using ((select app.staff_role()) is not null);

create policy improvement_action_update_insert on public.improvement_action_update for insert to authenticated
  with check (app.may_edit_action(action_id));

create policy improvement_action_update_update on public.improvement_action_update for update to authenticated
  using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id));

create policy improvement_action_update_delete on public.improvement_action_update for delete to authenticated
  using (app.may_edit_action(action_id));

create policy improvement_action_evidence_read on public.improvement_action_evidence for select to authenticated
  using ((select app.staff_role()) is not null);

create policy improvement_action_evidence_insert on public.improvement_action_evidence for insert to authenticated
  with check (app.may_edit_action(action_id));

create policy improvement_action_evidence_update on public.improvement_action_evidence for update to authenticated
  using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id));

create policy improvement_action_evidence_delete on public.improvement_action_evidence for delete to authenticated
  using (app.may_edit_action(action_id));

create policy resolution_feedback_read on public.resolution_feedback for select to authenticated
  using ((select app.staff_role()) is not null);

-- The improvement actions API: staff record and publish actions; the public reads what was published, with the
-- before/after figures where there are enough responses to tell.

-- ---------------------------------------------------------------------------------------------------------------
-- Impact: satisfaction before and after an action's completion, from the statistics rollups
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.action_impact(p_action bigint)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_action public.improvement_action;
  v_org public.organisation;
  v_points bigint[];
  v_codes text[];
  v_before_from date;
  v_before_to date;
  v_after_from date;
  v_after_to date;
  v_today date := (now() at time zone 'Asia/Bangkok')::date;
begin
  select * into v_action from public.improvement_action where id = p_action;
  if v_action.status <> 'done' or v_action.completed_date is null then
    return null;
  end if;
  select * into v_org from public.organisation where id = 1;
  select coalesce(array_agg(service_point_id), '{}') into v_points from public.improvement_action_point where action_id = p_action;
  if cardinality(v_points) = 0 then
    select coalesce(array_agg(id), '{}') into v_points from public.service_point where division_id = v_action.division_id;
  end if;
  select array['overall'] || coalesce(array_agg(item_code order by item_code), '{}') into v_codes
  from public.improvement_action_item where action_id = p_action;
  -- The completion day itself belongs to neither side.
  v_before_from := v_action.completed_date - v_org.impact_window_days;
  v_before_to := v_action.completed_date - 1;
  v_after_from := v_action.completed_date + 1;
  v_after_to := least(v_action.completed_date + v_org.impact_window_days, v_today);

  return jsonb_build_object(
    'windowDays', v_org.impact_window_days,
    'minResponses', v_org.impact_min_responses,
    'before', jsonb_build_object('from', v_before_from, 'to', v_before_to),
    'after', jsonb_build_object('from', v_after_from, 'to', v_after_to, 'complete', v_action.completed_date + v_org.impact_window_days <= v_today),
    'scopes', (
      select coalesce(jsonb_agg(x.scope order by array_position(v_codes, x.code)), '[]')
      from (
        select code, jsonb_build_object(
          'code', code,
          'before', app.stat_cell(b.n, b.s, b.q, v_org.level_bands),
          'after', app.stat_cell(a.n, a.s, a.q, v_org.level_bands),
          'difference', case when b.n > 0 and a.n > 0 then a.s::numeric / a.n - b.s::numeric / b.n end,
          -- 95% interval of the difference of two means (Welch): an effect is claimed only if it excludes zero.
          'margin', case when b.n >= 2 and a.n >= 2 then 1.96 * sqrt(
              (b.q::numeric - b.s::numeric * b.s / b.n) / (b.n - 1) / b.n
            + (a.q::numeric - a.s::numeric * a.s / a.n) / (a.n - 1) / a.n) end,
          'enough', b.n >= v_org.impact_min_responses and a.n >= v_org.impact_min_responses) as scope
        from unnest(v_codes) as code
        cross join lateral (
          select coalesce(sum(r.n), 0)::bigint as n, coalesce(sum(r.sum_rating), 0)::bigint as s, coalesce(sum(r.sum_sq), 0)::bigint as q
          from app.stat_ratings_between(v_before_from, v_before_to, v_points, null) r where r.item_code = code) b
        cross join lateral (
          select coalesce(sum(r.n), 0)::bigint as n, coalesce(sum(r.sum_rating), 0)::bigint as s, coalesce(sum(r.sum_sq), 0)::bigint as q
          from app.stat_ratings_between(v_after_from, greatest(v_after_to, v_after_from), v_points, null) r
          where r.item_code = code and v_after_to >= v_after_from) a
      ) x));
end
$$;

comment on function app.action_impact(bigint) is
  'Before/after satisfaction of a done action''s service points (or its division''s) and linked items: n each side, '
  'difference of means and its 95% margin; "enough" only when both sides reach organisation.impact_min_responses.';



create or replace function app.public_impact(p_impact jsonb)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  -- For the public, a side with too few responses shows no figures at all: only that there is not enough to tell.
  -- Nor does an after period that is still open ('pending'): it grows by a day each day, so the difference of two
  -- days' figures would be that day's ratings at these counters, one citizen's when one came (the subtraction attack
  -- of issue 17, closed for public_results by fixed periods). Once closed, both periods are fixed.
  select case when p_impact is null then null else p_impact || jsonb_build_object('scopes', (
    select coalesce(jsonb_agg(case when not (p_impact -> 'after' ->> 'complete')::boolean
                                   then jsonb_build_object('code', scope ->> 'code', 'enough', false, 'pending', true)
                                   when (scope ->> 'enough')::boolean then scope
                                   else jsonb_build_object('code', scope ->> 'code', 'enough', false) end), '[]')
    from jsonb_array_elements(p_impact -> 'scopes') scope)) end
$$;



-- ---------------------------------------------------------------------------------------------------------------
-- Staff: save, timeline, evidence, publish, resolve linked suggestions
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.action_save(p_id bigint, p_version int, p_action jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  a jsonb := coalesce(p_action, '{}');
  v_role text := app.staff_role();
  v_current public.improvement_action;
  v_division bigint;
  v_status text;
  v_id bigint;
  v_version int;
  v_progress int;
  v_planned date;
  v_completed date;
  v_reason text;
begin
  if v_role is null or v_role = 'executive' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(a, null, array['title', 'description', 'saidSummary', 'division', 'servicePoints', 'items',
    'suggestions', 'theme', 'plannedDate', 'completedDate', 'status', 'progress', 'droppedReason']);
  if p_id is not null then
    select * into v_current from public.improvement_action where id = p_id;
    if not found then raise exception 'not_found' using errcode = 'P0002'; end if;
    if not app.may_edit_action(p_id) then raise exception 'forbidden' using errcode = '42501'; end if;
    if v_current.version <> p_version then raise exception 'stale_version' using errcode = '40001'; end if;
  end if;

  select id into v_division from public.division where slug = coalesce(a ->> 'division', (select slug from public.division where id = v_current.division_id));
  if v_division is null then perform app.refuse('unknown_division', 'division'); end if;
  v_status := coalesce(app.expect_text(a -> 'status', 'status', 20, array['planned', 'in_progress', 'done', 'dropped']), v_current.status, 'planned');
  if v_current.id is not null and v_status <> v_current.status and not (
       (v_current.status = 'planned' and v_status in ('in_progress', 'done', 'dropped'))
    or (v_current.status = 'in_progress' and v_status in ('done', 'dropped', 'planned'))
    or (v_current.status = 'done' and v_status = 'in_progress')
    or (v_current.status = 'dropped' and v_status = 'planned')) then
    perform app.refuse('invalid_transition', 'status');
  end if;
  begin
    v_progress := coalesce((a ->> 'progress')::int, v_current.progress, 0);
    v_planned := case when a ? 'plannedDate' then nullif(a ->> 'plannedDate', '')::date else v_current.planned_date end;
    v_completed := case when a ? 'completedDate' then nullif(a ->> 'completedDate', '')::date else v_current.completed_date end;
  exception when others then
    perform app.refuse('invalid_value', 'dates');
  end;
  if v_progress not between 0 and 100 then perform app.refuse('invalid_value', 'progress'); end if;
  if v_status = 'done' then
    v_progress := 100;
    v_completed := coalesce(v_completed, (now() at time zone 'Asia/Bangkok')::date);
  end if;
  if v_completed > (now() at time zone 'Asia/Bangkok')::date + 1 then perform app.refuse('future_date', 'completedDate'); end if;
  v_reason := nullif(btrim(coalesce(app.expect_text(a -> 'droppedReason', 'droppedReason', 1000), v_current.dropped_reason, '')), '');
  if v_status = 'dropped' and v_reason is null then perform app.refuse('reason_required', 'droppedReason'); end if;

  if v_current.id is null then
    insert into public.improvement_action (division_id, title, description, said_summary, source_theme, status, progress,
      dropped_reason, planned_date, completed_date)
    values (v_division, app.expect_localized(a -> 'title', 'title', 200),
      case when a ? 'description' then app.expect_localized_or_empty(a -> 'description', 'description', 4000) else '{}' end,
      case when a ? 'saidSummary' then app.expect_localized_or_empty(a -> 'saidSummary', 'saidSummary', 2000) else '{}' end,
      nullif(btrim(coalesce(app.expect_text(a -> 'theme', 'theme', 100), '')), ''),
      v_status, v_progress, v_reason, v_planned, v_completed)
    returning id, version into v_id, v_version;
  else
    update public.improvement_action set
      division_id = v_division,
      title = case when a ? 'title' then app.expect_localized(a -> 'title', 'title', 200) else title end,
      description = case when a ? 'description' then app.expect_localized_or_empty(a -> 'description', 'description', 4000) else description end,
      said_summary = case when a ? 'saidSummary' then app.expect_localized_or_empty(a -> 'saidSummary', 'saidSummary', 2000) else said_summary end,
      status = v_status, progress = v_progress, dropped_reason = case when v_status = 'dropped' then v_reason end,
      planned_date = v_planned, completed_date = case when v_status in ('done', 'in_progress', 'dropped', 'planned') then v_completed end
    where id = p_id and version = p_version
    returning id, version into v_id, v_version;
    if v_id is null then raise exception 'stale_version' using errcode = '40001'; end if;
  end if;

  if a ? 'servicePoints' then
    delete from public.improvement_action_point where action_id = v_id;
    insert into public.improvement_action_point (action_id, service_point_id)
    select v_id, p.id from public.service_point p
    where p.slug in (select jsonb_array_elements_text(a -> 'servicePoints'));
  end if;
  if a ? 'items' then
    delete from public.improvement_action_item where action_id = v_id;
    insert into public.improvement_action_item (action_id, item_code)
    select distinct v_id, code from jsonb_array_elements_text(a -> 'items') code
    where code in (select i.code from public.survey_item i);
  end if;
  if a ? 'suggestions' then
    -- Only suggestions the caller can see (RLS) are linked; links are added, never silently removed here.
    insert into public.improvement_action_suggestion (action_id, suggestion_id)
    select v_id, s.id from public.suggestion s
    where s.id in (select (value #>> '{}')::bigint from jsonb_array_elements(a -> 'suggestions') where jsonb_typeof(value) = 'number')
    on conflict do nothing;
  end if;
  return jsonb_build_object('id', v_id, 'version', v_version);
exception
  when insufficient_privilege then
    raise exception 'forbidden' using errcode = '42501';
end
$$;

comment on function public.action_save(bigint, int, jsonb) is
  'Staff: create (p_id null) or change an action and its links; refused if p_version is not current.';



create or replace function public.action_add_update(p_id bigint, p_happened_on date, p_body jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if not app.may_edit_action(p_id) then raise exception 'forbidden' using errcode = '42501'; end if;
  if p_happened_on is null or p_happened_on > (now() at time zone 'Asia/Bangkok')::date + 1 then
    perform app.refuse('invalid_value', 'happenedOn');
  end if;
  insert into public.improvement_action_update (action_id, happened_on, body)
  values (p_id, p_happened_on, app.expect_localized(p_body, 'body', 2000));
end
$$;



create or replace function public.action_add_evidence(p_id bigint, p_evidence jsonb)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  e jsonb := coalesce(p_evidence, '{}');
  v_id uuid;
begin
  if not app.may_edit_action(p_id) then raise exception 'forbidden' using errcode = '42501'; end if;
  perform app.expect_keys(e, null, array['id', 'kind', 'mediaType', 'byteSize', 'sha256', 'caption', 'isPublic']);
  insert into public.improvement_action_evidence (id, action_id, kind, media_type, byte_size, sha256, caption, is_public)
  values ((e ->> 'id')::uuid, p_id, e ->> 'kind', e ->> 'mediaType', (e ->> 'byteSize')::int, e ->> 'sha256',
          app.expect_localized_or_empty(e -> 'caption', 'caption', 300), coalesce((e ->> 'isPublic')::boolean, true))
  returning id into v_id;
  return v_id;
exception
  when check_violation or invalid_text_representation or not_null_violation then
    perform app.refuse('invalid_value', 'evidence');
end
$$;



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



create or replace function public.action_set_published(p_id bigint, p_published boolean)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_action public.improvement_action;
begin
  if not app.may_edit_action(p_id) then raise exception 'forbidden' using errcode = '42501'; end if;
  select * into v_action from public.improvement_action where id = p_id;
  if p_published and coalesce(btrim(v_action.said_summary ->> 'th'), '') = '' then
    perform app.refuse('summary_required', 'saidSummary');
  end if;
  update public.improvement_action set published = p_published where id = p_id returning * into v_action;
  return jsonb_build_object('published', v_action.published, 'version', v_action.version);
end
$$;

comment on function public.action_set_published(bigint, boolean) is
  'PR officer or admin: publish or unpublish an action (audited); publishing needs the "you said" summary in Thai.';



create or replace function public.action_resolve_suggestions(p_id bigint, p_reply text)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_reply text := nullif(btrim(coalesce(p_reply, '')), '');
  v_suggestion public.suggestion;
  v_resolved int := 0;
  v_skipped int := 0;
begin
  if not app.may_edit_action(p_id) then raise exception 'forbidden' using errcode = '42501'; end if;
  if v_reply is null or char_length(v_reply) > 2000 then
    perform app.refuse(case when v_reply is null then 'required' else 'text_too_long' end, 'reply');
  end if;
  if (select status from public.improvement_action where id = p_id) <> 'done' then
    perform app.refuse('action_not_done', 'status');
  end if;
  for v_suggestion in
    select s.* from public.suggestion s join public.improvement_action_suggestion l on l.suggestion_id = s.id
    where l.action_id = p_id and s.status not in ('resolved', 'declined', 'duplicate', 'not_responsible')
  loop
    begin
      update public.suggestion set status = 'resolved' where id = v_suggestion.id;
      if not found then raise exception 'skip' using errcode = '42501'; end if;
      insert into public.suggestion_reply (suggestion_id, body) values (v_suggestion.id, v_reply);
      v_resolved := v_resolved + 1;
    exception when insufficient_privilege or invalid_parameter_value then
      v_skipped := v_skipped + 1; -- not this person's to resolve, or not a move the workflow allows
    end;
  end loop;
  return jsonb_build_object('resolved', v_resolved, 'skipped', v_skipped);
end
$$;

comment on function public.action_resolve_suggestions(bigint, text) is
  'Staff: when an action is done, resolve its open linked suggestions with one public reply (each audited).';



-- ---------------------------------------------------------------------------------------------------------------
-- Staff: reading actions
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.action_json(p_action public.improvement_action, p_locale text, p_public boolean)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_action.id,
    'title', app.localized(p_action.title, p_locale),
    'description', nullif(app.localized(p_action.description, p_locale), ''),
    'saidSummary', nullif(app.localized(p_action.said_summary, p_locale), ''),
    'status', p_action.status, 'progress', p_action.progress,
    'plannedDate', p_action.planned_date, 'completedDate', p_action.completed_date,
    'publishedAt', p_action.published_at,
    'division', (select jsonb_build_object('slug', d.slug, 'name', app.localized(d.name, p_locale)) from public.division d where d.id = p_action.division_id),
    'servicePoints', (select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, p_locale)) order by p.id), '[]')
                      from public.improvement_action_point l join public.service_point p on p.id = l.service_point_id where l.action_id = p_action.id),
    'items', (select coalesce(jsonb_agg(jsonb_build_object('code', l.item_code,
                'text', (select app.localized(i.text, p_locale) from public.survey_item i where i.code = l.item_code order by i.survey_version_id desc limit 1))
                order by l.item_code), '[]')
              from public.improvement_action_item l where l.action_id = p_action.id),
    'timeline', (select coalesce(jsonb_agg(jsonb_build_object('on', u.happened_on, 'body', app.localized(u.body, p_locale)) order by u.happened_on, u.id), '[]')
                 from public.improvement_action_update u where u.action_id = p_action.id),
    'evidence', (select coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'kind', e.kind, 'mediaType', e.media_type,
                   'caption', nullif(app.localized(e.caption, p_locale), ''), 'isPublic', e.is_public) order by e.created_at), '[]')
                 from public.improvement_action_evidence e where e.action_id = p_action.id and (not p_public or e.is_public)),
    'suggestionCategories', (select coalesce(jsonb_object_agg(c.category, c.n), '{}') from (
                   select s.category, count(*) as n from public.improvement_action_suggestion l
                   join public.suggestion s on s.id = l.suggestion_id where l.action_id = p_action.id group by s.category) c),
    'feedback', (select jsonb_build_object('yes', count(*) filter (where f.answer = 'yes'), 'no', count(*) filter (where f.answer = 'no'),
                   'notSure', count(*) filter (where f.answer = 'not_sure'))
                 from public.improvement_action_suggestion l join public.resolution_feedback f on f.suggestion_id = l.suggestion_id
                 where l.action_id = p_action.id),
    'impact', case when p_public then app.public_impact(app.action_impact(p_action.id)) else app.action_impact(p_action.id) end)
$$;



create or replace function public.action_list(p_filter jsonb default '{}', p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
begin
  if app.staff_role() is null then raise exception 'forbidden' using errcode = '42501'; end if;
  perform app.expect_keys(f, null, array['division', 'status']);
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
      'id', a.id, 'title', app.localized(a.title, p_locale), 'status', a.status, 'progress', a.progress,
      'division', app.localized(d.name, p_locale), 'published', a.published, 'completedDate', a.completed_date,
      'plannedDate', a.planned_date, 'suggestions', (select count(*) from public.improvement_action_suggestion l where l.action_id = a.id))
      order by a.updated_at desc), '[]')
    from public.improvement_action a join public.division d on d.id = a.division_id
    where (f ->> 'division' is null or d.slug = f ->> 'division') and (f ->> 'status' is null or a.status = f ->> 'status'));
end
$$;



create or replace function public.action_detail(p_id bigint, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_action public.improvement_action;
begin
  if app.staff_role() is null then raise exception 'forbidden' using errcode = '42501'; end if;
  select * into v_action from public.improvement_action where id = p_id;
  if not found then return null; end if;
  return app.action_json(v_action, p_locale, false) || jsonb_build_object(
    'version', v_action.version, 'published', v_action.published, 'droppedReason', v_action.dropped_reason,
    'theme', v_action.source_theme, 'raw', jsonb_build_object('title', v_action.title, 'description', v_action.description,
      'saidSummary', v_action.said_summary, 'division', (select slug from public.division where id = v_action.division_id)),
    'canEdit', app.may_edit_action(p_id),
    'suggestions', (select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'reference', r.reference, 'status', s.status,
                      'category', s.category, 'body', s.body) order by s.created_at), '[]')
                    from public.improvement_action_suggestion l join public.suggestion s on s.id = l.suggestion_id
                    join public.response r on r.id = s.response_id where l.action_id = p_id),
    'history', (select coalesce(jsonb_agg(jsonb_build_object('at', h.at, 'action', h.action, 'entity', h.entity,
                  'actor', (select st.display_name from public.staff st where st.user_id = h.actor_id), 'after', h.after) order by h.at, h.id), '[]')
                from public.audit_log h where h.entity like 'improvement_action%' and h.entity_id = p_id::text));
end
$$;



-- ---------------------------------------------------------------------------------------------------------------
-- Public: what was published, and the citizen's "did this solve it?"
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.public_actions(p_filter jsonb default '{}', p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_fy int;
begin
  perform app.expect_keys(f, null, array['division', 'fiscalYear', 'id']);
  if f ? 'fiscalYear' then
    if coalesce(f ->> 'fiscalYear', '') !~ '^\d{4}$' then perform app.refuse('invalid_value', 'fiscalYear'); end if;
    v_fy := (f ->> 'fiscalYear')::int;
  end if;
  if f ? 'id' and coalesce(f ->> 'id', '') !~ '^\d{1,18}$' then perform app.refuse('invalid_value', 'id'); end if;
  -- Published actions only: nothing else leaves through this door.
  return (
    select coalesce(jsonb_agg(app.action_json(a, v_locale, true) order by coalesce(a.completed_date, a.published_at::date) desc, a.id desc), '[]')
    from public.improvement_action a join public.division d on d.id = a.division_id
    where a.published
      and (f ->> 'division' is null or d.slug = f ->> 'division')
      and (v_fy is null or app.fiscal_year(coalesce(a.completed_date::timestamp at time zone 'Asia/Bangkok', a.published_at)) = v_fy)
      and (f ->> 'id' is null or a.id = (f ->> 'id')::bigint));
end
$$;

comment on function public.public_actions(jsonb, text) is
  'Public: published actions only ("you said, we did"), with public evidence and before/after figures.';



create or replace function public.public_evidence(p_evidence uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('id', e.id, 'mediaType', e.media_type, 'kind', e.kind, 'byteSize', e.byte_size)
  from public.improvement_action_evidence e join public.improvement_action a on a.id = e.action_id
  where e.id = p_evidence and e.is_public and a.published
$$;

comment on function public.public_evidence(uuid) is 'Public: an evidence file''s type, only if public and of a published action.';



create or replace function public.track_actions(p_reference text, p_check text, p_locale text default 'th')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- Like track_response (server only, after the per-address limit), and only with the reference's check code.
  select jsonb_build_object(
    'actions', coalesce((select jsonb_agg(jsonb_build_object('id', a.id, 'title', app.localized(a.title, p_locale),
                 'status', a.status, 'completedDate', a.completed_date) order by a.id)
               from public.improvement_action_suggestion l join public.improvement_action a on a.id = l.action_id
               where l.suggestion_id = s.id and a.published), '[]'),
    'askFeedback', s.status = 'resolved',
    'feedbackGiven', exists (select 1 from public.resolution_feedback f where f.suggestion_id = s.id))
  from public.suggestion s join public.response r on r.id = s.response_id
  where r.reference = app.normalize_reference(p_reference)
    and app.check_code(r.id) = upper(p_check)
$$;

comment on function public.track_actions(text, text, text) is
  'Server only: the published actions that answered a reference''s suggestion (given with its check code), and '
  'whether to ask "did this solve it?".';



create or replace function public.record_resolution_feedback(p_reference text, p_receipt text, p_answer text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion public.suggestion;
begin
  perform app.expect_text(to_jsonb(p_answer), 'answer', 10, array['yes', 'no', 'not_sure']);
  -- Only the citizen who filed the suggestion answers (issue 17): the receipt secret their browser holds is the proof.
  -- Anyone else is told what an unresolved suggestion tells.
  select s.* into v_suggestion from public.suggestion s join public.response r on r.id = s.response_id
  where r.reference = app.normalize_reference(p_reference)
    and r.receipt_hash = app.receipt_hash(p_receipt);
  if v_suggestion.id is null or v_suggestion.status <> 'resolved' then
    return jsonb_build_object('recorded', false, 'reason', 'not_resolved');
  end if;
  -- The citizen's latest answer counts: they may change their mind (the problem came back), and it replaces any
  -- answer a stranger left before answers needed the receipt.
  insert into public.resolution_feedback (suggestion_id, answer) values (v_suggestion.id, p_answer)
  on conflict (suggestion_id) do update set answer = excluded.answer, answered_at = now()
    where public.resolution_feedback.answer is distinct from excluded.answer;
  return jsonb_build_object('recorded', true);
end
$$;

comment on function public.record_resolution_feedback(text, text, text) is
  'Server only (after rate limiting): the filer''s answer to "did this solve it?" for a resolved suggestion, proved '
  'by the receipt secret; a later answer replaces an earlier one.';



create or replace function public.evidence_meta(p_evidence uuid)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object('id', e.id, 'mediaType', e.media_type, 'kind', e.kind, 'byteSize', e.byte_size, 'actionId', e.action_id)
  from public.improvement_action_evidence e where e.id = p_evidence -- RLS: staff only
$$;



create or replace function public.public_participation(p_fiscal_year int)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- Counts only, for the OIT participation page: how many service points took ratings and how many suggestions came,
  -- and which channels the responses came through (names, no counts: the public split by channel is withheld, as
  -- public_results explains, so that a small channel's figures cannot be worked out by subtraction).
  select jsonb_build_object(
    'servicePoints', (select count(distinct r.service_point_id) from public.response r
                      where app.fiscal_year(r.created_at) = p_fiscal_year and r.flag is null),
    'suggestions', (select count(*) from public.suggestion s join public.response r on r.id = s.response_id
                    where app.fiscal_year(s.created_at) = p_fiscal_year and r.flag is null),
    'channels', (select coalesce(jsonb_agg(c.channel order by c.channel), '[]')
                 from (select distinct r.channel from public.response r
                       where app.fiscal_year(r.created_at) = p_fiscal_year and r.flag is null) c))
$$;

comment on function public.public_participation(int) is
  'Public: how many service points and suggestions a fiscal year had, and the channels its responses came through.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.action_impact(bigint),
  app.action_json(improvement_action, text, boolean),
  app.may_edit_action(bigint),
  app.public_impact(jsonb),
  app.stamp_publication(),
  public.action_add_evidence(bigint, jsonb),
  public.action_add_update(bigint, date, jsonb),
  public.action_detail(bigint, text),
  public.action_list(jsonb, text),
  public.action_remove_evidence(uuid),
  public.action_resolve_suggestions(bigint, text),
  public.action_save(bigint, integer, jsonb),
  public.action_set_published(bigint, boolean),
  public.evidence_meta(uuid),
  public.public_actions(jsonb, text),
  public.public_evidence(uuid),
  public.public_participation(integer),
  public.record_resolution_feedback(text, text, text),
  public.track_actions(text, text, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.public_actions(jsonb, text),
  public.public_evidence(uuid),
  public.public_participation(integer)
to anon, authenticated, service_role;
grant execute on function
  app.action_impact(bigint),
  app.action_json(improvement_action, text, boolean),
  app.may_edit_action(bigint),
  app.public_impact(jsonb),
  app.stamp_publication(),
  public.action_add_evidence(bigint, jsonb),
  public.action_add_update(bigint, date, jsonb),
  public.action_detail(bigint, text),
  public.action_list(jsonb, text),
  public.action_remove_evidence(uuid),
  public.action_resolve_suggestions(bigint, text),
  public.action_save(bigint, integer, jsonb),
  public.action_set_published(bigint, boolean),
  public.evidence_meta(uuid)
to authenticated, service_role;
grant execute on function
  public.record_resolution_feedback(text, text, text),
  public.track_actions(text, text, text)
to service_role;

revoke all on public.improvement_action from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.improvement_action_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action to authenticated;
grant select, insert, update, delete on public.improvement_action to service_role;

revoke all on public.improvement_action_evidence from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action_evidence to authenticated;
grant select, insert, update, delete on public.improvement_action_evidence to service_role;

revoke all on public.improvement_action_item from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action_item to authenticated;
grant select, insert, update, delete on public.improvement_action_item to service_role;

revoke all on public.improvement_action_point from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action_point to authenticated;
grant select, insert, update, delete on public.improvement_action_point to service_role;

revoke all on public.improvement_action_suggestion from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action_suggestion to authenticated;
grant select, insert, update, delete on public.improvement_action_suggestion to service_role;

revoke all on public.improvement_action_update from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.improvement_action_update_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.improvement_action_update to authenticated;
grant select, insert, update, delete on public.improvement_action_update to service_role;

revoke all on public.resolution_feedback from anon, authenticated, service_role;
grant select on public.resolution_feedback to authenticated;
grant select, insert, update, delete on public.resolution_feedback to service_role;
