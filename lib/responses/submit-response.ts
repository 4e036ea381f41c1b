import { env } from '@/lib/env';
import { getDb, isDbUnavailable, isRefusal, serviceRole, type Db } from '@/lib/db';
import { requestLog } from '@/lib/log';
import { submissionErrors, submissionSchema, type Submission } from './submission-schema';

/**
 * The one path by which a citizen's answers reach the database, for the server action, the JSON API and the kiosk:
 * validate with the shared schema, then call submit_response as the service role with facts only the server knows.
 * It never throws at the caller: every outcome is a value with an HTTP status and an error code for messages/.
 */

export interface SubmissionContext {
  /** qr: the counter's poster; web: a link on the municipality's website; kiosk: a paired tablet. */
  channel: 'qr' | 'web' | 'kiosk';
  /** Keyed hash of the client's address (never the address itself). */
  sourceHash?: string;
  deviceKey?: string;
  /** The receipt secret (lib/responses/receipt.ts): stored as a hash with a new response, required to amend one. */
  receipt?: string;
}

export type SubmitOutcome =
  | { ok: true; status: 200 | 201; reference: string; checkCode: string; created: boolean; hasSuggestion: boolean }
  | { ok: false; status: 400 | 404 | 409 | 410 | 429 | 503; code: string; fieldErrors: Record<string, string>; retryAfter?: number };

/**
 * Refused outright only at flood rates (many citizens share one Wi-Fi address, so ordinary bursts are kept and
 * flagged in SQL instead): more than SIANG_FLOOD_PER_MINUTE (lib/env.ts) submissions a minute from one address get 429.
 */
const floodPerMinute = () => env().SIANG_FLOOD_PER_MINUTE;

/** What submit_citizen_response answers: the stored response, or a refusal at flood rates. */
export type StoredOrRefused =
  { reference: string; checkCode: string; created: boolean; hasSuggestion: boolean } | { refused: 'rate_limited'; retryAfter: number };

const STATUS_FOR_REFUSAL: Record<string, 404 | 409 | 410 | 503> = {
  unknown_service_point: 404,
  service_point_retired: 410,
  response_closed: 409,
  client_key_reused: 409,
  suggestion_locked: 409,
  no_published_survey: 503,
};

export async function submitResponse(input: unknown, context: SubmissionContext, db?: Db): Promise<SubmitOutcome> {
  const parsed = submissionSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, status: 400, code: 'invalid_submission', fieldErrors: submissionErrors(parsed.error) };
  }
  try {
    const database = db ?? (await getDb());
    // The flood guard and the submission run in one transaction (one commit): see the migration submit_with_flood_guard.
    const result = await database.rpc(
      'submit_citizen_response',
      { p_submission: toDbSubmission(parsed.data, context), p_flood_per_minute: context.sourceHash ? floodPerMinute() : null },
      serviceRole,
    );
    if ('refused' in result) {
      (await requestLog()).warn({ source: context.sourceHash?.slice(0, 8) }, 'submission refused: flood');
      return { ok: false, status: 429, code: 'rate_limited', fieldErrors: {}, retryAfter: result.retryAfter };
    }
    const { reference, checkCode, created, hasSuggestion } = result;
    return { ok: true, status: created ? 201 : 200, reference, checkCode, created, hasSuggestion };
  } catch (error) {
    return await refusalOutcome(error);
  }
}

function toDbSubmission(s: Submission, context: SubmissionContext) {
  return {
    client_key: s.clientKey,
    service_point: s.servicePoint,
    locale: s.locale ?? 'th',
    channel: context.channel,
    overall_rating: s.overallRating,
    answers: s.answers,
    suggestion: s.suggestion,
    respondent: s.respondent,
    contact: s.contact,
    source_hash: context.sourceHash,
    device_key: context.deviceKey,
    receipt: context.receipt,
  };
}

async function refusalOutcome(error: unknown): Promise<SubmitOutcome & { ok: false }> {
  if (isRefusal(error)) {
    const code = error.message;
    const status = STATUS_FOR_REFUSAL[code];
    if (status) return { ok: false, status, code, fieldErrors: {} };
    return { ok: false, status: 400, code: 'invalid_submission', fieldErrors: { [error.detail || '_form']: code } };
  }
  if (isDbUnavailable(error)) {
    (await requestLog()).warn({ err: error.message }, 'submission refused: database unavailable');
    return { ok: false, status: 503, code: 'unavailable', fieldErrors: {} };
  }
  (await requestLog()).error(
    { err: error instanceof Error ? { message: error.message, code: (error as { code?: string }).code } : String(error) },
    'submission failed',
  );
  return { ok: false, status: 503, code: 'generic', fieldErrors: {} };
}
