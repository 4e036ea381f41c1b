import { expect, it } from 'vitest';
import { serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission } from './fixtures';

/**
 * Every function pins search_path = '' (a function that looked names up in its caller's path could be handed another
 * schema's function or operator, and a definer would run it with the owner's rights). The one exception is a function
 * with a SQL-standard body (`return …`, app.fiscal_year): its names are bound when it is created, so no caller's path
 * can change them, and without a SET clause the planner inlines it. The list comes from the catalogue, so a function
 * added later is covered.
 */

onEveryDatabase('function search paths', (db) => {
  it('pins search_path in every function but those whose SQL-standard body was bound at creation', async () => {
    const rows = await ownerQuery<{ name: string; definer: boolean; pinned: boolean; bound: boolean }>(
      db(),
      `select p.oid::regprocedure::text as name, p.prosecdef as definer,
              coalesce(p.proconfig @> array['search_path=""'], false) as pinned, p.prosqlbody is not null as bound
       from pg_proc p where p.pronamespace in ('app'::regnamespace, 'public'::regnamespace) order by 1`,
    );
    expect(rows.filter((r) => r.definer).length).toBeGreaterThan(20);
    expect(rows.filter((r) => !r.pinned && !r.bound).map((r) => r.name)).toEqual([]);
    expect(rows.filter((r) => r.bound).map((r) => r.name)).toEqual(['app.fiscal_year(timestamp with time zone)']);
  });

  it('validates with the empty path inside submit_response, whatever path its caller set', async () => {
    // A schema whose `-` (jsonb, text[]) answers "no unknown keys" for anything: found first on a path that names it.
    await db().exec(`
      create schema hostile;
      create function hostile.no_keys(jsonb, text[]) returns jsonb language sql immutable as $$ select '{}'::jsonb $$;
      create operator hostile.- (leftarg = jsonb, rightarg = text[], function = hostile.no_keys);
      -- A function that does not pin its path, as the validation helpers once did: it resolves \`-\` when it runs.
      create function hostile.unknown_keys(v jsonb, allowed text[]) returns jsonb language plpgsql as $$ begin return v - allowed; end $$;
      grant usage on schema hostile to service_role;
      grant execute on function hostile.no_keys(jsonb, text[]) to service_role;`);
    try {
      // An unpinned function with that path takes the hostile operator: the setup works.
      const [direct] = await ownerQuery<{ keys: unknown }>(
        db(),
        `select hostile.unknown_keys('{"evil": 1}'::jsonb, array['ok']) as keys from (select set_config('search_path', 'hostile, pg_catalog', true)) s`,
      );
      expect(direct?.keys).toEqual({});
      // The helper itself, called directly with that path, keeps its own empty path and refuses the unknown key.
      const helper = await refusal(
        ownerQuery(
          db(),
          `select app.expect_keys('{"evil": 1}'::jsonb, 'x', array['ok']) from (select set_config('search_path', 'hostile, pg_catalog', true)) s`,
        ),
      );
      expect(helper).toMatchObject({ code: '22023', message: 'unknown_field', detail: 'x.evil' });

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
