-- LINE (optional): a citizen's link between their suggestion and their LINE account, and the notices that go out
-- through the Messaging API (routing notices to staff, and replies and status changes to a linked citizen).
--
-- Who may touch it: only the server, as service_role, after its own checks (the LINE ID token verified with LINE,
-- the response's client key given). The LINE user id is personal data: it lives in contact_detail (09_privacy.sql)
-- beside the phone and email, under the same consent, purged and erased with them; no staff role may read it
-- (column privileges), and no notification row ever stores it: notification_claim reads it at the moment of sending.
--
-- Invariants:
--   * A link, its status and its erasure need the response's client key and its receipt secret (06_responses.sql),
--     which only the citizen's own browser holds: the client key alone travels in URLs others may see, and the
--     reference is guessable. Without both, the answer is the same as for no response at all.
--   * Erasing a link (the citizen, an unfollow in LINE, forget_contact or the retention purge) leaves no pending
--     notice for that suggestion: nothing is pushed after it.
--   * Notices are decided from the audit trail (one per audit row, dedupe_key 'routing:<audit id>' or
--     'citizen:<audit id>'), so a routing or a reply made while the job was down is still sent once, within an hour.

create or replace function public.line_link_status(p_client_key uuid, p_receipt text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_reference text;
  v_suggestion bigint;
  v_linked boolean;
begin
  select r.reference, s.id, c.line_user_id is not null
    into v_reference, v_suggestion, v_linked
  from public.response r
  left join public.suggestion s on s.response_id = r.id
  left join public.contact_detail c on c.suggestion_id = s.id
  where r.client_key = p_client_key and r.receipt_hash = app.receipt_hash(p_receipt);
  if v_reference is null then
    return null;
  end if;
  return jsonb_build_object('reference', v_reference, 'hasSuggestion', v_suggestion is not null,
                            'linked', coalesce(v_linked, false));
end
$$;

comment on function public.line_link_status(uuid, text) is
  'Server only: for the response of this client key and receipt, its reference, whether it has a suggestion and is linked to LINE.';



create or replace function public.line_link(p_client_key uuid, p_receipt text, p_line_user_id text, p_locale text default 'th')
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
  v_retention int;
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
begin
  if coalesce(p_line_user_id, '') !~ '^U[0-9a-f]{32}$' then
    perform app.refuse('invalid_value', 'lineUserId');
  end if;
  select s.id into v_suggestion
  from public.response r join public.suggestion s on s.response_id = r.id
  where r.client_key = p_client_key and r.receipt_hash = app.receipt_hash(p_receipt);
  if v_suggestion is null then
    return jsonb_build_object('linked', false);
  end if;
  select contact_retention_days into v_retention from public.organisation where id = 1;
  insert into public.contact_detail (suggestion_id, line_user_id, line_locale, consent_at, purge_after)
  values (v_suggestion, p_line_user_id, v_locale, now(), now() + make_interval(days => coalesce(v_retention, 365)))
  on conflict (suggestion_id) do update
    set line_user_id = excluded.line_user_id, line_locale = excluded.line_locale;
  -- The audit says that a link was made, never to whom.
  perform app.write_audit('suggestion', v_suggestion::text, 'line_link', null, jsonb_build_object('requestedBy', 'citizen'));
  return jsonb_build_object('linked', true);
end
$$;

comment on function public.line_link(uuid, text, text, text) is
  'Server only, after verifying the LINE ID token: link the suggestion of this client key to a LINE user (with consent).';



create or replace function app.line_erase(p_suggestion bigint)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- A row that holds only the LINE link goes whole; otherwise the phone or email stays and only the link goes.
  delete from public.contact_detail where suggestion_id = p_suggestion and phone is null and email is null;
  update public.contact_detail set line_user_id = null, line_locale = null where suggestion_id = p_suggestion;
  delete from public.notification_outbox
  where kind = 'citizen' and status in ('pending', 'failed') and (payload ->> 'suggestionId')::bigint = p_suggestion;
end
$$;

comment on function app.line_erase(bigint) is 'Erase the LINE link of a suggestion, and every notice not yet pushed to it.';



create or replace function public.line_unlink(p_client_key uuid, p_receipt text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
begin
  select s.id into v_suggestion
  from public.response r
  join public.suggestion s on s.response_id = r.id
  join public.contact_detail c on c.suggestion_id = s.id and c.line_user_id is not null
  where r.client_key = p_client_key and r.receipt_hash = app.receipt_hash(p_receipt);
  if v_suggestion is null then
    return jsonb_build_object('unlinked', false);
  end if;
  perform app.line_erase(v_suggestion);
  perform app.write_audit('suggestion', v_suggestion::text, 'line_unlink', null, jsonb_build_object('requestedBy', 'citizen'));
  return jsonb_build_object('unlinked', true);
end
$$;

comment on function public.line_unlink(uuid, text) is
  'Server only: the citizen erases the LINE link of their suggestion (client key and receipt).';



create or replace function public.line_forget_user(p_line_user_id text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_suggestion bigint;
  v_count int := 0;
begin
  if coalesce(p_line_user_id, '') !~ '^U[0-9a-f]{32}$' then
    return jsonb_build_object('unlinked', 0);
  end if;
  for v_suggestion in select suggestion_id from public.contact_detail where line_user_id = p_line_user_id loop
    perform app.line_erase(v_suggestion);
    perform app.write_audit('suggestion', v_suggestion::text, 'line_unlink', null, jsonb_build_object('requestedBy', 'line_unfollow'));
    v_count := v_count + 1;
  end loop;
  return jsonb_build_object('unlinked', v_count);
end
$$;

comment on function public.line_forget_user(text) is
  'Server only (LINE webhook, a verified unfollow event): erase every link to this LINE user.';



create or replace function app.line_enqueue_notices(p_staff boolean, p_citizens boolean)
returns int
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_routing int := 0;
  v_citizen int := 0;
begin
  -- Routing notices to staff: a suggestion given a division. The division, the category and a link; not the text.
  if p_staff then
  insert into public.notification_outbox (kind, channel, dedupe_key, payload)
  select 'routing', 'line', 'routing:' || a.id || ':line',
         jsonb_build_object('type', 'routing', 'suggestionId', s.id, 'category', s.category,
                            'division', jsonb_build_object('slug', d.slug, 'name', d.name), 'at', a.at)
  from public.audit_log a
  -- Guarded casts: the audit log holds other entities' ids too, and the planner may join before it filters.
  join public.suggestion s on s.id = case when a.entity_id ~ '^[0-9]{1,18}$' then a.entity_id::bigint end
  join public.division d on d.id = case when jsonb_typeof(a.after -> 'assigned_division_id') = 'number'
                                        then (a.after ->> 'assigned_division_id')::bigint end
  where a.entity = 'suggestion' and a.action = 'update' and a.at > now() - interval '1 hour'
    and a.after ? 'assigned_division_id' and jsonb_typeof(a.after -> 'assigned_division_id') = 'number'
  on conflict (dedupe_key) do nothing;
  get diagnostics v_routing = row_count;
  end if;

  -- Citizens who linked LINE: each public reply, and each change of status (resolved asks "did this solve it?").
  if p_citizens then
  insert into public.notification_outbox (kind, channel, dedupe_key, payload)
  select 'citizen', 'line', 'citizen:' || a.id,
         -- The reference with its check code, as the receipt shows it: the tracking page asks for both.
         jsonb_build_object('type', 'citizen', 'suggestionId', s.id, 'reference', r.reference || '-' || app.check_code(r.id),
                            'event', case a.action when 'reply' then 'reply' else 'status' end,
                            'status', s.status, 'reply', case a.action when 'reply' then a.after ->> 'body' end)
  from public.audit_log a
  join public.suggestion s on s.id = case when a.entity_id ~ '^[0-9]{1,18}$' then a.entity_id::bigint end
  join public.response r on r.id = s.response_id
  join public.contact_detail c on c.suggestion_id = s.id and c.line_user_id is not null
  where a.entity = 'suggestion' and a.at > now() - interval '1 hour' and a.at >= c.consent_at
    and (a.action = 'reply' or (a.action = 'update' and a.after ? 'status'))
  on conflict (dedupe_key) do nothing;
  get diagnostics v_citizen = row_count;
  end if;
  return v_routing + v_citizen;
end
$$;

comment on function app.line_enqueue_notices(boolean, boolean) is
  'From alerts_evaluate when LINE is configured: routing notices and linked citizens'' notices from the last hour''s audit.';

-- ---------------------------------------------------------------------------------------------------------------
-- Privileges: RLS decides rows; these grants decide who may use each table and function at all.
-- ---------------------------------------------------------------------------------------------------------------

-- Functions: nobody executes them but the roles named here (PostgreSQL lets PUBLIC execute a new function, and
-- Supabase grants its API roles everything new in public, so both are taken back first).
revoke all on function
  app.line_enqueue_notices(boolean, boolean),
  app.line_erase(bigint),
  public.line_forget_user(text),
  public.line_link(uuid, text, text, text),
  public.line_link_status(uuid, text),
  public.line_unlink(uuid, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.line_forget_user(text),
  public.line_link(uuid, text, text, text),
  public.line_link_status(uuid, text),
  public.line_unlink(uuid, text)
to service_role;
