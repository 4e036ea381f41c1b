import pino from 'pino';

/**
 * Structured JSON logs on stdout. Invariant: no personal data is ever logged: no suggestion text, contact details,
 * addresses or session tokens. Log codes, ids and references; the redact list is a last line of defence.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'siang' },
  redact: {
    paths: ['*.phone', '*.email', '*.name', '*.text', '*.body', '*.password', '*.contact', 'req.headers.cookie', '*.ip'],
    censor: '[redacted]',
  },
});

/**
 * The logger for the current request, carrying its request id (set by proxy.ts, echoed in the X-Request-Id response
 * header), so one citizen's or staff member's request can be followed through the log.
 */
export async function requestLog() {
  try {
    const { headers } = await import('next/headers');
    const id = (await headers()).get('x-request-id');
    return id ? log.child({ reqId: id }) : log;
  } catch {
    return log; // outside a request (scripts, jobs)
  }
}
