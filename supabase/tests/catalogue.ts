import type { MigrationExecutor } from '../../lib/db/migrate';

/**
 * A database's schema as rows of (kind, name, definition), from the catalogue: what the migrations and the schema files
 * must agree on. Covers schemas public and app: tables and their options, columns, constraints, indexes, triggers,
 * policies, functions (whole definitions: body, volatility, security, settings), types, sequences, comments, and the
 * privileges on each of them.
 */
export interface CatalogueRow {
  kind: string;
  name: string;
  definition: string;
}

const CATALOGUE = `
with ns as (select oid, nspname, nspacl from pg_namespace where nspname in ('public', 'app')),
rel as (select c.* from pg_class c join ns on ns.oid = c.relnamespace)
select 'relation' as kind, c.oid::regclass::text as name,
       concat_ws(' ', c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text, c.relacl::text,
                 obj_description(c.oid, 'pg_class')) as definition
from rel c where c.relkind in ('r', 'p', 'v', 'm', 'S', 'c') and c.relname !~ '^response_reference_'
union all
select 'column', a.attrelid::regclass::text || '.' || a.attname,
       concat_ws(' ', format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
                 pg_get_expr(d.adbin, d.adrelid), a.attacl::text, col_description(a.attrelid, a.attnum), a.attnum)
from pg_attribute a join rel c on c.oid = a.attrelid
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'v', 'c')
union all
select 'constraint', co.conrelid::regclass::text || '.' || co.conname, pg_get_constraintdef(co.oid)
from pg_constraint co join ns on ns.oid = co.connamespace
union all
select 'index', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
from pg_index i join rel c on c.oid = i.indexrelid
union all
select 'trigger', t.tgrelid::regclass::text || '.' || t.tgname, pg_get_triggerdef(t.oid)
from pg_trigger t join rel c on c.oid = t.tgrelid where not t.tgisinternal
union all
select 'policy', p.schemaname || '.' || p.tablename || '.' || p.policyname,
       concat_ws(' ', p.permissive, p.roles::text, p.cmd, p.qual, p.with_check)
from pg_policies p where p.schemaname in ('public', 'app')
union all
select 'function', p.oid::regprocedure::text,
       concat_ws(' ', pg_get_functiondef(p.oid), p.proacl::text, obj_description(p.oid, 'pg_proc'))
from pg_proc p join ns on ns.oid = p.pronamespace where p.prokind in ('f', 'p')
union all
select 'type', t.oid::regtype::text, obj_description(t.oid, 'pg_type')
from pg_type t join ns on ns.oid = t.typnamespace where t.typtype in ('c', 'e', 'd') and t.typrelid = 0 or
  (t.typtype = 'c' and t.typnamespace in (select oid from ns) and exists (select 1 from pg_class k where k.oid = t.typrelid and k.relkind = 'c'))
union all
select 'schema', n.nspname, concat_ws(' ', n.nspacl::text, obj_description(n.oid, 'pg_namespace')) from ns n
order by 1, 2`;

export async function catalogue(db: Pick<MigrationExecutor, 'query'>): Promise<CatalogueRow[]> {
  return db.query<CatalogueRow>(CATALOGUE);
}

/** The rows that differ, each side's definition beside its name: empty when both databases hold the same schema. */
export function catalogueDifferences(a: CatalogueRow[], b: CatalogueRow[]): { key: string; a?: string; b?: string }[] {
  const index = (rows: CatalogueRow[]) => new Map(rows.map((r) => [`${r.kind} ${r.name}`, r.definition]));
  const [left, right] = [index(a), index(b)];
  return [...new Set([...left.keys(), ...right.keys()])]
    .filter((key) => left.get(key) !== right.get(key))
    .sort()
    .map((key) => ({ key, a: left.get(key), b: right.get(key) }));
}
