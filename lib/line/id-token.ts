import type { LineConfig } from './line-config';

/**
 * Who the LIFF user is, as LINE itself says: the ID token from liff.getIDToken() is sent to LINE Login's verify
 * endpoint (POST /oauth2/v2.1/verify) with our LINE Login channel id as the audience. LINE checks the signature,
 * expiry and audience; we take only the user id ("sub"). A token LINE refuses, or for another channel, is null.
 * (@line/bot-sdk's OAuth.verifyIdToken has a fixed host, so a plain fetch lets tests point it at a stand-in.)
 */
export async function verifiedLineUser(idToken: string, config: LineConfig): Promise<string | null> {
  if (!config.loginChannelId) return null;
  const response = await fetch(`${config.apiBaseUrl}/oauth2/v2.1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ id_token: idToken, client_id: config.loginChannelId }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 400) return null; // LINE's answer for an invalid, expired or foreign token
  if (!response.ok) throw new Error(`LINE Login answered ${response.status}`);
  const claims = (await response.json()) as { sub?: unknown; aud?: unknown };
  if (claims.aud !== undefined && claims.aud !== config.loginChannelId) return null;
  return typeof claims.sub === 'string' && /^U[0-9a-f]{32}$/.test(claims.sub) ? claims.sub : null;
}
