import { describe, expect, it } from 'vitest';
import { textIn } from './localized-text';

describe('a text entered per language', () => {
  const name = { th: 'งานทะเบียนราษฎร', en: 'Civil registration' };
  it('is read in the reader’s language when it was entered, else in Thai', () => {
    expect(textIn(name, 'en')).toBe('Civil registration');
    expect(textIn(name, 'th')).toBe('งานทะเบียนราษฎร');
    expect(textIn(name, 'my')).toBe('งานทะเบียนราษฎร');
    expect(textIn({ ...name, en: '' }, 'en')).toBe('งานทะเบียนราษฎร');
    expect(textIn({ th: 'ก', my: 'က' }, 'my')).toBe('က');
  });
});
