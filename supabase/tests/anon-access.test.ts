import { expect, it } from 'vitest';
import { anon, serviceRole } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery, refusal, submission, submit } from './fixtures';

/**
 * anon (anyone on the internet, and anyone holding Supabase's public anon key) reads no table and writes none.
 * It may only execute survey_form, public_service_points, public_results and the other public pages' functions
 * (aggregates, small cells suppressed); tracking is the server's, after its per-address limit (issue 17). The list
 * of tables comes from the catalogue, so a table added later is covered (or fails) without anyone remembering to list
 * it here.
 */

onEveryDatabase('anon', (db) => {
  async function publicTables(): Promise<{ name: string; column: string }[]> {
    return ownerQuery<{ name: string; column: string }>(
      db(),
      `select c.table_name as name, min(c.column_name) as column from information_schema.columns c
       where c.table_schema = 'public' and c.is_generated = 'NEVER' and c.table_name in (select tablename from pg_tables where schemaname = 'public')
       group by c.table_name order by 1`,
    );
  }

  it('finds row level security enabled on every table', async () => {
    const rows = await ownerQuery<{ name: string; rls: boolean }>(
      db(),
      "select c.relname as name, c.relrowsecurity as rls from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r'",
    );
    expect(rows.length).toBeGreaterThanOrEqual(11);
    expect(rows.filter((r) => !r.rls).map((r) => r.name)).toEqual([]);
  });

  it('can read no table, even with data in every one', async () => {
    await submit(db(), submission({ suggestion: { text: 'มีข้อมูล' }, contact: { consent: true, email: 'a@example.org' } }));
    for (const { name: table } of await publicTables()) {
      const error = await refusal(db().query(`select * from public.${table} limit 1`, [], anon));
      expect(error.code, `anon select on ${table}`).toBe('42501');
    }
  });

  it('can insert, update or delete in no table', async () => {
    for (const { name: table, column } of await publicTables()) {
      expect((await refusal(db().query(`delete from public.${table}`, [], anon))).code, `delete ${table}`).toBe('42501');
      expect((await refusal(db().query(`update public.${table} set "${column}" = "${column}"`, [], anon))).code, `update ${table}`).toBe(
        '42501',
      );
      expect((await refusal(db().query(`insert into public.${table} default values`, [], anon))).code, `insert ${table}`).toBe('42501');
    }
    const [{ n }] = (await ownerQuery<{ n: number }>(db(), 'select count(*)::int as n from response')) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });

  it('can execute only the public functions, which return what the public may see', async () => {
    const { reference, checkCode } = await submit(db(), submission({ suggestion: { text: 'ชื่อ นาย ก เบอร์ 0812345678' } }));
    const tracked = await db().rpc('track_response', { p_reference: reference, p_check: checkCode, p_locale: 'th' }, serviceRole);
    expect(tracked).toMatchObject({ reference, suggestion: { status: 'new', category: 'other' } });
    expect(JSON.stringify(tracked)).not.toContain('0812345678'); // not the citizen's own words

    const form = await db().rpc('survey_form', { p_service_point: 'civil-registration', p_locale: 'en' }, anon);
    expect(form?.servicePoint.name).toBe('Civil registration and ID cards');
    expect(await db().rpc('survey_form', { p_service_point: 'nope', p_locale: 'th' }, anon)).toBeNull();
    expect(await db().rpc('track_response', { p_reference: 'KP-2500-999999', p_check: checkCode, p_locale: 'th' }, serviceRole)).toBeNull();

    const executable = await ownerQuery<{ name: string }>(
      db(),
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname in ('public', 'app') and has_function_privilege('anon', p.oid, 'execute') order by 1`,
    );
    expect(executable.map((f) => f.name)).toEqual([
      'display_settings',
      'public_actions',
      'public_evidence',
      'public_ita_items',
      'public_logo',
      'public_participation',
      'public_results',
      'public_service_points',
      'survey_form',
    ]);
  });

  it('finds a reference typed with Thai digits, spaces and lower case', async () => {
    const { reference, checkCode } = await submit(db(), submission());
    const typed = reference
      .toLowerCase()
      .replace(/\d/g, (d) => '๐๑๒๓๔๕๖๗๘๙'[Number(d)]!)
      .replace('-', ' - ');
    const tracked = await db().rpc('track_response', { p_reference: typed, p_check: checkCode.toLowerCase(), p_locale: 'th' }, serviceRole);
    expect(tracked?.reference).toBe(reference);
  });
});
