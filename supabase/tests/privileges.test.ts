import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { schemaFiles } from '../../lib/db/schema-files';
import { listMigrations } from '../../lib/db/migrate';
import { onEveryDatabase } from './databases';
import { ownerQuery, submission, submit } from './fixtures';
import { attempt, buildWorld } from './staff-fixtures';

/**
 * The privileges of the three API roles, read from the catalogue, so that a table, sequence or function added later
 * is covered. Each rule here closed a hole found by an attack on the earlier schema.
 */
const API_ROLES = "array['anon', 'authenticated', 'service_role']";

onEveryDatabase('SQL privileges', (db) => {
  it('gives no API role TRUNCATE (which skips RLS), REFERENCES or TRIGGER on any table', async () => {
    const granted = await ownerQuery<{ grant: string }>(
      db(),
      `select r.rolname || ' ' || p.privilege || ' ' || c.oid::regclass::text as grant
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       cross join unnest(array['TRUNCATE', 'REFERENCES', 'TRIGGER']) as p(privilege)
       join pg_roles r on r.rolname = any (${API_ROLES})
       where n.nspname in ('public', 'app') and c.relkind in ('r', 'p', 'v', 'm')
         and has_table_privilege(r.oid, c.oid, p.privilege) order by 1`,
    );
    expect(granted).toEqual([]);
    // The probe is not blind: the owner holds them.
    const [owner] = await ownerQuery<{ ok: boolean }>(
      db(),
      "select has_table_privilege(current_user, 'public.division', 'TRUNCATE') as ok",
    );
    expect(owner?.ok).toBe(true);
  });

  it('lets nobody write the audit trail directly: only the functions that make the audited change', async () => {
    const writers = await ownerQuery<{ who: string }>(
      db(),
      `select r.rolname || ' ' || p.oid::regprocedure::text as who
       from pg_proc p join pg_roles r on r.rolname = any (${API_ROLES})
       where p.oid = 'app.write_audit(text, text, text, jsonb, jsonb)'::regprocedure and has_function_privilege(r.oid, p.oid, 'execute')
       union all
       select r.rolname || ' insert audit_log' from pg_roles r
       where r.rolname = any (${API_ROLES}) and has_table_privilege(r.oid, 'public.audit_log', 'INSERT,UPDATE,DELETE')`,
    );
    expect(writers).toEqual([]);
  });

  it('shows anon no sequence, neither to read nor to advance, including the references of each fiscal year', async () => {
    await submit(db(), submission()); // creates this fiscal year's reference sequence
    const visible = await ownerQuery<{ seq: string }>(
      db(),
      `select c.oid::regclass::text as seq from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'app')
         and case when c.relkind = 'S' then has_sequence_privilege('anon', c.oid, 'USAGE,SELECT,UPDATE') else false end
       order by 1`,
    );
    expect(visible).toEqual([]);
    const [{ n }] = (await ownerQuery<{ n: number }>(
      db(),
      "select count(*)::int as n from pg_class where relkind = 'S' and relname like 'response_reference_%'",
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });

  it('does not let division staff link a suggestion they cannot see to their own action', async () => {
    const world = await buildWorld(db());
    const [action] = await db().query<{ id: number }>(
      `insert into improvement_action (division_id, title) values ((select id from division where slug = 'clerk'), '{"th": "ปรับปรุงคิว"}') returning id`,
      [],
      world.callers.clerk,
    );
    const link = (suggestion: number) =>
      attempt(
        db(),
        world.callers.clerk,
        'insert into improvement_action_suggestion (action_id, suggestion_id) values ($1, $2) returning action_id',
        [action!.id, suggestion],
      );
    expect(await link(world.suggestions.finance)).toBe('refused');
    expect(await link(world.suggestions.unassigned)).toBe('refused');
    expect(await link(world.suggestions.clerk)).toEqual([{ action_id: action!.id }]);
  });
});

it("grants name Siang's own tables, sequences and functions, never everything in a schema", () => {
  const files = [...schemaFiles(), ...listMigrations().map((m) => m.file)];
  for (const file of files) {
    const sql = fs.readFileSync(file, 'utf8').toLowerCase();
    expect(sql, path.basename(file)).not.toMatch(/\bon\s+all\s+(tables|sequences|functions|routines)\s+in\s+schema\b/);
    expect(sql, path.basename(file)).not.toMatch(/\balter\s+default\s+privileges\b/);
  }
});
