'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';

/** Five radio buttons, 5 (most) to 1 (least), each a large labelled target. Works as plain HTML without JavaScript. */
export function RatingScale({
  name,
  legend,
  scale,
  defaultValue,
  error,
  register,
}: {
  name: string;
  legend: string;
  scale: { value: string; label: string }[];
  defaultValue?: string;
  error?: string;
  register: UseFormRegisterReturn;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="item" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <div className="scale">
        {scale.map((option) => (
          <label key={option.value}>
            <input type="radio" value={option.value} defaultChecked={defaultValue === option.value} {...register} />
            <strong>{option.value}</strong>
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
