-- The staff API: who am I, sign-in support for built-in accounts, the feedback inbox, one suggestion, and triage.
--
-- Invariants:
--   * inbox, suggestion_detail and triage_suggestion are security INVOKER: they read and write under the caller's
--     row level security, so a division's staff see and change only their division's suggestions whatever they ask.
--   * Sign-in helpers (auth_user_for_sign_in, start_staff_session, end_staff_session, staff_upsert) are for the server alone (service_role).
--   * Refusals: 42501 forbidden, P0002 not_found, 40001 stale_version, 22023 with a code for bad input.

-- ---------------------------------------------------------------------------------------------------------------
-- Who am I
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.staff_me(p_locale text default 'th')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'userId', s.user_id,
    'email', u.email,
    'displayName', s.display_name,
    'role', s.role,
    'division', case when d.id is null then null
                     else jsonb_build_object('id', d.id, 'slug', d.slug, 'name', app.localized(d.name, p_locale)) end)
  from public.staff s
  join auth.users u on u.id = s.user_id
  left join public.division d on d.id = s.division_id
  where s.user_id = auth.uid() and app.staff_role() is not null
$$;
comment on function public.staff_me(text) is 'The signed-in staff member''s profile, or null (not staff or deactivated).';

-- ---------------------------------------------------------------------------------------------------------------
-- Built-in accounts (SQL modes): the server checks the bcrypt hash itself
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.auth_user_for_sign_in(p_email text)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object('id', u.id, 'email', u.email, 'passwordHash', u.encrypted_password, 'active', coalesce(s.active, false))
  from auth.users u
  left join public.staff s on s.user_id = u.id
  where lower(u.email) = lower(btrim(p_email))
$$;
comment on function public.auth_user_for_sign_in(text) is 'Server only: the account and its bcrypt hash, for sign-in.';

create or replace function public.start_staff_session(p_user_id uuid, p_hours int)
returns uuid
language sql
security definer
set search_path = ''
as $$
  update auth.users set last_sign_in_at = now() where id = p_user_id;
  delete from public.staff_session where expires_at < now() - interval '1 day';
  insert into public.staff_session (user_id, expires_at) values (p_user_id, now() + make_interval(hours => p_hours))
  returning id;
$$;
comment on function public.start_staff_session(uuid, int) is 'Server only: record a built-in sign-in; the id goes into the token.';

create or replace function public.end_staff_session(p_session_id uuid)
returns void
language sql
security definer
set search_path = ''
as $$
  update public.staff_session set ended_at = now() where id = p_session_id and ended_at is null
$$;
comment on function public.end_staff_session(uuid) is 'Server only: sign-out; the session''s token is refused from now on.';

create or replace function public.staff_upsert(
  p_email text,
  p_role text,
  p_display_name text,
  p_division text default null,
  p_password_hash text default null,
  p_user_id uuid default null,
  p_is_demo boolean default false)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_email text := lower(btrim(p_email));
  v_user uuid := p_user_id;
  v_division bigint;
begin
  if v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    perform app.refuse('invalid_email', 'email');
  end if;
  if p_role not in ('admin', 'pr_officer', 'division_staff', 'executive') then
    perform app.refuse('invalid_choice', 'role');
  end if;
  if p_division is not null then
    select id into v_division from public.division where slug = p_division;
    if v_division is null then
      perform app.refuse('unknown_division', 'division');
    end if;
  elsif p_role = 'division_staff' then
    perform app.refuse('division_required', 'division');
  end if;
  if p_password_hash is not null and p_password_hash !~ '^\$2[aby]\$\d\d\$.{53}$' then
    perform app.refuse('invalid_value', 'password_hash');
  end if;

  if v_user is null then
    select id into v_user from auth.users where lower(email) = v_email;
  end if;
  if v_user is null then
    if p_password_hash is null then
      perform app.refuse('password_required', 'password');
    end if;
    insert into auth.users (email, encrypted_password, email_confirmed_at, raw_app_meta_data)
    values (v_email, p_password_hash, now(), '{"provider": "email"}')
    returning id into v_user;
  elsif p_password_hash is not null then
    update auth.users set encrypted_password = p_password_hash, updated_at = now() where id = v_user;
  end if;

  insert into public.staff (user_id, role, division_id, display_name, active, is_demo)
  values (v_user, p_role, v_division, btrim(p_display_name), true, p_is_demo)
  on conflict (user_id) do update
    set role = excluded.role, division_id = excluded.division_id, display_name = excluded.display_name, active = true;
  return jsonb_build_object('userId', v_user, 'email', v_email, 'role', p_role);
end
$$;
comment on function public.staff_upsert(text, text, text, text, text, uuid, boolean) is
  'Server only (npm run staff:add, demo data): create or update a staff account and its role.';

-- ---------------------------------------------------------------------------------------------------------------
-- The inbox
-- ---------------------------------------------------------------------------------------------------------------

create or replace function app.like_pattern(p_text text)
returns text
language sql
immutable
set search_path = ''
as $$
  select '%' || replace(replace(replace(p_text, '\', '\\'), '%', '\%'), '_', '\_') || '%'
$$;

create or replace function app.bangkok_day_start(p_day date)
returns timestamptz
language sql
immutable
set search_path = ''
as $$
  select p_day::timestamp at time zone 'Asia/Bangkok'
$$;

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
      'division', case when division_slug is null then null else jsonb_build_object('slug', division_slug, 'name', division_name) end)
      order by created_at desc, id desc) filter (where n <= v_limit), '[]'),
    (select jsonb_build_object('at', created_at, 'id', id) from numbered where n = v_limit and exists (select 1 from numbered where n > v_limit))
  into v_rows, v_next
  from numbered;

  return jsonb_build_object('items', v_rows, 'next', v_next);
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

create or replace function public.staff_options(p_locale text default 'th')
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'divisions', (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'slug', d.slug, 'name', app.localized(d.name, p_locale))
                   order by d.position, d.id), '[]') from public.division d),
    'servicePoints', (select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, p_locale),
                       'division', d.slug, 'active', p.active) order by d.position, p.id), '[]')
                      from public.service_point p join public.division d on d.id = p.division_id))
$$;
comment on function public.staff_options(text) is 'Staff: divisions and service points, for filters and forms.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------------------------------------------

revoke execute on function public.staff_me(text), public.auth_user_for_sign_in(text), public.start_staff_session(uuid, int), public.end_staff_session(uuid),
  public.staff_upsert(text, text, text, text, text, uuid, boolean), public.inbox(jsonb, text),
  public.suggestion_detail(bigint, text), public.triage_suggestion(bigint, int, jsonb), public.staff_options(text)
  from public, anon;
grant execute on function public.staff_me(text), public.inbox(jsonb, text), public.suggestion_detail(bigint, text),
  public.triage_suggestion(bigint, int, jsonb), public.staff_options(text) to authenticated, service_role;
revoke execute on function public.auth_user_for_sign_in(text), public.start_staff_session(uuid, int), public.end_staff_session(uuid),
  public.staff_upsert(text, text, text, text, text, uuid, boolean) from authenticated;
grant execute on function public.auth_user_for_sign_in(text), public.start_staff_session(uuid, int), public.end_staff_session(uuid),
  public.staff_upsert(text, text, text, text, text, uuid, boolean) to service_role;
revoke execute on all functions in schema app from public, anon;
grant execute on all functions in schema app to authenticated, service_role;
