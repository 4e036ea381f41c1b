'use client';

import { useActionState, useEffect, useRef, useState, type MouseEvent } from 'react';
import { useForm, type FieldErrors } from 'react-hook-form';
import { useRouter } from 'next/navigation';
import { toSubmission, fieldNameFor, type SurveyFormValues } from '@/lib/responses/form-values';
import { LIMITS } from '@/lib/responses/options';
import { ContactSection } from './contact-section';
import { RatingScale } from './rating-scale';
import { RespondentSection } from './respondent-section';
import { surveyResolver } from './survey-resolver';
import { useSurveySubmit } from './use-survey-submit';
import { localePath } from '@/i18n/paths';
import type { FullSurveyDefinition, FullSurveyLabels, SurveyActionState } from '@/lib/responses/full-survey-types';

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
  const [askingDone, setAskingDone] = useState(false);
  const form = useForm<SurveyFormValues>({ defaultValues: values, resolver: surveyResolver(labels.errors) });
  const { register, handleSubmit, formState, setError } = form;
  const dirty = formState.isDirty; // read while rendering, so react-hook-form keeps it up to date
  const question = useRef<HTMLDivElement>(null);
  const queuedNotice = useRef<HTMLParagraphElement>(null);

  // k: the response's client key, which the receipt needs to offer "Follow this in LINE" (it proves the response is
  // this citizen's; the /more page already carries it).
  const thanksUrl = (reference: string, reply: boolean, offline = false) =>
    localePath({ href: `/s/${definition.servicePoint}/thanks`, locale: definition.locale }) +
    `?ref=${encodeURIComponent(reference)}` +
    (reply ? '&reply=1' : '') +
    (offline ? '&offline=1' : '') +
    `&k=${encodeURIComponent(form.getValues('clientKey') ?? '')}`;

  const { submit, queued } = useSurveySubmit(({ reference, payload }) => router.push(thanksUrl(reference, Boolean(payload.contact), true)));

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
    const payload: Record<string, unknown> & { clientKey: string } = {
      ...(toSubmission(formValues) as { clientKey: string }),
      channel: definition.channel,
      ...(definition.receipt ? { receipt: definition.receipt } : {}),
    };
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

  // "I'm done" is a submit button, so that without JavaScript whatever was typed is sent. With JavaScript, an untouched
  // form just goes to the receipt; a touched one asks first, and is given up only if the citizen says so (issue 18).
  const onDone = (event: MouseEvent<HTMLButtonElement>) => {
    event.preventDefault();
    if (dirty) setAskingDone(true);
    else if (definition.reference) router.push(thanksUrl(definition.reference, false));
  };
  useEffect(() => {
    if (askingDone) question.current?.focus();
  }, [askingDone]);
  // The citizen is at the bottom of a long form when they press "send": the notice appears there, and is brought into view.
  useEffect(() => {
    if (queued) queuedNotice.current?.scrollIntoView({ block: 'center' });
  }, [queued]);

  return (
    <form action={formAction} onSubmit={handleSubmit(onValid, onInvalid)} noValidate>
      <input type="hidden" {...register('clientKey')} defaultValue={values.clientKey} />
      <input type="hidden" {...register('servicePoint')} defaultValue={values.servicePoint} />
      <input type="hidden" {...register('locale')} defaultValue={values.locale} />
      <input type="hidden" name="channel" value={definition.channel} />
      {definition.receipt && <input type="hidden" name="receipt" value={definition.receipt} />}

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
          <button type="submit" name="intent" value="done" className="button button-secondary" onClick={onDone}>
            {labels.done}
          </button>
        )}
      </div>
      {askingDone && definition.reference && (
        <div className="notice done-question" role="alertdialog" aria-labelledby="done-question" tabIndex={-1} ref={question}>
          <p id="done-question">{labels.doneQuestion}</p>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                setAskingDone(false);
                void handleSubmit(onValid, onInvalid)();
              }}
            >
              {labels.doneSend}
            </button>
            <button type="button" className="button button-secondary" onClick={() => router.push(thanksUrl(definition.reference!, false))}>
              {labels.doneLeave}
            </button>
          </div>
        </div>
      )}
      {queued && (
        <p className="notice notice-ok" role="status" ref={queuedNotice}>
          {labels.offlineSaved}
          {labels.offlineReference && (
            <>
              {' '}
              <strong>{labels.offlineReference}</strong>
            </>
          )}
        </p>
      )}
    </form>
  );
}
