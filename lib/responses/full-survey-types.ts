import type { Locale } from '@/i18n/routing';
import type { Dimension, RespondentQuestion } from '@/lib/responses/options';
import type { SurveyFormValues } from '@/lib/responses/form-values';

/** Everything the full form shows, already translated on the server: the client bundle carries no message catalogue. */
export interface FullSurveyDefinition {
  locale: Locale;
  servicePoint: string;
  /** The receipt code of the tapped response (reference + check code), when the citizen came from the tap. */
  reference?: string;
  /** The receipt secret (lib/responses/receipt.ts), sent beside the answers: only it lets them update the tapped response. */
  receipt?: string;
  /** Sent beside the answers: 'web' when the survey was opened from the municipality's website. */
  channel: 'qr' | 'web';
  overallQuestion: string;
  scale: { value: string; label: string }[];
  dimensions: { code: Dimension; title: string; items: { code: string; text: string }[] }[];
  categories: { value: string; label: string }[];
  respondentQuestions: { key: RespondentQuestion; label: string; options: { value: string; label: string }[] }[];
  retentionDays: number;
  pdpaController?: string;
}

export type FullSurveyLabels = Record<
  | 'intro'
  | 'overallLegend'
  | 'suggestionHeading'
  | 'suggestionLabel'
  | 'suggestionHint'
  | 'categoryLabel'
  | 'respondentHeading'
  | 'respondentHint'
  | 'notSay'
  | 'contactHeading'
  | 'contactConsent'
  | 'contactOptional'
  | 'pdpaTitle'
  | 'pdpaPurpose'
  | 'pdpaOptional'
  | 'pdpaWhat'
  | 'pdpaRetention'
  | 'pdpaWho'
  | 'pdpaRights'
  | 'name'
  | 'phone'
  | 'email'
  | 'phoneOrEmail'
  | 'submit'
  | 'submitting'
  | 'done'
  | 'fixErrors'
  | 'doneQuestion'
  | 'doneSend'
  | 'doneLeave'
  | 'offlineSaved'
  | 'offlineReference'
  | 'sentAfterOffline',
  string
> & { errors: Record<string, string> };

/** What the server action returns to a form posted without JavaScript: the values back (nothing lost) and errors. */
export interface SurveyActionState {
  values?: SurveyFormValues;
  formError?: string;
  fieldErrors?: Record<string, string>;
}
