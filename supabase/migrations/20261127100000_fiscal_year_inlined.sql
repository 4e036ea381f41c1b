-- app.fiscal_year as a function the planner can inline.
--
-- Why: perf on the PostgreSQL server under full-submission load showed fmgr_sql with stringToNode and parse analysis
-- (~2 % of the server's CPU): a LANGUAGE sql function with a SET clause is never inlined, so every call ran it as a
-- query of its own, parsed again in each transaction (submit_response takes the fiscal year of every new response's
-- reference) and run per row in the exports and the public pages that filter by fiscal year (2.6 s for 1,000,000
-- calls against 0.4 s inlined). A SQL-standard body (RETURN …) is parsed once, when the function is created, so the
-- names in it are bound then and the search path of a caller cannot change them; without the SET clause the planner
-- inlines it. Same result for every moment.

create or replace function app.fiscal_year(ts timestamptz)
returns int
language sql
immutable
parallel safe
return extract(year from (timezone('Asia/Bangkok', ts) + interval '3 months'))::int + 543;
comment on function app.fiscal_year(timestamptz) is
  'Thai fiscal year (B.E.) of a moment: FY2566 = 1 Oct 2022 – 30 Sep 2023, Asia/Bangkok. 1 Oct – 30 Sep in Bangkok '
  'time, named by the B.E. year it ends in. Inlined by the planner (no SET clause; the body was bound at creation).';
