-- Issue 17 (trust): public results can no longer be undone by subtraction.
--   * public_results takes fixed periods only (a fiscal year, its 6-month round, a month); a date range is refused
--     with fixed_periods_only, and staff keep any dates through satisfaction_stats;
--   * its cells come from app.public_grid, which hides every cell under 5 responses and then, by complementary
--     suppression across the year's periods, the organisation and the questions, every cell that subtraction would
--     give back. The channel split, respondent profile, rating distribution and one-tap counts are no longer public.
-- The schema file (07_statistics.sql) holds the same objects; docs/public-results.md explains the rule.

-- ---------------------------------------------------------------------------------------------------------------
-- The public figures: fixed periods, and complementary suppression over the whole fiscal year
-- ---------------------------------------------------------------------------------------------------------------
--
-- Why: hiding only the cells under 5 responses was undone by subtraction. The total minus the divisions shown gave a
-- hidden division's n and mean, and two date windows one day apart gave one citizen's rating. So the public may ask
-- only for fixed periods (a fiscal year, its 6-month round Oct–Mar, a month), and every figure the public can see
-- for a fiscal year is decided together, as one grid:
--
--   periods        the year = Oct–Mar (the round) + Apr–Sep; each half = its six months
--   organisation   the municipality = its divisions; a division = its service points
--   questions      the overall question alone; all items = the four dimensions; a dimension = its items
--
-- Every cell of the grid (period × organisation unit × question) is hidden when fewer than 5 responses stand behind
-- it; then, along every "total = its parts" line above, until nothing changes:
--   * a line never has exactly one hidden member (else it is the total minus the rest, or the sum of the parts);
--   * when the total is shown, the hidden parts together hold at least 5 responses (what subtraction yields is
--     then itself a group of 5 or more, like any figure shown);
-- and when a line breaks either rule, its smallest shown part (fewest responses) is hidden too, or its total when no
-- part is left to hide. Apr–Sep is never shown, but the year minus the round gives it, so it is a cell like the
-- others. The channel split, the respondent profile, the rating distribution and the one-tap counts are not public.
-- supabase/tests/public-results.test.ts attacks the result with every subtraction (and a linear-algebra attacker).

create type app.public_cell as (
  period text,          -- 'fy', 'h1' (Oct–Mar), 'h2' (Apr–Sep, never shown alone) or a month 'YYYY-MM'
  unit text,            -- 'all', 'd:<division slug>' or 'p:<service point slug>'
  measure text,         -- 'overall', 'items' (every item pooled), 'dim:<dimension>' or 'item:<code>'
  period_parent text,
  unit_parent text,
  measure_parent text,
  n bigint,
  sum_rating bigint,
  sum_sq bigint,
  people bigint,        -- at least this many responses stand behind the cell: n, or for pooled answers the
                        -- largest n of its items (one response answers each item once)
  hidden boolean);

comment on type app.public_cell is
  'One cell of the public grid of a fiscal year (app.public_grid): its place in the three hierarchies, its sums, '
  'how many responses at least stand behind it, and whether the public sees it.';

create type app.public_line_member as (line text, shared boolean, is_total boolean, idx int, n bigint, people bigint);

comment on type app.public_line_member is
  'A cell (idx in the grid) as the total or a part of one "total = its parts" line; shared: the parts share '
  'responses (the questions), so their people do not add up.';



create or replace function app.public_grid(p_fiscal_year int)
returns setof app.public_cell
language plpgsql
stable
security invoker -- reads the rollups with its caller's rights: only public_results (security definer) can
set search_path = ''
as $$
declare
  v_from date := make_date(p_fiscal_year - 544, 10, 1);
  v_to date := make_date(p_fiscal_year - 543, 9, 30);
  v_april text := to_char(make_date(p_fiscal_year - 543, 4, 1), 'YYYY-MM');
  v_cells app.public_cell[];
  v_members app.public_line_member[];
  v_hidden boolean[];
  v_more int[];
  i int;
begin
  with
  leaf as (
    -- month × service point × item code, channels summed (the public sees no channel)
    select to_char(r.month, 'YYYY-MM') as month, r.service_point_id, r.item_code,
           sum(r.n)::bigint as n, sum(r.sum_rating)::bigint as s, sum(r.sum_sq)::bigint as q
    from app.stat_ratings_between(v_from, v_to, array(select p.id from public.service_point p), null) r
    group by 1, 2, 3
  ),
  catalogue as (
    -- each item code once, in the dimension of its newest published (else retired) version, as stat_figures reads it
    select distinct on (i.code) i.code, i.dimension,
           exists (select 1 from public.survey_item ci join public.survey_version cv on cv.id = ci.survey_version_id
                   where ci.code = i.code and cv.status = 'published') as current
    from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
    where v.status <> 'draft'
    order by i.code, v.status = 'published' desc, v.version_no desc
  ),
  periods (period, parent) as (
    select 'fy', null::text
    union all select 'h1', 'fy'
    union all select 'h2', 'fy'
    union all select to_char(m, 'YYYY-MM'), case when to_char(m, 'YYYY-MM') < v_april then 'h1' else 'h2' end
    from generate_series(v_from::timestamp, v_to::timestamp, interval '1 month') m
  ),
  units (unit, parent) as (
    select 'all', null::text
    union all select 'd:' || d.slug, 'all' from public.division d
    union all select 'p:' || p.slug, 'd:' || d.slug from public.service_point p join public.division d on d.id = p.division_id
  ),
  measures (measure, parent) as (
    select 'overall', null::text
    union all select 'items', null
    union all select 'dim:' || x, 'items' from unnest(array['process', 'staff', 'facilities', 'outcome']) x
    union all select 'item:' || c.code, 'dim:' || c.dimension from catalogue c
    where c.current or exists (select 1 from leaf l where l.item_code = c.code and l.n > 0)
  ),
  sums as (
    -- each leaf adds to its month, half and year × its point, division and the whole × its item, dimension and all
    -- items (or the overall question)
    select pe.period, un.unit, me.measure, sum(l.n) as n, sum(l.s) as s, sum(l.q) as q
    from leaf l
    join public.service_point p on p.id = l.service_point_id
    join public.division d on d.id = p.division_id
    left join catalogue c on c.code = l.item_code
    cross join lateral (values (l.month), (case when l.month < v_april then 'h1' else 'h2' end), ('fy')) pe (period)
    cross join lateral (values ('p:' || p.slug), ('d:' || d.slug), ('all')) un (unit)
    cross join lateral (select 'overall' where l.item_code = 'overall'
                        union all
                        select x from unnest(array['item:' || l.item_code, 'dim:' || c.dimension, 'items']) x
                        where l.item_code <> 'overall' and c.code is not null) me (measure)
    group by 1, 2, 3
  ),
  grid as (
    select pe.period, un.unit, me.measure, pe.parent as period_parent, un.parent as unit_parent, me.parent as measure_parent,
           coalesce(x.n, 0)::bigint as n, coalesce(x.s, 0)::bigint as s, coalesce(x.q, 0)::bigint as q
    from periods pe cross join units un cross join measures me
    left join sums x on x.period = pe.period and x.unit = un.unit and x.measure = me.measure
  ),
  pooled as (
    select g.period, g.unit, g.measure_parent as measure, max(g.n) as people from grid g where g.measure like 'item:%' group by 1, 2, 3
    union all
    select g.period, g.unit, 'items', max(g.n) from grid g where g.measure like 'item:%' group by 1, 2
  )
  select array_agg(row(g.period, g.unit, g.measure, g.period_parent, g.unit_parent, g.measure_parent, g.n, g.s, g.q,
                       p.people, p.people between 1 and 4)::app.public_cell
                   order by g.period, g.unit, g.measure)
  into v_cells
  from grid g
  left join pooled o on o.period = g.period and o.unit = g.unit and o.measure = g.measure
  cross join lateral (select case when g.measure = 'overall' or g.measure like 'item:%' then g.n
                                  else coalesce(o.people, 0) end as people) p;

  v_hidden := array(select x.hidden from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent, unit_parent,
                                                                                 measure_parent, n, sum_rating, sum_sq, people,
                                                                                 hidden, o) order by x.o);

  -- Every line: its total and its parts, one dimension moving while the other two stay.
  with c as (select x.*, o::int as idx from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent,
                                                                                   unit_parent, measure_parent, n, sum_rating,
                                                                                   sum_sq, people, hidden, o))
  select array_agg(row(m.line, m.shared, m.is_total, m.idx, m.n, m.people)::app.public_line_member)
  into v_members
  from (
    select concat_ws('|', 'p', c.period_parent, c.unit, c.measure) as line, false as shared, false as is_total, c.idx, c.n, c.people
    from c where c.period_parent is not null
    union all
    select concat_ws('|', 'p', c.period, c.unit, c.measure), false, true, c.idx, c.n, c.people
    from c where c.period in ('fy', 'h1', 'h2')
    union all
    select concat_ws('|', 'u', c.unit_parent, c.period, c.measure), false, false, c.idx, c.n, c.people
    from c where c.unit_parent is not null
    union all
    select concat_ws('|', 'u', c.unit, c.period, c.measure), false, true, c.idx, c.n, c.people
    from c where c.unit = 'all' or c.unit like 'd:%'
    union all
    select concat_ws('|', 'm', c.measure_parent, c.period, c.unit), true, false, c.idx, c.n, c.people
    from c where c.measure_parent is not null
    union all
    select concat_ws('|', 'm', c.measure, c.period, c.unit), true, true, c.idx, c.n, c.people
    from c where c.measure = 'items' or c.measure like 'dim:%'
  ) m;

  -- Hide more until no line breaks a rule. Only ever hides, so it ends (at worst with everything hidden).
  loop
    v_more := array(
      -- Only lines with a hidden member can break a rule.
      with hot as (select distinct x.line from unnest(v_members) x where v_hidden[x.idx]),
      m as (select x.*, v_hidden[x.idx] as hidden from unnest(v_members) x where x.line in (select h.line from hot h)),
      lines as (
        select m.line,
               bool_or(m.is_total and m.hidden) as total_hidden,
               count(*) filter (where m.hidden) as hidden_members,
               count(*) filter (where m.hidden and not m.is_total) as hidden_parts,
               case when bool_or(m.shared) then max(m.people) filter (where m.hidden and not m.is_total)
                    else sum(m.people) filter (where m.hidden and not m.is_total) end as hidden_people
        from m group by m.line
      ),
      bad as (
        select l.line from lines l
        where l.hidden_members = 1 or (not l.total_hidden and l.hidden_parts > 0 and l.hidden_people < 5)
      ),
      pick as (
        select distinct on (b.line) b.line, m.idx
        from bad b join m on m.line = b.line and not m.is_total and not m.hidden and m.n > 0
        order by b.line, m.people, m.n, m.idx
      )
      select p.idx from pick p
      union
      select m.idx from bad b join m on m.line = b.line and m.is_total and not m.hidden
      where not exists (select 1 from pick p where p.line = b.line));
    exit when cardinality(v_more) = 0;
    foreach i in array v_more loop
      v_hidden[i] := true;
    end loop;
  end loop;

  return query
    select x.period, x.unit, x.measure, x.period_parent, x.unit_parent, x.measure_parent, x.n, x.sum_rating, x.sum_sq,
           x.people, v_hidden[o::int]
    from unnest(v_cells) with ordinality as x (period, unit, measure, period_parent, unit_parent, measure_parent, n,
                                               sum_rating, sum_sq, people, hidden, o);
end
$$;

comment on function app.public_grid(int) is
  'Every figure the public may see for fiscal year p_fiscal_year (B.E.): period (fy, h1, h2, months) × unit (all, '
  'divisions, service points) × measure (overall, items, dimensions, items) with its sums and whether it is hidden: '
  'fewer than 5 responses, then complementary suppression along every total = parts line until no line has exactly '
  'one hidden member and the hidden parts of every shown total hold at least 5 responses.';



create or replace function app.public_cell_json(p_cell app.public_cell, p_bands text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select case
    when p_cell is null then null
    when p_cell.hidden then
      jsonb_build_object('n', null, 'mean', null, 'sd', null, 'percent', null, 'level', null, 'suppressed', true)
    else app.stat_cell(p_cell.n, p_cell.sum_rating, p_cell.sum_sq, p_bands)
  end
$$;

comment on function app.public_cell_json(app.public_cell, text) is
  'A grid cell as the public sees it: app.stat_cell of its sums, or every figure null and suppressed: true. The '
  'reason (too few, or hidden to protect another) is not told: it would narrow what a hidden cell can hold.';



-- jit = off: PostgreSQL's JIT compiled the grid's queries afresh on every call. Measured on PostgreSQL 15, 300
-- responses in the year: 6.5–7.5 s a call with JIT, 0.20 s without (the page waited for it; PGlite has no JIT).
create or replace function public.public_results(p_filter jsonb, p_locale text default 'th')
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set jit = off
as $$
declare
  f jsonb := coalesce(nullif(p_filter, 'null'::jsonb), '{}');
  v_locale text := case when p_locale in ('th', 'en', 'my') then p_locale else 'th' end;
  v_year numeric;
  v_fy int;
  v_round text;
  v_month date;
  v_period text;
  v_from date;
  v_to date;
  v_division public.division;
  v_point public.service_point;
  v_unit text;
  v_bands text;
  v_grid app.public_cell[];
begin
  if jsonb_typeof(f) is distinct from 'object' then
    perform app.refuse('invalid_value', 'filter');
  end if;
  f := jsonb_strip_nulls(f);
  -- Any window but a fixed period is what the subtraction attack differences.
  if f ?| array['from', 'to'] then
    perform app.refuse('fixed_periods_only', 'filter');
  end if;
  perform app.expect_keys(f, 'filter', array['fiscalYear', 'round', 'month', 'division', 'servicePoint']);

  if f ? 'fiscalYear' then
    if jsonb_typeof(f -> 'fiscalYear') <> 'number' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_year := (f -> 'fiscalYear')::numeric;
    if v_year % 1 <> 0 or v_year not between 2543 and 2743 then -- B.E., 2000–2200 C.E.
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_fy := v_year::int;
  end if;
  if f ? 'month' then
    -- Tested one by one: SQL does not promise to stop an OR at its first true operand.
    if jsonb_typeof(f -> 'month') <> 'string' or f ? 'round' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    if (f ->> 'month') !~ '^\d{4}-(0[1-9]|1[0-2])$' then
      perform app.refuse('invalid_value', 'filter');
    end if;
    if left(f ->> 'month', 4)::int not between 2000 and 2200 then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_month := make_date(left(f ->> 'month', 4)::int, right(f ->> 'month', 2)::int, 1);
    if v_fy is not null and v_fy <> extract(year from v_month + interval '3 months')::int + 543 then
      perform app.refuse('invalid_value', 'filter'); -- a month outside the fiscal year named with it
    end if;
    v_fy := extract(year from v_month + interval '3 months')::int + 543;
    v_period := to_char(v_month, 'YYYY-MM');
    v_from := v_month;
    v_to := (v_month + interval '1 month - 1 day')::date;
  elsif v_fy is not null then
    v_round := coalesce(f ->> 'round', 'full');
    if (f ? 'round' and jsonb_typeof(f -> 'round') <> 'string') or v_round not in ('h1', 'full') then
      perform app.refuse('invalid_value', 'filter');
    end if;
    v_period := case v_round when 'h1' then 'h1' else 'fy' end;
    v_from := make_date(v_fy - 544, 10, 1);
    v_to := case v_round when 'h1' then make_date(v_fy - 543, 3, 31) else make_date(v_fy - 543, 9, 30) end;
  else
    perform app.refuse('period_required', 'filter');
  end if;

  if f ? 'division' then
    select * into v_division from public.division
    where slug = case when jsonb_typeof(f -> 'division') = 'string' then f ->> 'division' end;
    if not found then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  if f ? 'servicePoint' then
    select * into v_point from public.service_point
    where slug = case when jsonb_typeof(f -> 'servicePoint') = 'string' then f ->> 'servicePoint' end;
    if not found or v_point.division_id is distinct from coalesce(v_division.id, v_point.division_id) then
      perform app.refuse('invalid_value', 'filter');
    end if;
  end if;
  v_unit := case when v_point.id is not null then 'p:' || v_point.slug
                 when v_division.id is not null then 'd:' || v_division.slug
                 else 'all' end;

  select o.level_bands into v_bands from public.organisation o where o.id = 1;
  v_bands := coalesce(v_bands, '0.5');
  v_grid := array(select g from app.public_grid(v_fy) g);

  return (
    with
    g as (select u as c, u.period, u.unit, u.measure, u.n, u.hidden from unnest(v_grid) u),
    here as (select * from g where g.period = v_period and g.unit = v_unit),
    catalogue as (
      select distinct on (i.code) i.code, i.dimension, i.position, i.text
      from public.survey_item i join public.survey_version v on v.id = i.survey_version_id
      where v.status <> 'draft'
      order by i.code, v.status = 'published' desc, v.version_no desc
    ),
    items as (
      select c.code, c.dimension, c.position as item_position, app.localized(c.text, v_locale) as text, h.c as cell, h.n,
             case when not h.hidden and h.n > 0 then (h.c).sum_rating::numeric / h.n end as mean
      from here h join catalogue c on h.measure = 'item:' || c.code
    ),
    ranked as (
      -- Ranked among the items shown, highest mean first, as satisfaction_stats ranks; hidden items are unranked.
      select items.*,
             case when mean is not null then rank() over (partition by mean is not null order by round(mean, 2) desc) end as rank,
             row_number() over (order by mean desc nulls last, case when mean is not null then n end desc nulls last,
                                         array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                         item_position, code) as ord,
             row_number() over (order by array_position(array['process', 'staff', 'facilities', 'outcome'], dimension),
                                         item_position, code) as survey_order
      from items
    )
    select jsonb_build_object(
      'filter', jsonb_build_object(
        'fiscalYear', v_fy, 'round', case when v_month is null then v_round end, 'month', to_char(v_month, 'YYYY-MM'),
        'from', v_from, 'to', v_to, 'division', v_division.slug, 'servicePoint', v_point.slug),
      'levelBands', app.level_bands(v_bands),
      'suppression', jsonb_build_object('minN', 5, 'complementary', true),
      'counts', (select jsonb_build_object('responses', case when not h.hidden then h.n end) from here h where h.measure = 'overall'),
      'overall', (select app.public_cell_json(h.c, v_bands) from here h where h.measure = 'overall'),
      'allItems', (select app.public_cell_json(h.c, v_bands) from here h where h.measure = 'items'),
      'dimensions', (
        select jsonb_agg(jsonb_build_object('dimension', dim.code) || app.public_cell_json(h.c, v_bands) order by dim.ord)
        from unnest(array['process', 'staff', 'facilities', 'outcome']) with ordinality as dim (code, ord)
        join here h on h.measure = 'dim:' || dim.code),
      'items', (
        select coalesce(jsonb_agg(jsonb_build_object('code', k.code, 'dimension', k.dimension, 'text', k.text, 'rank', k.rank,
                                                     'surveyOrder', k.survey_order)
                                  || app.public_cell_json(k.cell, v_bands) order by k.ord), '[]')
        from ranked k),
      'trend', (
        select coalesce(jsonb_agg(jsonb_build_object('month', t.period, 'fiscalYear', v_fy) || app.public_cell_json(t.c, v_bands)
                                  order by t.period), '[]')
        from g t
        where t.unit = v_unit and t.measure = 'overall' and t.period ~ '^\d{4}-\d{2}$'
          and t.period between to_char(v_from, 'YYYY-MM') and to_char(v_to, 'YYYY-MM')),
      'byDivision', (
        -- Every division, whatever the selection: the page lists them to choose from (the grid is the same).
        select coalesce(jsonb_agg(jsonb_build_object('slug', d.slug, 'name', app.localized(d.name, v_locale))
                                  || app.public_cell_json(t.c, v_bands) order by d.position, d.id), '[]')
        from public.division d
        join g t on t.period = v_period and t.measure = 'overall' and t.unit = 'd:' || d.slug),
      'byServicePoint', (
        select coalesce(jsonb_agg(jsonb_build_object('slug', p.slug, 'name', app.localized(p.name, v_locale), 'division', d.slug)
                                  || app.public_cell_json(t.c, v_bands) order by d.position, p.id), '[]')
        from public.service_point p
        join public.division d on d.id = p.division_id
        join g t on t.period = v_period and t.unit = 'p:' || p.slug and t.measure = 'overall'
        join g y on y.period = 'fy' and y.unit = 'p:' || p.slug and y.measure = 'overall'
        where (v_division.id is null or d.id = v_division.id) and (v_point.id is null or p.id = v_point.id)
          and (p.active or y.n > 0))
    ));
end
$$;

comment on function public.public_results(jsonb, text) is
  'Public (anon): satisfaction figures for ONE FIXED PERIOD {fiscalYear (B.E.) [, round h1|full] | month YYYY-MM '
  '[, fiscalYear]} and optionally {division, servicePoint} (slugs). A date range (from/to) → 22023 fixed_periods_only; '
  'no period → period_required; anything else wrong → invalid_value (filter), unknown keys → unknown_field. Returns '
  '{filter {fiscalYear, round, month, from, to, division, servicePoint}, levelBands, suppression {minN 5, complementary}, '
  'counts {responses}, overall, allItems, dimensions[], items[], trend[] (the months of the period), byDivision[] '
  '(every division), byServicePoint[] (those of the selection)}, every cell {n, mean, sd, percent, level, suppressed} '
  'from the same sums as satisfaction_stats. '
  'Hidden cells (app.public_grid: under 5 responses, and complementary suppression across the periods, organisation '
  'and questions of the fiscal year) have every figure null. No channel split, respondent profile, distribution or '
  'one-tap count; no text typed by citizens.';



comment on function app.stat_figures(jsonb, text, boolean) is
  'The one computation behind satisfaction_stats (see its comment for the shape). p_public: cells with 0 < n < 5 '
  'suppressed and the flagged count withheld, which is NOT safe to publish (subtraction undoes it): the public reads '
  'public_results (app.public_grid) instead. Security invoker: only the owner''s functions can read the rollups.';

revoke all on function
  app.public_grid(integer),
  app.public_cell_json(app.public_cell, text)
from public, anon, authenticated, service_role;
