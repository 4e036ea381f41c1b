'use client';

import { useState, useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * Copies a text (an ITA evidence address) to the clipboard. It appears only once JavaScript runs: without it the text
 * beside it stays selectable, so nothing on the page depends on this button.
 */
export function CopyButton({ text, label, copied, failed }: { text: string; label: string; copied: string; failed: string }) {
  // True once hydrated in a browser, false on the server: no button in the server's HTML.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [said, setSaid] = useState<string | null>(null);
  if (!ready) return null;
  return (
    <>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(text);
            setSaid(copied);
          } catch {
            setSaid(failed); // an insecure origin or a refused permission: the text is still there to select
          }
        }}
      >
        {label}
      </button>
      <span role="status" className="muted">
        {said}
      </span>
    </>
  );
}
