-- The yearly report's signature block (issue 20): who prepared the report and who approved it, name and position in
-- Thai and English, set by the admin on the organisation form and printed at the end of /staff/reports/<year>. Every
-- staff member may print the report, so every staff member reads it through report_signatories(); it is not public.

alter table public.organisation
  add column report_signatories jsonb not null default '{}' check (jsonb_typeof(report_signatories) = 'object');

comment on column public.organisation.report_signatories is
  'Who signs the yearly report: {"preparer"|"approver": {"name"|"position": {"th"?, "en"?}}}, each text at most 200 '
  'characters; a part left out prints as a blank line to write by hand.';

create or replace function app.expect_signatories(v jsonb)
returns jsonb
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_out jsonb := '{}';
  v_role text;
  v_part text;
  v_lang text;
  v_text text;
begin
  perform app.expect_keys(v, 'reportSignatories', array['preparer', 'approver']);
  foreach v_role in array array['preparer', 'approver'] loop
    continue when not v ? v_role;
    perform app.expect_keys(v -> v_role, 'reportSignatories', array['name', 'position']);
    foreach v_part in array array['name', 'position'] loop
      continue when not (v -> v_role) ? v_part;
      perform app.expect_keys(v -> v_role -> v_part, 'reportSignatories', array['th', 'en']);
      foreach v_lang in array array['th', 'en'] loop
        v_text := nullif(btrim(coalesce(app.expect_text(v -> v_role -> v_part -> v_lang, 'reportSignatories', 200), '')), '');
        continue when v_text is null;
        v_out := jsonb_set(v_out, array[v_role], coalesce(v_out -> v_role, '{}'));
        v_out := jsonb_set(v_out, array[v_role, v_part], coalesce(v_out -> v_role -> v_part, '{}'));
        v_out := jsonb_set(v_out, array[v_role, v_part, v_lang], to_jsonb(v_text));
      end loop;
    end loop;
  end loop;
  return v_out;
end
$$;

comment on function app.expect_signatories(jsonb) is
  'Validate and tidy the report''s signatories (organisation.report_signatories): known keys only, texts up to 200.';

create or replace function public.admin_update_organisation(p_changes jsonb)
returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  c jsonb := coalesce(p_changes, '{}');
  v_org public.organisation;
begin
  perform app.require_admin();
  perform app.expect_keys(c, null, array['name', 'referencePrefix', 'contact', 'pdpaNotice', 'contactRetentionDays',
    'levelBands', 'thaiDigits', 'eitUrl', 'burstWindowSeconds', 'burstMaxPerSource', 'burstMaxPerDevice', 'replyDueDays',
    'reportSignatories']);
  select * into v_org from public.organisation where id = 1;
  if c ? 'name' then v_org.name := app.expect_localized(c -> 'name', 'name', 200); end if;
  if c ? 'referencePrefix' then
    v_org.reference_prefix := upper(app.expect_text(c -> 'referencePrefix', 'referencePrefix', 6));
    if v_org.reference_prefix !~ '^[A-Z]{1,6}$' then perform app.refuse('invalid_value', 'referencePrefix'); end if;
  end if;
  if c ? 'contact' then
    perform app.expect_keys(c -> 'contact', 'contact', array['office', 'address', 'phone', 'email', 'website']);
    v_org.contact := c -> 'contact';
  end if;
  if c ? 'pdpaNotice' then
    v_org.pdpa_notice := case when c -> 'pdpaNotice' = '{}'::jsonb then '{}'::jsonb
                              else app.expect_localized(c -> 'pdpaNotice', 'pdpaNotice', 2000) end;
  end if;
  if c ? 'contactRetentionDays' then
    if jsonb_typeof(c -> 'contactRetentionDays') <> 'number' or (c ->> 'contactRetentionDays')::numeric not between 30 and 3650 then
      perform app.refuse('invalid_value', 'contactRetentionDays');
    end if;
    v_org.contact_retention_days := (c ->> 'contactRetentionDays')::int;
  end if;
  if c ? 'levelBands' then v_org.level_bands := app.expect_text(c -> 'levelBands', 'levelBands', 3, array['0.5', '0.8']); end if;
  if c ? 'thaiDigits' then
    if jsonb_typeof(c -> 'thaiDigits') <> 'boolean' then perform app.refuse('invalid_value', 'thaiDigits'); end if;
    v_org.thai_digits := (c ->> 'thaiDigits')::boolean;
  end if;
  if c ? 'eitUrl' then
    v_org.eit_url := nullif(btrim(coalesce(app.expect_text(c -> 'eitUrl', 'eitUrl', 500), '')), '');
    if v_org.eit_url is not null and v_org.eit_url !~ '^https://[^\s]+$' then perform app.refuse('invalid_url', 'eitUrl'); end if;
  end if;
  if c ? 'burstWindowSeconds' then v_org.burst_window_seconds := (c ->> 'burstWindowSeconds')::int; end if;
  if c ? 'burstMaxPerSource' then v_org.burst_max_per_source := (c ->> 'burstMaxPerSource')::int; end if;
  if c ? 'burstMaxPerDevice' then v_org.burst_max_per_device := (c ->> 'burstMaxPerDevice')::int; end if;
  if c ? 'replyDueDays' then v_org.reply_due_days := (c ->> 'replyDueDays')::int; end if;
  if c ? 'reportSignatories' then v_org.report_signatories := app.expect_signatories(c -> 'reportSignatories'); end if;

  update public.organisation set
    name = v_org.name, reference_prefix = v_org.reference_prefix, contact = v_org.contact, pdpa_notice = v_org.pdpa_notice,
    contact_retention_days = v_org.contact_retention_days, level_bands = v_org.level_bands, thai_digits = v_org.thai_digits,
    eit_url = v_org.eit_url, burst_window_seconds = v_org.burst_window_seconds, burst_max_per_source = v_org.burst_max_per_source,
    burst_max_per_device = v_org.burst_max_per_device, reply_due_days = v_org.reply_due_days,
    report_signatories = v_org.report_signatories, updated_at = now()
  where id = 1;
exception
  when check_violation or invalid_text_representation or numeric_value_out_of_range then
    perform app.refuse('invalid_value', 'organisation');
end
$$;

comment on function public.admin_update_organisation(jsonb) is 'Admin: change the organisation profile and settings (audited).';

create or replace function public.report_signatories()
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select o.report_signatories from public.organisation o where o.id = 1
$$;

comment on function public.report_signatories() is
  'Staff: the names and positions printed in the yearly report''s signature block.';

revoke all on function
  app.expect_signatories(jsonb),
  public.report_signatories()
from public, anon, authenticated, service_role;
grant execute on function
  app.expect_signatories(jsonb),
  public.report_signatories()
to authenticated, service_role;
