'use client';

import { useState } from 'react';
import { formatBeDate, parseBeDate, type BeDateError } from '@/lib/format/be-date';

/** The words the input needs, in the reader's language (staff.dateInput, loaded by the server: see be-date-text.ts). */
export interface BeDateText {
  placeholder: string;
  hint: string;
  errors: Record<BeDateError, string>;
}

/**
 * A date field in the Buddhist Era as Thai offices write it (วว/ดด/ปปปป), accepting Arabic or Thai digits. It posts
 * what was typed under `name`; the server reads it with the same parser (lib/format/be-date.ts) and hands SQL an ISO
 * date, so the field works without JavaScript. With JavaScript it checks on leaving the field, says what is wrong
 * beside it, tells the browser (setCustomValidity, so the form is not sent with it) and tidies a valid date to
 * dd/mm/yyyy. A native date picker is not used: it shows C.E. years in most browsers and cannot be typed in B.E.
 */
export function BeDateInput({
  id,
  name,
  text,
  iso,
  value,
  required,
  error: serverError,
  describedBy,
}: {
  id: string;
  name: string;
  text: BeDateText;
  /** The stored date (ISO), shown in B.E. */
  iso?: string | null;
  /** What was typed before a refused save, kept as typed. */
  value?: string;
  required?: boolean;
  error?: string;
  describedBy?: string;
}) {
  const [error, setError] = useState<string | undefined>(undefined);
  const shown = error ?? serverError;
  const hintId = `${id}-format`;
  const errorId = `${id}-error`;
  const check = (input: HTMLInputElement, tidy: boolean) => {
    const parsed = parseBeDate(input.value);
    const message = parsed.ok ? undefined : text.errors[parsed.code];
    input.setCustomValidity(message ?? '');
    setError(message);
    if (tidy && parsed.ok && parsed.iso) input.value = formatBeDate(parsed.iso);
  };
  return (
    <>
      <span className="hint" id={hintId}>
        {text.hint}
      </span>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="be-date"
        placeholder={text.placeholder}
        maxLength={20}
        required={required}
        defaultValue={value ?? formatBeDate(iso)}
        aria-describedby={[describedBy, hintId, shown ? errorId : ''].filter(Boolean).join(' ')}
        aria-invalid={shown ? true : undefined}
        onBlur={(e) => check(e.currentTarget, true)}
        onChange={(e) => {
          if (error) check(e.currentTarget, false); // once wrong, say as soon as it is right again
        }}
      />
      {shown && (
        <span className="field-error" id={errorId}>
          {shown}
        </span>
      )}
    </>
  );
}
