'use client';

import { useActionState } from 'react';
import type { ForgetState } from '@/lib/privacy/actions/forget-contact-action';

/** PDPA: erase my contact details, as easy as giving them. Works without JavaScript. */
export function ForgetContactForm({
  locale,
  reference,
  labels,
  action,
}: {
  locale: string;
  reference: string;
  labels: { heading: string; hint: string; label: string; submit: string };
  action: (state: ForgetState, data: FormData) => Promise<ForgetState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <section aria-labelledby="forget-heading" className="form-section">
      <h2 id="forget-heading">{labels.heading}</h2>
      <p className="muted">{labels.hint}</p>
      {state.message && (
        <p className={`notice ${state.ok ? 'notice-ok' : 'notice-error'}`} role="status">
          {state.message}
        </p>
      )}
      <form action={formAction} className="lookup">
        <input type="hidden" name="locale" value={locale} />
        <input type="hidden" name="reference" value={reference} />
        <div className="field">
          <label htmlFor="forget-contact">{labels.label}</label>
          <input id="forget-contact" name="contact" type="text" autoComplete="off" maxLength={254} required />
        </div>
        <button type="submit" className="button button-secondary" disabled={pending}>
          {labels.submit}
        </button>
      </form>
    </section>
  );
}
