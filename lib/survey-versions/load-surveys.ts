import { getDb, isNotFound, isPermissionDenied } from '@/lib/db';
import type { StaffSession } from '@/lib/auth/staff-profile';
import type { Dimension, RespondentQuestion } from '@/lib/responses/options';

type Texts = { th: string; en?: string; my?: string };

export interface SurveyVersionSummary {
  versionNo: number;
  status: 'draft' | 'published' | 'retired';
  publishedAt: string | null;
  createdAt: string;
  items: number;
  responses: number;
}

export interface SurveyVersionDetail extends Omit<SurveyVersionSummary, 'items'> {
  overallQuestion: Texts;
  respondentQuestions: RespondentQuestion[];
  items: { code: string; dimension: Dimension; position: number; text: Texts; answers: number }[];
}

const orNull = async <T>(work: () => Promise<T>): Promise<T | null> => {
  try {
    return await work();
  } catch (error) {
    if (isPermissionDenied(error) || isNotFound(error)) return null;
    throw error;
  }
};

/** Every version, newest first; null when the caller is not an admin. */
export const loadSurveyVersions = (session: StaffSession) =>
  orNull(async () => (await getDb()).rpc('admin_survey_versions', {}, session.caller));

/** One version with all its texts; null for a non-admin or an unknown number. */
export const loadSurveyVersion = (session: StaffSession, versionNo: number) =>
  orNull(async () => (await getDb()).rpc('admin_survey_version', { p_version_no: versionNo }, session.caller));

/** A text in the reader's language, falling back to Thai (as app.localized does). */
export const inLocale = (text: Texts, locale: string) => (text[locale as 'th']?.trim() ? text[locale as 'th']! : text.th);
