import { describe, expect, it } from 'vitest';
import { isReference, normalizeReference } from './reference';

describe('references', () => {
  it('have the form PREFIX-FY(B.E.)-six or more digits', () => {
    expect(isReference('KP-2570-000123')).toBe(true);
    expect(isReference('KP-2570-1234567')).toBe(true);
    for (const bad of ['KP-2570-123', 'KP2570000123', 'KP-70-000123', '', 'KP-2570-000123; drop table', '<script>']) {
      expect(isReference(bad)).toBe(false);
    }
  });

  it('are tidied as citizens type them: lower case, spaces, Thai digits', () => {
    expect(normalizeReference(' kp - ๒๕๗๐ - ๐๐๐๑๒๓ ')).toBe('KP-2570-000123');
    expect(isReference('kp-๒๕๗๐-๐๐๐๑๒๓')).toBe(true);
  });
});
