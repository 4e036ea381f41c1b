import { describe, expect, it } from 'vitest';
import { readJson } from './read-json';

const post = (body: BodyInit | null, type = 'application/json') =>
  new Request('http://localhost/api', { method: 'POST', body, headers: { 'content-type': type } });

describe('readJson', () => {
  it('reads a JSON body', async () => {
    expect(await readJson(post('{"a":"ไทย"}'), 100)).toEqual({ ok: true, value: { a: 'ไทย' } });
  });

  it('answers 415 for another media type, 413 past the cap, 400 for bad JSON or bad UTF-8', async () => {
    expect(await readJson(post('a=1', 'application/x-www-form-urlencoded'), 100)).toMatchObject({ status: 415 });
    expect(await readJson(post('{"a":"' + 'x'.repeat(200) + '"}'), 100)).toMatchObject({ status: 413 });
    expect(await readJson(post('{"a":'), 100)).toMatchObject({ status: 400, code: 'invalid_json' });
    expect(await readJson(post(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])), 100)).toMatchObject({ status: 400 });
  });
});
