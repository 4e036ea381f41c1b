-- Linking a suggestion to LINE, reading that link and erasing it need the receipt secret as well as the client key
-- (issue 17: the client key travels in URLs others may see). Otherwise whoever saw the receipt's address could point
-- the municipality's replies at their own LINE account, or cut the citizen's link.
drop function public.line_link_status(uuid);
drop function public.line_link(uuid, text, text);
drop function public.line_unlink(uuid);

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

revoke all on function
  public.line_link(uuid, text, text, text),
  public.line_link_status(uuid, text),
  public.line_unlink(uuid, text)
from public, anon, authenticated, service_role;
grant execute on function
  public.line_link(uuid, text, text, text),
  public.line_link_status(uuid, text),
  public.line_unlink(uuid, text)
to service_role;
