import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './email';

describe('the one spelling of a staff email', () => {
  it('folds case, blanks and full-width forms', () => {
    expect(normaliseEmail('  Somsri@KasetPhatthana.go.th ')).toBe('somsri@kasetphatthana.go.th');
    expect(normaliseEmail('ｓｏｍｓｒｉ＠kp.test')).toBe('somsri@kp.test');
  });

  it('keeps İ (U+0130) distinct from a plain i, as JavaScript lowercases it, whatever SQL would do', () => {
    // PostgreSQL's lower() makes "engİneering" "engineering"; the server now sends only this spelling to SQL.
    expect(normaliseEmail('engİneering@kp.test')).toBe('engi\u0307neering@kp.test');
    expect(normaliseEmail('engİneering@kp.test')).not.toBe(normaliseEmail('engineering@kp.test'));
  });
});
