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
