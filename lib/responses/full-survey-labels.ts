import type { Locale } from '@/i18n/routing';
import { getTranslations } from 'next-intl/server';
import { isMessageKey } from '@/i18n/message-keys';
import th from '@/messages/th.json';
import type { FullSurveyDefinition, FullSurveyLabels } from './full-survey-types';
import { DIMENSIONS, LIMITS, RATINGS, RESPONDENT_QUESTIONS, SUGGESTION_CATEGORIES } from './options';
import type { ResponseIdentity } from './response-identity';
import type { SurveyForm } from './survey-form';

/**
 * Translate everything the full form shows on the server, so the client component receives plain strings and the
 * citizen's phone downloads no message catalogue and no formatting library.
 */
export async function fullSurveyProps(
  form: SurveyForm & { survey: NonNullable<SurveyForm['survey']> },
  locale: Locale,
  identity: Pick<ResponseIdentity, 'reference' | 'channel'>,
  receipt?: string,
): Promise<{ definition: FullSurveyDefinition; labels: FullSurveyLabels }> {
  const loc = locale as 'th';
  const t = await getTranslations({ locale: loc, namespace: 'more' });
  const scale = await getTranslations({ locale: loc, namespace: 'scale' });
  const errors = await getTranslations({ locale: loc, namespace: 'errors' });
  const retentionDays = form.organisation.contactRetentionDays ?? 365;

  const definition: FullSurveyDefinition = {
    locale,
    servicePoint: form.servicePoint.slug,
    reference: identity.reference,
    ...(receipt ? { receipt } : {}),
    channel: identity.channel,
    overallQuestion: form.survey.overallQuestion,
    scale: RATINGS.map((r) => ({ value: String(r), label: scale(String(r) as '5') })),
    dimensions: DIMENSIONS.map((code) => ({
      code,
      title: t(`dimensions.${code}`),
      items: form.survey.items.filter((i) => i.dimension === code).map(({ code: c, text }) => ({ code: c, text })),
    })).filter((d) => d.items.length > 0),
    categories: SUGGESTION_CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) })),
    respondentQuestions: form.survey.respondentQuestions.map((key) => ({
      key,
      label: t(`respondent.${key}.label`),
      options: RESPONDENT_QUESTIONS[key].map((value) => ({
        value,
        label: t(`respondent.${key}.options.${value}` as 'respondent.gender.options.male'),
      })),
    })),
    retentionDays,
    pdpaController: form.organisation.pdpaNotice || undefined,
  };

  const keys = [
    'intro',
    'overallLegend',
    'suggestionHeading',
    'suggestionLabel',
    'categoryLabel',
    'respondentHeading',
    'respondentHint',
    'notSay',
    'contactHeading',
    'contactConsent',
    'contactOptional',
    'pdpaTitle',
    'pdpaPurpose',
    'pdpaOptional',
    'pdpaWhat',
    'pdpaWho',
    'pdpaRights',
    'name',
    'phone',
    'email',
    'phoneOrEmail',
    'submit',
    'submitting',
    'done',
    'doneQuestion',
    'doneSend',
    'doneLeave',
    'fixErrors',
    'offlineSaved',
    'sentAfterOffline',
  ] as const;
  const labels = {
    ...Object.fromEntries(keys.map((k) => [k, t(k)])),
    suggestionHint: t('suggestionHint', { max: LIMITS.suggestion }),
    pdpaRetention: t('pdpaRetention', { days: retentionDays }),
    offlineReference: identity.reference ? t('offlineReference', { reference: identity.reference }) : '',
    // Every error message the form may show (errors.schemaOutdated is a staff page's block of texts, not one message).
    errors: Object.fromEntries(
      Object.keys(th.errors)
        .filter((code) => isMessageKey('errors', code))
        .map((code) => [code, errors(code)]),
    ),
  } as FullSurveyLabels;
  return { definition, labels };
}
