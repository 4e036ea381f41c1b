/**
 * A response's identity as it travels in survey URLs: k = the client key (the response itself), r = the one-tap
 * rating, ref = its receipt code (reference + check code), via = the channel it came from (a link on the
 * municipality's website says "web"). None of these is a secret: amending needs the receipt (lib/responses/receipt.ts),
 * which never travels in a URL.
 *
 * Every survey page puts these into its language links and its own address (issue 18): a language switch, a reload
 * or the back button then continue the same response, and a retried tap sends the same key, which the database
 * turns into the same response instead of a second one.
 */
import { formatReceiptCode, parseReceiptCode } from '@/lib/reference';

const CLIENT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a citizen answered from, as far as a citizen's own request may say: QR at the counter, or the website. */
export type CitizenChannel = 'qr' | 'web';

export interface ResponseIdentity {
  clientKey?: string;
  rating?: string;
  /** The receipt code, KP-2570-000123-MKHT (or a bare reference from an older link). */
  reference?: string;
  channel: CitizenChannel;
}

type Query = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export const isClientKey = (value: unknown): value is string => typeof value === 'string' && CLIENT_KEY.test(value);

export function channelOf(value: unknown): CitizenChannel {
  return value === 'web' ? 'web' : 'qr';
}

/** Read from a page's search params; anything malformed is simply left out (never an error page). */
export function readIdentity(query: Query): ResponseIdentity {
  const k = one(query.k);
  const r = one(query.r);
  const ref = one(query.ref);
  const receipt = ref ? parseReceiptCode(ref) : null;
  return {
    clientKey: isClientKey(k) ? k.toLowerCase() : undefined,
    rating: r && /^[1-5]$/.test(r) ? r : undefined,
    reference: receipt ? (receipt.checkCode ? formatReceiptCode(receipt.reference, receipt.checkCode) : receipt.reference) : undefined,
    channel: channelOf(one(query.via)),
  };
}

/** "?k=…&r=…&ref=…&via=web", or "" when there is nothing to carry. QR stays the default and is not written. */
export function identityQuery(identity: Partial<ResponseIdentity>): string {
  const query = new URLSearchParams();
  if (identity.clientKey) query.set('k', identity.clientKey);
  if (identity.rating) query.set('r', identity.rating);
  if (identity.reference) query.set('ref', identity.reference);
  if (identity.channel === 'web') query.set('via', 'web');
  const text = query.toString();
  return text ? `?${text}` : '';
}
