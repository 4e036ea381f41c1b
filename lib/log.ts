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
