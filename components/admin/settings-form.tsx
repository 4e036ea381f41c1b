'use client';

import { useActionState } from 'react';
import { BeDateInput, type BeDateText } from '@/components/ui/be-date-input';
import type { SettingsState } from '@/lib/staff/settings-state';

/**
 * A generic admin form, described by its fields: server-rendered, works without JavaScript, and on a refused save
 * shows the error beside the field with everything typed kept (the action returns the values it received).
 */

export type FieldSpec =
  | {
      kind: 'text' | 'email' | 'url' | 'number';
      name: string;
      label: string;
      hint?: string;
      value?: string;
      required?: boolean;
      maxLength?: number;
      readOnly?: boolean;
    }
  /** A date in B.E. (วว/ดด/ปปปป): value is the stored ISO date; the server action reads it with parseBeDate. */
  | { kind: 'date'; name: string; label: string; hint?: string; value?: string; required?: boolean; dateText: BeDateText }
  | { kind: 'textarea'; name: string; label: string; hint?: string; value?: string; maxLength?: number }
  | { kind: 'select'; name: string; label: string; hint?: string; value?: string; options: { value: string; label: string }[] }
  | { kind: 'checkbox'; name: string; label: string; hint?: string; checked?: boolean }
  | { kind: 'checkboxes'; name: string; label: string; hint?: string; options: { value: string; label: string }[]; values?: string[] }
  | { kind: 'file'; name: string; label: string; hint?: string; accept?: string }
  | { kind: 'hidden'; name: string; value: string };

export function SettingsForm({
  fields,
  submit,
  action,
}: {
  fields: FieldSpec[];
  submit: string;
  action: (state: SettingsState, data: FormData) => Promise<SettingsState>;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const value = (name: string, fallback?: string) => state.values?.[name] ?? fallback ?? '';
  return (
    <form action={formAction}>
      {state.success && (
        <p className="notice notice-ok" role="status">
          {state.success}
        </p>
      )}
      {state.error && (
        <p className="notice notice-error" role="alert">
          {state.error}
        </p>
      )}
      {fields.map((field) => {
        if (field.kind === 'hidden')
          return <input key={`${field.name}-${field.value}`} type="hidden" name={field.name} value={field.value} />;
        if (field.kind === 'checkboxes') {
          return (
            <fieldset className="field checkboxes" key={field.name}>
              <legend className="label">{field.label}</legend>
              {field.hint && <span className="hint">{field.hint}</span>}
              {field.options.map((o) => (
                <label className="check" key={o.value}>
                  <input type="checkbox" name={field.name} value={o.value} defaultChecked={field.values?.includes(o.value)} />
                  <span>{o.label}</span>
                </label>
              ))}
            </fieldset>
          );
        }
        const id = `f-${field.name}`;
        const error = state.fieldErrors?.[field.name];
        const describedBy = [field.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
        const common = { id, name: field.name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined };
        return (
          <div className="field" key={field.name}>
            {field.kind === 'checkbox' ? (
              <label className="check">
                <input type="checkbox" {...common} defaultChecked={state.values ? state.values[field.name] === 'on' : field.checked} />
                <span>{field.label}</span>
              </label>
            ) : (
              <label htmlFor={id}>{field.label}</label>
            )}
            {field.hint && (
              <span className="hint" id={`${id}-hint`}>
                {field.hint}
              </span>
            )}
            {field.kind === 'textarea' && (
              <textarea {...common} maxLength={field.maxLength} defaultValue={value(field.name, field.value)} />
            )}
            {field.kind === 'select' && (
              <select {...common} defaultValue={value(field.name, field.value)}>
                {field.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            )}
            {field.kind === 'file' && <input {...common} type="file" accept={field.accept} required />}
            {field.kind === 'date' && (
              <BeDateInput
                id={id}
                name={field.name}
                text={field.dateText}
                iso={field.value}
                value={state.values?.[field.name]}
                required={field.required}
                error={error}
                describedBy={field.hint ? `${id}-hint` : undefined}
              />
            )}
            {(field.kind === 'text' || field.kind === 'email' || field.kind === 'url' || field.kind === 'number') && (
              <input
                {...common}
                type={field.kind}
                required={field.required}
                maxLength={field.maxLength}
                readOnly={field.readOnly}
                defaultValue={value(field.name, field.value)}
              />
            )}
            {error && field.kind !== 'date' && (
              <span id={`${id}-error`} className="field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      <button type="submit" className="button" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}
