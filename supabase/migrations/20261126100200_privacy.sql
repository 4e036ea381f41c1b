-- Personal data (PDPA B.E. 2562): contact details are erased when their retention ends, and at once when the citizen
-- asks. Both leave an audit row that says what happened and how many, never whose details they were.

create table public.job_run (
  job text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  result jsonb,
  primary key (job, started_at)
);
comment on table public.job_run is 'When each background job last ran and what it did (no personal data).';
alter table public.job_run enable row level security;
create policy job_run_read on public.job_run for select to authenticated
  using ((select app.staff_role()) = 'admin');
revoke all on public.job_run from anon, authenticated;
grant select on public.job_run to authenticated;
grant all on public.job_run to service_role;

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

revoke execute on function public.purge_expired_contacts(), public.forget_contact(text, text) from public, anon, authenticated;
grant execute on function public.purge_expired_contacts(), public.forget_contact(text, text) to service_role;
