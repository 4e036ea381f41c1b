'use client';

import { useActionState } from 'react';
import type { ForgetState } from '@/lib/privacy/actions/forget-contact-action';

/**
 * PDPA: erase my contact details, as easy as giving them: one button, on the browser that holds the receipt (the
 * page shows it only there). Works without JavaScript. The answer is the same whatever happened (issue 17).
 */
export function ForgetContactForm({
  locale,
  reference,
  labels,
  action,
}: {
  locale: string;
  /** The receipt code (reference + check code) of the page. */
  reference: string;
  labels: { heading: string; hint: string; submit: string };
  action: (state: ForgetState, data: FormData) => Promise<ForgetState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <section aria-labelledby="forget-heading" className="form-section">
      <h2 id="forget-heading">{labels.heading}</h2>
      <p className="muted">{labels.hint}</p>
      {state.message && (
        <p className="notice notice-ok" role="status">
          {state.message}
        </p>
      )}
      <form action={formAction} className="lookup">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reference" value={reference} />
        <button type="submit" className="button button-secondary" disabled={pending}>
          {labels.submit}
        </button>
      </form>
    </section>
  );
}
