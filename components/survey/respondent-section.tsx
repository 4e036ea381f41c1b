'use client';

import type { SectionProps } from './section-props';

/** Optional respondent questions (gender, age band, education, occupation), only those this survey version asks. */
export function RespondentSection({ definition, labels, values, register, errorFor }: SectionProps) {
  if (definition.respondentQuestions.length === 0) return null;
  return (
    <fieldset className="form-section">
      <legend>{labels.respondentHeading}</legend>
      <p className="hint muted">{labels.respondentHint}</p>
      {definition.respondentQuestions.map((question) => {
        const name = `respondent.${question.key}` as const;
        const error = errorFor(name);
        return (
          <div className="field" key={question.key}>
            <label htmlFor={name}>{question.label}</label>
            <select
              id={name}
              defaultValue={values.respondent[question.key] ?? ''}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${name}-error` : undefined}
              {...register(name)}
            >
              <option value="">{labels.notSay}</option>
              {question.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {error && (
              <span id={`${name}-error`} className="field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
