import { describe, expect, it } from 'vitest';
import { sniffType } from './sniff';
import { stripMetadata } from './strip-metadata';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
const segment = (marker: number, payload: string) => {
  const length = payload.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...Buffer.from(payload, 'latin1')];
};
const chunk = (type: string, data: string) => {
  const length = data.length;
  return [
    (length >>> 24) & 0xff,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
    ...Buffer.from(type + data, 'latin1'),
    0,
    0,
    0,
    0,
  ];
};

describe('evidence files', () => {
  it('are recognised by their bytes, not their names: an executable called photo.jpg is refused', () => {
    expect(sniffType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(bytes([0x89], 'PNG\r\n\x1a\n'))).toBe('image/png');
    expect(sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(bytes('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(bytes('MZ', [0x90, 0, 3, 0]))).toBeNull(); // a Windows executable
    expect(sniffType(bytes('\x7fELF'))).toBeNull();
    expect(sniffType(bytes('<svg onload=alert(1)>'))).toBeNull(); // SVG can carry script: not accepted
  });

  it('lose the GPS and camera data of a JPEG, and keep the picture', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      segment(0xe0, 'JFIF\0'),
      segment(0xe1, 'Exif\0\0GPS 13.7563N 100.5018E'),
      segment(0xfe, 'owner: somchai'),
      segment(0xdb, 'quant-table'),
      [0xff, 0xda, 0, 4, 1, 2],
      'scan-data',
      [0xff, 0xd9],
    );
    const clean = stripMetadata(jpeg, 'image/jpeg')!;
    const text = Buffer.from(clean).toString('latin1');
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('somchai');
    expect(text).toContain('JFIF');
    expect(text).toContain('quant-table');
    expect(text.endsWith('scan-data\xff\xd9')).toBe(true);
    expect(sniffType(clean)).toBe('image/jpeg');
  });

  it('lose the text chunks of a PNG, and refuse a file whose structure does not parse', () => {
    const png = bytes(
      [0x89],
      'PNG\r\n\x1a\n',
      chunk('IHDR', '1234567890123'),
      chunk('tEXt', 'Author\0Somchai'),
      chunk('eXIf', 'GPS'),
      chunk('IDAT', 'pixels'),
      chunk('IEND', ''),
    );
    const clean = Buffer.from(stripMetadata(png, 'image/png')!).toString('latin1');
    expect(clean).not.toContain('Somchai');
    expect(clean).not.toContain('eXIf');
    expect(clean).toContain('IDAT');
    expect(stripMetadata(bytes([0xff, 0xd8], [0x12, 0x34]), 'image/jpeg')).toBeNull();
    expect(stripMetadata(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 99], 'IDAT'), 'image/png')).toBeNull();
  });
});
