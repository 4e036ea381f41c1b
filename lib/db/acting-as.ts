import type { Caller } from './types';

/**
 * What PostgREST does at the start of every request, done by the SQL transports inside each transaction:
 * take the caller's role and publish their JWT claims, so auth.uid(), auth.jwt() and every RLS policy see exactly what
 * they would see on Supabase. Both settings are transaction-local and vanish at commit or rollback.
 */
export const ACT_AS_ROLE_SQL: Record<Caller['role'], string> = {
  anon: 'set local role anon',
  authenticated: 'set local role authenticated',
  service_role: 'set local role service_role',
};

export const SET_CLAIMS_SQL = "select set_config('request.jwt.claims', $1, true)";

export function claimsOf(caller: Caller): string {
  if (caller.role === 'authenticated') return JSON.stringify(caller.claims);
  return JSON.stringify({ role: caller.role });
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** `select public.fn(a => $1, b => $2) as result` with the values in order; names are checked, values are bound. */
export function rpcStatement(fn: string, args: Record<string, unknown>): { sql: string; params: unknown[] } {
  if (!IDENTIFIER.test(fn)) throw new Error(`Not a function name: ${fn}`);
  const names = Object.keys(args);
  for (const name of names) if (!IDENTIFIER.test(name)) throw new Error(`Not an argument name: ${name}`);
  const list = names.map((name, i) => `${name} => $${i + 1}`).join(', ');
  return { sql: `select public.${fn}(${list}) as result`, params: names.map((n) => toParam(args[n])) };
}

/**
 * The same call as one script for one round trip: taking the role, publishing the claims and calling the function
 * travel together as a multi-statement simple query, which PostgreSQL runs as one implicit transaction (all or
 * nothing; the transaction-local role and claims end with it). The values become literals, quoted exactly as
 * node-postgres' escapeLiteral does, untyped like parameters so that PostgreSQL resolves them to the same types. null
 * when a value cannot travel inside a query string (a NUL character): the caller then uses the parameterised path.
 */
export function rpcScript(fn: string, args: Record<string, unknown>, caller: Caller): string | null {
  const { params } = rpcStatement(fn, args);
  const literals = params.map(sqlLiteral);
  const claims = sqlLiteral(claimsOf(caller));
  if (claims === null || literals.some((l) => l === null) || !Object.hasOwn(ACT_AS_ROLE_SQL, caller.role)) return null;
  const list = Object.keys(args)
    .map((name, i) => `${name} => ${literals[i]}`)
    .join(', ');
  return (
    `select set_config('role', '${caller.role}', true), set_config('request.jwt.claims', ${claims}, true);\n` +
    `select public.${fn}(${list}) as result`
  );
}

/** A value as an untyped SQL literal ('…', or E'…' when it holds a backslash); null if it holds a NUL character. */
export function sqlLiteral(value: unknown): string | null {
  if (value === null || value === undefined) return 'null';
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (text.includes('\0')) return null;
  const quoted = `'${text.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
  return text.includes('\\') ? ` E${quoted}` : quoted;
}

/** Objects and arrays travel as JSON text (both drivers pass text through to json/jsonb parameters unchanged). */
export function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
