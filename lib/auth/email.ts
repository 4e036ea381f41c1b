/**
 * The one spelling of a staff email address that sign-in and account creation use: NFKC (full-width and other
 * compatibility forms folded to plain letters), trimmed, lower case. JavaScript and SQL lowercase some letters
 * differently (İ, U+0130, is "i" in PostgreSQL's lower() and "i̇" here), so the server normalises once, here, and
 * sends the database only this spelling; and the sign-in limits key on the account found, never on a spelling.
 */
export function normaliseEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}
