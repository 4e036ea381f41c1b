-- Where the PR officer finds the counter tablets. They may manage kiosks (app.require_kiosk_manager) but not the rest
-- of a service point's settings, so they need their own list of counters with their tablets, not the admin's.

create or replace function public.kiosk_overview()
returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
begin
  perform app.require_kiosk_manager();
  return (
    select coalesce(jsonb_agg(jsonb_build_object(
        'slug', p.slug, 'name', p.name, 'active', p.active, 'division', d.name,
        'tablets', (select count(*) from public.kiosk_device k where k.service_point_id = p.id and k.revoked_at is null),
        'lastSyncAt', (select max(k.last_sync_at) from public.kiosk_device k where k.service_point_id = p.id))
      order by p.active desc, d.position, p.name ->> 'th'), '[]')
    from public.service_point p
    join public.division d on d.id = p.division_id);
end
$$;
comment on function public.kiosk_overview() is
  'Admin or PR officer: every counter with its division, how many tablets are paired (not revoked) and the last sync.';

revoke execute on function public.kiosk_overview() from public, anon;
grant execute on function public.kiosk_overview() to authenticated, service_role;
