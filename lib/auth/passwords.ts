import bcrypt from 'bcryptjs';

/** bcrypt, as Supabase Auth stores passwords (auth.users.encrypted_password), cost 12. */
export const hashPassword = (password: string) => bcrypt.hash(password, 12);

// A real hash of a random string: comparing against it when an account does not exist takes as long as a real check,
// so response times do not tell an attacker which emails have accounts.
const DUMMY_HASH = '$2b$12$r5TBKfC8W0pJBA7xBKvbveiPyEPJw1LPGav3dy5iq2.sIj3O0f4..';

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}

/** A password for a new account, shown once to whoever creates it: 18 characters, about 107 bits. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
