import { randomUUID } from 'node:crypto';
import { formatReceiptCode } from '@/lib/reference';
import { isReceiptSecret, keepReceipt, mintReceipt, receiptForClientKey } from './receipt';
import { requestContext } from './request-context';
import { isClientKey, type CitizenChannel } from './response-identity';
import { submitResponse, type SubmitOutcome } from './submit-response';

/**
 * A citizen's submission from a browser (the one tap, the follow-up form, the JSON door), with its receipt (issue 17):
 *   * the receipt secret is the one the page's form carried, else the one this browser keeps for the client key,
 *     else a new one (a first submission);
 *   * a response the secret does not open (someone else's key from a URL, or one closed after 2 hours) answers
 *     response_closed, and nothing of it changes: this visit becomes a new response under a new key, so the citizen
 *     in front of the screen loses nothing they typed, and learns nothing about the other response;
 *   * a stored submission leaves the receipt in the browser, and answers with the client key actually used and the
 *     receipt code to print (reference + check code).
 */

export type CitizenOutcome = (SubmitOutcome & { ok: true } & { clientKey: string; receiptCode: string }) | (SubmitOutcome & { ok: false });

export async function submitAsCitizen(input: unknown, channel: CitizenChannel, givenReceipt?: unknown): Promise<CitizenOutcome> {
  const context = await requestContext(channel);
  const fields = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
  let clientKey = fields && isClientKey(fields.clientKey) ? fields.clientKey.toLowerCase() : undefined;
  let receipt = isReceiptSecret(givenReceipt) ? givenReceipt : ((await receiptForClientKey(clientKey)) ?? mintReceipt());

  let outcome = await submitResponse(fields && clientKey ? { ...fields, clientKey } : input, { ...context, receipt });
  if (!outcome.ok && outcome.code === 'response_closed' && fields) {
    clientKey = randomUUID();
    receipt = (await receiptForClientKey(clientKey)) ?? mintReceipt();
    outcome = await submitResponse({ ...fields, clientKey }, { ...context, receipt });
  }
  if (!outcome.ok || !clientKey) return outcome as CitizenOutcome;

  try {
    await keepReceipt({ reference: outcome.reference, clientKey, secret: receipt, followUp: outcome.hasSuggestion });
  } catch {
    // Cookies are read-only here (cannot happen in an action or a route): the hidden field still carries the receipt.
  }
  return { ...outcome, clientKey, receiptCode: formatReceiptCode(outcome.reference, outcome.checkCode) };
}
