import * as z from 'zod/mini';
import {
  CONTROL_CHARACTERS,
  EMAIL,
  hasLoneSurrogate,
  ITEM_CODE,
  LIMITS,
  PHONE,
  RESPONDENT_QUESTIONS,
  SERVICE_POINT_SLUG,
  SUGGESTION_CATEGORIES,
} from './options';

/**
 * One schema for a citizen's submission, shared by the form (zodResolver), the server action, the JSON API and the
 * tests. zod/mini keeps the citizen bundle small. Every message is an error code; the reader's language comes from
 * messages/<locale>.json → errors.<code>. submit_response validates all of it again in SQL.
 */

const rating = z.int({ error: 'invalid_rating' }).check(z.gte(1, { error: 'invalid_rating' }), z.lte(5, { error: 'invalid_rating' }));

const text = (max: number) =>
  z.string({ error: 'invalid_value' }).check(
    z.maxLength(max, { error: 'text_too_long' }),
    // Lone surrogates (broken UTF-16) and control characters cannot be stored or shown faithfully.
    z.refine((value) => !hasLoneSurrogate(value) && !CONTROL_CHARACTERS.test(value), { error: 'invalid_characters' }),
  );

const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'invalid_choice' });

export const suggestionSchema = z.strictObject(
  {
    text: text(LIMITS.suggestion).check(z.refine((value) => value.trim().length > 0, { error: 'required' })),
    category: z.optional(choice(SUGGESTION_CATEGORIES)),
  },
  { error: 'invalid_value' },
);

export const respondentSchema = z.strictObject(
  {
    gender: z.optional(choice(RESPONDENT_QUESTIONS.gender)),
    age_band: z.optional(choice(RESPONDENT_QUESTIONS.age_band)),
    education: z.optional(choice(RESPONDENT_QUESTIONS.education)),
    occupation: z.optional(choice(RESPONDENT_QUESTIONS.occupation)),
  },
  { error: 'invalid_value' },
);

export const contactSchema = z
  .strictObject(
    {
      consent: z.literal(true, { error: 'consent_required' }),
      name: z.optional(text(LIMITS.contactName)),
      phone: z.optional(text(LIMITS.phone).check(z.regex(PHONE, { error: 'invalid_phone' }))),
      email: z.optional(text(LIMITS.email).check(z.regex(EMAIL, { error: 'invalid_email' }))),
    },
    { error: 'invalid_value' },
  )
  .check(
    z.refine((contact) => Boolean(contact.phone || contact.email), {
      error: 'contact_needs_channel',
      path: ['phone'],
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );

export const submissionSchema = z
  .strictObject(
    {
      clientKey: z.uuid({ error: 'invalid_client_key' }),
      servicePoint: z.string({ error: 'unknown_service_point' }).check(z.regex(SERVICE_POINT_SLUG, { error: 'unknown_service_point' })),
      locale: z.optional(z.enum(['th', 'en', 'my'], { error: 'invalid_choice' })),
      overallRating: rating,
      answers: z.optional(z.record(z.string().check(z.regex(ITEM_CODE, { error: 'unknown_item' })), rating, { error: 'invalid_value' })),
      suggestion: z.optional(suggestionSchema),
      respondent: z.optional(respondentSchema),
      contact: z.optional(contactSchema),
    },
    { error: 'invalid_submission' },
  )
  .check(
    z.refine((submission) => !submission.contact || Boolean(submission.suggestion), {
      error: 'contact_needs_suggestion',
      path: ['suggestion', 'text'],
    }),
  );

export type Submission = z.infer<typeof submissionSchema>;

/** Field path → error code, from a failed parse (the first error of each field). */
export function submissionErrors(error: z.core.$ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const code = issue.code === 'unrecognized_keys' ? 'unknown_field' : issue.message;
    const key = issue.code === 'unrecognized_keys' ? [path, issue.keys[0]].filter(Boolean).join('.') : path;
    errors[key || '_form'] ??= code;
  }
  return errors;
}
