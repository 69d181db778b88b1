import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORK_DIR } from './batch-entry.js';
import { LOCK_FILE } from './batch-lock.js';
import { GRADEBOOK_FILE, SUMMARY_FILE } from './class-reports.js';
import { MANIFEST_FILE } from './manifest.js';
import { shortHash, studentFolderName } from './student-folder.js';

// Expected hashes: python3 -c "import hashlib; print(hashlib.sha256(b'../../x').hexdigest()[:8])"
describe('studentFolderName', () => {
  it('keeps a clean id as it is', () => {
    expect(studentFolderName('alice')).toBe('alice');
    expect(studentFolderName('2024-0107')).toBe('2024-0107');
    expect(studentFolderName('a_b')).toBe('a_b');
  });

  it('turns path-like and odd ids into one safe name with the raw id hashed', () => {
    expect(studentFolderName('../../x')).toBe('x-9cdf6a50');
    expect(studentFolderName('a/b')).toBe('a_b-c14cddc0');
    expect(studentFolderName('Alice')).toBe('alice-3bc51062');
    expect(studentFolderName('José Silva')).toBe('jos_silva-c796a3a6');
    expect(studentFolderName('')).toBe('student-e3b0c442');
    expect(studentFolderName('..')).toBe('student-5ec1f7e7');
    expect(studentFolderName('CON')).toBe('student_con-a3dbc4b6');
    expect(shortHash('../../x')).toBe('9cdf6a50');
  });

  it('always lands directly inside OUT', () => {
    const out = resolve('/tmp/out');
    const hostile = ['../../x', '/etc/passwd', '..\\..\\win', '.', '..', '~root', 'a\u0000b', '.hidden', `${'x'.repeat(500)}`, 'ＡＢ／..'];
    for (const id of hostile) {
      const name = studentFolderName(id);
      expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
      expect(name.length).toBeLessThanOrEqual(64 + 9);
      expect(relative(out, join(out, name))).toBe(name);
    }
  });

  it('gives ids that clean to the same text different folders', () => {
    expect(studentFolderName('a/b')).not.toBe(studentFolderName('a_b'));
    expect(studentFolderName('Alice')).not.toBe(studentFolderName('alice'));
  });
});

describe('studentFolderName and the files a batch writes in OUT', () => {
  // `id: gradebook.csv` made OUT/gradebook.csv/ the student's folder, and every later gradebook write failed with EISDIR.
  it('never names a class output: those all hold a dot, a student folder never does', () => {
    const outputs = [GRADEBOOK_FILE, SUMMARY_FILE, MANIFEST_FILE, LOCK_FILE, WORK_DIR];
    for (const name of outputs) {
      expect(name).toContain('.');
      expect(studentFolderName(name)).not.toContain('.');
    }
    expect(studentFolderName('gradebook.csv')).toBe('gradebook_csv-db3707d1');
    expect(studentFolderName('j.silva')).toMatch(/^j_silva-[0-9a-f]{8}$/);
  });
});
