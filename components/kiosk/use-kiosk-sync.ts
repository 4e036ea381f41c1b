'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { getPress, holdAll, listPresses, putPress, removePresses, type QueuedPress } from './kiosk-queue';

/**
 * The tablet's side of syncing: presses go into IndexedDB first, then to POST /api/kiosk/sync in batches, every few
 * seconds, when the browser says it is back online, and after each citizen. Exactly once: each press carries its
 * client key, and leaves the queue only when the server has answered for it (stored, duplicate or refused), so a batch
 * whose answer was lost is sent again and answered "duplicate". A revoked tablet (403) moves the queue aside ("held"):
 * nothing is sent with it again and nothing is deleted.
 *
 * Pairing: the code typed once is exchanged (POST /api/kiosk/pair) for a device token of this tablet's own, kept in
 * localStorage; every sync carries the token, never the code. A tablet paired before tokens existed remembers only its
 * code: it makes the same exchange by itself at its next sync.
 */

const RETRY_MS = 10_000;
const BATCH = 100;

interface Pairing {
  label: string;
  token?: string;
  /** Only on a tablet paired before device tokens: exchanged for a token at the next sync. */
  code?: string;
}
export interface SyncReport {
  stored: number;
  duplicate: number;
  refused: number;
}
export type PairResult = { ok: true } | { ok: false; message: string | null; wrongPoint?: boolean };

const storageKey = (servicePoint: string, part = '') => `siang:kiosk:${servicePoint}${part}`;
function readJson<T>(key: string, fallback: T): T {
  try {
    const value = localStorage.getItem(key);
    return value ? (JSON.parse(value) as T) : fallback;
  } catch {
    return fallback;
  }
}

async function postPair(code: string, servicePoint: string, locale: string) {
  const response = await fetch('/api/kiosk/pair', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ code, servicePoint, locale }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    token?: string;
    device?: { label: string; servicePoint: string };
  };
  return { status: response.status, body };
}

async function post(token: string, locale: string, presses: QueuedPress[]) {
  const response = await fetch('/api/kiosk/sync', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      token,
      locale,
      sentAt: new Date().toISOString(),
      presses: presses.map(({ clientKey, rating, reason, pressedAt, locale: l }) => ({ clientKey, rating, reason, pressedAt, locale: l })),
    }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    message?: string;
    device?: { label: string; servicePoint: string };
    results?: { clientKey: string; status: 'stored' | 'duplicate' | 'refused' }[];
  };
  return { status: response.status, body };
}

export function useKioskSync(servicePoint: string, locale: string) {
  const [pairing, setPairing] = useState<Pairing | null>(null);
  const [revoked, setRevoked] = useState(false);
  const [pending, setPending] = useState(0);
  const [held, setHeld] = useState(0);
  const [online, setOnline] = useState(true);
  const [report, setReport] = useState<SyncReport>({ stored: 0, duplicate: 0, refused: 0 });
  const [ready, setReady] = useState(false);
  const flushing = useRef(false);
  const again = useRef(false);

  const refreshCounts = useCallback(async () => {
    setPending((await listPresses('queue', servicePoint)).length);
    setHeld((await listPresses('held', servicePoint)).length);
  }, [servicePoint]);

  useEffect(() => {
    // The tablet's own storage, read once after hydration (the server cannot render it): a sync from outside React.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after the first render
    setPairing(readJson<Pairing | null>(storageKey(servicePoint), null));
    setRevoked(readJson<boolean>(storageKey(servicePoint, ':revoked'), false));
    setReport(readJson<SyncReport>(storageKey(servicePoint, ':report'), { stored: 0, duplicate: 0, refused: 0 }));
    setOnline(navigator.onLine);
    void refreshCounts().finally(() => setReady(true));
  }, [servicePoint, refreshCounts]);

  /** Revoked, or a code that can no longer pair: keep every waiting press aside, send nothing more. */
  const holdAside = useCallback(async () => {
    localStorage.setItem(storageKey(servicePoint, ':revoked'), 'true');
    setRevoked(true);
    await holdAll(servicePoint);
  }, [servicePoint]);

  /** A tablet paired before device tokens: exchange its remembered code once. Null while that cannot be done yet. */
  const tokenOf = useCallback(
    async (current: Pairing): Promise<string | null> => {
      if (current.token) return current.token;
      if (!current.code) return null;
      let answer: Awaited<ReturnType<typeof postPair>>;
      try {
        answer = await postPair(current.code, servicePoint, locale);
      } catch {
        setOnline(false);
        return null;
      }
      if (answer.status === 200 && answer.body.token) {
        const next = { label: answer.body.device?.label ?? current.label, token: answer.body.token };
        localStorage.setItem(storageKey(servicePoint), JSON.stringify(next));
        setPairing(next);
        return next.token;
      }
      if (answer.status === 403) await holdAside();
      return null;
    },
    [servicePoint, locale, holdAside],
  );

  const flush = useCallback(async () => {
    const current = readJson<Pairing | null>(storageKey(servicePoint), null);
    if (!current || readJson<boolean>(storageKey(servicePoint, ':revoked'), false)) return;
    if (flushing.current) {
      again.current = true; // a press arrived mid-flush: go round once more
      return;
    }
    flushing.current = true;
    try {
      const token = await tokenOf(current);
      if (!token) return;
      do {
        again.current = false;
        const batch = (await listPresses('queue', servicePoint)).slice(0, BATCH);
        if (batch.length === 0) break;
        let answer: Awaited<ReturnType<typeof post>>;
        try {
          answer = await post(token, locale, batch);
        } catch {
          setOnline(false); // no network: everything stays queued
          break;
        }
        setOnline(true);
        if (answer.status === 403) {
          await holdAside(); // revoked (or unknown): nothing more is sent with this token
          break;
        }
        if (answer.status !== 200 || !answer.body.results) break; // busy or briefly down: try again later
        const results = answer.body.results;
        await removePresses(results.map((r) => r.clientKey));
        const next = readJson<SyncReport>(storageKey(servicePoint, ':report'), { stored: 0, duplicate: 0, refused: 0 });
        for (const r of results) next[r.status] += 1;
        localStorage.setItem(storageKey(servicePoint, ':report'), JSON.stringify(next));
        setReport(next);
        if (results.length < batch.length) break;
      } while (again.current || (await listPresses('queue', servicePoint)).length > 0);
    } finally {
      flushing.current = false;
      await refreshCounts();
    }
  }, [servicePoint, locale, refreshCounts, tokenOf, holdAside]);

  useEffect(() => {
    const goOnline = () => {
      setOnline(true);
      void flush();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    void flush();
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
  }, [flush]);

  /** Queue a press at once (a flat battery a second later must not lose it), in the language the citizen used. */
  const enqueue = useCallback(
    async (press: Omit<QueuedPress, 'servicePoint'>) => {
      await putPress({ ...press, servicePoint });
      await refreshCounts();
    },
    [servicePoint, refreshCounts],
  );

  /** The follow-up answer: into the queued press, or, if that press was already sent, as the same press again. */
  const addReason = useCallback(
    async (press: Omit<QueuedPress, 'servicePoint'>, reason: string) => {
      const queued = await getPress(press.clientKey);
      await putPress({ ...(queued ?? { ...press, servicePoint }), reason });
      await refreshCounts();
    },
    [servicePoint, refreshCounts],
  );

  /** Exchange the code typed on this tablet for its device token; the server refuses a used, expired or revoked code. */
  const pair = useCallback(
    async (code: string, shownIn: string): Promise<PairResult> => {
      let answer: Awaited<ReturnType<typeof postPair>>;
      try {
        answer = await postPair(code, servicePoint, shownIn);
      } catch {
        return { ok: false, message: null };
      }
      if (answer.status !== 200 || !answer.body.device || !answer.body.token) return { ok: false, message: answer.body.message ?? null };
      if (answer.body.device.servicePoint !== servicePoint) return { ok: false, message: null, wrongPoint: true };
      const next = { label: answer.body.device.label, token: answer.body.token };
      localStorage.setItem(storageKey(servicePoint), JSON.stringify(next));
      localStorage.removeItem(storageKey(servicePoint, ':revoked'));
      setPairing(next);
      setRevoked(false);
      void flush();
      return { ok: true };
    },
    [servicePoint, flush],
  );

  /** Forget the pairing (to pair again). Held presses stay held: they were taken under the revoked pairing. */
  const unpair = useCallback(() => {
    localStorage.removeItem(storageKey(servicePoint));
    localStorage.removeItem(storageKey(servicePoint, ':revoked'));
    setPairing(null);
    setRevoked(false);
  }, [servicePoint]);

  return { ready, pairing, revoked, pending, held, online, report, enqueue, addReason, flush, pair, unpair };
}
