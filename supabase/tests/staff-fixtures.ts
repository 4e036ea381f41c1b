import { randomUUID } from 'node:crypto';
import { anon, serviceRole, type Caller, type SqlDb } from '../../lib/db/types';
import { ownerQuery, submission, submit } from './fixtures';

/** A bcrypt-shaped hash: the database only checks its form; these tests never sign in with a password. */
const HASH = '$2b$12$abcdefghijklmnopqrstuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu';

export type Who = 'anon' | 'outsider' | 'admin' | 'pr' | 'clerk' | 'finance' | 'executive';

export interface World {
  callers: Record<Who, Caller>;
  userIds: Record<Exclude<Who, 'anon' | 'outsider'>, string>;
  /** Suggestions: routed to clerk (asked for a reply), routed to finance (asked for a reply), unassigned. */
  suggestions: { clerk: number; finance: number; unassigned: number };
  references: { clerk: string; finance: string; unassigned: string };
}

const asUser = (sub: string): Caller => ({ role: 'authenticated', claims: { sub, role: 'authenticated' } });

/**
 * Staff of every role, a non-staff signed-in user, and three suggestions with contact details: one routed to the
 * clerk's office, one to finance, one not yet routed.
 */
export async function buildWorld(db: SqlDb, tag = randomUUID().slice(0, 8)): Promise<World> {
  const add = async (email: string, role: string, division: string | null) =>
    (
      await db.rpc(
        'staff_upsert',
        { p_email: `${email}-${tag}@test.example`, p_role: role, p_display_name: email, p_division: division, p_password_hash: HASH },
        serviceRole,
      )
    ).userId;
  const userIds = {
    admin: await add('admin', 'admin', null),
    pr: await add('pr', 'pr_officer', null),
    clerk: await add('clerk', 'division_staff', 'clerk'),
    finance: await add('finance', 'division_staff', 'finance'),
    executive: await add('executive', 'executive', null),
  };
  const [outsider] = await ownerQuery<{ id: string }>(
    db,
    `insert into auth.users (id, email) values (gen_random_uuid(), 'outsider-${tag}@test.example') returning id`,
  );

  const make = async (point: string) => {
    const r = await submit(
      db,
      submission({
        service_point: point,
        answers: { staff_polite: 4, process_speed: 2 },
        suggestion: { text: `ข้อเสนอแนะ ${point} ${tag}` },
        contact: { consent: true, phone: '0812345678', name: `ชื่อ ${point}` },
      }),
    );
    const [row] = await ownerQuery<{ id: number }>(
      db,
      'select s.id from suggestion s join response r on r.id = s.response_id where r.reference = $1',
      [r.reference],
    );
    return { id: Number(row!.id), reference: r.reference };
  };
  const clerk = await make('civil-registration');
  const finance = await make('land-building-tax');
  const unassigned = await make('waste-fees');
  await ownerQuery(
    db,
    `update suggestion set assigned_division_id = (select id from division where slug = 'clerk'), status = 'assigned' where id = $1`,
    [clerk.id],
  );
  await ownerQuery(
    db,
    `update suggestion set assigned_division_id = (select id from division where slug = 'finance'), status = 'assigned' where id = $1`,
    [finance.id],
  );

  return {
    callers: {
      anon,
      outsider: asUser(outsider!.id),
      admin: asUser(userIds.admin),
      pr: asUser(userIds.pr),
      clerk: asUser(userIds.clerk),
      finance: asUser(userIds.finance),
      executive: asUser(userIds.executive),
    },
    userIds,
    suggestions: { clerk: clerk.id, finance: finance.id, unassigned: unassigned.id },
    references: { clerk: clerk.reference, finance: finance.reference, unassigned: unassigned.reference },
  };
}

/** Run SQL as a caller and report 'refused' (permission denied) or the rows. */
export async function attempt<T = Record<string, unknown>>(
  db: SqlDb,
  caller: Caller,
  sql: string,
  params: unknown[] = [],
): Promise<T[] | 'refused'> {
  try {
    return await db.query<T>(sql, params, caller);
  } catch (error) {
    if ((error as { code?: string }).code === '42501') return 'refused';
    throw error;
  }
}
