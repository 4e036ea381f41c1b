import { beforeAll, expect, it } from 'vitest';
import type { SqlDb } from '../../lib/db/types';
import { onEveryDatabase } from './databases';
import { ownerQuery } from './fixtures';
import { attempt, buildWorld, type Who, type World } from './staff-fixtures';

/**
 * The row level security matrix: every role (and anon, and a signed-in non-staff user) against every table, for
 * select, insert, update and delete. Each cell is asserted. The table list comes from the catalogue, and a table
 * without a row in EXPECTED fails the test, so a table added later cannot go untested.
 */

const WHO: Who[] = ['anon', 'outsider', 'admin', 'pr', 'clerk', 'finance', 'executive'];

type Read = 'all' | 'none' | 'refused' | { sql: string }; // sql: the rows the owner counts as visible to that caller
interface TableRules {
  read: Record<Who, Read>;
  /** One statement per operation; $1 is the caller's own user id where needed. */
  insert?: { sql: string; allowed: Who[] };
  update?: { sql: string; allowed: Who[] };
  delete?: { sql: string; allowed: Who[] };
}

const readBy = (rule: (who: Who) => Read): Record<Who, Read> => Object.fromEntries(WHO.map((w) => [w, rule(w)])) as Record<Who, Read>;
const staffAll = readBy((w) => (w === 'anon' ? 'refused' : w === 'outsider' ? 'none' : 'all'));
const refusedToAll = readBy(() => 'refused');
const inDivision = (slug: string, sql: (division: string) => string) => ({ sql: sql(`(select id from division where slug = '${slug}')`) });

const EXPECTED: Record<string, TableRules> = {
  organisation: {
    read: staffAll,
    update: { sql: 'update organisation set thai_digits = thai_digits', allowed: ['admin'] },
  },
  // The logo: every staff member reads it (the public through public_logo); the admin sets and removes it.
  organisation_logo: {
    read: staffAll,
    // The one row exists already (beforeAll), so the insert replaces it, as admin_set_logo does.
    insert: {
      sql: "insert into organisation_logo (id, media_type, bytes) values (1, 'image/png', '\\x89504e470d0a1a0a'::bytea) on conflict (id) do update set bytes = excluded.bytes",
      allowed: ['admin'],
    },
    update: { sql: 'update organisation_logo set media_type = media_type', allowed: ['admin'] },
    delete: { sql: 'delete from organisation_logo', allowed: ['admin'] },
  },
  division: {
    read: staffAll,
    insert: {
      sql: 'insert into division (slug, name) values (\'t-\' || substr(md5(random()::text), 1, 8), \'{"th": "ทดสอบ"}\')',
      allowed: ['admin'],
    },
    update: { sql: "update division set position = position where slug = 'education'", allowed: ['admin'] },
    delete: { sql: "delete from division where slug = 't-delete'", allowed: ['admin'] },
  },
  service_point: {
    read: staffAll,
    update: { sql: "update service_point set active = active where slug = 'waste-fees'", allowed: ['admin'] },
    delete: { sql: "delete from service_point where slug = 't-delete'", allowed: ['admin'] },
  },
  // The ITA item map: the admin keeps it, staff read it; the public gets a year's items only through public_ita_items.
  ita_item: {
    read: staffAll,
    insert: {
      sql: "insert into ita_item (fiscal_year, code, title, page) values (2570, 'T' || (floor(random() * 1000000))::int, '{\"th\": \"ทดสอบ\"}', 'results')",
      allowed: ['admin'],
    },
    update: { sql: 'update ita_item set position = position where fiscal_year = 2568', allowed: ['admin'] },
    delete: { sql: 'delete from ita_item where fiscal_year = 2566', allowed: ['admin'] },
  },
  survey_version: { read: staffAll, update: { sql: 'update survey_version set status = status where version_no = 1', allowed: ['admin'] } },
  survey_item: { read: staffAll },
  improvement_action: {
    read: staffAll,
    insert: {
      sql: 'insert into improvement_action (division_id, title) values ((select id from division where slug = \'clerk\'), \'{"th": "ติดตั้งเครื่องออกบัตรคิว"}\')',
      allowed: ['admin', 'pr', 'clerk'],
    },
    update: {
      sql: "update improvement_action set progress = 10 where division_id = (select id from division where slug = 'clerk')",
      allowed: ['admin', 'pr', 'clerk'],
    },
    delete: { sql: 'delete from improvement_action', allowed: ['admin'] },
  },
  response: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) => `select id from response where service_point_id in (select id from service_point where division_id = ${d})
                                or id in (select response_id from suggestion where assigned_division_id = ${d})`,
              )
            : 'all',
    ),
    insert: {
      sql: "insert into response (client_key, reference, service_point_id, survey_version_id, overall_rating) values (gen_random_uuid(), 'X-0000-000000', 1, 1, 5)",
      allowed: [],
    },
    update: { sql: 'update response set overall_rating = 5', allowed: [] },
    delete: { sql: 'delete from response', allowed: [] },
  },
  response_answer: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) => `select response_id from response_answer where response_id in (
            select id from response where service_point_id in (select id from service_point where division_id = ${d})
               or id in (select response_id from suggestion where assigned_division_id = ${d}))`,
              )
            : 'all',
    ),
    update: { sql: 'update response_answer set rating = 1', allowed: [] },
  },
  suggestion: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(w, (d) => `select id from suggestion where assigned_division_id = ${d}`)
            : 'all',
    ),
    insert: { sql: "insert into suggestion (response_id, body) select id, 'x' from response limit 1", allowed: [] },
    // A triage column, on the clerk's suggestion: division staff may change their own, executives nothing.
    update: {
      sql: "update suggestion set category = 'process' where assigned_division_id = (select id from division where slug = 'clerk')",
      allowed: ['admin', 'pr', 'clerk'],
    },
    delete: { sql: 'delete from suggestion', allowed: [] },
  },
  contact_detail: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'admin' || w === 'pr'
          ? 'all'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) =>
                  `select suggestion_id from contact_detail where suggestion_id in (select id from suggestion where assigned_division_id = ${d} and wants_reply)`,
              )
            : 'none',
    ),
    update: { sql: "update contact_detail set phone = '0899999999'", allowed: [] },
    delete: { sql: 'delete from contact_detail', allowed: [] },
  },
  staff: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'outsider' ? 'none' : 'all')),
    update: { sql: "update staff set display_name = display_name where role = 'executive'", allowed: ['admin'] },
    delete: { sql: "delete from staff where display_name = 'spare'", allowed: ['admin'] },
  },
  suggestion_note: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) =>
                  `select id from suggestion_note where suggestion_id in (select id from suggestion where assigned_division_id = ${d})`,
              )
            : 'all',
    ),
    insert: {
      sql: "insert into suggestion_note (suggestion_id, body) select id, 'บันทึก' from suggestion where assigned_division_id = (select id from division where slug = 'clerk')",
      allowed: ['admin', 'pr', 'clerk'],
    },
    update: { sql: "update suggestion_note set body = 'แก้'", allowed: [] },
    delete: { sql: 'delete from suggestion_note', allowed: [] },
  },
  suggestion_reply: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) =>
                  `select id from suggestion_reply where suggestion_id in (select id from suggestion where assigned_division_id = ${d})`,
              )
            : 'all',
    ),
    insert: {
      sql: "insert into suggestion_reply (suggestion_id, body) select id, 'ตอบ' from suggestion where assigned_division_id = (select id from division where slug = 'clerk')",
      allowed: ['admin', 'pr', 'clerk'],
    },
    delete: { sql: 'delete from suggestion_reply', allowed: [] },
  },
  audit_log: {
    read: readBy((w) =>
      w === 'anon'
        ? 'refused'
        : w === 'outsider'
          ? 'none'
          : w === 'clerk' || w === 'finance'
            ? inDivision(
                w,
                (d) =>
                  `select id from audit_log where entity = 'suggestion' and entity_id in (select id::text from suggestion where assigned_division_id = ${d})`,
              )
            : 'all',
    ),
    insert: { sql: "insert into audit_log (actor_role, entity, entity_id, action) values ('x', 'x', 'x', 'x')", allowed: [] },
    update: { sql: "update audit_log set action = 'forged'", allowed: [] },
    delete: { sql: 'delete from audit_log', allowed: [] },
  },
  rate_counter: { read: refusedToAll, delete: { sql: 'delete from rate_counter', allowed: [] } },
  job_run: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'admin' ? 'all' : 'none')),
    insert: { sql: "insert into job_run (job) values ('forged')", allowed: [] },
    delete: { sql: 'delete from job_run', allowed: [] },
  },
  // Statistics rollups: read only through satisfaction_stats and public_results, written only by triggers.
  ...Object.fromEntries(
    [
      'stat_rating_day',
      'stat_rating_month',
      'stat_response_day',
      'stat_response_month',
      'stat_respondent_day',
      'stat_respondent_month',
    ].map((table): [string, TableRules] => [table, { read: refusedToAll, delete: { sql: `delete from ${table}`, allowed: [] } }]),
  ),
  stat_pending: { read: refusedToAll, delete: { sql: 'delete from stat_pending', allowed: [] } },
  // Improvement actions' links, timeline and evidence: every staff member reads; the action's editors write.
  ...Object.fromEntries(
    [
      'improvement_action_point',
      'improvement_action_suggestion',
      'improvement_action_item',
      'improvement_action_update',
      'improvement_action_evidence',
    ].map((table): [string, TableRules] => [
      table,
      {
        read: staffAll,
        delete: {
          sql: `delete from ${table} where action_id in (select id from improvement_action where division_id = (select id from division where slug = 'clerk'))`,
          allowed: ['admin', 'pr', 'clerk'],
        },
      },
    ]),
  ),
  resolution_feedback: {
    read: staffAll,
    insert: { sql: "insert into resolution_feedback (suggestion_id, answer) select id, 'yes' from suggestion limit 1", allowed: [] },
    delete: { sql: 'delete from resolution_feedback', allowed: [] },
  },
  staff_session: { read: refusedToAll, update: { sql: 'update staff_session set ended_at = null', allowed: [] } },
  // Kiosk tablets: managed by the admin and the PR officer (issue, rename, revoke), never deleted.
  kiosk_device: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'admin' || w === 'pr' ? 'all' : 'none')),
    insert: {
      sql: "insert into kiosk_device (service_point_id, label, code_hash, code_hint) values (1, 'เคาน์เตอร์ 9', md5(random()::text) || md5(random()::text), 'ABCD')",
      allowed: ['admin', 'pr'],
    },
    update: { sql: 'update kiosk_device set label = label', allowed: ['admin', 'pr'] },
    delete: { sql: 'delete from kiosk_device', allowed: [] },
  },
  // Alerts: the admin sets them (the PR officer reads them); alerts raised are read by those who act on them;
  // the outbox is written only by the job (service_role) and read by the admin.
  alert_setting: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'admin' || w === 'pr' ? 'all' : 'none')),
    update: { sql: 'update alert_setting set min_responses = min_responses', allowed: ['admin'] },
    delete: { sql: 'delete from alert_setting', allowed: [] },
  },
  alert_event: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'admin' || w === 'pr' || w === 'executive' ? 'all' : 'none')),
    insert: {
      sql: "insert into alert_event (service_point_id, window_start, window_end, responses, unhappy) values (1, now() - interval '1 minute', now(), 4, 4)",
      allowed: [],
    },
    delete: { sql: 'delete from alert_event', allowed: [] },
  },
  notification_outbox: {
    read: readBy((w) => (w === 'anon' ? 'refused' : w === 'admin' ? 'all' : 'none')),
    insert: {
      sql: "insert into notification_outbox (kind, channel, dedupe_key, payload) values ('alert', 'email', 'forged', '{}')",
      allowed: [],
    },
    update: { sql: "update notification_outbox set status = 'pending'", allowed: [] },
    delete: { sql: 'delete from notification_outbox', allowed: [] },
  },
};

onEveryDatabase('the RLS matrix', (db) => {
  let world: World;
  beforeAll(async () => {
    await db().exec(ABORT_WITH);
    world = await buildWorld(db());
    // Something in every table, so that "sees nothing" means refused rows, not an empty table.
    await ownerQuery(db(), `insert into suggestion_note (suggestion_id, author_id, body) values ($1, $3, 'n1'), ($2, $3, 'n2')`, [
      world.suggestions.clerk,
      world.suggestions.finance,
      world.userIds.admin,
    ]);
    await ownerQuery(db(), `insert into suggestion_reply (suggestion_id, author_id, body) values ($1, $3, 'r1'), ($2, $3, 'r2')`, [
      world.suggestions.clerk,
      world.suggestions.finance,
      world.userIds.admin,
    ]);
    await ownerQuery(
      db(),
      `insert into improvement_action (division_id, title) select id, '{"th": "ตัวอย่าง"}' from division where slug in ('clerk', 'finance')`,
    );
    for (const sql of [
      "insert into improvement_action_point (action_id, service_point_id) select a.id, p.id from improvement_action a, service_point p where p.slug = 'civil-registration'",
      'insert into improvement_action_suggestion (action_id, suggestion_id) select a.id, $1 from improvement_action a',
      "insert into improvement_action_item (action_id, item_code) select id, 'process_queue' from improvement_action",
      `insert into improvement_action_update (action_id, happened_on, body) select id, current_date, '{"th": "เริ่ม"}' from improvement_action`,
      "insert into improvement_action_evidence (action_id, kind, media_type, byte_size, sha256) select id, 'image', 'image/png', 10, repeat('a', 64) from improvement_action",
      "update suggestion set status = 'resolved' where id = $1",
      "insert into resolution_feedback (suggestion_id, answer) values ($1, 'yes')",
    ]) {
      await ownerQuery(db(), sql, sql.includes('$1') ? [world.suggestions.clerk] : []);
    }
    await ownerQuery(db(), `select public.rate_limit_hit('test', 60, 10)`);
    await db().rpc('purge_expired_contacts', {}, { role: 'service_role' });
    await db().rpc('start_staff_session', { p_user_id: world.userIds.pr, p_hours: 1 }, { role: 'service_role' });
    await ownerQuery(
      db(),
      "insert into kiosk_device (service_point_id, label, code_hash, code_hint) values (1, 'เคาน์เตอร์ 1', repeat('a', 64), 'AAAA')",
    );
    await ownerQuery(
      db(),
      "insert into organisation_logo (id, media_type, bytes) values (1, 'image/png', '\\x89504e470d0a1a0a'::bytea) on conflict (id) do nothing",
    );
    await ownerQuery(
      db(),
      "insert into alert_event (service_point_id, window_start, window_end, responses, unhappy) values (1, now() - interval '15 minutes', now(), 4, 3)",
    );
    await ownerQuery(
      db(),
      `insert into notification_outbox (kind, channel, dedupe_key, payload) values ('alert', 'email', 'matrix', '{"type": "alert"}')`,
    );
    // One response rolled up (the rollups have rows to hide), the rest still pending (so has stat_pending).
    await ownerQuery(db(), "select app.stat_fold(interval '0', 1)");
    // Rows that an allowed role may delete in the (rolled-back) delete cells.
    await ownerQuery(db(), `insert into division (slug, name) values ('t-delete', '{"th": "ลบได้"}')`);
    await ownerQuery(
      db(),
      `insert into service_point (slug, division_id, name) select 't-delete', id, '{"th": "ลบได้"}' from division where slug = 't-delete'`,
    );
    await db().rpc(
      'staff_upsert',
      {
        p_email: 'spare@test.example',
        p_role: 'executive',
        p_display_name: 'spare',
        p_password_hash: '$2b$12$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu',
      },
      { role: 'service_role' },
    );
  });

  it('has a rule for every table in the schema', async () => {
    const tables = (await ownerQuery<{ name: string }>(db(), "select tablename as name from pg_tables where schemaname = 'public'")).map(
      (t) => t.name,
    );
    expect(tables.filter((t) => !EXPECTED[t]).sort(), 'tables without an RLS matrix row').toEqual([]);
  });

  it('lets each role read exactly the rows it should, in every table', async () => {
    for (const [table, rules] of Object.entries(EXPECTED)) {
      const [{ total }] = (await ownerQuery<{ total: number }>(db(), `select count(*)::int as total from ${table}`)) as [{ total: number }];
      expect(total, `${table} has rows to hide`).toBeGreaterThan(0);
      for (const who of WHO) {
        const seen = await attempt<{ n: number }>(db(), world.callers[who], `select count(*)::int as n from ${table}`);
        const rule = rules.read[who];
        const label = `${who} reading ${table}`;
        if (rule === 'refused') expect(seen, label).toBe('refused');
        else if (seen === 'refused') expect.fail(`${label} was refused`);
        else if (rule === 'all') expect(seen[0]!.n, label).toBe(total);
        else if (rule === 'none') expect(seen[0]!.n, label).toBe(0);
        else {
          const expected = (await ownerQuery(db(), rule.sql)).length;
          expect(seen[0]!.n, label).toBe(expected);
          expect(expected, `${label}: a partial view should be neither empty nor everything`).toBeGreaterThan(0);
          expect(expected, `${label}: a partial view should be neither empty nor everything`).toBeLessThan(total);
        }
      }
    }
  });

  it('lets each role insert, update and delete only where it should', async () => {
    for (const [table, rules] of Object.entries(EXPECTED)) {
      for (const op of ['insert', 'update', 'delete'] as const) {
        const rule = rules[op];
        if (!rule) continue;
        for (const who of WHO) {
          const label = `${who} ${op} on ${table}`;
          // Each attempt is rolled back, so cells do not affect each other.
          const result = await attemptRolledBack(db(), world.callers[who], rule.sql);
          if (rule.allowed.includes(who)) expect(result, label).toBe('changed');
          else expect(result, label).not.toBe('changed');
        }
      }
    }
  });

  it('never lets anyone, not even the service role or the owner, change or delete the audit trail', async () => {
    for (const sql of ["update audit_log set action = 'forged'", 'delete from audit_log', 'truncate audit_log']) {
      await expect(db().query(sql, [], { role: 'service_role' })).rejects.toMatchObject({ code: '42501' });
      await expect(db().exec(sql)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('lets the staff read every table only with the functions they need', async () => {
    const visible = (
      await ownerQuery<{ name: string }>(
        db(),
        `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and has_function_privilege('authenticated', p.oid, 'execute') order by 1`,
      )
    ).map((f) => f.name);
    expect(visible).not.toContain('submit_response');
    expect(visible).not.toContain('staff_upsert');
    expect(visible).not.toContain('auth_user_for_sign_in');
    expect(visible).not.toContain('rate_limit_hit');
    for (const serverOnly of [
      'kiosk_sync',
      'kiosk_pair',
      'alerts_evaluate',
      'notification_claim',
      'notification_finish',
      'notification_citizen_notice',
    ])
      expect(visible).not.toContain(serverOnly);
    expect(visible).toContain('triage_suggestion');
  });
});

/** Test support only: end a statement by raising, with the number of rows it changed in the message. */
const ABORT_WITH = `
  create schema if not exists test_support;
  create or replace function test_support.abort_with(n int) returns int language plpgsql as $f$
  begin
    raise exception 'rolled back after %', n using errcode = 'P0001';
  end
  $f$;
  grant usage on schema test_support to anon, authenticated, service_role;
  grant execute on function test_support.abort_with(int) to anon, authenticated, service_role;`;

/**
 * Run a data-changing statement as the caller and always roll it back (the statement ends by raising), reporting
 * whether it changed rows ('changed'), changed none ('nothing'), or was refused ('refused').
 */
async function attemptRolledBack(
  db: SqlDb,
  caller: Parameters<SqlDb['query']>[2],
  sql: string,
): Promise<'changed' | 'nothing' | 'refused'> {
  try {
    await db.query(`with changed as (${sql} returning 1) select test_support.abort_with(count(*)::int) from changed`, [], caller);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    const rolledBack = /^rolled back after (\d+)$/.exec(message ?? '');
    if (code === 'P0001' && rolledBack) return Number(rolledBack[1]) > 0 ? 'changed' : 'nothing';
    if (code === '42501' || code === '23502' || code === '23503' || code === '23514' || code === '22023') return 'refused';
    throw error;
  }
  throw new Error('the statement was not rolled back');
}
