-- Issue 17, complainants and receipts: only the citizen who holds a response's receipt may amend it, erase its
-- contact details or answer "did this solve it?", and a status page needs the check code printed beside the
-- reference. Restates the changed objects of 06_responses, 08_feedback, 09_privacy and 10_improvements.

alter table public.response add column receipt_hash text check (receipt_hash ~ '^[0-9a-f]{64}$');

comment on column public.response.receipt_hash is
  'SHA-256 of the receipt secret the server gave the citizen''s browser at the first submission (issue 17). Only its '
  'holder may amend the response, erase its contact details or say whether its suggestion was solved. Null for '
  'imports, kiosk presses and responses stored before receipts existed.';

create or replace function app.check_code(p_response_id uuid)
returns text
language sql
immutable
set search_path = ''
as $$
  -- Letters only, none that looks like a digit (no B, I, L, O, S, Z), so that the code never runs into the digits of
  -- the reference when typed without separators: 20^4 = 160,000 codes. Two bytes per letter make the bias negligible.
  select string_agg(substr('ACDEFGHJKMNPQRTUVWXY', (get_byte(d.h, 2 * i) * 256 + get_byte(d.h, 2 * i + 1)) % 20 + 1, 1), '' order by i)
  from (select sha256(convert_to('siang:check-code:', 'UTF8') || uuid_send(p_response_id)) as h) d,
       generate_series(0, 3) as i
$$;

comment on function app.check_code(uuid) is
  'The four-letter check code printed beside a response''s reference (from its random id; not computable from the reference).';

create or replace function app.receipt_hash(p_receipt text)
returns text
language sql
immutable
set search_path = ''
as $$
  -- The secret is 128 random bits, so a plain SHA-256 is enough (nothing to brute-force); anything malformed hashes
  -- to null, which matches no stored receipt.
  select case when p_receipt ~ '^[A-Za-z0-9_-]{16,64}$' then encode(sha256(convert_to(p_receipt, 'UTF8')), 'hex') end
$$;

comment on function app.receipt_hash(text) is
  'The stored form of a receipt secret (hex SHA-256), or null when the text is not a receipt secret.';

revoke all on function app.check_code(uuid), app.receipt_hash(text) from public, anon, authenticated, service_role;

create or replace function public.submit_response(p_submission jsonb)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  s jsonb := p_submission;
  v_key uuid;
  v_point public.service_point;
  v_response public.response;
  v_created boolean := false;
  v_at timestamptz := now();
  v_rating smallint;
  v_channel text;
  v_questions text[];
  v_item public.survey_item;
  v_entry record;
  v_text text;
  v_category text;
  v_suggestion public.suggestion;
  v_retention int;
  v_phone text;
  v_email text;
  v_amend_window constant interval := interval '2 hours';
  v_org public.organisation;
  v_source text;
  v_device text;
  v_flag text;
  v_recent int;
  v_version_id bigint;
  v_locale text;
  v_bad record;
  v_gender text;
  v_age_band text;
  v_education text;
  v_occupation text;
  v_name text;
  v_has_suggestion boolean;
  v_receipt_hash text;
begin
  perform app.expect_keys(s, null, array[
    'client_key', 'service_point', 'locale', 'channel', 'overall_rating', 'answers', 'respondent', 'suggestion',
    'contact', 'source_hash', 'device_key', 'flag', 'created_at', 'is_demo', 'receipt']);

  if (s ->> 'client_key') ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    v_key := (s ->> 'client_key')::uuid; -- the usual form, without entering a block that catches (a subtransaction)
  else
    begin
      v_key := (s ->> 'client_key')::uuid;
    exception when invalid_text_representation then
      v_key := null;
    end;
  end if;
  if v_key is null then
    perform app.refuse('invalid_client_key', 'client_key');
  end if;

  select * into v_point from public.service_point
  where slug = app.expect_text(s -> 'service_point', 'service_point', 40);
  if not found then
    perform app.refuse('unknown_service_point', 'service_point');
  end if;

  v_rating := app.expect_rating(s -> 'overall_rating', 'overall_rating');
  v_receipt_hash := app.receipt_hash(app.expect_text(s -> 'receipt', 'receipt', 64));
  if v_receipt_hash is null and s ? 'receipt' and s -> 'receipt' <> 'null'::jsonb then
    perform app.refuse('invalid_value', 'receipt');
  end if;
  v_channel := coalesce(app.expect_text(s -> 'channel', 'channel', 10, array['qr', 'web', 'kiosk', 'paper']), 'qr');

  if s ? 'created_at' then
    -- Only imports (paper forms, demo data) name their own date; it may not lie in the future.
    begin
      v_at := (s ->> 'created_at')::timestamptz;
    exception when others then
      perform app.refuse('invalid_date', 'created_at');
    end;
    if v_at is null or v_at > now() + interval '5 minutes' or v_at < timestamptz '2015-01-01' then
      perform app.refuse('invalid_date', 'created_at');
    end if;
  end if;

  -- Serialise submissions that carry the same key: a double tap waits here, then finds the first one's row.
  perform pg_advisory_xact_lock(hashtextextended('siang:response:' || v_key::text, 0));
  select * into v_response from public.response where client_key = v_key for update;

  if found then
    -- Only the receipt's holder amends (issue 17): the client key travels in URLs that others see. Whoever lacks it is
    -- told what a closed response tells, and the server starts a new response for them: nothing here changes, and
    -- nothing says whose key it was. (Imports name no receipt, and re-send their own, which have none.)
    if v_response.receipt_hash is distinct from v_receipt_hash then
      perform app.refuse('response_closed', 'client_key');
    end if;
    if v_response.service_point_id <> v_point.id then
      perform app.refuse('client_key_reused', 'client_key');
    end if;
    if v_response.created_at < now() - v_amend_window and not (s ? 'created_at') then
      perform app.refuse('response_closed', 'client_key');
    end if;
    v_version_id := v_response.survey_version_id;
  else
    if not v_point.active then
      perform app.refuse('service_point_retired', 'service_point');
    end if;
    -- Ballot stuffing: many citizens share one municipal Wi-Fi address, so nothing is refused here. Responses beyond
    -- the configured number per address (or per device) and service point within the window are kept, but flagged,
    -- and flagged responses are left out of every statistic. The lock makes concurrent bursts count exactly.
    select * into v_org from public.organisation where id = 1;
    v_source := app.expect_text(s -> 'source_hash', 'source_hash', 128);
    v_device := app.expect_text(s -> 'device_key', 'device_key', 128);
    v_flag := app.expect_text(s -> 'flag', 'flag', 20, array['burst_address', 'burst_device', 'repeat_press']);
    if v_flag is null and v_source is not null then
      perform pg_advisory_xact_lock(hashtextextended('siang:source:' || v_source || ':' || v_point.id, 0));
      v_recent := app.responses_from_source(v_source, v_point.id, v_at - make_interval(secs => v_org.burst_window_seconds));
      if v_recent >= v_org.burst_max_per_source then
        v_flag := 'burst_address';
      end if;
    end if;
    if v_flag is null and v_device is not null then
      perform pg_advisory_xact_lock(hashtextextended('siang:device:' || v_device || ':' || v_point.id, 0));
      v_recent := app.responses_from_device(v_device, v_point.id, v_at - make_interval(secs => v_org.burst_window_seconds));
      if v_recent >= v_org.burst_max_per_device then
        v_flag := 'burst_device';
      end if;
    end if;
    select v.id into v_version_id from public.survey_version v where v.status = 'published';
    if v_version_id is null then
      perform app.refuse('no_published_survey', null);
    end if;
    v_locale := coalesce(app.expect_text(s -> 'locale', 'locale', 2, array['th', 'en', 'my']), 'th');
  end if;

  -- Dimension items, by code, within the version this response answers: the first bad answer, in key order.
  if s ? 'answers' and s -> 'answers' <> 'null'::jsonb then
    if jsonb_typeof(s -> 'answers') <> 'object' then
      perform app.refuse('invalid_value', 'answers');
    end if;
    select a.key, i.id is null as unknown into v_bad
    from jsonb_each(s -> 'answers') with ordinality as a (key, value, ord)
    left join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key
    where i.id is null
       or case when jsonb_typeof(a.value) = 'number' then (a.value::text)::numeric not in (1, 2, 3, 4, 5) else true end
    order by a.ord
    limit 1;
    if v_bad.unknown then
      perform app.refuse('unknown_item', 'answers.' || left(v_bad.key, 40));
    elsif v_bad.key is not null then
      perform app.refuse('invalid_rating', 'answers.' || v_bad.key);
    end if;
  end if;

  -- Optional respondent questions: only those this version asks.
  if s ? 'respondent' and s -> 'respondent' <> 'null'::jsonb then
    select respondent_questions into v_questions from public.survey_version where id = v_version_id;
    perform app.expect_keys(s -> 'respondent', 'respondent', v_questions);
    v_gender := app.expect_text(s #> '{respondent,gender}', 'respondent.gender', 20,
      array['male', 'female', 'other', 'undisclosed']);
    v_age_band := app.expect_text(s #> '{respondent,age_band}', 'respondent.age_band', 20,
      array['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus']);
    v_education := app.expect_text(s #> '{respondent,education}', 'respondent.education', 20,
      array['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other']);
    v_occupation := app.expect_text(s #> '{respondent,occupation}', 'respondent.occupation', 20,
      array['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other']);
  end if;

  -- Every check before the first write: a refused submission stores nothing and takes no reference number.
  -- "What should we improve?" One suggestion per response; it may be edited until staff have looked at it.
  if v_response.id is not null then
    select * into v_suggestion from public.suggestion where response_id = v_response.id;
  end if;
  if s ? 'suggestion' and s -> 'suggestion' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'suggestion', 'suggestion', array['text', 'category']);
    v_text := app.expect_text(s #> '{suggestion,text}', 'suggestion.text', 2000);
    if v_text is null or btrim(v_text) = '' then
      perform app.refuse('required', 'suggestion.text');
    end if;
    v_category := coalesce(app.expect_text(s #> '{suggestion,category}', 'suggestion.category', 20,
      array['process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other']), 'other');
    if v_suggestion.id is not null and (v_suggestion.body <> v_text or v_suggestion.category <> v_category)
       and v_suggestion.status <> 'new' then
      perform app.refuse('suggestion_locked', 'suggestion.text');
    end if;
  end if;
  v_has_suggestion := v_suggestion.id is not null or v_text is not null;

  -- Contact details: only with explicit consent, only to get a reply to a suggestion.
  if s ? 'contact' and s -> 'contact' <> 'null'::jsonb then
    perform app.expect_keys(s -> 'contact', 'contact', array['consent', 'name', 'phone', 'email']);
    if (s #> '{contact,consent}') is distinct from 'true'::jsonb then
      perform app.refuse('consent_required', 'contact.consent');
    end if;
    if not v_has_suggestion then
      perform app.refuse('contact_needs_suggestion', 'suggestion.text');
    end if;
    v_phone := nullif(btrim(app.expect_text(s #> '{contact,phone}', 'contact.phone', 20)), '');
    v_email := nullif(btrim(app.expect_text(s #> '{contact,email}', 'contact.email', 254)), '');
    if v_phone is null and v_email is null then
      perform app.refuse('contact_needs_channel', 'contact.phone');
    end if;
    if v_phone is not null and v_phone !~ '^\+?[0-9][0-9 -]{5,19}$' then
      perform app.refuse('invalid_phone', 'contact.phone');
    end if;
    if v_email is not null and v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
      perform app.refuse('invalid_email', 'contact.email');
    end if;
    v_name := nullif(btrim(app.expect_text(s #> '{contact,name}', 'contact.name', 100)), '');
  end if;

  if v_response.id is null then
    -- A new response is written once, with its respondent answers (no second version of the row).
    insert into public.response (
      client_key, reference, service_point_id, survey_version_id, channel, locale, overall_rating,
      gender, age_band, education, occupation, is_demo, flag, source_hash, device_key, created_at, updated_at,
      receipt_hash)
    values (v_key, app.next_reference(v_at), v_point.id, v_version_id, v_channel, v_locale, v_rating,
            v_gender, v_age_band, v_education, v_occupation, coalesce((s -> 'is_demo') = 'true'::jsonb, false),
            v_flag, v_source, v_device, v_at, v_at, v_receipt_hash)
    returning * into v_response;
    v_created := true;
  elsif v_response.overall_rating <> v_rating
     or coalesce(v_gender, v_education, v_age_band, v_occupation) is not null then
    update public.response set
      overall_rating = v_rating,
      gender = coalesce(v_gender, gender),
      age_band = coalesce(v_age_band, age_band),
      education = coalesce(v_education, education),
      occupation = coalesce(v_occupation, occupation)
    where id = v_response.id;
  end if;

  -- In one statement: the statistics triggers run once per statement. A response created just now has no answers
  -- yet: a plain insert, without ON CONFLICT's speculative insertion per row and the UPDATE triggers it fires.
  if s ? 'answers' and s -> 'answers' <> 'null'::jsonb and v_created then
    insert into public.response_answer (response_id, survey_version_id, item_id, rating)
    select v_response.id, v_version_id, i.id, ((a.value::text)::numeric)::smallint
    from jsonb_each(s -> 'answers') a
    join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key;
  elsif s ? 'answers' and s -> 'answers' <> 'null'::jsonb then
    insert into public.response_answer (response_id, survey_version_id, item_id, rating)
    select v_response.id, v_version_id, i.id, ((a.value::text)::numeric)::smallint
    from jsonb_each(s -> 'answers') a
    join public.survey_item i on i.survey_version_id = v_version_id and i.code = a.key
    on conflict (response_id, item_id) do update set rating = excluded.rating
      where public.response_answer.rating is distinct from excluded.rating;
  end if;

  if v_text is not null then
    if v_suggestion.id is null then
      insert into public.suggestion (response_id, body, category, wants_reply, created_at, updated_at)
      values (v_response.id, v_text, v_category, coalesce(s -> 'contact', 'null'::jsonb) <> 'null'::jsonb, v_at, v_at)
      returning * into v_suggestion;
    elsif v_suggestion.body <> v_text or v_suggestion.category <> v_category then
      update public.suggestion set body = v_text, category = v_category
      where id = v_suggestion.id
      returning * into v_suggestion;
    end if;
  end if;

  if v_phone is not null or v_email is not null then
    v_retention := v_org.contact_retention_days;
    if v_org.id is null then
      select contact_retention_days into v_retention from public.organisation where id = 1;
    end if;
    insert into public.contact_detail (suggestion_id, name, phone, email, consent_at, purge_after)
    values (v_suggestion.id, v_name, v_phone, v_email, now(), now() + make_interval(days => coalesce(v_retention, 365)))
    on conflict (suggestion_id) do update
      set name = excluded.name, phone = excluded.phone, email = excluded.email,
          consent_at = excluded.consent_at, purge_after = excluded.purge_after;
    if not v_suggestion.wants_reply then
      update public.suggestion set wants_reply = true where id = v_suggestion.id;
    end if;
  end if;

  -- The citizen is not told whether their response was flagged: that would teach a stuffer the threshold.
  return jsonb_build_object(
    'responseId', v_response.id,
    'reference', v_response.reference,
    'checkCode', app.check_code(v_response.id),
    'created', v_created,
    'hasSuggestion', v_suggestion.id is not null);
end
$$;

comment on function public.submit_response(jsonb) is
  'Server only (service_role): store a response, or add to the one with the same client_key and receipt. Validates '
  'everything before the first write; refusals raise 22023 with a code in MESSAGE and the field in DETAIL.';

-- The tracking functions take the check code and become the server's (after its per-address limit); erasure and
-- "did this solve it?" take the receipt secret. New argument lists (or names), so the old functions go first.
drop function public.track_response(text, text);
drop function public.track_actions(text, text);
drop function public.forget_contact(text, text);
drop function public.record_resolution_feedback(text, text);

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

create or replace function public.forget_contact(p_reference text, p_receipt text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_hash text := app.receipt_hash(p_receipt);
  v_suggestion bigint;
begin
  -- The citizen proves it is theirs with the receipt secret their browser was given (issue 17): a reference is
  -- sequential and a phone number is known to others, so neither is proof. One answer whatever happened, so that
  -- the call tells nothing: not whether the reference exists, had contact details, or the secret was right. The
  -- same lookup runs either way; only an erasure writes.
  select c.suggestion_id into v_suggestion
  from public.response r
  join public.suggestion s on s.response_id = r.id
  join public.contact_detail c on c.suggestion_id = s.id
  where r.reference = app.normalize_reference(p_reference)
    and r.receipt_hash = v_hash;
  if v_suggestion is not null then
    delete from public.contact_detail where suggestion_id = v_suggestion;
    update public.suggestion set wants_reply = false where id = v_suggestion;
    perform app.write_audit('suggestion', v_suggestion::text, 'forget_contact', null, jsonb_build_object('requestedBy', 'citizen'));
  end if;
  return jsonb_build_object('done', true);
end
$$;

comment on function public.forget_contact(text, text) is
  'Server only, after rate limiting: erase the contact details of a reference when the caller holds its receipt '
  'secret; answers {done: true} whatever happened.';

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

revoke all on function
  public.forget_contact(text, text),
  public.record_resolution_feedback(text, text, text),
  public.track_actions(text, text, text),
  public.track_response(text, text, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.forget_contact(text, text),
  public.record_resolution_feedback(text, text, text),
  public.track_actions(text, text, text),
  public.track_response(text, text, text)
to service_role;
