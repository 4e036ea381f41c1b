import { expect, it } from 'vitest';
import { api, unusedByApp } from '../../lib/db/api';
import type { FunctionSpec } from '../../lib/db/api-spec';
import type { SqlDb } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery } from './fixtures';

/**
 * The registry (lib/db/api.ts) is the TypeScript side of the contract with SQL: db.rpc takes its names, argument names
 * and result types from it. These tests hold it to the catalogue, so that renaming a function or an argument, changing
 * an argument's type or default, or changing what a function returns fails here rather than on a page; and so that no
 * function reaches the API (executable by anon, authenticated or service_role) without the app knowing of it.
 */

interface CatalogueFunction {
  name: string;
  argNames: string[] | null;
  /** null when every argument is an input (PostgreSQL stores no modes then). */
  argModes: string[] | null;
  /** The input arguments' types, in order. */
  argTypes: string[];
  defaults: number;
  returns: string;
}

/** Every function of schema public that one of the API roles may execute, as PostgREST would offer it. */
function apiFunctions(db: SqlDb): Promise<CatalogueFunction[]> {
  return ownerQuery<CatalogueFunction>(
    db,
    `select p.proname as name, p.proargnames as "argNames", p.proargmodes::text[] as "argModes",
            array(select format_type(t, null) from unnest(p.proargtypes::oid[]) with ordinality u(t, i) order by i) as "argTypes",
            p.pronargdefaults::int as defaults, pg_get_function_result(p.oid) as returns
     from pg_proc p
     where p.pronamespace = 'public'::regnamespace
       and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute')
            or has_function_privilege('service_role', p.oid, 'execute'))
     order by p.proname, p.oid`,
  );
}

/** One line per input argument ("p_locale text default") and the result, comparable between the two sides. */
function signatureOf(f: CatalogueFunction) {
  const names = (f.argNames ?? []).filter((_, i) => !f.argModes || ['i', 'b', 'v'].includes(f.argModes[i]!));
  const args = f.argTypes.map((type, i) => `${names[i] ?? '(unnamed)'} ${type}${i >= f.argTypes.length - f.defaults ? ' default' : ''}`);
  return { args, returns: f.returns };
}

function registered(spec: FunctionSpec) {
  const args = Object.entries(spec.args).map(([name, a]) => `${name} ${a.sqlType}${a.hasDefault ? ' default' : ''}`);
  return { args, returns: spec.returns };
}

const registryNames = Object.keys(api).sort();

onEveryDatabase('the API registry', (db) => {
  it('names only functions the API offers, each exactly once (an overload would make PostgREST guess)', async () => {
    const offered = (await apiFunctions(db())).map((f) => f.name);
    expect(
      registryNames.filter((name) => !offered.includes(name)),
      'in the registry, not executable in the database',
    ).toEqual([]);
    expect(
      registryNames.filter((name) => offered.filter((o) => o === name).length > 1),
      'overloaded',
    ).toEqual([]);
  });

  it('gives each function the argument names, order, types and defaults, and the return type, of the catalogue', async () => {
    const catalogue = new Map((await apiFunctions(db())).map((f) => [f.name, f]));
    const fromCatalogue = Object.fromEntries(
      registryNames.filter((name) => catalogue.has(name)).map((name) => [name, signatureOf(catalogue.get(name)!)]),
    );
    const fromRegistry = Object.fromEntries(
      registryNames.filter((name) => catalogue.has(name)).map((name) => [name, registered(api[name as keyof typeof api])]),
    );
    expect(Object.keys(fromRegistry).length).toBeGreaterThan(50);
    expect(fromRegistry).toEqual(fromCatalogue);
  });

  it('lists every function the API offers, in the registry or among those the app deliberately leaves unused', async () => {
    const offered = [...new Set((await apiFunctions(db())).map((f) => f.name))];
    const unused = Object.keys(unusedByApp);
    expect(
      offered.filter((name) => !registryNames.includes(name) && !unused.includes(name)),
      'offered but not registered',
    ).toEqual([]);
    // The unused list must stay true too: each still exists, is not also registered, and says why it is unused.
    // (Calling one from the app does not compile: db.rpc accepts only registered names.)
    expect(
      unused.filter((name) => !offered.includes(name)),
      'listed as unused but gone from the API',
    ).toEqual([]);
    expect(
      unused.filter((name) => registryNames.includes(name)),
      'both registered and unused',
    ).toEqual([]);
    expect(
      Object.entries(unusedByApp).filter(([, reason]) => reason.trim().length < 20),
      'unused without a reason',
    ).toEqual([]);
  });
});
