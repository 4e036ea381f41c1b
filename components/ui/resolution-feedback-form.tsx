'use client';

import { useActionState } from 'react';
import type { FeedbackState } from '@/lib/privacy/actions/resolution-feedback-action';

/** Three buttons, one answer (the filer's latest counts). Works without JavaScript. */
export function ResolutionFeedbackForm({
  locale,
  reference,
  given,
  labels,
  action,
}: {
  locale: string;
  /** The receipt code (reference + check code) of the page. */
  reference: string;
  /** Said when an answer is already recorded: the citizen may change it. */
  given?: string;
  labels: { question: string; yes: string; no: string; not_sure: string };
  action: (state: FeedbackState, data: FormData) => Promise<FeedbackState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  if (state.done)
    return (
      <p className="notice notice-ok" role="status">
        {state.message}
      </p>
    );
  return (
    <form action={formAction}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="reference" value={reference} />
      <fieldset className="form-section">
        <legend>{labels.question}</legend>
        {given && <p className="muted">{given}</p>}
        {state.message && (
          <p className="notice notice-error" role="alert">
            {state.message}
          </p>
        )}
        <div className="actions">
          {(['yes', 'no', 'not_sure'] as const).map((answer) => (
            <button key={answer} type="submit" name="answer" value={answer} className="button button-secondary" disabled={pending}>
              {labels[answer]}
            </button>
          ))}
        </div>
      </fieldset>
    </form>
  );
}
