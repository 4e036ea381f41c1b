'use client';

import { useActionState } from 'react';
import type { SignInState } from '@/lib/auth/actions/sign-in-action';

/** The staff sign-in form: a plain form posting to the server action, so it also works without JavaScript. */
export function SignInForm({
  locale,
  labels,
  action,
}: {
  locale: string;
  labels: { email: string; password: string; submit: string; submitting: string };
  action: (state: SignInState, data: FormData) => Promise<SignInState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      <input type="hidden" name="locale" value={locale} />
      {state.error && (
        <p className="notice notice-error" role="alert">
          {state.error}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">{labels.email}</label>
        <input id="email" name="email" type="email" autoComplete="username" required maxLength={254} defaultValue={state.email} />
      </div>
      <div className="field">
        <label htmlFor="password">{labels.password}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={200} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </button>
    </form>
  );
}
