/**
 * The fixed vocabulary of the survey. The same lists are enforced by CHECK constraints and by submit_response in
 * SQL; labels live in messages/ (more.categories, more.respondent.*).
 */

export const RATINGS = [5, 4, 3, 2, 1] as const;
export type Rating = (typeof RATINGS)[number];

export const DIMENSIONS = ['process', 'staff', 'facilities', 'outcome'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SUGGESTION_CATEGORIES = ['process', 'staff', 'facilities', 'information', 'complaint', 'praise', 'other'] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

export const RESPONDENT_QUESTIONS = {
  gender: ['male', 'female', 'other', 'undisclosed'],
  age_band: ['under_20', '20_29', '30_39', '40_49', '50_59', '60_plus'],
  education: ['primary', 'secondary', 'vocational', 'bachelor', 'postgraduate', 'other'],
  occupation: ['farmer', 'labourer', 'business', 'private_employee', 'civil_servant', 'student', 'retired', 'other'],
} as const;
export type RespondentQuestion = keyof typeof RESPONDENT_QUESTIONS;
export const RESPONDENT_QUESTION_KEYS = Object.keys(RESPONDENT_QUESTIONS) as RespondentQuestion[];

export const LIMITS = {
  suggestion: 2000,
  contactName: 100,
  phone: 20,
  email: 254,
} as const;

export const SERVICE_POINT_SLUG = /^[a-z0-9][a-z0-9-]{1,39}$/;
export const ITEM_CODE = /^[a-z][a-z0-9_]{1,39}$/;
/** Tabs and line breaks are text; every other control character is refused (also in SQL; PostgreSQL cannot store NUL). */
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
export const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Broken UTF-16 (a lone surrogate) cannot be stored as text. A loop, not isWellFormed(): older phones lack it. */
export function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
