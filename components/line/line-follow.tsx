'use client';

import { useCallback, useEffect, useState } from 'react';

/**
 * Links the citizen's LINE account with LIFF (LINE Login), only after they tick the separate consent and tap. The
 * LIFF SDK is imported on that tap (or when LINE Login sends them back here), so no page loads it before. In tests,
 * LINE_LIFF_MOCK runs LIFF with @line/liff-mock; the server still verifies the ID token with LINE (a stand-in there).
 */

interface Labels {
  notice: string;
  consent: string;
  submit: string;
  working: string;
  failed: string;
  consentRequired: string;
  needsJs: string;
  linked: string;
}

const RESUME = 'siang:line-follow';

export function LineFollow({
  liffId,
  mock,
  clientKey,
  locale,
  labels,
}: {
  liffId: string;
  mock: boolean;
  clientKey: string;
  locale: string;
  labels: Labels;
}) {
  const [consent, setConsent] = useState(false);
  const [state, setState] = useState<'idle' | 'working' | 'linked' | 'failed' | 'needsConsent'>('idle');

  const link = useCallback(async () => {
    setState('working');
    try {
      const { default: liff } = await import('@line/liff');
      if (mock) {
        const { LiffMockPlugin } = await import('@line/liff-mock');
        liff.use(new LiffMockPlugin());
      }
      await liff.init({ liffId, ...(mock ? { mock: true } : {}) } as Parameters<typeof liff.init>[0]);
      if (!liff.isLoggedIn()) {
        // LINE Login leaves the page and comes back to it: remember the consent given, to finish on return.
        sessionStorage.setItem(RESUME, clientKey);
        liff.login({ redirectUri: window.location.href });
        if (!mock) return;
      }
      sessionStorage.removeItem(RESUME);
      const idToken = liff.getIDToken();
      if (!idToken) throw new Error('no ID token');
      const response = await fetch('/api/line/link', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ clientKey, idToken, consent: true, locale }),
      });
      setState(response.ok ? 'linked' : 'failed');
    } catch {
      setState('failed');
    }
  }, [liffId, mock, clientKey, locale]);

  useEffect(() => {
    if (sessionStorage.getItem(RESUME) === clientKey) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- back from LINE Login: sessionStorage exists only in the browser, after the first render
      setConsent(true);
      void link();
    }
  }, [clientKey, link]);

  if (state === 'linked')
    return (
      <p className="notice notice-ok" role="status">
        {labels.linked}
      </p>
    );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!consent) setState('needsConsent');
        else void link();
      }}
    >
      <p>{labels.notice}</p>
      <label className="check">
        <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} /> {labels.consent}
      </label>
      {state === 'needsConsent' && (
        <p className="field-error" role="alert">
          {labels.consentRequired}
        </p>
      )}
      {state === 'failed' && (
        <p className="field-error" role="alert">
          {labels.failed}
        </p>
      )}
      <noscript>
        <p>{labels.needsJs}</p>
      </noscript>
      <button type="submit" className="button" disabled={state === 'working'}>
        {state === 'working' ? labels.working : labels.submit}
      </button>
    </form>
  );
}
