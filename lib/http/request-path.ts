/**
 * A request path the app cannot route safely is refused before any page or route sees it:
 *  - one that does not decode (a stray "%", an encoded lone surrogate, a cut-off UTF-8 sequence): Next.js decodes
 *    dynamic segments itself and answers such paths with a bare 500;
 *  - one longer than MAX_PATH_LENGTH: no page of the app has such an address, and its echo in the response headers
 *    (next-intl's Link alternates repeat the path once per language) outgrows what reverse proxies accept (nginx's
 *    default header buffer is 4 KiB), which the citizen would see as a 502.
 * Found by the fuzz drill (scripts/drills/fuzz.ts).
 */

export const MAX_PATH_LENGTH = 512;

export type PathProblem = 'path_too_long' | 'bad_path';

export function pathProblem(rawPathname: string): PathProblem | undefined {
  if (rawPathname.length > MAX_PATH_LENGTH) return 'path_too_long';
  try {
    decodeURIComponent(rawPathname);
  } catch {
    return 'bad_path';
  }
  return undefined;
}
