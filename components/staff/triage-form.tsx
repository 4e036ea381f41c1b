'use client';

import { useActionState } from 'react';
import { getPathname } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import type { TriageState } from '@/lib/feedback/actions/triage-suggestion-action';

export interface TriageFormProps {
  locale: Locale;
  suggestion: {
    id: number;
    version: number;
    status: string;
    category: string;
    division: string | null;
    publicBody: string | null;
    duplicateOf: string | null;
  };
  statuses: { value: string; label: string }[];
  categories: { value: string; label: string }[];
  /** Present only for roles that may route suggestions and edit the public text (admin, PR officer). */
  divisions?: { value: string; label: string }[];
  labels: Record<
    | 'status'
    | 'category'
    | 'division'
    | 'noDivision'
    | 'duplicateOf'
    | 'publicBody'
    | 'publicBodyHint'
    | 'note'
    | 'reply'
    | 'save'
    | 'saving'
    | 'reload',
    string
  >;
  action: (state: TriageState, data: FormData) => Promise<TriageState>;
}

/** Triage in one save. Works without JavaScript; on a refused save everything typed is kept. */
export function TriageForm({ locale, suggestion, statuses, categories, divisions, labels, action }: TriageFormProps) {
  const [state, formAction, pending] = useActionState(action, {});
  const value = (name: string, fallback: string | null) => (state.values?.[name] as string | undefined) ?? fallback ?? '';
  return (
    <form action={formAction}>
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="id" value={suggestion.id} />
      <input type="hidden" name="version" value={suggestion.version} />
      {state.error && (
        <div className="notice notice-error" role="alert">
          <p>{state.error}</p>
          {/* A plain link: a reload must drop the refused save's state, which a client-side navigation would keep. */}
          {state.stale && (
            <a className="button button-small" href={getPathname({ href: `/staff/feedback/${suggestion.id}`, locale })}>
              {labels.reload}
            </a>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor="t-status">{labels.status}</label>
        <select id="t-status" name="status" defaultValue={value('status', suggestion.status)}>
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="t-category">{labels.category}</label>
        <select id="t-category" name="category" defaultValue={value('category', suggestion.category)}>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {divisions && (
        <>
          <div className="field">
            <label htmlFor="t-division">{labels.division}</label>
            <select id="t-division" name="division" defaultValue={value('division', suggestion.division)}>
              <option value="">{labels.noDivision}</option>
              {divisions.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="t-duplicate">{labels.duplicateOf}</label>
            <input
              id="t-duplicate"
              name="duplicateOf"
              type="text"
              maxLength={40}
              defaultValue={value('duplicateOf', suggestion.duplicateOf)}
            />
          </div>
          <div className="field">
            <label htmlFor="t-public">{labels.publicBody}</label>
            <span className="hint" id="t-public-hint">
              {labels.publicBodyHint}
            </span>
            <textarea
              id="t-public"
              name="publicBody"
              maxLength={2000}
              aria-describedby="t-public-hint"
              defaultValue={value('publicBody', suggestion.publicBody)}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor="t-note">{labels.note}</label>
        <textarea id="t-note" name="note" maxLength={2000} defaultValue={value('note', '')} />
      </div>
      <div className="field">
        <label htmlFor="t-reply">{labels.reply}</label>
        <textarea id="t-reply" name="reply" maxLength={2000} defaultValue={value('reply', '')} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? labels.saving : labels.save}
      </button>
    </form>
  );
}
