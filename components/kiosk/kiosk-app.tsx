'use client';

import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FaceIcon } from '@/components/survey/face-icon';
import { fill, type KioskLabels, type KioskLanguage } from './kiosk-types';
import { useKioskSync } from './use-kiosk-sync';
import { useOfflineShell } from './use-offline-shell';

/**
 * The kiosk: five large faces, an optional follow-up ("what mattered most?"), a thank-you, and back to the faces.
 * Every press is queued on the tablet before anything else happens, and synced in the background; a service worker
 * keeps the page, so a reload or a reboot with no network opens it again (use-offline-shell.ts).
 *
 * Language: the first of `languages` is the counter's own (the page's locale). A citizen may switch, on the tablet
 * itself; the next citizen always starts in the counter's language again: after the thank-you, or after a minute
 * without a press when someone switched and walked away.
 */

const FOLLOW_UP_MS = 10_000;
const THANKS_MS = 3_000;
const IDLE_MS = 60_000;
const RATINGS = [5, 4, 3, 2, 1] as const;

/** A v4 UUID; crypto.randomUUID exists only on HTTPS or localhost, getRandomValues everywhere (a tablet on a LAN). */
function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type Screen = { kind: 'faces' } | { kind: 'followUp'; press: Press } | { kind: 'thanks' };
interface Press {
  clientKey: string;
  rating: number;
  pressedAt: string;
  locale: string;
}

export function KioskApp({ servicePoint, languages }: { servicePoint: string; languages: KioskLanguage[] }) {
  const home = languages[0]!;
  const [current, setCurrent] = useState(home.locale);
  const language = languages.find((l) => l.locale === current) ?? home;
  const labels = language.labels;
  const sync = useKioskSync(servicePoint, home.locale);
  const offlineReady = useOfflineShell(home.locale);
  const [screen, setScreen] = useState<Screen>({ kind: 'faces' });
  const timer = useRef<number | undefined>(undefined);

  const after = useCallback((ms: number, next: () => void) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(next, ms);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // Someone switched the language and left without a press: the next citizen gets the counter's language.
  useEffect(() => {
    if (screen.kind !== 'faces' || current === home.locale) return;
    const idle = window.setTimeout(() => setCurrent(home.locale), IDLE_MS);
    return () => window.clearTimeout(idle);
  }, [screen.kind, current, home.locale]);

  const thank = useCallback(() => {
    setScreen({ kind: 'thanks' });
    after(THANKS_MS, () => {
      setScreen({ kind: 'faces' });
      setCurrent(home.locale); // the next citizen starts in the counter's language
      void sync.flush();
    });
  }, [after, sync, home.locale]);

  const onFace = async (rating: number) => {
    const press = { clientKey: newClientKey(), rating, pressedAt: new Date().toISOString(), locale: current };
    await sync.enqueue(press);
    setScreen({ kind: 'followUp', press });
    after(FOLLOW_UP_MS, thank);
  };
  const onReason = async (press: Press, reason: string) => {
    await sync.addReason(press, reason);
    thank();
  };

  const header = (
    <header className="kiosk-header">
      <span className="kiosk-point">{language.pointName}</span>
      <nav aria-label={labels.language}>
        <ul className="languages">
          {languages.map((l) => (
            <li key={l.locale}>
              <button type="button" lang={l.locale} aria-pressed={l.locale === current} onClick={() => setCurrent(l.locale)}>
                {l.labels.languageName}
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );

  let body: ReactNode;
  if (!sync.ready) body = <div className="kiosk-screen" aria-busy="true" />;
  else if (sync.revoked) body = <Revoked labels={labels} held={sync.held} onRePair={sync.unpair} />;
  else if (!sync.pairing) body = <PairForm labels={labels} pair={(code) => sync.pair(code, current)} />;
  else {
    const waiting = sync.pending > 0;
    body = (
      <>
        {waiting && (
          <p className={`kiosk-banner${sync.online ? '' : ' kiosk-banner-offline'}`} role="status">
            {fill(sync.online ? labels.waiting : labels.offline, { count: sync.pending })}
          </p>
        )}
        {screen.kind === 'faces' && (
          <section className="kiosk-screen" aria-labelledby="kiosk-question">
            <h1 id="kiosk-question" className="kiosk-question">
              {language.question}
            </h1>
            <p className="kiosk-prompt">{labels.tapPrompt}</p>
            <div className="kiosk-faces">
              {RATINGS.map((rating) => (
                <button key={rating} type="button" className={`kiosk-face face-${rating}`} onClick={() => void onFace(rating)}>
                  <FaceIcon rating={rating} />
                  <span>{labels.faces[String(rating)]}</span>
                </button>
              ))}
            </div>
            <p className="kiosk-note">{labels.anonymous}</p>
          </section>
        )}
        {screen.kind === 'followUp' && (
          <section className="kiosk-screen" aria-labelledby="kiosk-follow-up">
            <h1 id="kiosk-follow-up" className="kiosk-question">
              {labels.followUp}
            </h1>
            <div className="kiosk-reasons">
              {labels.reasons.map((r) => (
                <button key={r.value} type="button" className="kiosk-reason" onClick={() => void onReason(screen.press, r.value)}>
                  {r.label}
                </button>
              ))}
            </div>
            <button type="button" className="kiosk-skip" onClick={thank}>
              {labels.skip}
            </button>
          </section>
        )}
        {screen.kind === 'thanks' && (
          <section className="kiosk-screen kiosk-thanks" role="status">
            <h1 className="kiosk-question">{labels.thanks}</h1>
            <p className="kiosk-prompt">{labels.thanksNote}</p>
          </section>
        )}
        <footer className="kiosk-footer">
          <span>{fill(labels.paired, { label: sync.pairing.label })}</span>
          <span data-testid="kiosk-report">{fill(labels.syncReport, { ...sync.report })}</span>
          {sync.held > 0 && <span>{fill(labels.held, { count: sync.held })}</span>}
          {offlineReady && <span>{labels.offlineReady}</span>}
        </footer>
      </>
    );
  }

  return (
    <div className="kiosk-lang" lang={current}>
      {header}
      {body}
    </div>
  );
}

function PairForm({
  labels,
  pair,
}: {
  labels: KioskLabels;
  pair: (code: string) => Promise<{ ok: boolean; message?: string | null; wrongPoint?: boolean }>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    setBusy(true);
    const result = await pair(code);
    setBusy(false);
    if (!result.ok) setError(result.wrongPoint ? labels.wrongPoint : (result.message ?? labels.pairOffline));
  };
  return (
    <section className="kiosk-screen kiosk-pair" aria-labelledby="pair-heading">
      <h1 id="pair-heading">{labels.pairHeading}</h1>
      <p>{labels.pairIntro}</p>
      <form onSubmit={(e) => void onSubmit(e)}>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="kiosk-code">{labels.codeLabel}</label>
          <input id="kiosk-code" name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} required maxLength={40} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? labels.pairing : labels.pairButton}
        </button>
      </form>
    </section>
  );
}

function Revoked({ labels, held, onRePair }: { labels: KioskLabels; held: number; onRePair: () => void }) {
  return (
    <section className="kiosk-screen kiosk-revoked" role="alert" aria-labelledby="revoked-heading">
      <h1 id="revoked-heading">{labels.revokedHeading}</h1>
      <p>{fill(labels.revokedBody, { count: held })}</p>
      <button type="button" className="button" onClick={onRePair}>
        {labels.rePair}
      </button>
    </section>
  );
}
