import { expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission } from './fixtures';

/**
 * Every SECURITY DEFINER function pins search_path = '' (a definer that looked names up in its caller's path could be
 * handed another schema's function or operator and run it with the owner's rights). The only functions that do not
 * pin it are a few SECURITY INVOKER helpers, listed here: they name nothing of ours unqualified, write nothing, and
 * inside a definer they run with its empty path (20261127120000_validation_helpers_inherit_search_path.sql says why
 * they no longer set their own). The lists come from the catalogue, so a function added later is covered.
 */

const INHERITING = [
  'app.expect_keys(jsonb,text,text[])',
  'app.expect_rating(jsonb,text)',
  'app.expect_text(jsonb,text,integer,text[])',
  'app.fiscal_year(timestamp with time zone)', // a one-expression SQL function, inlined where it is used
  'app.refuse(text,text)',
];

onEveryDatabase('function search paths', (db) => {
  it('pins search_path in every security definer function, and leaves it to the caller only in the listed helpers', async () => {
    const rows = await ownerQuery<{ name: string; definer: boolean; pinned: boolean }>(
      db(),
      `select p.oid::regprocedure::text as name, p.prosecdef as definer,
              coalesce(p.proconfig @> array['search_path=""'], false) as pinned
       from pg_proc p where p.pronamespace in ('app'::regnamespace, 'public'::regnamespace) order by 1`,
    );
    expect(rows.filter((r) => r.definer).length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.definer && !r.pinned).map((r) => r.name)).toEqual([]);
    expect(rows.filter((r) => !r.pinned).map((r) => r.name)).toEqual(INHERITING);
  });

  it('validates with the empty path inside submit_response, whatever path its caller set', async () => {
    // A schema whose `-` (jsonb, text[]) answers "no unknown keys" for anything: found first on a path that names it.
    await db().exec(`
      create schema hostile;
      create function hostile.no_keys(jsonb, text[]) returns jsonb language sql immutable as $$ select '{}'::jsonb $$;
      create operator hostile.- (leftarg = jsonb, rightarg = text[], function = hostile.no_keys);
      grant usage on schema hostile to service_role;
      grant execute on function hostile.no_keys(jsonb, text[]) to service_role;`);
    try {
      // The helper called directly with that path takes the hostile operator: the setup works.
      const [direct] = await ownerQuery<{ accepted: boolean }>(
        db(),
        `select true as accepted from (select set_config('search_path', 'hostile, pg_catalog', true)) s,
                lateral (select app.expect_keys('{"evil": 1}'::jsonb, 'x', array['ok'])) k`,
      );
      expect(direct?.accepted).toBe(true);

      // Through submit_response (a definer, pinned to ''), the same path changes nothing: the unknown key is refused.
      const error = await refusal(
        db().query(
          `select public.submit_response($1::jsonb) as result
           from (select set_config('search_path', 'hostile, pg_catalog', true)) s`,
          [submission({ evil: 1 })],
          serviceRole,
        ),
      );
      expect(error).toMatchObject({ code: '22023', message: 'unknown_field', detail: 'evil' });
    } finally {
      await db().exec('drop schema hostile cascade');
    }
  });
});
