import { createHmac, randomBytes } from 'node:crypto';
import { cookies } from 'next/headers';
import { secrets } from '@/lib/secrets';
import { DEVICE_COOKIE } from './request-context';

/**
 * The receipt secret (issue 17): proof that a browser is the one that submitted a response. The client key and the
 * reference travel in URLs that others see (a shared phone's history, a screenshot, a QR poster's photo); this does
 * not. 128 random bits, minted by the server, stored in SQL only as a hash (response.receipt_hash), and kept by the
 * citizen's browser in an httpOnly, SameSite=Lax cookie named after the response's reference, whose value is
 * "<client key>.<secret>". The survey's own pages also carry it in a hidden form field, with or without JavaScript.
 * Amending, erasing contact details and answering "did this solve it?" need it; the server never logs it.
 *
 * A tap whose answer is lost on a weak signal loses the cookie with it, and the page fetched again must still offer
 * the same receipt, or the retried tap would count twice (issue 18). So, for a browser that already has the device
 * cookie (request-context.ts), the receipt of a new response is derived from it and the client key with the server's
 * key: the same on that browser, unguessable on any other, since the device cookie is httpOnly and never stored.
 *
 * Path "/": the one-tap page, the follow-up in every language, the JSON door (/api/responses) and the tracking page all
 * need it. It lasts the 2-hour amending window, or a year when there is a suggestion to follow (within the contact
 * retention, 365 days by default).
 */

const PREFIX = 'siang_receipt_';
const SECRET = /^[A-Za-z0-9_-]{22,64}$/;
const CLIENT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AMEND_SECONDS = 2 * 3600;
const FOLLOW_SECONDS = 365 * 24 * 3600;

export const mintReceipt = (): string => randomBytes(16).toString('base64url');

export const isReceiptSecret = (value: unknown): value is string => typeof value === 'string' && SECRET.test(value);

interface Kept {
  reference: string;
  clientKey: string;
  secret: string;
}

async function keptReceipts(): Promise<Kept[]> {
  const jar = await cookies();
  return jar
    .getAll()
    .filter((c) => c.name.startsWith(PREFIX))
    .flatMap((c) => {
      const [clientKey, secret] = c.value.split('.');
      return clientKey && CLIENT_KEY.test(clientKey) && isReceiptSecret(secret)
        ? [{ reference: c.name.slice(PREFIX.length), clientKey, secret }]
        : [];
    });
}

/**
 * The secret this browser has for a response, by its client key (the survey pages and the submission): the one it
 * keeps, else the one derived from its device cookie; undefined on a browser with neither (mint one then).
 */
export async function receiptForClientKey(clientKey: string | undefined): Promise<string | undefined> {
  if (!clientKey || !CLIENT_KEY.test(clientKey.toLowerCase())) return undefined;
  const key = clientKey.toLowerCase();
  const kept = (await keptReceipts()).find((k) => k.clientKey === key)?.secret;
  if (kept) return kept;
  const device = (await cookies()).get(DEVICE_COOKIE)?.value;
  if (!device || !/^[0-9a-f-]{36}$/.test(device)) return undefined;
  return createHmac('sha256', secrets().sourceHash).update(`receipt|${device}|${key}`).digest('base64url').slice(0, 32);
}

/** The secret this browser holds for a response, by its reference (the tracking page: erase, "did this solve it?"). */
export async function receiptForReference(reference: string): Promise<string | undefined> {
  return (await keptReceipts()).find((k) => k.reference === reference)?.secret;
}

/** Keep (or refresh) the receipt in the browser after a stored submission. Only where cookies may be set. */
export async function keepReceipt(kept: Kept & { followUp: boolean }): Promise<void> {
  (await cookies()).set(PREFIX + kept.reference, `${kept.clientKey.toLowerCase()}.${kept.secret}`, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production',
    path: '/',
    maxAge: kept.followUp ? FOLLOW_SECONDS : AMEND_SECONDS,
  });
}
