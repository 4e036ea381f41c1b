/**
 * The vocabulary of the API registry (api.ts): how one SQL function of the API is described once, so that its
 * TypeScript types (for every db.rpc call) and its runtime description (for the registry-versus-catalogue test) can
 * never disagree. An argument's TypeScript type follows from its SQL type; a result type is stated by the registry,
 * because a jsonb result's shape is only known to the function's body.
 */

/** SQL argument types the API uses, spelled as format_type() spells them. */
export type SqlArgType = 'text' | 'uuid' | 'date' | 'integer' | 'bigint' | 'boolean' | 'jsonb';

/** What a function returns, spelled as pg_get_function_result() spells it. */
export type SqlReturn = 'jsonb' | 'void' | 'uuid' | 'text' | 'text[]' | 'boolean';

/** Values that travel as JSON (see toParam in acting-as.ts). The SQL function validates their shape: it must, since
 * Supabase clients may call it directly, so TypeScript does not pretend to know more than "some JSON". */
export type JsonArg = unknown;

type ValueOfSql<S extends SqlArgType> = S extends 'integer' | 'bigint'
  ? number
  : S extends 'boolean'
    ? boolean
    : S extends 'jsonb'
      ? JsonArg
      : string;

export interface ArgSpec<T = unknown, HasDefault extends boolean = boolean> {
  readonly sqlType: SqlArgType;
  /** The SQL function declares a default, so a caller may leave the argument out. */
  readonly hasDefault: HasDefault;
  /** Phantom: the TypeScript type of the value, never set at runtime. */
  readonly value?: T;
}

interface Arg<T, HasDefault extends boolean> extends ArgSpec<T, HasDefault> {
  /** The function declares a default for this argument. */
  readonly withDefault: () => Arg<T, true>;
  /** The function gives null a meaning here (for example "create" rather than "update"). */
  readonly orNull: () => Arg<T | null, HasDefault>;
}

function arg<T, D extends boolean>(sqlType: SqlArgType, hasDefault: D): Arg<T, D> {
  return {
    sqlType,
    hasDefault,
    withDefault: () => arg<T, true>(sqlType, true),
    orNull: () => arg<T | null, D>(sqlType, hasDefault),
  };
}

const sql = <S extends SqlArgType>(sqlType: S) => arg<ValueOfSql<S>, false>(sqlType, false);
export const text = sql('text');
export const uuid = sql('uuid');
export const date = sql('date');
export const integer = sql('integer');
export const bigint = sql('bigint');
export const boolean = sql('boolean');
export const jsonb = sql('jsonb');

export type ArgSpecs = Record<string, ArgSpec>;

export interface FunctionSpec<A extends ArgSpecs = ArgSpecs, R = unknown> {
  /** In the order the SQL function declares them (object keys keep their insertion order). */
  readonly args: A;
  readonly returns: SqlReturn;
  /** Phantom: the TypeScript type of the result, never set at runtime. */
  readonly result?: R;
}

/** `fn({ p_id: bigint, p_locale: text.withDefault() }).returns<ActionDetail | null>('jsonb')` */
export function fn<const A extends ArgSpecs>(args: A) {
  return { returns: <R>(returns: SqlReturn): FunctionSpec<A, R> => ({ args, returns }) };
}

type Flatten<T> = { -readonly [K in keyof T]: T[K] };
type ValueOf<S> = S extends ArgSpec<infer T> ? T : never;
type Needed<A extends ArgSpecs> = { [K in keyof A as A[K] extends ArgSpec<unknown, true> ? never : K]: ValueOf<A[K]> };
type Defaulted<A extends ArgSpecs> = { [K in keyof A as A[K] extends ArgSpec<unknown, true> ? K : never]?: ValueOf<A[K]> };

/** The named arguments of a call; a function without arguments takes `{}` and nothing else. */
export type ArgsOf<S extends FunctionSpec> = keyof S['args'] extends never
  ? Record<string, never>
  : Flatten<Needed<S['args']> & Defaulted<S['args']>>;
export type ResultOf<S extends FunctionSpec> = S extends FunctionSpec<ArgSpecs, infer R> ? R : never;
