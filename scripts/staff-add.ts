/**
 * npm run staff:add -- --email somsri@kasetphatthana.go.th --role pr_officer [--division clerk] [--name "สมศรี ใจดี"]
 * Adds (or updates) a staff account. Without --password-stdin a strong password is generated and printed once.
 * Roles: admin, pr_officer, division_staff (needs --division), executive.
 * With the embedded database, stop the server first (one process per data folder).
 * With SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY set, Supabase Auth creates the user (lib/auth/staff-accounts.ts).
 * To remove someone, deactivate them on the admin page: never delete the user.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { addStaff } from '@/lib/auth/staff-accounts';
import { getDb, isDbError } from '@/lib/db';

const args = z.object({
  email: z.email({ message: '--email must be an email address' }),
  role: z.enum(['admin', 'pr_officer', 'division_staff', 'executive'], {
    message: '--role must be admin, pr_officer, division_staff or executive',
  }),
  division: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { message: '--division must be a division slug such as clerk' })
    .optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      division: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  const parsed = args.safeParse(values);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('\n'));
  if (parsed.data.role === 'division_staff' && !parsed.data.division) throw new Error('--division is required for division_staff');
  const password = values['password-stdin'] ? await readStdin() : undefined;
  if (password !== undefined && password.length < 12) throw new Error('The password must have at least 12 characters');

  const db = await getDb();
  try {
    const result = await addStaff(db, {
      email: parsed.data.email,
      role: parsed.data.role,
      division: parsed.data.division,
      displayName: parsed.data.name ?? parsed.data.email.split('@')[0]!,
      password,
    });
    console.log(
      `Staff account ready: ${parsed.data.email} (${parsed.data.role}${parsed.data.division ? `, ${parsed.data.division}` : ''})`,
    );
    if (result.password) console.log(`Password (shown once): ${result.password}`);
  } finally {
    await db.close();
  }
}

// The database's refusal codes (22023), said so that the operator knows what to do.
const refusals: Record<string, string> = {
  auth_admin_api_required:
    "Supabase Auth owns this database's auth tables in a shape this version cannot write. Set SUPABASE_URL and " +
    'SUPABASE_SERVICE_ROLE_KEY (with SIANG_DB=postgres) so that the account is created through Supabase Auth, then run this again.',
  unknown_division: '--division names no division: see the admin page for the slugs',
  invalid_email: '--email must be an email address',
};

main().catch((error: Error & { code?: string }) => {
  if (isDbError(error) && error.code === '22023' && refusals[error.message]) {
    console.error(refusals[error.message]);
    process.exit(1);
  }
  console.error(error.message.replace(/^\w+Error: /, ''));
  process.exit(1);
});
