-- Feedback and triage: the citizen's suggestion ("what should we improve?", stored exactly as typed), its triage
-- workflow, internal notes and public replies, the public tracking page, and the suggestion texts for themes.
--
-- Who may touch it: the PR officer and admins read and triage every suggestion; division staff those routed to their
-- division; executives read. A trigger enforces the workflow and audits every change whatever the path; column
-- privileges keep the citizen's own words unchangeable. The public reads a suggestion's status and replies only
-- through track_response, by reference and check code, through the server's per-address limit.

create table public.suggestion (
  id bigint generated always as identity primary key,
  response_id uuid not null unique references public.response (id) on delete cascade,
  body text not null check (char_length(btrim(body)) between 1 and 2000 and body !~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]'),
  category text not null default 'other'
    check (category in ('process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other')),
  status text not null default 'new' check (status in (
    'new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'declined', 'duplicate', 'not_responsible')),
  assigned_division_id bigint references public.division (id),
  duplicate_of bigint references public.suggestion (id),
  wants_reply boolean not null default false,
  public_body text check (char_length(public_body) <= 2000),
  version int not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'duplicate') = (duplicate_of is not null))
);


comment on table public.suggestion is
  '"What should we improve?": free text stored exactly as typed, triaged and routed by staff.';


comment on column public.suggestion.public_body is
  'The text as it may be shown publicly, with personal data or abuse removed by staff; null until reviewed.';


comment on column public.suggestion.version is 'Optimistic-concurrency counter: a save naming an older version is refused.';


create index suggestion_status_created_idx on public.suggestion (status, created_at desc);


create index suggestion_division_idx on public.suggestion (assigned_division_id);


create trigger suggestion_touch before update on public.suggestion
  for each row execute function app.touch_updated_at();


alter table public.suggestion enable row level security;



-- ---------------------------------------------------------------------------------------------------------------
-- track_response: what a citizen may see of their own reference, given with its check code
-- ---------------------------------------------------------------------------------------------------------------

-- Server only (issue 17): references are sequential, so the check code printed beside one is what makes a status
-- page unguessable, and every lookup, found or not, counts toward the caller's per-address limit (lib/track.ts). anon
-- may not call this: on Supabase the anon key is public, and a direct call would skip that limit.
create or replace function public.track_response(p_reference text, p_check text, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_ref text := app.normalize_reference(p_reference);
  v_response public.response;
  v_suggestion public.suggestion;
begin
  if v_ref !~ '^[A-Z]{1,6}-[0-9]{4}-[0-9]{6,9}$' or upper(coalesce(p_check, '')) !~ '^[A-Z]{4}$' then
    return null;
  end if;
  select * into v_response from public.response where reference = v_ref;
  -- A wrong check code answers exactly as an unknown reference.
  if not found or app.check_code(v_response.id) <> upper(p_check) then
    return null;
  end if;
  select * into v_suggestion from public.suggestion where response_id = v_response.id;
  -- No personal data and not the citizen's own words: whoever holds the receipt's code sees only this.
  return jsonb_build_object(
    'reference', v_response.reference,
    'submittedAt', v_response.created_at,
    'servicePoint', (select app.localized(p.name, v_locale) from public.service_point p where p.id = v_response.service_point_id),
    'suggestion', case when v_suggestion.id is null then null else jsonb_build_object(
      'status', v_suggestion.status,
      'category', v_suggestion.category,
      'updatedAt', v_suggestion.updated_at,
      'replies', (select coalesce(jsonb_agg(jsonb_build_object('body', r.body, 'at', r.created_at) order by r.created_at), '[]')
                  from public.suggestion_reply r where r.suggestion_id = v_suggestion.id)) end);
end
$$;

comment on function public.track_response(text, text, text) is
  'Server only, after the per-address limit: the status of a reference given with its check code (no personal data, '
  'not the citizen''s text); null when unknown or the code is wrong.';



-- ---------------------------------------------------------------------------------------------------------------
-- Notes and public replies on suggestions
-- ---------------------------------------------------------------------------------------------------------------

-- An author's id is set to null when their Supabase Auth user is deleted (in the dashboard, say): the note or reply
-- stays in the suggestion's history, and the audit log keeps who wrote it. Deactivating is how staff are removed.
create table public.suggestion_note (
  id bigint generated always as identity primary key,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null check (char_length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);


comment on table public.suggestion_note is 'Internal notes on a suggestion, for staff only.';


create index suggestion_created_idx on public.suggestion (created_at desc, id desc);


create index suggestion_note_suggestion_idx on public.suggestion_note (suggestion_id);



create table public.suggestion_reply (
  id bigint generated always as identity primary key,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  body text not null check (char_length(btrim(body)) between 1 and 2000),
  created_at timestamptz not null default now()
);


comment on table public.suggestion_reply is 'Public replies: the citizen sees them at /{locale}/track/{reference}.';


create index suggestion_reply_suggestion_idx on public.suggestion_reply (suggestion_id);



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


alter table public.suggestion_note enable row level security;


alter table public.suggestion_reply enable row level security;

 -- r is filtered by response_read

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



-- Notes and replies: read with the suggestion; written by those who may change it, as themselves.
create policy suggestion_note_read on public.suggestion_note for select to authenticated
  using (exists (select 1 from public.suggestion s where s.id = suggestion_id));

 -- s is filtered by suggestion_read
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



-- The LPA asks that a complaint's progress reach the citizen within 15 days (organisation.reply_due_days): a
-- suggestion is answered by its first public reply, which the citizen reads on the tracking page.
create or replace function app.suggestion_answered_at(p_suggestion bigint)
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select min(r.created_at) from public.suggestion_reply r where r.suggestion_id = p_suggestion
$$;

comment on function app.suggestion_answered_at(bigint) is
  'When the suggestion got its first public reply (what the citizen sees on the tracking page), or null.';



create or replace function public.inbox(p_filter jsonb default '{}', p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_limit int;
  v_status text[];
  v_from timestamptz;
  v_to timestamptz;
  v_q text;
  v_before_at timestamptz;
  v_before_id bigint;
  v_rows jsonb;
  v_next jsonb;
  v_due_days int := coalesce((select o.reply_due_days from public.organisation o where o.id = 1), 15);
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['status', 'category', 'division', 'servicePoint', 'rating', 'from', 'to', 'q', 'before', 'limit']);
  -- PostgreSQL reads 'yesterday', 'now' and 'infinity' as dates: only ISO dates and timestamps are accepted here.
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$'
     or coalesce(f #>> '{before,at}', '2000-01-01T00:00:00Z') !~ '^\d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  -- Casts happen here, inside the block whose handler turns a malformed filter into a refusal.
  v_limit := least(greatest(coalesce((f ->> 'limit')::int, 25), 1), 100);
  v_q := nullif(btrim(coalesce(f ->> 'q', '')), '');
  v_before_at := (f #>> '{before,at}')::timestamptz;
  v_before_id := (f #>> '{before,id}')::bigint;
  if f ? 'status' then
    select array_agg(value) into v_status from jsonb_array_elements_text(
      case jsonb_typeof(f -> 'status') when 'array' then f -> 'status' else jsonb_build_array(f -> 'status') end);
  end if;
  if char_length(coalesce(v_q, '')) > 100 then
    perform app.refuse('text_too_long', 'q');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);

  with page as (
    select s.id, s.body, s.public_body, s.category, s.status, s.created_at, s.updated_at, s.wants_reply,
           r.reference, r.overall_rating, p.slug as point_slug, app.localized(p.name, p_locale) as point_name,
           d.slug as division_slug, app.localized(d.name, p_locale) as division_name
    from public.suggestion s
    join public.response r on r.id = s.response_id
    join public.service_point p on p.id = r.service_point_id
    left join public.division d on d.id = s.assigned_division_id
    where (v_status is null or s.status = any (v_status))
      and (f ->> 'category' is null or s.category = f ->> 'category')
      and (f ->> 'division' is null
           or (f ->> 'division' = 'none' and s.assigned_division_id is null)
           or d.slug = f ->> 'division')
      and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
      and (f ->> 'rating' is null or r.overall_rating = (f ->> 'rating')::int)
      and (v_from is null or s.created_at >= v_from)
      and (v_to is null or s.created_at < v_to)
      and (v_q is null or s.body ilike app.like_pattern(v_q) or r.reference = app.normalize_reference(v_q)
           or s.public_body ilike app.like_pattern(v_q))
      and (v_before_at is null or (s.created_at, s.id) < (v_before_at, v_before_id))
    order by s.created_at desc, s.id desc
    limit v_limit + 1
  ),
  numbered as (
    select page.*, row_number() over (order by created_at desc, id desc) as n from page
  )
  select
    coalesce(jsonb_agg(jsonb_build_object(
      'id', id, 'body', body, 'publicBody', public_body, 'category', category, 'status', status,
      'createdAt', created_at, 'updatedAt', updated_at, 'wantsReply', wants_reply, 'reference', reference,
      'rating', overall_rating, 'servicePoint', jsonb_build_object('slug', point_slug, 'name', point_name),
      'division', case when division_slug is null then null else jsonb_build_object('slug', division_slug, 'name', division_name) end,
      'dueAt', created_at + make_interval(days => v_due_days), 'answeredAt', app.suggestion_answered_at(id))
      order by created_at desc, id desc) filter (where n <= v_limit), '[]'),
    (select jsonb_build_object('at', created_at, 'id', id) from numbered where n = v_limit and exists (select 1 from numbered where n > v_limit))
  into v_rows, v_next
  from numbered;

  return jsonb_build_object('items', v_rows, 'next', v_next, 'dueDays', v_due_days,
    -- What waits for triage, whatever the filter: the inbox's count of new items (RLS: those the caller may see).
    'newCount', (select count(*) from public.suggestion s where s.status = 'new'));
exception
  when invalid_datetime_format or datetime_field_overflow or invalid_text_representation or numeric_value_out_of_range then
    perform app.refuse('invalid_value', 'filter');
end
$$;

comment on function public.inbox(jsonb, text) is
  'Staff: suggestions newest first, filtered, a page at a time (keyset: before = {at, id}); what RLS lets the caller see.';



-- ---------------------------------------------------------------------------------------------------------------
-- One suggestion, with the response it came with and its history
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.suggestion_detail(p_id bigint, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_role text := app.staff_role();
  v_s public.suggestion;
  v_r public.response;
  v_can_edit boolean;
begin
  if v_role is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  select * into v_s from public.suggestion where id = p_id; -- RLS: null for a suggestion not routed to the caller
  if not found then
    return null;
  end if;
  select * into v_r from public.response where id = v_s.response_id;
  v_can_edit := v_role in ('admin', 'pr_officer')
             or (v_role = 'division_staff' and v_s.assigned_division_id = app.staff_division());

  return jsonb_build_object(
    'id', v_s.id, 'version', v_s.version, 'body', v_s.body, 'publicBody', v_s.public_body,
    'category', v_s.category, 'status', v_s.status, 'wantsReply', v_s.wants_reply,
    'createdAt', v_s.created_at, 'updatedAt', v_s.updated_at,
    'division', (select jsonb_build_object('slug', d.slug, 'name', app.localized(d.name, p_locale))
                 from public.division d where d.id = v_s.assigned_division_id),
    'duplicateOf', (select jsonb_build_object('id', o.id, 'reference', orr.reference)
                    from public.suggestion o join public.response orr on orr.id = o.response_id where o.id = v_s.duplicate_of),
    'response', jsonb_build_object(
      'reference', v_r.reference, 'overallRating', v_r.overall_rating, 'createdAt', v_r.created_at,
      'channel', v_r.channel, 'locale', v_r.locale, 'isDemo', v_r.is_demo,
      'respondent', jsonb_strip_nulls(jsonb_build_object('gender', v_r.gender, 'age_band', v_r.age_band,
                                                         'education', v_r.education, 'occupation', v_r.occupation)),
      'servicePoint', (select jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, p_locale))
                       from public.service_point p where p.id = v_r.service_point_id),
      'answers', (select coalesce(jsonb_agg(jsonb_build_object(
                    'code', i.code, 'dimension', i.dimension, 'text', app.localized(i.text, p_locale), 'rating', a.rating)
                    order by array_position(array['process', 'staff', 'facilities', 'outcome'], i.dimension), i.position), '[]')
                  from public.response_answer a join public.survey_item i on i.id = a.item_id
                  where a.response_id = v_r.id)),
    'contact', (select jsonb_build_object('name', c.name, 'phone', c.phone, 'email', c.email, 'purgeAfter', c.purge_after)
                from public.contact_detail c where c.suggestion_id = v_s.id), -- RLS: null unless the caller may see it
    'notes', (select coalesce(jsonb_agg(jsonb_build_object('body', n.body, 'at', n.created_at,
                'author', (select st.display_name from public.staff st where st.user_id = n.author_id)) order by n.created_at), '[]')
              from public.suggestion_note n where n.suggestion_id = v_s.id),
    'replies', (select coalesce(jsonb_agg(jsonb_build_object('body', rp.body, 'at', rp.created_at,
                'author', (select st.display_name from public.staff st where st.user_id = rp.author_id)) order by rp.created_at), '[]')
                from public.suggestion_reply rp where rp.suggestion_id = v_s.id),
    'history', (select coalesce(jsonb_agg(jsonb_build_object('at', l.at, 'action', l.action, 'actorRole', l.actor_role,
                  'actor', (select st.display_name from public.staff st where st.user_id = l.actor_id),
                  'before', l.before, 'after', l.after) order by l.at, l.id), '[]')
                from public.audit_log l where l.entity = 'suggestion' and l.entity_id = v_s.id::text),
    'actions', (select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'title', app.localized(a.title, p_locale), 'status', a.status)
                  order by a.id), '[]')
                from public.improvement_action_suggestion l join public.improvement_action a on a.id = l.action_id
                where l.suggestion_id = v_s.id),
    'canEdit', v_can_edit,
    'allowedStatuses', (select coalesce(jsonb_agg(st order by ord), '[]')
                        from unnest(array['new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'declined',
                                          'duplicate', 'not_responsible']) with ordinality as t(st, ord)
                        where v_can_edit and app.suggestion_transition_allowed(v_s.status, st, v_role)));
end
$$;

comment on function public.suggestion_detail(bigint, text) is
  'Staff: one suggestion with its response, contact (where allowed), notes, replies, history; null if not visible.';



-- ---------------------------------------------------------------------------------------------------------------
-- Triage: category, division, status, duplicate link, public text, a note, a public reply — in one save
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.triage_suggestion(p_id bigint, p_version int, p_changes jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_changes, '{}');
  v_role text := app.staff_role();
  v_s public.suggestion;
  v_status text;
  v_category text;
  v_division bigint;
  v_duplicate bigint;
  v_public text;
  v_note text;
  v_reply text;
begin
  if v_role is null or v_role = 'executive' then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(c, null, array['status', 'category', 'division', 'duplicateOf', 'publicBody', 'note', 'reply']);

  select * into v_s from public.suggestion where id = p_id;
  if not found then
    raise exception 'not_found' using errcode = 'P0002';
  end if;
  if v_s.version <> p_version then
    raise exception 'stale_version' using errcode = '40001';
  end if;

  v_status := coalesce(app.expect_text(c -> 'status', 'status', 20,
    array['new', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'declined', 'duplicate', 'not_responsible']), v_s.status);
  v_category := coalesce(app.expect_text(c -> 'category', 'category', 20,
    array['process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other']), v_s.category);
  v_division := v_s.assigned_division_id;
  if c ? 'division' then
    if c -> 'division' = 'null'::jsonb then
      v_division := null;
    else
      select id into v_division from public.division where slug = app.expect_text(c -> 'division', 'division', 40);
      if v_division is null then
        perform app.refuse('unknown_division', 'division');
      end if;
    end if;
  end if;
  v_duplicate := v_s.duplicate_of;
  if c ? 'duplicateOf' and c -> 'duplicateOf' <> 'null'::jsonb then
    select s.id into v_duplicate from public.suggestion s join public.response r on r.id = s.response_id
    where r.reference = app.normalize_reference(app.expect_text(c -> 'duplicateOf', 'duplicateOf', 40));
    if v_duplicate is null or v_duplicate = v_s.id then
      perform app.refuse('unknown_reference', 'duplicateOf');
    end if;
  end if;
  v_public := case when c ? 'publicBody' then nullif(btrim(coalesce(app.expect_text(c -> 'publicBody', 'publicBody', 2000), '')), '')
                   else v_s.public_body end;
  v_note := nullif(btrim(coalesce(app.expect_text(c -> 'note', 'note', 2000), '')), '');
  v_reply := nullif(btrim(coalesce(app.expect_text(c -> 'reply', 'reply', 2000), '')), '');

  if (v_status, v_category, v_division, v_duplicate, v_public)
     is distinct from (v_s.status, v_s.category, v_s.assigned_division_id, v_s.duplicate_of, v_s.public_body) then
    update public.suggestion
       set status = v_status, category = v_category, assigned_division_id = v_division,
           duplicate_of = v_duplicate, public_body = v_public
     where id = p_id and version = p_version
    returning * into v_s;
    if not found then
      raise exception 'stale_version' using errcode = '40001';
    end if;
  end if;
  if v_note is not null then
    insert into public.suggestion_note (suggestion_id, body) values (p_id, v_note);
  end if;
  if v_reply is not null then
    insert into public.suggestion_reply (suggestion_id, body) values (p_id, v_reply);
  end if;
  return jsonb_build_object('id', v_s.id, 'version', v_s.version, 'status', v_s.status);
exception
  when insufficient_privilege then
    -- RLS refused the new row (for example division staff moving a suggestion to another division).
    raise exception 'forbidden' using errcode = '42501';
end
$$;

comment on function public.triage_suggestion(bigint, int, jsonb) is
  'Staff: change a suggestion in one save, refused if p_version is not the current version (someone saved first).';



create or replace function public.suggestion_texts(p_filter jsonb default '{}', p_limit int default 500)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  f jsonb := coalesce(p_filter, '{}');
  v_from timestamptz;
  v_to timestamptz;
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  perform app.expect_keys(f, null, array['from', 'to', 'division', 'servicePoint']);
  if coalesce(f ->> 'from', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' or coalesce(f ->> 'to', '2000-01-01') !~ '^\d{4}-\d{2}-\d{2}$' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  v_from := app.bangkok_day_start((f ->> 'from')::date);
  v_to := app.bangkok_day_start((f ->> 'to')::date + 1);
  -- The newest suggestions the caller may read (RLS), of the responses in the selection: for word counts only.
  return (
    select coalesce(jsonb_agg(jsonb_build_object('id', t.id, 'body', t.body) order by t.created_at desc), '[]')
    from (
      select s.id, s.body, s.created_at
      from public.suggestion s
      join public.response r on r.id = s.response_id
      join public.service_point p on p.id = r.service_point_id
      join public.division d on d.id = p.division_id
      where (v_from is null or s.created_at >= v_from)
        and (v_to is null or s.created_at < v_to)
        and (f ->> 'division' is null or d.slug = f ->> 'division')
        and (f ->> 'servicePoint' is null or p.slug = f ->> 'servicePoint')
        and r.flag is null
      order by s.created_at desc
      limit least(greatest(coalesce(p_limit, 500), 1), 2000)
    ) t);
end
$$;

comment on function public.suggestion_texts(jsonb, int) is
  'Staff: the newest suggestion texts in a selection (what RLS lets the caller read), for the themes on the dashboard.';

-- Part 3 of the official report: suggestions by category, with examples. Only text a staff member has made fit for the
-- public (public_body) is ever quoted: a citizen's own words may carry personal data.

create or replace function public.report_suggestions(p_from date, p_to date, p_examples int default 3)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_from timestamptz := app.bangkok_day_start(p_from);
  v_to timestamptz := app.bangkok_day_start(p_to + 1);
  v_due_days int := coalesce((select o.reply_due_days from public.organisation o where o.id = 1), 15);
begin
  if app.staff_role() is null then
    raise exception 'forbidden' using errcode = '42501';
  end if;
  if p_from is null or p_to is null or p_to < p_from then
    perform app.refuse('invalid_value', 'period');
  end if;
  return jsonb_build_object(
    -- The LPA's reply rule: of the suggestions whose time to reply has run out (or that were answered), how many got
    -- their first public reply within reply_due_days.
    'replies', (
      select jsonb_build_object('dueDays', v_due_days, 'due', count(*),
                                'answeredInTime', count(*) filter (where a.at <= s.created_at + make_interval(days => v_due_days)))
      from public.suggestion s join public.response r on r.id = s.response_id
      cross join lateral (select app.suggestion_answered_at(s.id) as at) a
      where s.created_at >= v_from and s.created_at < v_to and r.flag is null
        and (a.at is not null or s.created_at + make_interval(days => v_due_days) < now())),
    'total', (select count(*) from public.suggestion s join public.response r on r.id = s.response_id
              where s.created_at >= v_from and s.created_at < v_to and r.flag is null),
    'byCategory', (
      select coalesce(jsonb_agg(jsonb_build_object('category', c.category, 'count', c.n,
        'byStatus', c.statuses, 'examples', c.examples) order by c.n desc, c.category), '[]')
      from (
        select s.category, count(*) as n,
               (select jsonb_object_agg(st.status, st.n) from (
                  select s2.status, count(*) as n from public.suggestion s2 join public.response r2 on r2.id = s2.response_id
                  where s2.category = s.category and s2.created_at >= v_from and s2.created_at < v_to and r2.flag is null
                  group by s2.status) st) as statuses,
               (select coalesce(jsonb_agg(e.public_body), '[]') from (
                  select s3.public_body from public.suggestion s3 join public.response r3 on r3.id = s3.response_id
                  where s3.category = s.category and s3.public_body is not null and s3.created_at >= v_from
                    and s3.created_at < v_to and r3.flag is null
                  order by s3.created_at desc limit greatest(0, least(p_examples, 10))) e) as examples
        from public.suggestion s join public.response r on r.id = s.response_id
        where s.created_at >= v_from and s.created_at < v_to and r.flag is null
        group by s.category) c));
end
$$;

comment on function public.report_suggestions(date, date, int) is
  'Staff: suggestions of a period by category and status, with examples quoted only from public_body, and how many '
  'were answered within the organisation''s reply_due_days.';

-- The audit trail: admins, the PR officer and executives read all of it; division staff the history of their
-- suggestions. No policy lets anyone write it: only the security-definer triggers do.
create policy audit_log_read on public.audit_log for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer', 'executive')
    or ((select app.staff_role()) = 'division_staff' and entity = 'suggestion'
        and entity_id in (select s.id::text from public.suggestion s where s.assigned_division_id = (select app.staff_division()))));

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
        and exists (select 1 from public.response r where r.id = response_id)));

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.suggestion_answered_at(bigint),
  app.audit_suggestion_message(),
  app.guard_suggestion_update(),
  app.suggestion_transition_allowed(text, text, text),
  public.inbox(jsonb, text),
  public.report_suggestions(date, date, integer),
  public.suggestion_detail(bigint, text),
  public.suggestion_texts(jsonb, integer),
  public.track_response(text, text, text),
  public.triage_suggestion(bigint, integer, jsonb)
from public, anon, authenticated, service_role;
grant execute on function
  public.track_response(text, text, text)
to service_role;
grant execute on function
  app.audit_suggestion_message(),
  app.guard_suggestion_update(),
  app.suggestion_answered_at(bigint),
  app.suggestion_transition_allowed(text, text, text),
  public.inbox(jsonb, text),
  public.report_suggestions(date, date, integer),
  public.suggestion_detail(bigint, text),
  public.suggestion_texts(jsonb, integer),
  public.triage_suggestion(bigint, integer, jsonb)
to authenticated, service_role;

revoke all on public.suggestion from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.suggestion_id_seq from anon, authenticated, service_role;
grant select on public.suggestion to authenticated;
grant select, insert, update, delete on public.suggestion to service_role;

revoke all on public.suggestion_note from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.suggestion_note_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.suggestion_note to authenticated;
grant select, insert, update, delete on public.suggestion_note to service_role;

revoke all on public.suggestion_reply from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.suggestion_reply_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.suggestion_reply to authenticated;
grant select, insert, update, delete on public.suggestion_reply to service_role;

grant update (category, status, assigned_division_id, duplicate_of, public_body) on public.suggestion to authenticated;

grant insert (suggestion_id, body) on public.suggestion_note to authenticated;

grant insert (suggestion_id, body) on public.suggestion_reply to authenticated;
