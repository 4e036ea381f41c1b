/**
 * Whether this process last found the database server unreachable. Pages cannot choose their own status code, so
 * while the database is away the proxy answers page requests with a 503, Retry-After and a message in the reader's
 * language (instead of a 500 from the failed render), asking the database again at most once a second until it
 * answers. The JSON routes answer their own 503s. Kept on globalThis: the proxy and the routes are bundled apart.
 */

const holder = globalThis as typeof globalThis & { __siangDbDownSince?: number; __siangDbLastProbe?: { at: number; ok: boolean } };

export function noteDbUnavailable(): void {
  holder.__siangDbDownSince ??= Date.now();
}

export function noteDbAvailable(): void {
  holder.__siangDbDownSince = undefined;
}

export function dbDownSince(): number | undefined {
  return holder.__siangDbDownSince;
}

/** While the database is noted as away: ask it again (at most once a second, `probe` throws when it is unreachable). */
export async function dbStillDown(probe: () => Promise<unknown>, now = Date.now()): Promise<boolean> {
  if (holder.__siangDbDownSince === undefined) return false;
  const last = holder.__siangDbLastProbe;
  if (last && now - last.at < 1_000) return !last.ok;
  let ok = true;
  try {
    await probe();
  } catch {
    ok = false;
  }
  holder.__siangDbLastProbe = { at: now, ok };
  if (ok) noteDbAvailable();
  return !ok;
}
