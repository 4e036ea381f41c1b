import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { filterBackupArchive } from './backup-archive';

/** The allow-list of embedded backups, on archives made by the system's tar (GNU and pax long names included). */
describe('filterBackupArchive', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'siang-archive-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const deep = `base/1/${'x'.repeat(120)}`; // longer than a tar header's 100-character name field

  function folder(): string {
    const dir = path.join(root, 'data');
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of [
      ['PG_VERSION', '18'],
      [deep, 'rows'],
      ['global/pg_control', 'c'],
      ['pg_wal/0001', 'w'],
      ['postgresql.conf', ''],
      ['postmaster.pid', '42'],
      ['siang.lock', '{"pid":1}'],
      ['secrets.json', '{}'],
      ['demo-accounts.json', '{}'],
      ['evidence/0b5e6a4c-1c1e-4f7e-9a57-2f6f0c1d2e3f', 'photo'],
    ] as const) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }
  const list = (archive: Buffer) => {
    const file = path.join(root, 'out.tar.gz');
    fs.writeFileSync(file, archive);
    return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
      .split('\n')
      .filter((n) => n && !n.endsWith('/'))
      .sort();
  };

  for (const format of ['gnu', 'pax']) {
    it(`keeps PostgreSQL's files and the evidence, and nothing else (${format} tar)`, () => {
      const tar = execFileSync('tar', [`--format=${format}`, '-czf', '-', '-C', folder(), '.']);
      const { archive, left } = filterBackupArchive(tar);
      expect(list(archive)).toEqual(
        [
          `./${deep}`,
          './PG_VERSION',
          './evidence/0b5e6a4c-1c1e-4f7e-9a57-2f6f0c1d2e3f',
          './global/pg_control',
          './pg_wal/0001',
          './postgresql.conf',
        ].sort(),
      );
      expect(left).toEqual(['demo-accounts.json', 'postmaster.pid', 'secrets.json', 'siang.lock']);
    });
  }

  it('refuses what is not a backup of the database, with a reason', () => {
    expect(() => filterBackupArchive(Buffer.from('hello, not a tar'))).toThrow(/damaged|no database/);
    fs.rmSync(path.join(root, 'empty'), { recursive: true, force: true });
    fs.mkdirSync(path.join(root, 'empty'));
    fs.writeFileSync(path.join(root, 'empty', 'siang.lock'), '{}');
    expect(() => filterBackupArchive(execFileSync('tar', ['-czf', '-', '-C', path.join(root, 'empty'), '.']))).toThrow(/no database/);
    const cut = execFileSync('tar', ['-cf', '-', '-C', folder(), '.']).subarray(0, 700);
    expect(() => filterBackupArchive(cut)).toThrow(/damaged/);
  });
});
