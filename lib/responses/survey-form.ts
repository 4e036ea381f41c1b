import { cache } from 'react';
import { anon, getDb } from '@/lib/db';
import type { Dimension, RespondentQuestion } from './options';

/** What the QR page shows, as survey_form returns it (in the reader's locale, falling back to Thai). */
export interface SurveyForm {
  servicePoint: { slug: string; name: string; active: boolean; division?: string; services?: string[] };
  organisation: { name: string; pdpaNotice?: string; contactRetentionDays?: number };
  survey: {
    versionNo: number;
    overallQuestion: string;
    respondentQuestions: RespondentQuestion[];
    items: { code: string; dimension: Dimension; text: string }[];
  } | null;
}

/** Read as anon, once per request (metadata and page share it). Null for an unknown service point. */
export const loadSurveyForm = cache(async (slug: string, locale: string): Promise<SurveyForm | null> => {
  const db = await getDb();
  return db.rpc('survey_form', { p_service_point: slug, p_locale: locale }, anon);
});
