import { describe, expect, it } from 'vitest';
import { rpcScript, sqlLiteral } from './acting-as';

describe('one-round-trip API calls', () => {
  it('quotes values as node-postgres escapeLiteral does', () => {
    expect(sqlLiteral(null)).toBe('null');
    expect(sqlLiteral(undefined)).toBe('null');
    expect(sqlLiteral(42)).toBe("'42'");
    expect(sqlLiteral(true)).toBe("'true'");
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
    expect(sqlLiteral("\\'; drop table x; --")).toBe(" E'\\\\''; drop table x; --'");
    expect(sqlLiteral(new Date('2026-11-26T00:00:00Z'))).toBe("'2026-11-26T00:00:00.000Z'");
    expect(sqlLiteral('a\u0000b')).toBeNull();
  });

  it('takes the role and claims, then calls the function, in one script', () => {
    expect(rpcScript('submit_response', { p_submission: { a: "o'k" } }, { role: 'service_role' })).toBe(
      "select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{\"role\":\"service_role\"}', true);\n" +
        'select public.submit_response(p_submission => \'{"a":"o\'\'k"}\') as result',
    );
  });

  it('falls back to parameters when a value or a claim cannot travel in a query string', () => {
    expect(rpcScript('track_response', { p_reference: 'KP\u0000' }, { role: 'anon' })).toBeNull();
    // Claims travel as JSON, where a NUL is already the escape \u0000: they always fit.
    expect(rpcScript('f', {}, { role: 'authenticated', claims: { sub: 'x', role: 'authenticated', email: "o'k\u0000" } })).toContain(
      `set_config('request.jwt.claims',  E'{"sub":"x","role":"authenticated","email":"o''k\\\\u0000"}', true)`,
    );
  });

  it('refuses names that are not plain identifiers', () => {
    expect(() => rpcScript('f(); drop table x; --', {}, { role: 'anon' })).toThrow();
    expect(() => rpcScript('f', { 'a => 1); --': 1 }, { role: 'anon' })).toThrow();
  });
});
