import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { localStore } from './store';
import { prepareEvidence } from './prepare';

const chunk = (type: string, data: Buffer) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])) >>> 0, 8 + data.length);
  return out;
};
/** A 1×1 PNG, chunk by chunk. */
const png = Buffer.concat([
  Buffer.from('89504e470d0a1a0a', 'hex'),
  chunk('IHDR', Buffer.from('0000000100000001080600000000', 'hex').subarray(0, 13)),
  chunk('IDAT', Buffer.from('789c63600000000400010d0a2db4', 'hex')),
  chunk('IEND', Buffer.alloc(0)),
]);

describe('preparing an uploaded evidence file', () => {
  it('refuses a name with a path in it, whatever the content (a sign of a forged upload)', async () => {
    for (const name of ['../../etc/passwd.png', '..\\..\\boot.ini', 'a/b.png', 'ok..png', 'x\u0000.png']) {
      expect(await prepareEvidence(new File([png], name, { type: 'image/png' }))).toEqual({ ok: false, code: 'file_name_invalid' });
    }
    expect((await prepareEvidence(new File([png], 'chairs.png', { type: 'image/png' }))).ok).toBe(true);
  });

  it('refuses an empty file, a file over 5 MB, and a type the bytes do not show, whatever it claims', async () => {
    expect(await prepareEvidence(null)).toEqual({ ok: false, code: 'file_missing' });
    expect(await prepareEvidence(new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.png'))).toEqual({
      ok: false,
      code: 'file_too_large',
    });
    expect(await prepareEvidence(new File(['<?php system($_GET[1]); ?>'], 'shell.jpg', { type: 'image/jpeg' }))).toEqual({
      ok: false,
      code: 'file_type_not_allowed',
    });
  });

  it('stores files only under their UUID, never under anything a user typed', async () => {
    const store = localStore('/tmp/siang-evidence-test');
    await expect(store.put('../../etc/passwd', new Uint8Array([1]), 'image/png')).rejects.toThrow('not an evidence id');
    await expect(store.get('..%2f..%2fsecrets.json')).rejects.toThrow('not an evidence id');
  });
});
