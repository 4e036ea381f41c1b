import { RESPONDENT_QUESTION_KEYS, type RespondentQuestion } from './options';

/**
 * The survey form as the browser holds it (strings from radios, text fields and a checkbox), and its translation into
 * a submission for submissionSchema. The same functions serve react-hook-form with JavaScript and FormData from the
 * server action without it, so both paths validate identically.
 */

export interface SurveyFormValues {
  clientKey: string;
  servicePoint: string;
  locale: string;
  overallRating: string;
  answers: Record<string, string>;
  suggestionText: string;
  suggestionCategory: string;
  respondent: Partial<Record<RespondentQuestion, string>>;
  contactConsent: boolean;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export function emptyFormValues(base: Pick<SurveyFormValues, 'clientKey' | 'servicePoint' | 'locale'>): SurveyFormValues {
  return {
    ...base,
    overallRating: '',
    answers: {},
    suggestionText: '',
    suggestionCategory: '',
    respondent: {},
    contactConsent: false,
    contactName: '',
    contactPhone: '',
    contactEmail: '',
  };
}

const THAI_DIGITS = /[๐-๙]/g;
const toArabicDigits = (value: string) => value.replace(THAI_DIGITS, (d) => String(d.charCodeAt(0) - 0x0e50));
/** A field with something in it, or undefined. react-hook-form reports an untouched radio group as null. */
const filled = (value: string | null | undefined): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

function toRating(value: string | null | undefined): number | string | undefined {
  const v = filled(value);
  if (v === undefined) return undefined;
  return /^\d+$/.test(v.trim()) ? Number(v) : v; // anything else stays a string and fails validation
}

/** Form values → the shape submissionSchema expects. Empty fields are left out; text is kept exactly as typed. */
export function toSubmission(values: SurveyFormValues): Record<string, unknown> {
  const answers = Object.fromEntries(
    Object.entries(values.answers ?? {})
      .filter(([, v]) => filled(v) !== undefined)
      .map(([code, v]) => [code, toRating(v)]),
  );
  const respondent = Object.fromEntries(
    RESPONDENT_QUESTION_KEYS.map((q) => [q, filled(values.respondent?.[q])]).filter(([, v]) => v !== undefined),
  );
  const wantsContact = values.contactConsent || [values.contactName, values.contactPhone, values.contactEmail].some((v) => filled(v));
  const phone = filled(values.contactPhone);
  return {
    clientKey: values.clientKey,
    servicePoint: values.servicePoint,
    locale: values.locale,
    overallRating: toRating(values.overallRating),
    answers: Object.keys(answers).length ? answers : undefined,
    suggestion: filled(values.suggestionText) ? { text: values.suggestionText, category: filled(values.suggestionCategory) } : undefined,
    respondent: Object.keys(respondent).length ? respondent : undefined,
    contact: wantsContact
      ? {
          consent: values.contactConsent === true,
          name: filled(values.contactName)?.trim(),
          phone: phone ? toArabicDigits(phone.trim()) : undefined,
          email: filled(values.contactEmail)?.trim(),
        }
      : undefined,
  };
}

/** FormData from a form posted without JavaScript → form values. Unknown fields are ignored here. */
export function formDataToValues(data: FormData): SurveyFormValues {
  const get = (name: string) => {
    const value = data.get(name);
    return typeof value === 'string' ? value : '';
  };
  const answers: Record<string, string> = {};
  const respondent: Partial<Record<RespondentQuestion, string>> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value !== 'string') continue;
    if (name.startsWith('answers.')) answers[name.slice('answers.'.length)] = value;
    const question = name.startsWith('respondent.') ? name.slice('respondent.'.length) : undefined;
    if (question && (RESPONDENT_QUESTION_KEYS as string[]).includes(question)) respondent[question as RespondentQuestion] = value;
  }
  return {
    clientKey: get('clientKey'),
    servicePoint: get('servicePoint'),
    locale: get('locale'),
    overallRating: get('overallRating'),
    answers,
    suggestionText: get('suggestionText'),
    suggestionCategory: get('suggestionCategory'),
    respondent,
    contactConsent: data.get('contactConsent') !== null,
    contactName: get('contactName'),
    contactPhone: get('contactPhone'),
    contactEmail: get('contactEmail'),
  };
}

const FIELD_FOR_PATH: Record<string, string> = {
  'suggestion.text': 'suggestionText',
  'suggestion.category': 'suggestionCategory',
  'contact.consent': 'contactConsent',
  'contact.name': 'contactName',
  'contact.phone': 'contactPhone',
  'contact.email': 'contactEmail',
};

/** A submission path (from zod or from SQL's DETAIL) → the form field that shows its error. */
export function fieldNameFor(path: string): string {
  return FIELD_FOR_PATH[path] ?? (path === '' ? '_form' : path);
}
