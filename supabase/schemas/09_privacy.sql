-- Privacy and retention (PDPA B.E. 2562): contact details, apart from the answers, given only with the citizen's
-- separate consent, purged when their retention ends and erased at once when the citizen asks.
--
-- Who may touch it: the PR officer and admins read them; division staff only for suggestions routed to them whose
-- citizen asked for a reply; executives never. Only the server writes them (through submit_response) and erases
-- them (purge_expired_contacts, forget_contact), leaving an audit row that never says whose details they were.

create table public.contact_detail (
  suggestion_id bigint primary key references public.suggestion (id) on delete cascade,
  name text check (char_length(name) <= 100),
  phone text check (phone ~ '^\+?[0-9][0-9 -]{5,19}$'),
  email text check (char_length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  consent_at timestamptz not null default now(),
  purge_after timestamptz not null,
  line_user_id text check (line_user_id ~ '^U[0-9a-f]{32}$'),
  line_locale text check (line_locale in ('th', 'en', 'my')),
  check (phone is not null or email is not null or line_user_id is not null)
);


comment on table public.contact_detail is
  'PDPA: contact details a citizen gave, with separate consent, so that staff can reply. Apart from the answers, '
  'seen only by those who must reply, and purged after the retention period.';


comment on column public.contact_detail.line_user_id is
  'The LINE user a citizen linked through LIFF to follow the suggestion in LINE (14_line.sql). The server alone reads it, '
  'to push; no staff role may select it.';


create index contact_detail_line_user_idx on public.contact_detail (line_user_id) where line_user_id is not null;


create index contact_detail_purge_idx on public.contact_detail (purge_after);


alter table public.contact_detail enable row level security;



-- Contact details (PDPA): the PR officer and admins; division staff only for their suggestions whose citizen asked
-- for a reply. Executives never. Nobody edits them; they are purged after retention.
create policy contact_detail_read on public.contact_detail for select to authenticated
  using (
    (select app.staff_role()) in ('admin', 'pr_officer')
    or ((select app.staff_role()) = 'division_staff' and suggestion_id in (
         select s.id from public.suggestion s
         where s.assigned_division_id = (select app.staff_division()) and s.wants_reply)));



create or replace function public.purge_expired_contacts()
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_purged int;
begin
  -- One instance at a time: several app servers may schedule this job; the first takes it, the others skip.
  if not pg_try_advisory_xact_lock(hashtextextended('siang:job:purge_expired_contacts', 0)) then
    return jsonb_build_object('skipped', true);
  end if;
  with gone as (
    delete from public.contact_detail where purge_after <= now() returning suggestion_id
  )
  update public.suggestion s set wants_reply = false from gone where s.id = gone.suggestion_id;
  get diagnostics v_purged = row_count;
  insert into public.job_run (job, finished_at, result)
  values ('purge_expired_contacts', clock_timestamp(), jsonb_build_object('purged', v_purged));
  if v_purged > 0 then
    perform app.write_audit('contact_detail', 'retention', 'purge', null, jsonb_build_object('count', v_purged));
  end if;
  return jsonb_build_object('purged', v_purged);
end
$$;

comment on function public.purge_expired_contacts() is
  'Server only (scheduled hourly, or npm run purge:contacts): erase contact details past their retention.';



create or replace function public.forget_contact(p_reference text, p_contact text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
  v_given text := lower(regexp_replace(btrim(coalesce(p_contact, '')), '[\s-]', '', 'g'));
begin
  if v_given = '' or char_length(v_given) > 254 then
    perform app.refuse('required', 'contact');
  end if;
  -- The citizen proves it is theirs by giving the phone number or email they left: a reference alone is guessable.
  select c.suggestion_id into v_suggestion
  from public.contact_detail c
  join public.suggestion s on s.id = c.suggestion_id
  join public.response r on r.id = s.response_id
  where r.reference = app.normalize_reference(p_reference)
    and (lower(c.email) = v_given
         or regexp_replace(coalesce(c.phone, ''), '[\s-]', '', 'g') = translate(v_given, '๐๑๒๓๔๕๖๗๘๙', '0123456789'));
  if v_suggestion is null then
    return jsonb_build_object('forgotten', false);
  end if;
  delete from public.contact_detail where suggestion_id = v_suggestion;
  update public.suggestion set wants_reply = false where id = v_suggestion;
  perform app.write_audit('suggestion', v_suggestion::text, 'forget_contact', null, jsonb_build_object('requestedBy', 'citizen'));
  return jsonb_build_object('forgotten', true);
end
$$;

comment on function public.forget_contact(text, text) is
  'Server only, after rate limiting: erase the contact details of a reference when the caller gives the same phone or email.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all. No API role
-- holds TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  public.forget_contact(text, text),
  public.purge_expired_contacts()
from public, anon, authenticated, service_role;
grant execute on function
  public.forget_contact(text, text),
  public.purge_expired_contacts()
to service_role;

revoke all on public.contact_detail from anon, authenticated, service_role;
-- Every column but the LINE link: staff reply by phone or email; only the server pushes to LINE.
grant select (suggestion_id, name, phone, email, consent_at, purge_after) on public.contact_detail to authenticated;
grant select, insert, update, delete on public.contact_detail to service_role;
