import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      expect(name).toMatch(/^[a-z0-9][a-z0-9._~-]*$/);
      expect(name.length).toBeLessThanOrEqual(64 + 9);
      expect(relative(out, join(out, name))).toBe(name);
    }
  });

  it('gives ids that clean to the same text different folders', () => {
    expect(studentFolderName('a/b')).not.toBe(studentFolderName('a_b'));
    expect(studentFolderName('Alice')).not.toBe(studentFolderName('alice'));
  });
});
