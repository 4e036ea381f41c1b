'use client';

import { useActionState, useState } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { toSubmission, fieldNameFor, type SurveyFormValues } from '@/lib/survey/form-values';
import { LIMITS } from '@/lib/survey/options';
import { ContactSection } from './contact-section';
import { RatingScale } from './rating-scale';
import { RespondentSection } from './respondent-section';
import { surveyResolver } from './survey-resolver';
import { useSurveySubmit } from './use-survey-submit';
import type { FullSurveyDefinition, FullSurveyLabels, SurveyActionState } from './full-survey-types';

/**
 * The optional rest of the survey. Without JavaScript it is a plain form posting to the server action, which answers
 * with the values and localised errors. With JavaScript, react-hook-form validates with the shared zod schema as the
 * citizen goes, and the answers go to /api/responses, queued on the phone if the signal drops.
 */
export function FullSurveyForm({
  definition,
  labels,
  defaults,
  action,
  preview,
}: {
  definition: FullSurveyDefinition;
  labels: FullSurveyLabels;
  defaults: SurveyFormValues;
  action: (state: SurveyActionState, data: FormData) => Promise<SurveyActionState>;
  /** Staff preview of a draft: the form validates as for a citizen, but nothing is sent; this note is shown instead. */
  preview?: string;
}) {
  const router = useRouter();
  const [state, formAction] = useActionState(action, {});
  const values = state.values ?? defaults;
  const [formError, setFormError] = useState<string | undefined>(state.formError);
  const [previewed, setPreviewed] = useState(false);
  const form = useForm<SurveyFormValues>({ defaultValues: values, resolver: surveyResolver(labels.errors) });
  const { register, handleSubmit, formState, setError } = form;

  const thanksUrl = (reference: string, reply: boolean, offline = false) =>
    `/${definition.locale}/s/${definition.servicePoint}/thanks?ref=${encodeURIComponent(reference)}` +
    (reply ? '&reply=1' : '') +
    (offline ? '&offline=1' : '');

  const { submit, queued } = useSurveySubmit(({ reference, payload }) =>
    router.push(thanksUrl(reference, Boolean(payload.contact), true)),
  );

  const errorFor = (name: string): string | undefined => {
    const node = name.split('.').reduce<unknown>((n, part) => (n as Record<string, unknown> | undefined)?.[part], formState.errors);
    return (node as { message?: string } | undefined)?.message ?? state.fieldErrors?.[name];
  };

  const onValid = async (formValues: SurveyFormValues) => {
    setFormError(undefined);
    if (preview) {
      setPreviewed(true);
      return;
    }
    const payload = toSubmission(formValues) as Record<string, unknown> & { clientKey: string };
    const result = await submit(payload);
    if (result.kind === 'sent') router.push(thanksUrl(result.reference, Boolean(payload.contact)));
    if (result.kind === 'invalid') {
      for (const [path, message] of Object.entries(result.fieldErrors)) {
        setError(fieldNameFor(path) as 'overallRating', { type: 'server', message });
      }
      setFormError(result.message || labels.fixErrors);
    }
    if (result.kind === 'refused') setFormError(result.message || labels.errors.generic);
  };
  const onInvalid = (_errors: FieldErrors<SurveyFormValues>) => setFormError(labels.fixErrors);

  return (
    <form action={formAction} onSubmit={handleSubmit(onValid, onInvalid)} noValidate>
      <input type="hidden" {...register('clientKey')} defaultValue={values.clientKey} />
      <input type="hidden" {...register('servicePoint')} defaultValue={values.servicePoint} />
      <input type="hidden" {...register('locale')} defaultValue={values.locale} />

      {(formError ?? state.formError) && (
        <p className="notice notice-error" role="alert">
          {formError ?? state.formError}
        </p>
      )}
      {previewed && preview && (
        <p className="notice notice-ok" role="status">
          {preview}
        </p>
      )}
      {queued && (
        <p className="notice notice-ok" role="status">
          {labels.offlineSaved}
        </p>
      )}

      <p>{labels.intro}</p>

      <fieldset className="form-section">
        <legend>{labels.overallLegend}</legend>
        <RatingScale
          name="overallRating"
          legend={definition.overallQuestion}
          scale={definition.scale}
          defaultValue={values.overallRating}
          error={errorFor('overallRating')}
          register={register('overallRating')}
        />
      </fieldset>

      {definition.dimensions.map((dimension) => (
        <fieldset key={dimension.code} className="form-section">
          <legend>{dimension.title}</legend>
          {dimension.items.map((item) => (
            <RatingScale
              key={item.code}
              name={`answers.${item.code}`}
              legend={item.text}
              scale={definition.scale}
              defaultValue={values.answers[item.code]}
              error={errorFor(`answers.${item.code}`)}
              register={register(`answers.${item.code}`)}
            />
          ))}
        </fieldset>
      ))}

      <section className="form-section" aria-labelledby="suggestion-heading">
        <h2 id="suggestion-heading">{labels.suggestionHeading}</h2>
        <div className="field">
          <label htmlFor="suggestionText">{labels.suggestionLabel}</label>
          <span className="hint" id="suggestionText-hint">
            {labels.suggestionHint}
          </span>
          <textarea
            id="suggestionText"
            maxLength={LIMITS.suggestion}
            defaultValue={values.suggestionText}
            aria-describedby={`suggestionText-hint${errorFor('suggestionText') ? ' suggestionText-error' : ''}`}
            aria-invalid={errorFor('suggestionText') ? true : undefined}
            {...register('suggestionText')}
          />
          {errorFor('suggestionText') && (
            <span id="suggestionText-error" className="field-error">
              {errorFor('suggestionText')}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="suggestionCategory">{labels.categoryLabel}</label>
          <select id="suggestionCategory" defaultValue={values.suggestionCategory} {...register('suggestionCategory')}>
            <option value="">—</option>
            {definition.categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      </section>

      <RespondentSection definition={definition} labels={labels} values={values} register={register} errorFor={errorFor} />
      <ContactSection definition={definition} labels={labels} values={values} register={register} errorFor={errorFor} />

      <div className="actions">
        <button type="submit" className="button" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? labels.submitting : labels.submit}
        </button>
        {definition.reference && (
          <a className="button button-secondary" href={thanksUrl(definition.reference, false)}>
            {labels.done}
          </a>
        )}
      </div>
    </form>
  );
}
