import { describe, expect, it } from 'vitest';
import { emptyFormValues, fieldNameFor, formDataToValues, toSubmission } from './form-values';

const base = emptyFormValues({ clientKey: 'k', servicePoint: 'civil-registration', locale: 'en' });

describe('form values → submission', () => {
  it('leaves empty fields out and turns ratings into numbers', () => {
    expect(toSubmission({ ...base, overallRating: '5', answers: { staff_polite: '4', process_speed: '' } })).toEqual({
      clientKey: 'k',
      servicePoint: 'civil-registration',
      locale: 'en',
      overallRating: 5,
      answers: { staff_polite: 4 },
      suggestion: undefined,
      respondent: undefined,
      contact: undefined,
    });
  });

  it('treats what react-hook-form reports for untouched radios (null) as unanswered', () => {
    const untouched = { ...base, overallRating: null, answers: { staff_polite: null } } as unknown as typeof base;
    expect(toSubmission(untouched)).toMatchObject({ overallRating: undefined, answers: undefined });
  });

  it('keeps suggestion text exactly as typed, and a non-number rating as text so that validation names it', () => {
    const s = toSubmission({ ...base, overallRating: 'five', suggestionText: '  ช้า  ', suggestionCategory: 'process' });
    expect(s.overallRating).toBe('five');
    expect(s.suggestion).toEqual({ text: '  ช้า  ', category: 'process' });
  });

  it('sends contact details with the consent as ticked, Thai digits in a phone number made Arabic', () => {
    expect(toSubmission({ ...base, contactPhone: '๐๘๑ ๒๓๔ ๕๖๗๘' }).contact).toEqual({
      consent: false,
      name: undefined,
      phone: '081 234 5678',
      email: undefined,
    });
    expect(toSubmission({ ...base, contactConsent: true, contactEmail: ' a@example.org ' }).contact).toMatchObject({
      consent: true,
      email: 'a@example.org',
    });
  });

  it('reads a form posted without JavaScript, ignoring unknown respondent fields', () => {
    const data = new FormData();
    for (const [k, v] of [
      ['clientKey', 'k'],
      ['servicePoint', 'waste-fees'],
      ['locale', 'th'],
      ['overallRating', '2'],
      ['answers.staff_polite', '1'],
      ['respondent.gender', 'male'],
      ['respondent.religion', 'x'],
      ['suggestionText', 'ขยะ'],
      ['contactConsent', 'on'],
      ['contactPhone', '0812345678'],
    ])
      data.append(k!, v!);
    const values = formDataToValues(data);
    expect(values).toMatchObject({
      overallRating: '2',
      answers: { staff_polite: '1' },
      respondent: { gender: 'male' },
      contactConsent: true,
    });
    expect(values.respondent).not.toHaveProperty('religion');
  });

  it('maps error paths to the field that shows them', () => {
    expect(fieldNameFor('contact.phone')).toBe('contactPhone');
    expect(fieldNameFor('suggestion.text')).toBe('suggestionText');
    expect(fieldNameFor('answers.staff_polite')).toBe('answers.staff_polite');
    expect(fieldNameFor('')).toBe('_form');
  });
});
