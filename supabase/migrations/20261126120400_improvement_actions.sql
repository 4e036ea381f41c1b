-- Improvement actions: what divisions changed because of the feedback, linked both ways to the suggestions and survey
-- items it answers, with a dated timeline, evidence, and a public "you said, we did" once a staff member publishes it.
--
-- Invariants:
--   * Only what a staff member chose to publish is public: anon reads no table; public functions return published
--     actions only, and only their public evidence. Every publish and unpublish is audited (trigger on the table).
--   * Division staff act for their own division; the PR officer and admins for any; executives read.
--   * The citizen's "did this solve it?" is asked once per suggestion, after it is resolved, and never identifies them.

alter table public.organisation
  add column impact_window_days int not null default 90 check (impact_window_days between 14 and 365),
  add column impact_min_responses int not null default 20 check (impact_min_responses between 5 and 1000);
comment on column public.organisation.impact_window_days is 'Before/after comparison of an action: days on each side of its completion.';
comment on column public.organisation.impact_min_responses is 'Below this many responses on either side, an action''s effect is "not enough responses to tell".';

alter table public.improvement_action
  add column said_summary jsonb not null default '{}' check (jsonb_typeof(said_summary) = 'object'),
  add column source_theme text check (char_length(source_theme) <= 100),
  add column published_at timestamptz,
  add column created_by uuid default auth.uid() references auth.users (id);
comment on column public.improvement_action.said_summary is
  '"You said": what citizens said, summarised by staff for the public (never a citizen''s own words or personal data).';

create table public.improvement_action_point (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  service_point_id bigint not null references public.service_point (id),
  primary key (action_id, service_point_id)
);
comment on table public.improvement_action_point is 'The service points an improvement action concerns.';
create index improvement_action_point_point_idx on public.improvement_action_point (service_point_id);

create table public.improvement_action_suggestion (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  suggestion_id bigint not null references public.suggestion (id) on delete cascade,
  primary key (action_id, suggestion_id)
);
comment on table public.improvement_action_suggestion is 'Suggestions an action answers (both ways: an action from a suggestion, a suggestion''s actions).';
create index improvement_action_suggestion_suggestion_idx on public.improvement_action_suggestion (suggestion_id);

create table public.improvement_action_item (
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  item_code text not null check (item_code ~ '^[a-z][a-z0-9_]{1,39}$'),
  primary key (action_id, item_code)
);
comment on table public.improvement_action_item is 'Survey items (by code, across versions) an action answers.';

create table public.improvement_action_update (
  id bigint generated always as identity primary key,
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  happened_on date not null,
  body jsonb not null check (app.is_localized_text(body, 2000)),
  author_id uuid default auth.uid() references auth.users (id),
  created_at timestamptz not null default now()
);
comment on table public.improvement_action_update is 'The dated timeline of an action ("2 Feb: queue ticket machine installed").';
create index improvement_action_update_action_idx on public.improvement_action_update (action_id, happened_on);

create table public.improvement_action_evidence (
  id uuid primary key default gen_random_uuid(),
  action_id bigint not null references public.improvement_action (id) on delete cascade,
  kind text not null check (kind in ('image', 'document')),
  media_type text not null check (media_type in ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  byte_size int not null check (byte_size between 1 and 10485760),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  caption jsonb not null default '{}' check (jsonb_typeof(caption) = 'object'),
  is_public boolean not null default true,
  author_id uuid default auth.uid() references auth.users (id),
  created_at timestamptz not null default now()
);
comment on table public.improvement_action_evidence is
  'Photos and documents of an action. Files are stored by id (never by the uploaded name), images stripped of metadata.';
create index improvement_action_evidence_action_idx on public.improvement_action_evidence (action_id);

create table public.resolution_feedback (
  suggestion_id bigint primary key references public.suggestion (id) on delete cascade,
  answer text not null check (answer in ('yes', 'no', 'not_sure')),
  answered_at timestamptz not null default now()
);
comment on table public.resolution_feedback is 'The citizen''s one answer to "did this solve it?" after their suggestion was resolved.';

create index improvement_action_published_idx on public.improvement_action (published, completed_date);

-- Published once, stamped; unpublished, unstamped. Audited by the existing improvement_action_audit trigger.
create or replace function app.stamp_publication()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.published and not coalesce(old.published, false) then
    new.published_at := now();
  elsif not new.published then
    new.published_at := null;
  end if;
  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
  end if;
  return new;
end
$$;
create trigger improvement_action_stamp before insert or update on public.improvement_action
  for each row execute function app.stamp_publication();

create trigger improvement_action_update_audit after insert or delete on public.improvement_action_update
  for each row execute function app.audit_row('action_id');
create trigger improvement_action_evidence_audit after insert or update or delete on public.improvement_action_evidence
  for each row execute function app.audit_row('action_id');
create trigger improvement_action_suggestion_audit after insert or delete on public.improvement_action_suggestion
  for each row execute function app.audit_row('action_id');

-- ---------------------------------------------------------------------------------------------------------------
-- Row level security
-- ---------------------------------------------------------------------------------------------------------------

alter table public.improvement_action_point enable row level security;
alter table public.improvement_action_suggestion enable row level security;
alter table public.improvement_action_item enable row level security;
alter table public.improvement_action_update enable row level security;
alter table public.improvement_action_evidence enable row level security;
alter table public.resolution_feedback enable row level security;

create or replace function app.may_edit_action(p_action bigint)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select app.staff_role() in ('admin', 'pr_officer')
      or (app.staff_role() = 'division_staff'
          and exists (select 1 from public.improvement_action a where a.id = p_action and a.division_id = app.staff_division()))
$$;
comment on function app.may_edit_action(bigint) is 'Whether the signed-in staff member may change this action (and its links, timeline, evidence).';

do $policies$
declare
  t text;
begin
  foreach t in array array['improvement_action_point', 'improvement_action_suggestion', 'improvement_action_item',
                           'improvement_action_update', 'improvement_action_evidence'] loop
    execute format('create policy %1$s_read on public.%1$s for select to authenticated using ((select app.staff_role()) is not null)', t);
    execute format('create policy %1$s_insert on public.%1$s for insert to authenticated with check (app.may_edit_action(action_id))', t);
    execute format('create policy %1$s_update on public.%1$s for update to authenticated using (app.may_edit_action(action_id)) with check (app.may_edit_action(action_id))', t);
    execute format('create policy %1$s_delete on public.%1$s for delete to authenticated using (app.may_edit_action(action_id))', t);
  end loop;
end
$policies$;

create policy resolution_feedback_read on public.resolution_feedback for select to authenticated
  using ((select app.staff_role()) is not null);

revoke all on public.improvement_action_point, public.improvement_action_suggestion, public.improvement_action_item,
  public.improvement_action_update, public.improvement_action_evidence, public.resolution_feedback from anon;
grant select, insert, update, delete on public.improvement_action_point, public.improvement_action_suggestion,
  public.improvement_action_item, public.improvement_action_update, public.improvement_action_evidence to authenticated;
revoke all on public.resolution_feedback from authenticated;
grant select on public.resolution_feedback to authenticated;
grant all on public.improvement_action_point, public.improvement_action_suggestion, public.improvement_action_item,
  public.improvement_action_update, public.improvement_action_evidence, public.resolution_feedback to service_role;
grant usage, select on all sequences in schema public to authenticated, service_role;
revoke execute on all functions in schema app from public, anon;
grant execute on all functions in schema app to authenticated, service_role;
