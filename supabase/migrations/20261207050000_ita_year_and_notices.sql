-- Issue 20, the ITA year and closing the loop in the office:
--   * the ITA item map per fiscal year (public.ita_item, 14_ita.sql), with the defaults for FY2566–2569;
--   * a division's own address (division.email), shown and saved on the admin page;
--   * routing and resolution notices through the outbox (15_notices.sql; notification_outbox.kind gains 'routed' and
--     'resolved').

alter table public.division
  add column email text check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');

comment on column public.division.email is
  'The division''s own address: told when suggestions are routed to it (counts and a link). Null: its staff accounts.';

create or replace function public.admin_settings()
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  perform app.require_admin();
  return jsonb_build_object(
    'organisation', (select to_jsonb(o) - 'id' from public.organisation o where o.id = 1),
    'divisions', (select coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'slug', d.slug, 'name', d.name, 'position', d.position,
                    'email', d.email, 'servicePoints', (select count(*) from public.service_point p where p.division_id = d.id)) order by d.position, d.id), '[]')
                  from public.division d),
    'servicePoints', (select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', p.name, 'division', d.slug,
                        'services', p.services, 'active', p.active) order by d.position, p.id), '[]')
                      from public.service_point p join public.division d on d.id = p.division_id),
    'staff', (select coalesce(jsonb_agg(jsonb_build_object('userId', s.user_id, 'email', u.email, 'displayName', s.display_name,
                'role', s.role, 'division', d.slug, 'active', s.active, 'isDemo', s.is_demo, 'lastSignInAt', u.last_sign_in_at)
                order by s.active desc, s.role, s.display_name), '[]')
              from public.staff s join auth.users u on u.id = s.user_id left join public.division d on d.id = s.division_id));
end
$$;

comment on function public.admin_settings() is 'Admin: the organisation, divisions, service points and staff, for the admin pages.';


drop function public.admin_save_division(text, jsonb, integer);

create or replace function public.admin_save_division(p_slug text, p_name jsonb, p_position int default null, p_email text default null)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_name jsonb;
  v_slug text := lower(btrim(coalesce(p_slug, '')));
  v_email text := lower(btrim(p_email));
begin
  perform app.require_admin();
  if v_slug !~ '^[a-z0-9][a-z0-9-]{1,39}$' then perform app.refuse('invalid_slug', 'slug'); end if;
  v_name := app.expect_localized(p_name, 'name', 200);
  -- p_email: null keeps the address, '' removes it.
  if v_email <> '' and (char_length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$') then
    perform app.refuse('invalid_email', 'email');
  end if;
  insert into public.division (slug, name, position, email) values (v_slug, v_name, coalesce(p_position, 99), nullif(v_email, ''))
  on conflict (slug) do update set name = excluded.name, position = coalesce(p_position, public.division.position),
    email = case when v_email is null then public.division.email else nullif(v_email, '') end;
  return jsonb_build_object('slug', v_slug);
end
$$;

comment on function public.admin_save_division(text, jsonb, int, text) is
  'Admin: add or change a division: its names, position and the address its routing notices go to (audited).';

revoke all on function public.admin_save_division(text, jsonb, integer, text) from public, anon, authenticated, service_role;
grant execute on function public.admin_save_division(text, jsonb, integer, text) to authenticated, service_role;


alter table public.notification_outbox
  drop constraint notification_outbox_kind_check,
  add constraint notification_outbox_kind_check check (kind in ('alert', 'summary', 'routed', 'resolved'));

comment on column public.notification_outbox.recipients is
  'Staff addresses for summaries (the PR officers) and routing notices (the division); ALERT_EMAIL_TO is added by the '
  'sender to alerts and summaries. A citizen''s address is never stored here (15_notices.sql).';


-- ---------------------------------------------------------------------------------------------------------------
-- 14_ita.sql
-- ---------------------------------------------------------------------------------------------------------------

-- The ITA year: which OIT disclosure items (ข้อ O…) Siang's public pages answer, per fiscal year. The items are
-- renumbered from year to year (satisfaction O17, statistics O16, participation O30 in FY2566–2567; participation o25
-- from FY2568), so the map is data the admin keeps, not code: the participation page takes its heading's item code
-- from it, and the staff "ITA evidence" page lists each item with its public address for the assessment system.
--
-- Who may touch it: the admin writes (admin_save_ita_item, admin_delete_ita_item; every change audited); every staff
-- member reads (ita_items); the public reads only a year's codes, titles and pages (public_ita_items), never the
-- table.

create table public.ita_item (
  id bigint generated always as identity primary key,
  fiscal_year int not null check (fiscal_year between 2543 and 2743),
  code text not null check (code ~ '^[A-Za-z][A-Za-z0-9.-]{0,11}$'),
  title jsonb not null check (app.is_localized_text(title, 300)),
  -- The public page that answers the item: the satisfaction results, the participation page ("you said, we did" in
  -- the four parts o25 asks for), or the list of published improvements.
  page text not null check (page in ('results', 'participation', 'improvements')),
  position int not null default 0 check (position between 0 and 999),
  updated_at timestamptz not null default now(),
  unique (fiscal_year, code)
);


comment on table public.ita_item is
  'An OIT disclosure item of one fiscal year (its code and title) and the public page of Siang that answers it.';


create index ita_item_year_idx on public.ita_item (fiscal_year, position);


create trigger ita_item_touch before update on public.ita_item
  for each row execute function app.touch_updated_at();


create trigger ita_item_audit after insert or update or delete on public.ita_item
  for each row execute function app.audit_row('id');


alter table public.ita_item enable row level security;


create policy ita_item_read on public.ita_item for select to authenticated
  using ((select app.staff_role()) is not null);


create policy ita_item_insert on public.ita_item for insert to authenticated
  with check ((select app.staff_role()) = 'admin');


create policy ita_item_update on public.ita_item for update to authenticated
  using ((select app.staff_role()) = 'admin') with check ((select app.staff_role()) = 'admin');


create policy ita_item_delete on public.ita_item for delete to authenticated
  using ((select app.staff_role()) = 'admin');



-- The defaults, from shared/DOMAIN.md (checked against the NACC's published lists): FY2566–2567 statistics O16,
-- satisfaction report O17, participation O30; FY2568 participation o25 (scored 100 or 0: the topic, who took part,
-- the results, how they were used), with no standalone satisfaction-report item in the FY2568 lists found.
-- FY2569 was renumbered again and DOMAIN.md does not list the new codes: the rows below carry FY2568's o25 as a
-- placeholder that the admin must check against the FY2569 list and correct on the ITA evidence page.
insert into public.ita_item (fiscal_year, code, title, page, position) values
  (2566, 'O16', '{"th": "ข้อมูลเชิงสถิติการให้บริการ", "en": "Service statistics"}', 'results', 1),
  (2566, 'O17', '{"th": "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "en": "Service satisfaction survey report"}', 'results', 2),
  (2566, 'O30', '{"th": "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "en": "Opening opportunities to participate"}', 'participation', 3),
  (2567, 'O16', '{"th": "ข้อมูลเชิงสถิติการให้บริการ", "en": "Service statistics"}', 'results', 1),
  (2567, 'O17', '{"th": "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "en": "Service satisfaction survey report"}', 'results', 2),
  (2567, 'O30', '{"th": "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "en": "Opening opportunities to participate"}', 'participation', 3),
  (2568, 'o25', '{"th": "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "en": "Opening opportunities to participate"}', 'participation', 1),
  (2569, 'o25', '{"th": "การเปิดโอกาสให้เกิดการมีส่วนร่วม", "en": "Opening opportunities to participate"}', 'participation', 1);



-- ---------------------------------------------------------------------------------------------------------------
-- Reading and changing the map
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.ita_items(p_fiscal_year int default null, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  if app.staff_role() is null then raise exception 'forbidden' using errcode = '42501'; end if;
  return (
    select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'fiscalYear', i.fiscal_year, 'code', i.code,
             'title', app.localized(i.title, p_locale), 'rawTitle', i.title, 'page', i.page, 'position', i.position)
             order by i.fiscal_year desc, i.position, i.code), '[]')
    from public.ita_item i
    where p_fiscal_year is null or i.fiscal_year = p_fiscal_year);
end
$$;

comment on function public.ita_items(int, text) is 'Staff: the ITA item map, of one fiscal year or of all.';



create or replace function public.public_ita_items(p_fiscal_year int, p_locale text default 'th')
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- What the public pages need and nothing more: a year's codes, titles and the page that answers each.
  select coalesce(jsonb_agg(jsonb_build_object('code', i.code, 'title', app.localized(i.title, p_locale), 'page', i.page)
                  order by i.position, i.code), '[]')
  from public.ita_item i
  where i.fiscal_year = p_fiscal_year
$$;

comment on function public.public_ita_items(int, text) is 'Public: the OIT items a fiscal year''s public pages answer (code, title, page).';



create or replace function public.admin_save_ita_item(p_id bigint, p_item jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_item, '{}');
  v_year int;
  v_code text;
  v_id bigint;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['fiscalYear', 'code', 'title', 'page', 'position']);
  if jsonb_typeof(c -> 'fiscalYear') <> 'number' or (c ->> 'fiscalYear')::numeric not between 2543 and 2743
     or (c ->> 'fiscalYear')::numeric <> trunc((c ->> 'fiscalYear')::numeric) then
    perform app.refuse('invalid_value', 'fiscalYear');
  end if;
  v_year := (c ->> 'fiscalYear')::int;
  v_code := btrim(coalesce(app.expect_text(c -> 'code', 'code', 12), ''));
  if v_code !~ '^[A-Za-z][A-Za-z0-9.-]{0,11}$' then perform app.refuse('invalid_code', 'code'); end if;
  if c ? 'position' and (jsonb_typeof(c -> 'position') <> 'number' or (c ->> 'position')::numeric not between 0 and 999
                         or (c ->> 'position')::numeric <> trunc((c ->> 'position')::numeric)) then
    perform app.refuse('invalid_value', 'position');
  end if;
  if exists (select 1 from public.ita_item i where i.fiscal_year = v_year and i.code = v_code and i.id is distinct from p_id) then
    perform app.refuse('duplicate_code', 'code');
  end if;
  if p_id is null then
    insert into public.ita_item (fiscal_year, code, title, page, position)
    values (v_year, v_code, app.expect_localized(c -> 'title', 'title', 300),
            app.expect_text(c -> 'page', 'page', 20, array['results', 'participation', 'improvements']),
            coalesce((c ->> 'position')::int, 0))
    returning id into v_id;
  else
    update public.ita_item set
      fiscal_year = v_year, code = v_code, title = app.expect_localized(c -> 'title', 'title', 300),
      page = app.expect_text(c -> 'page', 'page', 20, array['results', 'participation', 'improvements']),
      position = coalesce((c ->> 'position')::int, position)
    where id = p_id
    returning id into v_id;
    if v_id is null then raise exception 'not_found' using errcode = 'P0002'; end if;
  end if;
  return jsonb_build_object('id', v_id);
end
$$;

comment on function public.admin_save_ita_item(bigint, jsonb) is
  'Admin: add (p_id null) or change an ITA item of a fiscal year: code, title, the page that answers it (audited).';



create or replace function public.admin_delete_ita_item(p_id bigint)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform app.require_admin();
  delete from public.ita_item where id = p_id;
  if not found then raise exception 'not_found' using errcode = 'P0002'; end if;
end
$$;

comment on function public.admin_delete_ita_item(bigint) is 'Admin: remove an ITA item from a fiscal year''s map (audited).';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

revoke all on function
  public.admin_delete_ita_item(bigint),
  public.admin_save_ita_item(bigint, jsonb),
  public.ita_items(integer, text),
  public.public_ita_items(integer, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.public_ita_items(integer, text)
to anon, authenticated, service_role;
grant execute on function
  public.admin_delete_ita_item(bigint),
  public.admin_save_ita_item(bigint, jsonb),
  public.ita_items(integer, text)
to authenticated, service_role;

revoke all on public.ita_item from anon, authenticated, service_role;
-- Its identity sequence: INSERT numbers rows without any privilege on it, so nobody needs one.
revoke all on sequence public.ita_item_id_seq from anon, authenticated, service_role;
grant select, insert, update, delete on public.ita_item to authenticated;
grant select, insert, update, delete on public.ita_item to service_role;


-- ---------------------------------------------------------------------------------------------------------------
-- 15_notices.sql
-- ---------------------------------------------------------------------------------------------------------------

-- Notices that close the loop in the office: a division is told when suggestions are routed to it, and a citizen who
-- left an email is told when their suggestion is resolved. Both go through notification_outbox (12_alerts.sql), so
-- they are written in the transaction that routed or resolved, survive restarts, are retried with backoff, and are
-- sent exactly once by whichever app instance claims them.
--
-- Invariants:
--   * Triggers on public.suggestion decide, whatever the path (triage, an action's "resolve", the Supabase API).
--   * A routing notice carries counts, the division and a link: never the suggestion's text or the citizen's data.
--     Routings that wait unsent for the same division are merged into one notice (its count grows).
--   * A resolution notice stores no address: its payload names the suggestion, and the sender reads the address at
--     sending time (notification_citizen_notice, service role only). A contact erased before then (forget_contact,
--     retention) is never written to by mistake: there is simply no one to send to.
--   * The channels: app.notice_channels() is the one place that says which channels a notice goes to (email today;
--     a LINE channel is added there, to notification_outbox.channel, and to lib/notices/channels.ts).
--
-- Who may touch it: nobody calls the trigger functions; notification_citizen_notice is for the server's job only.

create or replace function app.notice_channels()
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array['email']
$$;

comment on function app.notice_channels() is
  'The channels a division or citizen notice is sent on (the place to add LINE when it is set up).';



create or replace function app.enqueue_division_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_division public.division;
  v_recipients text[];
  v_open int;
  v_channel text;
  v_payload jsonb;
begin
  if new.assigned_division_id is null or new.assigned_division_id is not distinct from old.assigned_division_id then
    return null;
  end if;
  select * into v_division from public.division where id = new.assigned_division_id;
  -- The division's own address (admin settings); without one, its active staff accounts.
  v_recipients := case when v_division.email is not null then array[v_division.email] else
    coalesce((select array_agg(u.email order by u.email) from public.staff s join auth.users u on u.id = s.user_id
              where s.active and s.role = 'division_staff' and s.division_id = v_division.id and u.email is not null), '{}') end;
  if cardinality(v_recipients) = 0 then
    return null; -- no one to tell; the inbox still shows it
  end if;
  v_open := (select count(*) from public.suggestion s
             where s.assigned_division_id = v_division.id and s.status in ('assigned', 'in_progress'));
  foreach v_channel in array app.notice_channels() loop
    -- Merge into a notice for this division that no sender has taken yet (a claimed row is 'sending', not matched).
    update public.notification_outbox o
       set payload = o.payload || jsonb_build_object('routed', (o.payload ->> 'routed')::int + 1, 'open', v_open),
           recipients = v_recipients
     where o.kind = 'routed' and o.channel = v_channel and o.status = 'pending' and o.attempts = 0
       and o.payload ->> 'division' = v_division.slug;
    if not found then
      v_payload := jsonb_build_object('type', 'routed', 'division', v_division.slug, 'divisionName', v_division.name,
                                      'routed', 1, 'open', v_open);
      insert into public.notification_outbox (kind, channel, dedupe_key, payload, recipients)
      values ('routed', v_channel, 'routed:' || v_division.id || ':' || new.id || ':' || new.version || ':' || v_channel,
              v_payload, v_recipients)
      on conflict (dedupe_key) do nothing;
    end if;
  end loop;
  return null;
end
$$;

comment on function app.enqueue_division_notice() is
  'Trigger: a suggestion routed to a division queues (or grows) one notice to the division: counts and a link only.';



create or replace function app.enqueue_citizen_notice()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_channel text;
begin
  if new.status <> 'resolved' or old.status = 'resolved' or not new.wants_reply
     or not exists (select 1 from public.contact_detail c where c.suggestion_id = new.id and c.email is not null) then
    return null;
  end if;
  foreach v_channel in array app.notice_channels() loop
    insert into public.notification_outbox (kind, channel, dedupe_key, payload)
    values ('resolved', v_channel, 'resolved:' || new.id || ':' || new.version || ':' || v_channel,
            jsonb_build_object('type', 'resolved', 'suggestionId', new.id))
    on conflict (dedupe_key) do nothing;
  end loop;
  return null;
end
$$;

comment on function app.enqueue_citizen_notice() is
  'Trigger: a resolved suggestion whose citizen left an email and asked for a reply queues a notice (no address stored).';



create trigger suggestion_division_notice after update on public.suggestion
  for each row execute function app.enqueue_division_notice();


create trigger suggestion_citizen_notice after update on public.suggestion
  for each row execute function app.enqueue_citizen_notice();



create or replace function public.notification_citizen_notice(p_id bigint)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  -- Only for a resolution notice a sender holds right now: the address, the reference, the citizen's language and
  -- the latest public reply. Null when the contact was erased meanwhile.
  select jsonb_build_object('email', c.email, 'reference', r.reference, 'locale', r.locale, 'status', s.status,
           'reply', (select x.body from public.suggestion_reply x where x.suggestion_id = s.id order by x.created_at desc, x.id desc limit 1))
  from public.notification_outbox o
  join public.suggestion s on s.id = (o.payload ->> 'suggestionId')::bigint
  join public.response r on r.id = s.response_id
  join public.contact_detail c on c.suggestion_id = s.id
  where o.id = p_id and o.kind = 'resolved' and o.status = 'sending' and c.email is not null
$$;

comment on function public.notification_citizen_notice(bigint) is
  'Server only: for a claimed resolution notice, the citizen''s email, reference, language and the latest public reply.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges
-- ---------------------------------------------------------------------------------------------------------------

revoke all on function
  app.enqueue_citizen_notice(),
  app.enqueue_division_notice(),
  app.notice_channels(),
  public.notification_citizen_notice(bigint)
from public, anon, authenticated, service_role;
grant execute on function
  app.enqueue_citizen_notice(),
  app.enqueue_division_notice(),
  app.notice_channels()
to authenticated, service_role;
grant execute on function
  public.notification_citizen_notice(bigint)
to service_role;
