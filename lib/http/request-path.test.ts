import { describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH, pathProblem } from './request-path';

describe('request path guard', () => {
  it('lets every address of the app through, Thai and encoded characters included', () => {
    for (const path of [
      '/th/track/KP-2570-000123',
      '/s/civil-registration',
      '/en/track/%E0%B8%81',
      '/api/track/%20KP',
      '/th/track/..',
      '/',
    ]) {
      expect(pathProblem(path)).toBeUndefined();
    }
  });

  it('refuses paths that do not decode: a stray %, an encoded lone surrogate, a cut-off UTF-8 sequence', () => {
    for (const path of [
      '/api/track/%',
      '/api/track/%ZZ',
      '/th/track/%ED%A0%80',
      '/th/track/%F0%9F%98',
      '/api/track/%C0%AF',
      '/th/track/%E0%B8',
    ]) {
      expect(pathProblem(path)).toBe('bad_path');
    }
  });

  it('refuses paths longer than any address of the app', () => {
    expect(pathProblem(`/th/track/${'a'.repeat(MAX_PATH_LENGTH)}`)).toBe('path_too_long');
    expect(pathProblem(`/th/track/${'a'.repeat(MAX_PATH_LENGTH - 10)}`)).toBeUndefined();
  });
});
