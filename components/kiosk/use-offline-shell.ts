'use client';

import { useEffect, useState } from 'react';

/**
 * Registers the kiosk's service worker (scope /{locale}/kiosk/, lib/kiosk/service-worker-script.ts) and asks it to
 * keep this page and its files. True once a copy is kept: from then on a reload or a reboot with no network opens
 * the kiosk. Where service workers are unavailable (plain http on a LAN address) the page still works while it stays
 * open, as before, and this stays false.
 */
export function useOfflineShell(locale: string): boolean {
  const [kept, setKept] = useState(false);
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const path = window.location.pathname;
    const onMessage = (event: MessageEvent<{ type?: string; path?: string }>) => {
      if (event.data?.path === path) setKept(event.data.type === 'kept');
    };
    navigator.serviceWorker.addEventListener('message', onMessage);
    void (async () => {
      try {
        await navigator.serviceWorker.register(`/${locale}/kiosk/sw.js`, { scope: `/${locale}/kiosk/`, updateViaCache: 'none' });
        const registration = await navigator.serviceWorker.ready;
        registration.active?.postMessage({ type: 'keep', path });
      } catch {
        // No offline copy: nothing else changes.
      }
    })();
    return () => navigator.serviceWorker.removeEventListener('message', onMessage);
  }, [locale]);
  return kept;
}
