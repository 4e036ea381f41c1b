'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Sends the survey to /api/responses and, when the phone has no signal (or the server is briefly down), keeps it in
 * localStorage and sends it again once the connection returns. Exactly once: the payload carries its client key, so
 * a resend that the server already stored returns the same reference instead of a second response. It carries the
 * page's receipt too (lib/responses/receipt.ts), which is what lets the resend touch that response.
 */

const PENDING = 'siang:pending:';
const RETRY_MS = 15_000;

export type SendResult =
  | { kind: 'sent'; reference: string; clientKey: string; afterOffline: boolean }
  | { kind: 'invalid'; message: string; fieldErrors: Record<string, string> }
  | { kind: 'refused'; message: string }
  | { kind: 'queued' };

type Payload = Record<string, unknown> & { clientKey: string };

async function post(payload: Payload): Promise<Exclude<SendResult, { kind: 'queued' }> | 'retry'> {
  let response: Response;
  try {
    response = await fetch('/api/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    return 'retry'; // offline, or the connection dropped
  }
  const body = (await response.json().catch(() => ({}))) as {
    reference?: string;
    receiptCode?: string;
    clientKey?: string;
    message?: string;
    fieldErrors?: Record<string, string>;
  };
  // The receipt code (reference + check code) is what the receipt shows and the status page needs.
  if (response.ok && body.reference) {
    return {
      kind: 'sent',
      reference: body.receiptCode ?? body.reference,
      clientKey: body.clientKey ?? payload.clientKey,
      afterOffline: false,
    };
  }
  if (response.status === 503 || response.status === 429 || response.status >= 502) return 'retry';
  if (response.status === 400) return { kind: 'invalid', message: body.message ?? '', fieldErrors: body.fieldErrors ?? {} };
  return { kind: 'refused', message: body.message ?? '' };
}

function pendingKeys(): string[] {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(PENDING));
  } catch {
    return []; // storage disabled (private mode): nothing was queued either
  }
}

export function useSurveySubmit(onSentLater: (result: { reference: string; clientKey: string; payload: Payload }) => void) {
  const [queued, setQueued] = useState(false);
  const flushing = useRef(false);
  const onSentLaterRef = useRef(onSentLater);
  useEffect(() => {
    onSentLaterRef.current = onSentLater; // the latest callback for a flush that started before this render
  }, [onSentLater]);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      for (const key of pendingKeys()) {
        const payload = JSON.parse(localStorage.getItem(key) ?? 'null') as Payload | null;
        if (!payload) continue;
        const result = await post(payload);
        if (result === 'retry') continue;
        localStorage.removeItem(key); // sent, or refused for good: either way it must not be sent again
        if (result.kind === 'sent') onSentLaterRef.current({ reference: result.reference, clientKey: result.clientKey, payload });
      }
      setQueued(pendingKeys().length > 0);
    } finally {
      flushing.current = false;
    }
  }, []);

  useEffect(() => {
    void flush();
    window.addEventListener('online', flush);
    const timer = window.setInterval(() => {
      if (pendingKeys().length > 0) void flush();
    }, RETRY_MS);
    return () => {
      window.removeEventListener('online', flush);
      window.clearInterval(timer);
    };
  }, [flush]);

  const submit = useCallback(async (payload: Payload): Promise<SendResult> => {
    const result = await post(payload);
    if (result !== 'retry') return result;
    try {
      localStorage.setItem(PENDING + payload.clientKey, JSON.stringify(payload));
    } catch {
      return { kind: 'refused', message: '' };
    }
    setQueued(true);
    return { kind: 'queued' };
  }, []);

  return { submit, queued };
}
