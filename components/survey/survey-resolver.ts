import type { FieldErrors, Resolver } from 'react-hook-form';
import { fieldNameFor, toSubmission, type SurveyFormValues } from '@/lib/responses/form-values';
import { submissionErrors, submissionSchema } from '@/lib/responses/submission-schema';

/** Put an error at a dotted field name ("answers.staff_polite") in react-hook-form's nested error object. */
export function setFieldError(errors: Record<string, unknown>, name: string, message: string, type = 'server') {
  const parts = name.split('.');
  let node = errors;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts[parts.length - 1]!] ??= { type, message };
}

/** react-hook-form validates with the same schema as the server, after the same form → submission translation. */
export function surveyResolver(messages: Record<string, string>): Resolver<SurveyFormValues> {
  return async (values) => {
    const result = submissionSchema.safeParse(toSubmission(values));
    if (result.success) return { values, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const [path, code] of Object.entries(submissionErrors(result.error))) {
      setFieldError(errors, fieldNameFor(path), messages[code] ?? messages.invalid_value ?? code, code);
    }
    return { values: {}, errors: errors as FieldErrors<SurveyFormValues> };
  };
}
