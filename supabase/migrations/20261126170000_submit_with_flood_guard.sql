-- The citizen's submission and its flood guard in one transaction.
--
-- Until now the server called rate_limit_hit and then submit_response: two transactions, each with its own commit
-- flushed to disk, for every tap. bench/submit-path.ts showed the commit is what a submission waits on, so doing both
-- in one call halves the commits without changing what either does:
--   * the hit is counted (and committed) whether the submission is then refused at the flood rate or stored;
--   * a submission refused at the flood rate stores nothing and is answered {refused: 'rate_limited', retryAfter};
--   * a submission that submit_response refuses (22023) rolls back with its hit, as an invalid body never reached the
--     counter before either (the schema refused it first).

create or replace function public.submit_citizen_response(p_submission jsonb, p_flood_per_minute int default null)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_source text := p_submission ->> 'source_hash';
  v_verdict jsonb;
begin
  if v_source is not null and p_flood_per_minute is not null then
    v_verdict := public.rate_limit_hit('submit:flood:' || v_source, 60, p_flood_per_minute);
    if not (v_verdict ->> 'allowed')::boolean then
      return jsonb_build_object('refused', 'rate_limited', 'retryAfter', (v_verdict ->> 'retryAfter')::int);
    end if;
  end if;
  return public.submit_response(p_submission);
end
$$;
comment on function public.submit_citizen_response(jsonb, int) is
  'Server only (service_role): count the hit against p_flood_per_minute submissions a minute from the submission''s '
  'source_hash and, within it, submit_response; at the flood rate nothing is stored and {refused, retryAfter} comes back.';

revoke execute on function public.submit_citizen_response(jsonb, int) from public, anon, authenticated;
grant execute on function public.submit_citizen_response(jsonb, int) to service_role;
