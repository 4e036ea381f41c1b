import { describe, expect, it } from 'vitest';
import { formatReceiptCode, isReference, normalizeReference, parseReceiptCode } from './reference';

describe('references', () => {
  it('have the form PREFIX-FY(B.E.)-six or more digits', () => {
    expect(isReference('KP-2570-000123')).toBe(true);
    expect(isReference('KP-2570-1234567')).toBe(true);
    for (const bad of ['KP-70-000123', '', 'KP-2570-000123; drop table', '<script>', 'KP-2570-', '2570-000123', 'KP-25700-00123x']) {
      expect(isReference(bad)).toBe(false);
    }
  });

  it('are tidied as citizens type them: lower case, spaces, Thai digits', () => {
    expect(normalizeReference(' kp - ๒๕๗๐ - ๐๐๐๑๒๓ ')).toBe('KP-2570-000123');
    expect(isReference('kp-๒๕๗๐-๐๐๐๑๒๓')).toBe(true);
  });

  it('are found however they are typed (issue 18)', () => {
    for (const typed of [
      'KP 2570 000343',
      'KP2570000343',
      'kp-2570-343',
      'KP–2570–000343', // en dash from autocorrect
      'KP—2570—000343', // em dash
      'KP‐2570‐000343', // Unicode hyphen
      'KP-๒๕๗๐-๐๐๐๓๔๓',
      'ｋｐ－２５７０－０００３４３', // full-width keyboard
      ' kp.2570.343 ',
    ]) {
      expect(normalizeReference(typed), typed).toBe('KP-2570-000343');
    }
  });

  it('keep sequences longer than six digits as they are', () => {
    expect(normalizeReference('KP25701234567')).toBe('KP-2570-1234567');
  });
});

describe('receipt codes (reference + check code, issue 17)', () => {
  it('are read however they are typed or read aloud', () => {
    for (const typed of [
      'KP-2570-000343-MKHT',
      'kp 2570 343 mkht',
      'KP2570000343MKHT',
      'KP–2570–000343–MKHT',
      'kp-๒๕๗๐-๐๐๐๓๔๓-mkht',
      'ｋｐ－２５７０－０００３４３－ＭＫＨＴ',
      ' KP.2570.343.M K H T ',
    ]) {
      expect(parseReceiptCode(typed), typed).toEqual({ reference: 'KP-2570-000343', checkCode: 'MKHT' });
    }
    expect(formatReceiptCode('KP-2570-000343', 'MKHT')).toBe('KP-2570-000343-MKHT');
  });

  it('say when the check code is missing, and refuse what is no reference', () => {
    expect(parseReceiptCode('KP-2570-000343')).toEqual({ reference: 'KP-2570-000343' });
    expect(parseReceiptCode('KP-2570-000343-MKBT')).toEqual({ reference: 'KP-2570-000343' }); // B looks like 8: never issued
    for (const bad of ['', 'hello', '2570-000343-MKHT', 'KP-2570-000343-MKHTX']) expect(parseReceiptCode(bad), bad).toBeNull();
  });

  it('keep a plain reference a reference, and a receipt code not one', () => {
    expect(isReference('KP-2570-000343-MKHT')).toBe(false);
    expect(normalizeReference('kp 2570 343')).toBe('KP-2570-000343');
  });
});
