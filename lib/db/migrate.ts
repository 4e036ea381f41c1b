import fs from 'node:fs';
import path from 'node:path';
import type { MigrationState } from './types';

/**
 * Applies supabase/migrations/*.sql in the SQL modes, recording each in supabase_migrations.schema_migrations: the
 * table the Supabase CLI keeps, so `supabase migration list --db-url …` agrees with the app and `supabase db push`
 * later skips what the app already applied. Each migration runs in its own transaction; a failure leaves the database
 * at the last good migration and stops start-up with the file's name.
 */

export interface MigrationExecutor {
  exec(sql: string): Promise<void>;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export function projectRoot(): string {
  return process.env.SIANG_ROOT ?? process.cwd();
}

export function listMigrations(root = projectRoot()): MigrationFile[] {
  const dir = path.join(root, 'supabase', 'migrations');
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, match: FILE_NAME.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map(({ file, match }) => ({ version: match[1]!, name: match[2]!, file: path.join(dir, file) }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

const HISTORY_TABLE = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text);
`;

export async function migrationState(db: MigrationExecutor, root = projectRoot()): Promise<MigrationState> {
  const exists = await db.query<{ present: boolean }>("select to_regclass('supabase_migrations.schema_migrations') is not null as present");
  const rows = exists[0]?.present
    ? await db.query<{ version: string; statements: string[] | null }>(
        'select version, statements from supabase_migrations.schema_migrations order by version',
      )
    : [];
  const files = listMigrations(root);
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const done = new Set(rows.map((r) => r.version));
  // The app records a migration as one statement (the whole file); the Supabase CLI splits it, so only those the app
  // applied can be compared with their file.
  const changed = rows
    .filter((r) => r.statements?.length === 1 && byVersion.has(r.version))
    .filter((r) => r.statements![0] !== fs.readFileSync(byVersion.get(r.version)!.file, 'utf8'))
    .map((r) => r.version);
  return {
    applied: rows.map((r) => r.version),
    pending: files.filter((m) => !done.has(m.version)).map((m) => m.version),
    ...(changed.length ? { changed } : {}),
  };
}

/** Whether the auth schema belongs to someone else: then this is Supabase's database and it provides roles and auth. */
async function isSupabaseManaged(db: MigrationExecutor): Promise<boolean> {
  const rows = await db.query<{ foreign_auth: boolean }>(`
    select exists (
      select 1 from pg_namespace n
      where n.nspname = 'auth' and not pg_has_role(current_user, n.nspowner, 'usage')
    ) as foreign_auth`);
  return rows[0]?.foreign_auth ?? false;
}

export async function migrate(db: MigrationExecutor, root = projectRoot()): Promise<string[]> {
  if (!(await isSupabaseManaged(db))) {
    await db.exec(fs.readFileSync(path.join(root, 'lib', 'db', 'bootstrap.sql'), 'utf8'));
  }
  await db.exec(HISTORY_TABLE);
  const { pending } = await migrationState(db, root);
  const applied: string[] = [];
  for (const migration of listMigrations(root).filter((m) => pending.includes(m.version))) {
    const sql = fs.readFileSync(migration.file, 'utf8');
    try {
      await db.exec(`begin;\n${sql}\n;\ninsert into supabase_migrations.schema_migrations (version, statements, name)
        values ('${migration.version}', array[${quote(sql)}], '${migration.name}');\ncommit;`);
    } catch (error) {
      await db.exec('rollback').catch(() => undefined);
      throw new Error(`Migration ${path.basename(migration.file)} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(migration.version);
  }
  return applied;
}

/** Base data (supabase/seed.sql) guards itself: it does nothing once an organisation exists. */
export async function seedBaseData(db: MigrationExecutor, root = projectRoot()): Promise<void> {
  await db.exec(fs.readFileSync(path.join(root, 'supabase', 'seed.sql'), 'utf8'));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
