import { describe, expect, it } from 'vitest';
import { submissionErrors, submissionSchema } from './submission-schema';

const base = { clientKey: '7d1f3c9e-8a54-4a53-9a0e-2b7d4c1e9f00', servicePoint: 'civil-registration', locale: 'th', overallRating: 4 };
const errorsOf = (input: unknown) => {
  const result = submissionSchema.safeParse(input);
  return result.success ? {} : submissionErrors(result.error);
};

describe('submissionSchema', () => {
  it('accepts a one-tap rating and a full submission', () => {
    expect(submissionSchema.safeParse(base).success).toBe(true);
    const full = {
      ...base,
      answers: { process_speed: 1, staff_polite: 5 },
      suggestion: { text: 'ห้องน้ำ 🚻 <b>สกปรก</b>', category: 'facilities' },
      respondent: { gender: 'female', age_band: '60_plus' },
      contact: { consent: true, name: 'ป้าสมศรี', phone: '+66 81-234-5678' },
    };
    const parsed = submissionSchema.parse(full);
    expect(parsed.suggestion?.text).toBe('ห้องน้ำ 🚻 <b>สกปรก</b>'); // stored as typed, escaped only when shown
  });

  it('names a rating out of range, of the wrong type or missing with one code', () => {
    for (const overallRating of [0, 6, 4.5, '4', null, undefined]) {
      expect(errorsOf({ ...base, overallRating })).toEqual({ overallRating: 'invalid_rating' });
    }
    expect(errorsOf({ ...base, answers: { staff_polite: 9 } })).toEqual({ 'answers.staff_polite': 'invalid_rating' });
  });

  it('refuses oversized text, control characters and choices outside the lists', () => {
    expect(errorsOf({ ...base, suggestion: { text: 'ก'.repeat(2001) } })).toEqual({ 'suggestion.text': 'text_too_long' });
    expect(errorsOf({ ...base, suggestion: { text: 'ก'.repeat(2000) } })).toEqual({});
    expect(errorsOf({ ...base, suggestion: { text: 'a\u0000b' } })).toEqual({ 'suggestion.text': 'invalid_characters' });
    expect(errorsOf({ ...base, suggestion: { text: 'broken \ud800 surrogate' } })).toEqual({ 'suggestion.text': 'invalid_characters' });
    expect(errorsOf({ ...base, suggestion: { text: 'line\nbreak\ttab' } })).toEqual({});
    expect(errorsOf({ ...base, suggestion: { text: '  ' } })).toEqual({ 'suggestion.text': 'required' });
    expect(errorsOf({ ...base, respondent: { gender: 'robot' } })).toEqual({ 'respondent.gender': 'invalid_choice' });
    expect(errorsOf({ ...base, suggestion: { text: 'x', category: 'bribe' } })).toEqual({ 'suggestion.category': 'invalid_choice' });
  });

  it('takes contact details only with consent, a suggestion, and a phone or email', () => {
    const text = { suggestion: { text: 'โปรดโทรกลับ' } };
    expect(errorsOf({ ...base, ...text, contact: { consent: false, phone: '0812345678' } })).toEqual({
      'contact.consent': 'consent_required',
    });
    expect(errorsOf({ ...base, contact: { consent: true, phone: '0812345678' } })).toEqual({
      'suggestion.text': 'contact_needs_suggestion',
    });
    expect(errorsOf({ ...base, ...text, contact: { consent: true } })).toEqual({ 'contact.phone': 'contact_needs_channel' });
    expect(errorsOf({ ...base, ...text, contact: { consent: true, phone: '12' } })).toEqual({ 'contact.phone': 'invalid_phone' });
    expect(errorsOf({ ...base, ...text, contact: { consent: true, email: 'a@b' } })).toEqual({ 'contact.email': 'invalid_email' });
  });

  it('refuses unknown fields at every level and anything that is not an object', () => {
    expect(errorsOf({ ...base, isAdmin: true })).toEqual({ isAdmin: 'unknown_field' });
    expect(errorsOf({ ...base, respondent: { religion: 'x' } })).toEqual({ 'respondent.religion': 'unknown_field' });
    for (const input of [null, 'x', 42, [], [base]]) expect(errorsOf(input)).toEqual({ _form: 'invalid_submission' });
  });

  it('refuses a client key that is not a UUID and a service point that is not a slug', () => {
    expect(errorsOf({ ...base, clientKey: 'abc' })).toEqual({ clientKey: 'invalid_client_key' });
    expect(errorsOf({ ...base, servicePoint: '../admin' })).toEqual({ servicePoint: 'unknown_service_point' });
  });
});
